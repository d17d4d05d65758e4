import { describeFailure } from './describe-failure';
import { redactLogText } from './redact-log-text';
import { RotatingLogFile, type RotatingLogFileOptions } from './rotating-log-file';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The app's log: one line per event, levels, never a secret (every line is redacted before it is written). */
export interface Logger {
  debug(scope: string, message: string): void;
  info(scope: string, message: string): void;
  warn(scope: string, message: string): void;
  error(scope: string, message: string): void;
  /**
   * A failure someone should know about: an expected operational one (full disk, network, locked
   * keychain …) is one warning line; anything else is a bug, logged as an error with its stack.
   */
  failure(scope: string, error: unknown): void;
  /** The last `max` lines of the log file (already redacted), oldest first. */
  recentLines(max: number): string[];
  /** Where the current log file is, or null for a logger without one. */
  readonly filePath: string | null;
  close(): void;
}

export interface LoggerOptions {
  /** The rotating file (in the data folder's `logs/`); null logs nowhere but `echo`. */
  file: RotatingLogFileOptions | null;
  /** Lowest level written to the file (default info). */
  level?: LogLevel;
  /** Where lines at `echoLevel` or above also go (the terminal: process.stderr), or null. */
  echo?: ((text: string) => void) | null;
  /** Default warn. */
  echoLevel?: LogLevel;
  now?: () => number;
}

export function createLogger(options: LoggerOptions): Logger {
  const file = options.file ? new RotatingLogFile(options.file) : null;
  const minimum = LOG_LEVELS.indexOf(options.level ?? 'info');
  const echoMinimum = LOG_LEVELS.indexOf(options.echoLevel ?? 'warn');
  const now = options.now ?? Date.now;

  const write = (level: LogLevel, scope: string, message: string, stack: string | null = null): void => {
    const rank = LOG_LEVELS.indexOf(level);
    const text = redactLogText(`${scope}: ${message}`.replace(/[\r\n]+/g, ' '));
    const line = `${new Date(now()).toISOString()} ${level.toUpperCase().padEnd(5)} ${text}${stack ? ` | stack: ${redactLogText(stack)}` : ''}`;
    if (file && rank >= minimum) file.append(line);
    if (options.echo && rank >= echoMinimum) {
      // The terminal shows a bug's stack as lines, the way developers read it.
      options.echo(`${level}: ${text}\n${stack ? `    ${redactLogText(stack).split(' | ').join('\n    ')}\n` : ''}`);
    }
  };

  return {
    debug: (scope, message) => write('debug', scope, message),
    info: (scope, message) => write('info', scope, message),
    warn: (scope, message) => write('warn', scope, message),
    error: (scope, message) => write('error', scope, message),
    failure(scope, error) {
      const failure = describeFailure(error);
      if (failure.kind === 'operational') write('warn', scope, failure.message);
      else write('error', scope, `unexpected failure (a bug): ${failure.message}`, failure.stack);
    },
    recentLines: (max) => (file ? file.recentLines(max).map(redactLogText) : []),
    filePath: file?.path ?? null,
    close: () => file?.close(),
  };
}
