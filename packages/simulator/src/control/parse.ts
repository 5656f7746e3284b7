/** Body parsing shared by the control routes: Zod, with a 400 that names the bad fields. */
import { z } from 'zod';
import { HttpError } from '../http';

export const FaultBody = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('status'), status: z.number().int().min(100).max(599) }),
  z.object({ mode: z.literal('garbage') }),
  z.object({ mode: z.literal('wrong_shape') }),
  z.object({ mode: z.literal('hang') }),
  z.object({ mode: z.literal('slow'), delayMs: z.number().int().min(0) }),
]);

export function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success)
    throw new HttpError(400, result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}
