/**
 * recflow's own Redis (not recnode's). Every key is namespaced by SERVER_REDIS_PREFIX, so one Redis
 * can host several deployments, and each test file gets its own namespace.
 */
import Redis from 'ioredis';

export abstract class ServerRedis {
  abstract readonly client: Redis;
  abstract readonly prefix: string;
  abstract readonly url: string;
}

export function openServerRedis(url: string, prefix: string): Redis {
  return new Redis(url, {
    keyPrefix: `${prefix}:`,
    lazyConnect: true,
    // Commands fail fast while disconnected instead of queueing forever; callers see the error.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
