/** Platforms are reference data, seeded by migration; they change only with a new migration. */

import { Injectable } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import { asc, eq } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { platform } from '../db/schema';
import { NotFoundError } from '../shared/errors';
import type { PlatformRow } from './channel.mapper';

@Injectable()
export class PlatformRepository {
  private cache: PlatformRow[] | undefined;

  constructor(private readonly handle: DatabaseHandle) {}

  async list(): Promise<PlatformRow[]> {
    this.cache ??= await this.handle.database.db.select().from(platform).orderBy(asc(platform.name));
    return this.cache;
  }

  async byName(name: PlatformName): Promise<PlatformRow> {
    const row = (await this.list()).find((p) => p.name === name);
    if (!row)
      throw new NotFoundError(
        `Platform "${name}" is not set up in this database`,
        ERROR_CODES.platform.notFound,
      );
    return row;
  }

  async byId(id: string): Promise<PlatformRow> {
    const cached = (await this.list()).find((p) => p.id === id);
    if (cached) return cached;
    const [row] = await this.handle.database.db.select().from(platform).where(eq(platform.id, id));
    if (!row) throw new NotFoundError(`No platform with id ${id}`, ERROR_CODES.platform.notFound);
    return row;
  }
}
