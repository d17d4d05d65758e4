export interface HostCliArgs {
  dataDir: string | null;
  port: number;
  rendererDir: string | null;
  recover: boolean;
  help: boolean;
}

export const HOST_USAGE = `Usage: npm run host -- [options]

Serves the app on http://127.0.0.1 for a browser, with the same local data as the desktop app.

Options:
  --data-dir DIR      where the local store lives (default: the per-user data directory)
  --port N            the port on 127.0.0.1; 0 picks any free port (default: 0)
  --renderer-dir DIR  the built renderer to serve (default: out/renderer)
  --recover           move a damaged store aside (kept, never deleted) and start from its newest backup
  --help              show this help

Exit codes: 0 stopped normally; 1 cannot listen, or an unexpected failure; 2 the store cannot be
opened (in use, damaged, newer, data folder not found or not writable) or --recover cannot act
(the message says why); 64 bad arguments.
`;

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Parses the host's arguments; accepts `--flag value` and `--flag=value`. */
export function parseHostArgs(argv: readonly string[]): HostCliArgs {
  const args: HostCliArgs = { dataDir: null, port: 0, rendererDir: null, recover: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq !== -1 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq !== -1 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new CliUsageError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--data-dir':
        args.dataDir = value();
        break;
      case '--renderer-dir':
        args.rendererDir = value();
        break;
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65_535) throw new CliUsageError(`--port must be a number from 0 to 65535, not "${text}".`);
        args.port = port;
        break;
      }
      case '--recover':
        args.recover = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new CliUsageError(`Unknown option "${raw}".`);
    }
  }
  return args;
}
