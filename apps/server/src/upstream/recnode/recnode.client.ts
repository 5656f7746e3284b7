/**
 * The recnode HTTP API: list a node's recordings with stats, start and cancel one.
 * Every call has the node's own timeout, so a slow or dead node affects only the calls made to it.
 * Answers are told apart as recnode means them: 404 "Not found LiveState" on start means the state
 * is missing, 422 with a string detail means "already recording" (FastAPI's own validation 422
 * carries an array), 404 on cancel means the live is already gone.
 *
 * A node's list of recordings is checked item by item: a node shared with other work lists
 * recordings recflow never asked for, some of platforms recflow does not know. Such an item is left
 * out and counted (`invalid_item`), and logged once per node and kind of mismatch; the node and its
 * other recordings stay as valid as they are. Only a broken envelope makes the answer invalid.
 */
import { Injectable, Logger } from '@nestjs/common';
import {
  RECNODE_DETAIL,
  RecnodeError,
  RecnodeOk,
  RecnodeRecording,
  RecnodeRecordingListEnvelope,
} from '@recflow/contracts';
import { AppConfig } from '../../config/app-config';
import { UpstreamError } from '../../shared/errors';
import { callJson } from '../http-json';
import { UpstreamStats } from '../upstream-stats';

export const RECNODE = 'recnode';

export type StartOutcome = 'started' | 'already_recording' | 'state_missing';
export type CancelOutcome = 'cancelled' | 'not_found';

function detailOf(error: UpstreamError): string | undefined {
  if (!error.upstreamBody) return undefined;
  try {
    const parsed = RecnodeError.safeParse(JSON.parse(error.upstreamBody));
    return parsed.success && typeof parsed.data.detail === 'string' ? parsed.data.detail : undefined;
  } catch {
    return undefined;
  }
}

/** Past this many (node, kind) pairs logged, the memory of them starts over: a bound, not a policy. */
const MAX_LOGGED_KINDS = 10_000;

/** The value at `path` in `item`, shown briefly when it is a primitive (an unknown platform's name). */
function shownValue(item: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = item;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return ' (missing)';
  return value === null || typeof value !== 'object' ? ` (${JSON.stringify(value).slice(0, 60)})` : '';
}

export interface RecnodeListing {
  recordings: RecnodeRecording[];
  /** Ids of listed recordings that failed validation (a foreign platform, a changed shape). */
  unreadableIds: string[];
}

/** How long one node's list answer serves every finish and drain waiting on that node. */
const SHARED_LISTING_MS = 400;

@Injectable()
export class RecnodeClient {
  private readonly logger = new Logger('RecnodeClient');
  /** The last `listedIds` call per node (one entry per node of the fleet). */
  private readonly sharedListings = new Map<string, { at: number; ids: Promise<string[]> }>();
  /** `endpoint kind` of every mismatch already logged, so that each is logged once, not every poll. */
  private readonly loggedKinds = new Set<string>();

