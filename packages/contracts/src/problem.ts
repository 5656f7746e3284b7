/** RFC 9457 problem details, the body of every error answer. */
import { z } from 'zod';

export const FieldError = z.object({
  /** Dotted path of the offending field, e.g. `body.tagNames.2`. */
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  /** A stable machine-readable code, e.g. `channel.already_exists`. */
  code: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
