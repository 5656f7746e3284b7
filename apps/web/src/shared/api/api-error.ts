/**
 * Every failed call becomes an ApiError carrying the server's problem document (RFC 9457), so
 * forms can put `errors[].field` messages next to their inputs and show `detail` for the rest.
 */
import type { FieldError, Problem } from '@recflow/contracts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: string;
  readonly fieldErrors: readonly FieldError[];

  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail || problem.title;
    this.fieldErrors = problem.errors ?? [];
  }

  /**
   * Field messages keyed by the first path segment under `location` (`body.tagNames.2` becomes
   * `tagNames`), the name the form gives its input. The first message per field wins.
   */
  fieldMessages(location: 'body' | 'query' | 'params' = 'body'): Record<string, string> {
    const messages: Record<string, string> = {};
    for (const { field, message } of this.fieldErrors) {
      const [where, name] = field.split('.');
      if (where !== location || !name || name in messages) continue;
      messages[name] = message;
    }
    return messages;
  }
}

/** The message to show for any error a query or mutation may raise. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}
