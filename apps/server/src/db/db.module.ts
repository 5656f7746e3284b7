import { Global, Module } from '@nestjs/common';
import { Database } from './database';

/** Provides the open Database (opened and migrated by the bootstrap) and its Drizzle handle. */
export abstract class DatabaseHandle {
  abstract readonly database: Database;
}

@Global()
@Module({})
export class DbModule {
  static forDatabase(database: Database) {
    return {
      module: DbModule,
      providers: [{ provide: DatabaseHandle, useValue: { database } }],
      exports: [DatabaseHandle],
    };
  }
}