  constructor(
    private readonly config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {}

  private headers() {
    return { authorization: `Bearer ${this.config.values.RECNODE_API_TOKEN}` };
  }

  async recordings(
    endpoint: string,
    timeoutMs = this.config.values.HTTP_TIMEOUT_MS,
  ): Promise<RecnodeRecording[]> {
    return (await this.listing(endpoint, timeoutMs)).recordings;
  }

  /**
   * The node's recordings, and the ids of those it lists that recflow cannot read. An unreadable
   * item is left out of `recordings`, but its id still says the node holds that recording: a live
   * of recflow's listed in an unexpected shape is not a live the node has finished with.
   */
  async listing(endpoint: string, timeoutMs = this.config.values.HTTP_TIMEOUT_MS): Promise<RecnodeListing> {
    // Only `stats`: recnode's `full_stats` can answer 500 while a segment is downloading.
    const answer = await callJson(this.stats, {
      service: RECNODE,
      url: `${endpoint}/api/recordings?fields=stats`,
      schema: RecnodeRecordingListEnvelope,
      timeoutMs,
      headers: this.headers(),
    });
    const recordings: RecnodeRecording[] = [];
    const unreadableIds: string[] = [];
    for (const item of answer!.recordings) {
      const parsed = RecnodeRecording.safeParse(item);
      if (parsed.success) {
        recordings.push(parsed.data);
        continue;
      }
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') unreadableIds.push(id);
      this.logDropped(endpoint, item, parsed.error.issues[0]);
    }
    this.stats.record(RECNODE, 'invalid_item', answer!.recordings.length - recordings.length);
    return { recordings, unreadableIds };
  }

  /**
   * Every recording id the node lists, readable or not. Many finishes and drains wait on one node
   * at once, each polling it every second: they share one call per node, and an answer for up to
   * SHARED_LISTING_MS (less than their poll interval, so each poll still sees a newer answer
   * than its last).
   */
  listedIds(endpoint: string): Promise<string[]> {
    const now = Date.now();
    const shared = this.sharedListings.get(endpoint);
    if (shared && now - shared.at < SHARED_LISTING_MS) return shared.ids;
    const ids = this.listing(endpoint).then(({ recordings, unreadableIds }) => [
      ...recordings.map((r) => r.id),
      ...unreadableIds,
    ]);
    this.sharedListings.set(endpoint, { at: now, ids });
    // A failed call is not shared beyond its own callers: the next poll asks again.
    ids.catch(() => {
      if (this.sharedListings.get(endpoint)?.ids === ids) this.sharedListings.delete(endpoint);
    });
    return ids;
  }

  private logDropped(
    endpoint: string,
    item: unknown,
    issue: { path: readonly PropertyKey[]; message: string } | undefined,
  ): void {
    const path = issue?.path.map(String).join('.') ?? '';
    const kind = `${path}: ${issue?.message ?? 'invalid'}`;
    const key = `${endpoint} ${kind}`;
    if (this.loggedKinds.has(key)) return;
    if (this.loggedKinds.size >= MAX_LOGGED_KINDS) this.loggedKinds.clear();
    this.loggedKinds.add(key);
    const id = (item as { id?: unknown } | null)?.id;
    const value = issue ? shownValue(item, issue.path) : '';
    this.logger.warn(
      `${endpoint} lists a recording recflow cannot read${typeof id === 'string' ? ` (${id})` : ''}: ` +
        `"${path}"${value}: ${issue?.message ?? 'invalid'}. Recordings like it are left out; logged once for this node.`,
    );
  }

  async start(endpoint: string, liveId: string): Promise<StartOutcome> {
    try {
      await callJson(this.stats, {
        service: RECNODE,
        method: 'POST',
        url: `${endpoint}/api/recordings/${encodeURIComponent(liveId)}`,
        schema: RecnodeOk,
        timeoutMs: this.config.values.HTTP_TIMEOUT_MS,
        headers: this.headers(),
      });
      return 'started';
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'status') {
        const detail = detailOf(error);
        if (error.upstreamStatus === 422 && detail === RECNODE_DETAIL.alreadyRecording)
          return 'already_recording';
        if (error.upstreamStatus === 404 && detail === RECNODE_DETAIL.notFoundLiveState)
          return 'state_missing';
      }
      throw error;
    }
  }

  async cancel(endpoint: string, liveId: string): Promise<CancelOutcome> {
    try {
      await callJson(this.stats, {
        service: RECNODE,
        method: 'DELETE',
        url: `${endpoint}/api/recordings/${encodeURIComponent(liveId)}`,
        schema: RecnodeOk,
        timeoutMs: this.config.values.HTTP_TIMEOUT_MS,
        headers: this.headers(),
      });
      return 'cancelled';
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'status' && error.upstreamStatus === 404)
        return 'not_found';
      throw error;
    }
  }
}
