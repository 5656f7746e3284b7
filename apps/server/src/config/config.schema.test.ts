import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_STREAMQ_URL, parseConfig } from './config.schema';

describe('configuration', () => {
  it('runs with nothing set: port 8080, embedded database, local Redis, the simulator as streamq', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config).toMatchObject({
      APP_PORT: 8080,
      RECFLOW_DATA_DIR: './.recflow',
      SERVER_REDIS_URL: 'redis://127.0.0.1:6379',
      STREAMQ_URL: DEFAULT_STREAMQ_URL,
    });
  });

  it('treats empty values as unset', () => {
    const config = parseConfig({ APP_PORT: '', DATABASE_URL: ' ' });
    expect(config.APP_PORT).toBe(8080);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reports every bad setting on its own line, naming the variable and the value', () => {
    let error: unknown;
    try {
      parseConfig({
        APP_PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        STREAMQ_URL: 'not a url',
        SERVER_REDIS_PREFIX: 'a b',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^APP_PORT: must be a number \(got "eighty"\)$/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('postgres://');
    expect(problems.find((p) => p.startsWith('STREAMQ_URL:'))).toContain('got "not a url"');
    expect(problems.find((p) => p.startsWith('SERVER_REDIS_PREFIX:'))).toBeDefined();
  });

  it('strips a trailing slash from service URLs', () => {
    expect(parseConfig({ STREAMQ_URL: 'http://streamq:8080/' }).STREAMQ_URL).toBe('http://streamq:8080');
  });
});
