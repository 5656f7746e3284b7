/**
 * What the cleaner does with each verdict, on a fake BroadcastCheck, a fake finisher and a fake
 * database. The cleaner writes its SQL inline, so the fake database renders each statement
 * (drizzle's PgDialect) and plays the part of the `live` table the statements touch: the read of
 * recording lives, and the updates that start and end a stream outage (each returns only the
 * lives whose outage it actually started or ended, as the real statements' conditions do).
 */
import { Logger } from '@nestjs/common';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditLog } from '../audit/audit-log';
import type { DatabaseHandle } from '../db/db.module';
import type { BroadcastCheck, BroadcastVerdict, RecordedBroadcast } from './broadcast-check';
import { LiveCleaner } from './live-cleaner';
import type { LiveFinisher } from './live-finisher';

const dialect = new PgDialect();
const OUTAGE_START = '2030-01-01T11:59:00.000Z';
const OUTAGE_SECONDS = 60;

interface Live {
  id: string;
  verdict: BroadcastVerdict;
  /** When its stream outage started, if it is in one. */
  unavailableSince?: string;
}

function setup(lives: Live[]) {
  const table = new Map(lives.map((l) => [l.id, l.unavailableSince ?? null]));
  const statements: string[] = [];
  const execute = vi.fn(async (query: SQL) => {
    const { sql: text, params } = dialect.sqlToQuery(query);
    statements.push(text);
    if (/^\s*select/.test(text)) {
      return {
        rows: lives.map((l) => ({
          id: l.id,
          platform: 'chzzk',
          channelUid: `chan-${l.id}`,
          sourceId: `src-${l.id}`,
          isAdult: false,
          stream: null,
          unavailableSince: table.get(l.id),
        })),
      };
    }
    const ids = JSON.parse(String(params[0])) as string[];
    if (text.includes('stream_unavailable_since = now()')) {
      const started = ids.filter((id) => table.has(id) && table.get(id) === null);
      for (const id of started) table.set(id, new Date().toISOString());
      return { rows: started.map((id) => ({ id })) };
    }
    if (text.includes('stream_unavailable_since = null')) {
      const ended = ids.filter((id) => table.get(id) !== null && table.get(id) !== undefined);
      for (const id of ended) table.set(id, null);
      return { rows: ended.map((id) => ({ id, seconds: OUTAGE_SECONDS })) };
    }
    throw new Error(`unexpected statement: ${text}`);
  });
  const handle = { database: { db: { execute } } } as unknown as DatabaseHandle;
  const verdicts = new Map(lives.map((l) => [l.id, l.verdict]));
  const broadcasts = {
    check: vi.fn(async (b: RecordedBroadcast & { id?: string }) => verdicts.get(b.id!)!),
  };
  const finisher = {
    request: vi.fn(async (_liveId: string, _cmd: string, _purge: boolean, _by: string) => ({})),
  };
  const audit = { record: vi.fn(async (..._entries: AuditEntry[]) => undefined) };
  const cleaner = new LiveCleaner(
    handle,
    broadcasts as unknown as BroadcastCheck,
    finisher as unknown as LiveFinisher,
    audit as unknown as AuditLog,
  );
  const finished = () => finisher.request.mock.calls.map(([id]) => id).sort();
  const events = () => audit.record.mock.calls.flat();
  const updates = () => statements.filter((s) => /^\s*update/.test(s)).length;
  return { cleaner, broadcasts, finisher, audit, table, finished, events, updates };
}

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('what the cleaner does with each verdict', () => {
  it('an ended broadcast is finished by the cleaner, without purging', async () => {
    const f = setup([{ id: 'L1', verdict: { kind: 'ended', reason: 'the broadcast ended' } }]);
    const outcome = await f.cleaner.clean();
    expect(outcome).toEqual({ checked: 1, ended: 1, restarted: 0, unavailable: 0, unknown: 0 });
    expect(f.finisher.request).toHaveBeenCalledWith('L1', 'finish', false, 'cleaner');
  });

  it('a broadcast restarted under a new id has its old live finished', async () => {
    const f = setup([
      { id: 'L1', verdict: { kind: 'restarted', liveUid: 'new-broadcast' } },
      { id: 'L2', verdict: { kind: 'on_air' } },
    ]);
    const outcome = await f.cleaner.clean();
    expect(outcome).toMatchObject({ restarted: 1, ended: 0 });
    expect(f.finished()).toEqual(['L1']);
  });

  it('a platform that does not answer ends nothing and marks nothing', async () => {
    const f = setup([{ id: 'L1', verdict: { kind: 'unknown', reason: 'timed out' } }]);
    const outcome = await f.cleaner.clean();
    expect(outcome).toMatchObject({ unknown: 1, ended: 0 });
    expect(f.finisher.request).not.toHaveBeenCalled();
    expect(f.updates()).toBe(0);
  });

  it('an unavailable stream keeps its live, starts an outage and audits its start once', async () => {
    const f = setup([{ id: 'L1', verdict: { kind: 'unavailable', reason: 'the playlist answered 403' } }]);
    const outcome = await f.cleaner.clean();
    expect(outcome).toMatchObject({ unavailable: 1, ended: 0 });
    expect(f.finisher.request).not.toHaveBeenCalled();
    expect(f.table.get('L1')).not.toBeNull();
    expect(f.events()).toEqual([
      {
        kind: 'live.stream_unavailable',
        liveId: 'L1',
        message:
          'the broadcast is on but its stream cannot be fetched (the playlist answered 403); recording kept',
      },
    ]);
    // The next pass finds the outage already started: nothing more is audited.
    await f.cleaner.clean();
    expect(f.events()).toHaveLength(1);
  });

  it('a stream answering again ends its outage, audited with how long it lasted', async () => {
    const f = setup([{ id: 'L1', verdict: { kind: 'on_air' }, unavailableSince: OUTAGE_START }]);
    await f.cleaner.clean();
    expect(f.table.get('L1')).toBeNull();
    expect(f.events()).toEqual([
      {
        kind: 'live.stream_available',
        liveId: 'L1',
        message: `the stream answers again after ${OUTAGE_SECONDS} s`,
      },
    ]);
  });

  it('a live on air and in no outage costs no update', async () => {
    const f = setup([{ id: 'L1', verdict: { kind: 'on_air' } }]);
    const outcome = await f.cleaner.clean();
    expect(outcome).toEqual({ checked: 1, ended: 0, restarted: 0, unavailable: 0, unknown: 0 });
    expect(f.updates()).toBe(0);
    expect(f.audit.record).not.toHaveBeenCalled();
  });

  it('a finish that fails does not stop the other lives from being judged and finished', async () => {
    const f = setup([
      { id: 'L1', verdict: { kind: 'ended', reason: 'the broadcast ended' } },
      { id: 'L2', verdict: { kind: 'ended', reason: 'the broadcast ended' } },
      { id: 'L3', verdict: { kind: 'unavailable', reason: 'stlink cannot open the live right now' } },
    ]);
    f.finisher.request.mockRejectedValueOnce(new Error('conflict'));
    const outcome = await f.cleaner.clean();
    expect(outcome).toMatchObject({ checked: 3, ended: 2, unavailable: 1 });
    expect(f.finished()).toEqual(['L1', 'L2']);
    expect(f.events().map((e) => e.kind)).toEqual(['live.stream_unavailable']);
  });

  it('each recording live is judged with what the cleaner read of it', async () => {
    const f = setup([{ id: 'L1', verdict: { kind: 'on_air' } }]);
    await f.cleaner.clean();
    expect(f.broadcasts.check).toHaveBeenCalledWith(
      expect.objectContaining({
        platform: 'chzzk',
        channelUid: 'chan-L1',
        sourceId: 'src-L1',
        isAdult: false,
      }),
    );
  });
});
