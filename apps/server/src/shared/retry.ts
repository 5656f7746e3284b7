/** Retries an async call with exponential back-off, for failures the caller deems transient. */
export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  baseDelayMs: number;
  /** Delay multiplier per attempt (1 = constant). */
  factor: number;
}

export async function withRetry<T>(
  policy: RetryPolicy,
  fn: (attempt: number) => Promise<T>,
  isTransient: (error: unknown) => boolean = () => true,
): Promise<T> {
  let attempt = 0;
  for (;;) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= policy.retries || !isTransient(error)) throw error;
      const delay = policy.baseDelayMs * policy.factor ** attempt;
      attempt++;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
