/**
 * One shape for a form's errors, whether the contract schema refused the input in the browser
 * or the server answered with a problem document.
 */
import type { z } from 'zod';
import { ApiError, errorMessage } from '@/shared/api/api-error';

export interface FormErrors {
  /** Messages by body field name (`sourceId`, `tagNames`…). */
  fields: Record<string, string>;
  /** What applies to the whole form, e.g. the server's detail. */
  general?: string;
}

export const NO_ERRORS: FormErrors = { fields: {} };

export function fromIssues(error: z.ZodError): FormErrors {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? '');
    if (name && !(name in fields)) fields[name] = issue.message;
  }
  return { fields, general: Object.keys(fields).length === 0 ? error.issues[0]?.message : undefined };
}

export function fromFailure(error: unknown): FormErrors {
  if (error instanceof ApiError) return { fields: error.fieldMessages('body'), general: error.detail };
  return { fields: {}, general: errorMessage(error) };
}
