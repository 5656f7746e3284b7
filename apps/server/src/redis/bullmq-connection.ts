/**
 * BullMQ needs its own connections (blocking commands, no retry limit) and does its own key
 * prefixing, so it gets the server Redis URL with the deployment's prefix and `:bull`.
 */
import type { ConnectionOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';

export function bullConnection(config: AppConfig): ConnectionOptions {
  const url = new URL(config.values.SERVER_REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

export function bullPrefix(config: AppConfig): string {
  return `${config.values.SERVER_REDIS_PREFIX}:bull`;
}
