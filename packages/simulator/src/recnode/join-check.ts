/**
 * The consistency check of a node joining a live (interfaces.md, "isInvalid"): its own playlist
 * against what the other nodes recorded. Any disagreement means the stream restarted or the state
 * belongs to another broadcast, and recflow must restart the live as a new record (§6.6).
 */
import { RECNODE_PROTOCOL, type RecnodeSegmentState } from '@recflow/contracts';
import type { SegmentProtocol, SegmentRef } from './segment-protocol';

export interface JoinEvidence {
  /** The joining node's first non-empty playlist. */
  segments: SegmentRef[];
  /** Recorded states of those segment numbers. */
  recorded: Map<number, RecnodeSegmentState>;
  /** The highest number in `segments:success`, if any. */
  highestSuccess: number | null;
  /** Simulated now, epoch ms. */
  now: number;
  /** The size the origin gives for a segment URL now (a HEAD), or null when it cannot tell. */
  sizeOf(url: string): Promise<number | null>;
}

/** Why the joining node finds the live invalid, or null when it agrees with the recorded state. */
export async function findInconsistency(evidence: JoinEvidence): Promise<string | null> {
  const { segments, recorded, highestSuccess, now } = evidence;
  const last = segments[segments.length - 1];
  if (
    last &&
    highestSuccess !== null &&
    Math.abs(last.num - highestSuccess) > RECNODE_PROTOCOL.invalidNumberGap
  ) {
    return `segment ${last.num} is more than ${RECNODE_PROTOCOL.invalidNumberGap} from recorded ${highestSuccess}`;
  }
  let sized: { segment: SegmentRef; size: number } | null = null;
  for (const segment of segments) {
    const state = recorded.get(segment.num);
    if (!state) continue;
    if (state.url !== segment.url) return `segment ${segment.num} has another URL`;
    if (Math.abs(state.duration - segment.durationSec) > 0.001)
      return `segment ${segment.num} has another duration`;
    const ageSec = (now - Date.parse(state.created_at)) / 1000;
    if (ageSec > RECNODE_PROTOCOL.invalidSegmentAgeSec)
      return `segment ${segment.num} is ${Math.round(ageSec)} s old`;
    if (state.size > 0) sized = { segment, size: state.size };
  }
  if (sized) {
    const size = await evidence.sizeOf(sized.segment.url);
    if (size !== null && size !== sized.size) return `segment ${sized.segment.num} changed size`;
  }
  return null;
}

/** Gathers the evidence for a joining node from the recnode Redis and checks it. */
export async function checkJoin(
  protocol: SegmentProtocol,
  liveId: string,
  segments: SegmentRef[],
  now: number,
  sizeOf: JoinEvidence['sizeOf'],
): Promise<string | null> {
  const [recorded, highestSuccess] = await Promise.all([
    protocol.states(
      liveId,
      segments.map((s) => s.num),
    ),
    protocol.highestSuccess(liveId),
  ]);
  return findInconsistency({ segments, recorded, highestSuccess, now, sizeOf });
}
