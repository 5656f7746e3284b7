/**
 * The finisher's wait for a live's nodes to upload what they recorded after the cancel. A node's
 * list can fail or be slow for reasons that say nothing about its recorders (recnode builds the
 * answer while another thread removes recorders from the map it walks), so one answer is never
 * enough: a node is done after two successful answers in a row without the live. A failed poll
 * keeps the node pending, starts its count again and sends it the cancel again, since it may have
 * missed the first one and a repeated cancel only repeats the stop. Only the deadline ends the
 * wait; the nodes still pending then are given up on, and the caller has to say so.
 *
 * Bounded: each round polls every pending node at once, each call under its own timeout, and
 * rounds are a fixed interval apart, so the wait ends at most one call timeout after the deadline.
 */

export interface UploadWaitNode {
  name: string;
  endpoint: string;
}

export interface UploadWaitClient {
  /** The ids of the recordings the node lists now; throws when it gives no valid answer. */
  recordingIds(endpoint: string): Promise<string[]>;
  /** Asks the node to stop the live's recorder; throws when the node did not take the request. */
  cancel(endpoint: string): Promise<unknown>;
}

export interface UploadWaitOptions {
  /** When the wait gives up on the nodes still pending. */
  timeoutMs: number;
  /** Between the end of one round of polls and the start of the next. */
  pollMs: number;
  /** The longest one call to one node may take before it counts as failed. */
  callTimeoutMs: number;
}

export interface UploadWaitResult {
  /** Names of the nodes that had not answered twice in a row without the live by the deadline. */
  givenUp: string[];
}

/** Successful answers in a row without the live after which a node has finished uploading. */
export const ABSENT_ANSWERS_NEEDED = 2;

interface Pending {
  node: UploadWaitNode;
  absentInARow: number;
  /** Whether the node took the cancel since its last failed poll. */
  cancelled: boolean;
}

/** Stops the live on `nodes` and waits until each has uploaded and dropped it, or the deadline. */
export async function waitForUploads(
  liveId: string,
  nodes: UploadWaitNode[],
  client: UploadWaitClient,
  options: UploadWaitOptions,
): Promise<UploadWaitResult> {
  const deadline = Date.now() + options.timeoutMs;
  let pending: Pending[] = nodes.map((node) => ({ node, absentInARow: 0, cancelled: false }));
  for (;;) {
    await Promise.all(pending.map((p) => poll(p, liveId, client, options.callTimeoutMs)));
    pending = pending.filter((p) => p.absentInARow < ABSENT_ANSWERS_NEEDED);
    if (pending.length === 0) return { givenUp: [] };
    const left = deadline - Date.now();
    if (left <= 0) return { givenUp: pending.map((p) => p.node.name) };
    await new Promise((r) => setTimeout(r, Math.min(options.pollMs, left)));
  }
}

async function poll(p: Pending, liveId: string, client: UploadWaitClient, timeoutMs: number) {
  const [cancel, list] = await Promise.allSettled([
    p.cancelled ? undefined : within(client.cancel(p.node.endpoint), timeoutMs),
    within(client.recordingIds(p.node.endpoint), timeoutMs),
  ]);
  p.cancelled = cancel.status === 'fulfilled';
  if (list.status === 'rejected') {
    p.absentInARow = 0;
    p.cancelled = false;
  } else {
    p.absentInARow = list.value.includes(liveId) ? 0 : p.absentInARow + 1;
  }
}

/** The call's own answer, or a failure once `ms` have passed without one. */
async function within<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
