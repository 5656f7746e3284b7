/** Builds RFC 9457 problem documents and maps any thrown value to one. */
import { HttpException, Logger } from '@nestjs/common';
import { ERROR_CODES, type ErrorCode, PROBLEM_CONTENT_TYPE, type Problem } from '@recflow/contracts';
import type { Response } from 'express';
import {
  asPgError,
  PG_CHECK_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_INVALID_TEXT,
  PG_UNIQUE_VIOLATION,
} from '../db/pg-errors';
import { DomainError } from '../shared/errors';
import { unreachableStore } from './unavailable';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  detail: string,
  extra: Partial<Omit<Problem, 'code'>> & { code?: ErrorCode } = {},
): Problem {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra };
}

const logger = new Logger('HTTP');

export function toProblem(error: unknown, instance?: string): Problem {
  if (error instanceof DomainError) {
    return problem(error.status, error.message, { code: error.code, errors: error.errors, instance });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail =
      typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
    return problem(status, detail, { instance });
  }
  const pg = asPgError(error);
  if (pg?.code === PG_UNIQUE_VIOLATION) {
    return problem(
      409,
      `Already exists (${pg.constraint ?? 'unique constraint'}): ${pg.detail ?? ''}`.trim(),
      {
        code: ERROR_CODES.conflict.unique,
        instance,
      },
    );
  }
  if (pg?.code === PG_FOREIGN_KEY_VIOLATION) {
    return problem(409, `Still referenced by other rows (${pg.constraint ?? 'foreign key'})`, {
      code: ERROR_CODES.conflict.referenced,
      instance,
    });
  }
  if (pg?.code === PG_CHECK_VIOLATION) {
    return problem(422, `Rejected by the database rule ${pg.constraint ?? ''}`.trim(), {
      code: ERROR_CODES.invalid.check,
      instance,
    });
  }
  if (pg?.code === PG_INVALID_TEXT) {
    return problem(400, 'A value has the wrong format', { code: ERROR_CODES.request.invalid, instance });
  }
  const store = unreachableStore(error);
  if (store) {
    logger.warn(`${store} unreachable on ${instance ?? '?'}: ${(error as Error).message}`);
    return problem(503, `${store} cannot be reached right now; try again shortly`, {
      code: ERROR_CODES.service.unavailable,
      instance,
    });
  }
  logger.error(`Unhandled error on ${instance ?? '?'}: ${(error as Error)?.stack ?? String(error)}`);
  return problem(500, 'Internal error; it has been logged', { instance });
}

export function sendProblem(res: Response, p: Problem): void {
  res.status(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
}
