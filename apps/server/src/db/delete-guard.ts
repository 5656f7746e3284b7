import { asPgError, PG_FOREIGN_KEY_VIOLATION } from './pg-errors';

/**
 * Deletes a row that others may reference with ON DELETE RESTRICT: the database decides, and
 * when it refuses, the number of references is counted so the API can say how many there are.
 */
export async function deleteUnlessReferenced<T>(
  remove: () => Promise<T | undefined>,
  countReferences: () => Promise<number>,
): Promise<{ deleted: T | undefined } | { inUse: number }> {
  try {
    return { deleted: await remove() };
  } catch (error) {
    if (asPgError(error)?.code !== PG_FOREIGN_KEY_VIOLATION) throw error;
    return { inUse: await countReferences() };
  }
}
