/**
 * OpenAPI 3.1 generated from the contract routes: the same Zod schemas that validate requests
 * describe them here (OpenAPI 3.1 schemas are JSON Schema 2020-12, which Zod emits natively).
 */
import { API_TITLE, api, Problem, type RouteDef } from '@recflow/contracts';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    description: typeof property.description === 'string' ? property.description : undefined,
    schema: property,
  }));
}

function operationOf(def: RouteDef, operationId: string) {
  const problemRef = { $ref: '#/components/schemas/Problem' };
  const errors = [400, ...(def.errors ?? []), 500];
  const responses: Record<string, unknown> = {
    [String(def.status ?? 200)]: {
      description: 'Success',
      content: { 'application/json': { schema: schemaOf(def.response, 'output') } },
    },
  };
  for (const status of errors) {
    responses[String(status)] = {
      description: `Error (${status})`,
      content: { 'application/problem+json': { schema: problemRef } },
    };
  }
  return {
    operationId,
    tags: [def.tag],
    summary: def.summary,
    description: def.description,
    parameters: [...parametersOf(def.params, 'path'), ...parametersOf(def.query, 'query')],
    requestBody: def.body
      ? { required: true, content: { 'application/json': { schema: schemaOf(def.body, 'input') } } }
      : undefined,
    responses,
  };
}

export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [domain, routes] of Object.entries(api)) {
    for (const [name, def] of Object.entries(routes as Record<string, RouteDef>)) {
      const path = def.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      paths[path] ??= {};
      paths[path][def.method.toLowerCase()] = operationOf(def, `${domain}.${name}`);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: API_TITLE,
      version,
      description:
        'REST API of recflow, the live-stream recording orchestrator. Errors are application/problem+json (RFC 9457); validation errors list every offending field in `errors`.',
    },
    paths,
    components: { schemas: { Problem: schemaOf(Problem, 'output') } },
  };
}
