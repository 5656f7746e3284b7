import { api } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueId } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const chzzk = (patch: Record<string, unknown> = {}) => ({
  name: uniqueId('crit'),
  minUserCnt: 500,
  positiveKeywords: ['Minecraft'],
  negativeKeywords: ['rerun'],
  positiveWps: ['42'],
  ...patch,
});

describe('criteria', () => {
  it('are created inactive with their units in the original per-platform shape', async () => {
    const created = await app.api.call(api.criteria.createChzzk, { body: chzzk({ positiveTags: ['game'] }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      platform: 'chzzk',
      isDeactivated: true,
      minUserCnt: 500,
      loggingOnly: false,
    });
    if (created.body.platform !== 'chzzk') throw new Error('expected chzzk');
    expect(created.body.positiveKeywords.map((u) => u.value)).toEqual(['Minecraft']);
    expect(created.body.negativeKeywords.map((u) => u.value)).toEqual(['rerun']);
    expect(created.body.positiveWps.map((u) => [u.value, u.ruleName])).toEqual([
      ['42', 'chzzk_watch_party_no'],
    ]);
    expect((await app.api.ok(api.criteria.listChzzk)).map((c) => c.id)).toContain(created.body.id);
    const soop = await app.api.ok(api.criteria.createSoop, {
      body: { name: uniqueId('s'), positiveCates: ['7'] },
    });
    expect(soop).toMatchObject({ platform: 'soop', positiveCates: [{ value: '7' }] });
  });

  it('reject a body that does not make a sensible criterion, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ positiveKeywords: [], positiveWps: [] }, 'body.positiveTags'],
      [{ domesticOnly: true, overseasFirst: true }, 'body.overseasFirst'],
      [{ positiveWps: ['not-a-number'] }, 'body.positiveWps.0'],
      [{ minUserCnt: -1 }, 'body.minUserCnt'],
      [{ positiveKeywords: ['a', 'a'] }, 'body.positiveKeywords'],
      [{ surprise: true }, 'body'],
    ];
    for (const [patch, field] of cases) {
      const answer = await app.api.raw('POST', '/api/criteria/chzzk', chzzk(patch));
      expect(answer.status, JSON.stringify(patch)).toBe(400);
      expect((answer.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain(
        field,
      );
    }
  });

  it('answer 409 for a duplicate name', async () => {
    const body = chzzk();
    await app.api.ok(api.criteria.createChzzk, { body });
    expect((await app.api.call(api.criteria.createChzzk, { body })).status).toBe(409);
  });

  it('validate an update on the resulting criterion, so harmless combinations pass', async () => {
    const c = await app.api.ok(api.criteria.createChzzk, { body: chzzk({ overseasFirst: true }) });
    // The original refused any domesticOnly while overseasFirst was stored, even `false`.
    expect(
      (await app.api.ok(api.criteria.update, { params: { id: c.id }, body: { domesticOnly: false } }))
        .overseasFirst,
    ).toBe(true);
    const conflict = await app.api.call(api.criteria.update, {
      params: { id: c.id },
      body: { domesticOnly: true },
    });
    expect(conflict.status).toBe(422);
    const swapped = await app.api.ok(api.criteria.update, {
      params: { id: c.id },
      body: { domesticOnly: true, overseasFirst: false, isDeactivated: false },
    });
    expect(swapped).toMatchObject({ domesticOnly: true, overseasFirst: false, isDeactivated: false });
  });

  it('add and remove units, keeping at least one search on an active criterion', async () => {
    const c = await app.api.ok(api.criteria.createChzzk, {
      body: chzzk({ positiveWps: [], isDeactivated: false }),
    });
    const added = await app.api.ok(api.criteria.addUnit, {
      body: { criterionId: c.id, ruleName: 'chzzk_tag_name', value: 'speedrun', isPositive: true },
    });
    expect(added.positiveTags.map((u) => u.value)).toEqual(['speedrun']);
    expect(
      (
        await app.api.call(api.criteria.addUnit, {
          body: { criterionId: c.id, ruleName: 'chzzk_tag_name', value: 'speedrun', isPositive: true },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await app.api.call(api.criteria.addUnit, {
          body: { criterionId: c.id, ruleName: 'soop_cate_no', value: '1', isPositive: true },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await app.api.call(api.criteria.addUnit, {
          body: { criterionId: c.id, ruleName: 'chzzk_watch_party_no', value: 'x', isPositive: true },
        })
      ).status,
    ).toBe(400);

    const [keyword] = added.positiveKeywords;
    const [tag] = added.positiveTags;
    await app.api.ok(api.criteria.removeUnit, { params: { id: keyword!.id } });
    const last = await app.api.call(api.criteria.removeUnit, { params: { id: tag!.id } });
    expect(last.status).toBe(422);
    expect(last.body).toMatchObject({ code: 'criterion.last_search' });
    await app.api.ok(api.criteria.update, { params: { id: c.id }, body: { isDeactivated: true } });
    expect((await app.api.call(api.criteria.removeUnit, { params: { id: tag!.id } })).status).toBe(200);
  });

  it('are deleted with their units', async () => {
    const c = await app.api.ok(api.criteria.createSoop, {
      body: { name: uniqueId('gone'), positiveTags: ['x'] },
    });
    expect((await app.api.ok(api.criteria.remove, { params: { id: c.id } })).id).toBe(c.id);
    expect((await app.api.call(api.criteria.remove, { params: { id: c.id } })).status).toBe(404);
  });

  it('list the six rule kinds', async () => {
    const rules = await app.api.ok(api.criteria.rules);
    expect(rules.map((r) => `${r.platform}:${r.kind}`).sort()).toEqual([
      'chzzk:category',
      'chzzk:keyword',
      'chzzk:tag',
      'soop:category',
      'soop:keyword',
      'soop:tag',
    ]);
  });
});
