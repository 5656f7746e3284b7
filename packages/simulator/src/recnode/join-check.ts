/**
 * recnode's segment validation (rwiv/recnode recnode/data/segment/seg_state_validator.py), both of
 * its checks, with their three verdicts: `ok` (go on), `no` (skip quietly: at join the node quits
 * without a word) and `critical` (the stream is not the one recorded: the node sets `isInvalid` on
 * the LiveState and stops).
 * - At join (`validate_segments`), reading the replica: a missing or already-invalid LiveState is
 *   `no`; when none of the playlist's numbers are in `success`, a last number more than 150 from
 *   the highest success is critical; a recorded segment of the playlist with another URL or
 *   duration, or whose claim is more than 120 s old by THIS node's clock (naive local times, so a
 *   node in another time zone than the claimer finds every recorded segment hours old), is
 *   critical; the newest recorded one with a size is downloaded again and a different size is
 *   critical.
 * - While recording (`validate_segment`), for every new segment of every poll: more than 150 from
 *   the highest success is critical (a numbering reset stops every node of the live at once); a
 *   segment already in `success` (the replica lagged behind the screening) is compared as above.
 */
import { RECNODE_PROTOCOL, type RecnodeSegmentState } from '@recflow/contracts';
import type { NodeClock } from './node-clock';
import type { SegmentProtocol, SegmentRef } from './segment-protocol';

export type Verdict = { kind: 'ok' } | { kind: 'no'; why: string } | { kind: 'critical'; why: string };

const OK: Verdict = { kind: 'ok' };

function tooFar(num: number, latest: number): boolean {
  return Math.abs(num - latest) > RECNODE_PROTOCOL.invalidNumberGap;
}

/** recnode's `__validate_segment_pair`: the reason a recorded segment disagrees, or null. */
function pairMismatch(seg: SegmentRef, recorded: RecnodeSegmentState, clock: NodeClock): string | null {
  if (recorded.url !== seg.url) return `segment ${seg.num} has another URL`;
  if (recorded.duration !== seg.durationSec) return `segment ${seg.num} has another duration`;
  const age = clock.pythonSecondsSince(recorded.created_at);
  if (age > RECNODE_PROTOCOL.invalidSegmentAgeSec) return `segment ${seg.num} was claimed ${age} s ago`;
  return null;
}

export interface JoinContext {
  protocol: SegmentProtocol;
  clock: NodeClock;
  liveId: string;
  /** The size of a segment downloaded now, or null when the download failed. */
  sizeOf(url: string): Promise<number | null>;
}

/** The check of a node's first playlist against what the live's other nodes recorded. */
export async function validateJoin(
  ctx: JoinContext,
  segments: SegmentRef[],
  latest: number | null,
): Promise<Verdict> {
  try {
    if (segments.length === 0) return { kind: 'no', why: 'segments is empty' };
    if (latest === null) return OK;
    const live = await ctx.protocol.readLiveState(ctx.liveId, 'replica');
    if (!live) return { kind: 'no', why: 'LiveState not found' };
    if (live.isInvalid) return { kind: 'no', why: 'LiveState is invalid' };
    const sorted = [...segments].sort((a, b) => a.num - b.num);
    const last = sorted[sorted.length - 1]!;
    const matched = new Set(await ctx.protocol.successBetween(ctx.liveId, sorted[0]!.num, last.num));
    if (matched.size === 0 && tooFar(last.num, latest))
      return { kind: 'critical', why: `segment ${last.num} is far from recorded ${latest}` };
    const states = await ctx.protocol.states(ctx.liveId, [...matched], 'replica');
    const recorded = sorted.filter((s) => matched.has(s.num));
    for (const seg of recorded) {
      const state = states.get(seg.num);
      if (!state) return { kind: 'no', why: `segment ${seg.num} not found` };
      const mismatch = pairMismatch(seg, state, ctx.clock);
      if (mismatch) return { kind: 'critical', why: mismatch };
    }
    for (const seg of recorded.reverse()) {
      const state = states.get(seg.num)!;
      if (state.size === null) continue;
      const size = await ctx.sizeOf(seg.url);
      if (size !== state.size) return { kind: 'critical', why: `segment ${seg.num} changed size` };
      break;
    }
    return OK;
  } catch (error) {
    return { kind: 'no', why: `validation failed: ${(error as Error).message}` };
  }
}

/** The check of one new segment while recording. */
export async function validateSegment(
  ctx: Pick<JoinContext, 'protocol' | 'clock' | 'liveId'>,
  seg: SegmentRef,
  latest: number | null,
): Promise<Verdict> {
  try {
    if (latest === null) return OK;
    if (tooFar(seg.num, latest))
      return { kind: 'critical', why: `segment ${seg.num} is far from recorded ${latest}` };
    if (!(await ctx.protocol.inSuccess(ctx.liveId, seg.num, 'replica'))) return OK;
    const state = (await ctx.protocol.states(ctx.liveId, [seg.num], 'replica')).get(seg.num);
    if (!state) return { kind: 'no', why: `segment ${seg.num} not found` };
    const mismatch = pairMismatch(seg, state, ctx.clock);
    return mismatch ? { kind: 'critical', why: mismatch } : { kind: 'no', why: 'already recorded' };
  } catch (error) {
    return { kind: 'no', why: `validation failed: ${(error as Error).message}` };
  }
}
