import pino, { DestinationStream, Logger } from 'pino';

export type { Logger } from 'pino';

/** Options for {@link newLogger}. */
export type LoggerOptions = Readonly<{ level: string; destination?: DestinationStream }>;

/** JSON logs on stdout; each stage logs through a child with its `component` name. */
export function newLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'scc-agent', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ sync: true }),
  );
}
