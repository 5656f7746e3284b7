/**
 * recflow's log output: Nest's console logger, as text or one JSON object per line (LOG_FORMAT),
 * without the framework's start-up chatter (every module and route) unless LOG_LEVEL is debug.
 */
import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const FRAMEWORK_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);
const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export class RecflowLogger extends ConsoleLogger {
  private readonly chatty: boolean;

  constructor(level: string, format: 'text' | 'json') {
    super('recflow', {
      logLevels: LEVELS.slice(0, LEVELS.indexOf(level as LogLevel) + 1),
      json: format === 'json',
    });
    this.chatty = LEVELS.indexOf(level as LogLevel) >= LEVELS.indexOf('debug');
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (!this.chatty && typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) return;
    super.log(message, ...rest);
  }
}
