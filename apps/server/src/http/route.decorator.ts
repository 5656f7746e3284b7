/**
 * `@Route(def)` binds a handler to a contract route (method, path, status); `@Input()` hands the
 * handler its params, query and body, validated by the route's Zod schemas. Validation failures
 * become one 400 naming every bad field.
 */

import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  HttpCode,
  RequestMapping,
  RequestMethod,
  SetMetadata,
} from '@nestjs/common';
import type { FieldError, RouteDef, RouteInput } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import type { Request } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../shared/errors';

const ROUTE_DEF = Symbol('recflow:route');

export function Route(def: RouteDef): MethodDecorator {
  return applyDecorators(
    RequestMapping({ path: def.path, method: RequestMethod[def.method] }),
    HttpCode(def.status ?? 200),
    SetMetadata(ROUTE_DEF, def),
  );
}

function collect(schema: z.ZodType | undefined, value: unknown, where: string, out: FieldError[]): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    out.push({ field: [where, ...issue.path.map(String)].join('.'), message: issue.message });
  }
  return undefined;
}

export function parseRouteInput<D extends RouteDef>(def: D, req: Pick<Request, 'params' | 'query' | 'body'>) {
  const errors: FieldError[] = [];
  const input = {
    params: collect(def.params, req.params, 'params', errors),
    query: collect(def.query, req.query, 'query', errors),
    body: collect(def.body, req.body, 'body', errors),
  };
  if (errors.length > 0) {
    const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new ValidationError(`Invalid request: ${summary}`, ERROR_CODES.request.invalid, errors);
  }
  return input as RouteInput<D>;
}

export const Input = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const def = Reflect.getMetadata(ROUTE_DEF, ctx.getHandler()) as RouteDef | undefined;
  if (!def) throw new Error(`@Input() used on a handler without @Route(): ${ctx.getHandler().name}`);
  return parseRouteInput(def, ctx.switchToHttp().getRequest<Request>());
});

export function routeOf(handler: object): RouteDef | undefined {
  return Reflect.getMetadata(ROUTE_DEF, handler) as RouteDef | undefined;
}
