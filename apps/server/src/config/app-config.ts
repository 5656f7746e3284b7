/** The parsed configuration, injectable by type. */
import { ConfigValues, parseConfig } from './config.schema';

export class AppConfig {
  constructor(readonly values: ConfigValues) {}

  static fromEnv(env: Record<string, string | undefined> = process.env): AppConfig {
    return new AppConfig(parseConfig(env));
  }

  /** Same settings with some overridden: tests and the demo use it. */
  with(overrides: Partial<ConfigValues>): AppConfig {
    return new AppConfig({ ...this.values, ...overrides });
  }

  get usesEmbeddedDatabase(): boolean {
    return this.values.DATABASE_URL === undefined;
  }
}
