/**
 * Deterministic segment bodies: a few KB derived from the stream key, the numbering epoch and the
 * segment number, so that a downloader can check that it got exactly the segment it asked for and
 * a restarted stream's segment 5 differs (in bytes and size) from the old one.
 */

const MAGIC = 'SIMSEG';

export interface SegmentIdentity {
  streamKey: string;
  epoch: number;
  num: number;
}

/** FNV-1a over the identity: the seed of the body and of its size. */
function seedOf({ streamKey, epoch, num }: SegmentIdentity): number {
  const text = `${streamKey}|${epoch}|${num}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The body size in bytes: between 2 and 4 KB, fixed per identity. */
export function segmentSize(identity: SegmentIdentity): number {
  return 2048 + (seedOf(identity) % 2048);
}

export function segmentBody(identity: SegmentIdentity): Buffer {
  const size = segmentSize(identity);
  const header = Buffer.from(`${MAGIC} ${identity.streamKey} ${identity.epoch} ${identity.num}\n`, 'utf8');
  const body = Buffer.allocUnsafe(Math.max(size, header.length));
  header.copy(body, 0);
  // mulberry32 fills the rest; cheap enough to regenerate on every request and every check.
  let state = seedOf(identity);
  for (let i = header.length; i < body.length; i += 4) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    t = (t ^ (t >>> 14)) >>> 0;
    for (let b = 0; b < 4 && i + b < body.length; b++) body[i + b] = (t >>> (8 * b)) & 0xff;
  }
  return body;
}

/** The identity a body claims in its header, if it is a well-formed and intact simulated segment. */
export function verifySegmentBody(body: Buffer): SegmentIdentity | null {
  const end = body.indexOf(0x0a);
  if (end < 0 || end > 512) return null;
  const [magic, streamKey, epoch, num] = body.subarray(0, end).toString('utf8').split(' ');
  if (magic !== MAGIC || !streamKey || epoch === undefined || num === undefined) return null;
  const identity = { streamKey, epoch: Number(epoch), num: Number(num) };
  if (!Number.isInteger(identity.epoch) || !Number.isInteger(identity.num)) return null;
  return segmentBody(identity).equals(body) ? identity : null;
}
