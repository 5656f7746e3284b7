/**
 * recflow's own Redis (not recnode's). Every key is namespaced by SERVER_REDIS_PREFIX, so one Redis
 * can host several deployments, and each test file gets its own namespace.
 */
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

export abstract class ServerRedis {
  abstract readonly client: Redis;
  abstract readonly prefix: string;
  abstract readonly url: string;
}

export function openServerRedis(url: string, prefix: string): Redis {
  const redis = new Redis(url, {
    keyPrefix: `${prefix}:`,
    lazyConnect: true,
    // Commands fail fast while disconnected instead of queueing forever; callers see the error.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  warnOnConnectionErrors(redis, url);
  return redis;
}

/**
 * Connection errors are reported by the commands that fail and by /readyz; the client itself
 * only logs them, at most once a minute, instead of crashing on an unhandled 'error' event.
 */
export function warnOnConnectionErrors(redis: Redis, url: string): void {
  const logger = new Logger('Redis');
  let lastLogged = 0;
  let connectedOnce = false;
  redis.on('ready', () => {
    connectedOnce = true;
  });
  redis.on('error', (error: Error) => {
    const now = Date.now();
    // Before the first connection, start-up reports the failure in its own words.
    if (!connectedOnce || now - lastLogged < 60_000) return;
    lastLogged = now;
    logger.warn(`${url}: ${error.message}`);
  });
}
