import { z } from 'zod';

export const PLATFORMS = ['chzzk', 'soop'] as const;
export const PlatformName = z.enum(PLATFORMS);
export type PlatformName = z.infer<typeof PlatformName>;

export const Id = z.uuid();
export const IdParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

/** Dates travel as ISO-8601 strings. */
export const IsoDate = z.iso.datetime({ offset: true });

/** Query-string booleans: `true`/`false`/`1`/`0`. */
export const QueryBool = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

/** A non-empty trimmed name. */
export const Name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
export const Description = z.string().trim().max(2000, 'must be at most 2000 characters').nullable();

export const Empty = z.object({}).strict();
