// The Teams SDK logs through its own ILogger; this one writes to our pino logger (JSON, no console).
import type { ILogger, ILoggerOptions, LogLevel } from '@microsoft/teams.common';
import type { Logger } from 'pino';

function entry(args: unknown[]): [Record<string, unknown>, string] {
  const words: string[] = [];
  const fields: Record<string, unknown> = {};
  for (const a of args) {
    if (typeof a === 'string') words.push(a);
    else if (a instanceof Error) fields.err = a;
    // The SDK passes whole activities at debug level; keep them out of fields a log shipper would index.
    else if (a !== undefined) fields.data = a;
  }
  return [fields, words.join(' ')];
}

export function sdkLogger(log: Logger, loggerOptions?: ILoggerOptions): ILogger {
  const write = (level: LogLevel, args: unknown[]) => {
    const [fields, msg] = entry(args);
    log[level](fields, msg);
  };
  return {
    ...(loggerOptions ? { loggerOptions } : {}),
    debug: (...m: unknown[]) => write('debug', m),
    info: (...m: unknown[]) => write('info', m),
    warn: (...m: unknown[]) => write('warn', m),
    error: (...m: unknown[]) => write('error', m),
    trace: (...m: unknown[]) => write('trace', m),
    log: (level: LogLevel, ...m: unknown[]) => write(level, m),
    child: (name: string, overrides?: ILoggerOptions) => sdkLogger(log.child({ sdk: name }), overrides),
  };
}
