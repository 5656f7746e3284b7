/**
 * The small set of typed errors domain code throws. One global filter (http/problem.filter.ts)
 * turns them into problem+json answers; nothing else maps errors to HTTP.
 */
import type { ErrorCode, FieldError } from '@recflow/contracts';

export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

/** The request is well-formed but the current state forbids it. */
export class InvalidStateError extends DomainError {
  readonly status = 422;
}

export class ValidationError extends DomainError {
  readonly status = 400;
}

/** A service recflow depends on failed; `service` names it (streamq, stlink, recnode, untf). */
export class UpstreamError extends DomainError {
  readonly status = 502;
  constructor(
    readonly service: string,
    message: string,
    readonly kind: 'timeout' | 'unreachable' | 'status' | 'invalid_response',
    readonly upstreamStatus?: number,
    /** The start of the answer's body, when there was one. */
    readonly upstreamBody?: string,
  ) {
    super(`${service}: ${message}`, `upstream.${service}.${kind}`);
  }
}
