/** Entry point: configuration, resources, HTTP server. Start-up problems print one clear paragraph. */
import 'reflect-metadata';
import { createApp, StartupError } from './bootstrap';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/config.schema';

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const opened = await createApp(config);
  const { app, database } = opened;
  // On SIGTERM (a rolling deploy) stop taking work, let running tasks finish, close the pools, exit 0.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    opened.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  const { APP_HOST, APP_PORT, STREAMQ_URL } = config.values;
  await app.listen(APP_PORT, APP_HOST);
  const shown = APP_HOST === '0.0.0.0' ? 'localhost' : APP_HOST;
  console.log(
    [
      `recflow is listening on http://${shown}:${APP_PORT}`,
      `  dashboard  http://${shown}:${APP_PORT}/`,
      `  API docs   http://${shown}:${APP_PORT}/api/docs`,
      `  database   ${database.kind === 'embedded' ? `embedded PostgreSQL in ${database.location}` : database.location}`,
      `  streamq    ${STREAMQ_URL}`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(`recflow cannot start.\n${error.message}`);
  } else {
    console.error('recflow cannot start:', error);
  }
  process.exit(1);
});
