/**
 * JSON body parsing with problem+json answers for malformed or oversized bodies (the framework's
 * default would answer with an HTML page).
 */
import { ERROR_CODES } from '@recflow/contracts';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { problem, sendProblem } from './problem';

export const BODY_LIMIT = '10mb';

export function installBodyParsing(app: Express): void {
  app.use(express.json({ limit: BODY_LIMIT, strict: false }));
  const onParseError: ErrorRequestHandler = (error, req, res, next) => {
    const status = (error as { status?: number }).status;
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') {
      sendProblem(
        res,
        problem(400, `The body is not valid JSON: ${(error as Error).message}`, {
          code: ERROR_CODES.request.malformedJson,
          instance: req.originalUrl,
        }),
      );
      return;
    }
    if (type === 'entity.too.large') {
      sendProblem(
        res,
        problem(413, `The body is larger than ${BODY_LIMIT}`, {
          code: ERROR_CODES.request.tooLarge,
          instance: req.originalUrl,
        }),
      );
      return;
    }
    if (status && status >= 400 && status < 500) {
      sendProblem(res, problem(status, (error as Error).message, { instance: req.originalUrl }));
      return;
    }
    next(error);
  };
  app.use(onParseError);
}
