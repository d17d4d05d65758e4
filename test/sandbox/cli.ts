import { parseArgs } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox } from './server';

/**
 * `npm run sandbox -- --port N --data-dir DIR [--token-ttl S] [--refresh-ttl S] [--refresh-reuse-grace S] [--admin-secret X] [--qontak-rate N]`
 * Prints exactly one line on stdout when ready: `sandbox: http://127.0.0.1:PORT/api/open/v1`.
 * The admin secret may also come from SANDBOX_ADMIN_SECRET (keeps it out of the process list).
 */
const USAGE = 'usage: npm run sandbox -- [--port N] [--data-dir DIR] [--token-ttl SECONDS] [--refresh-ttl SECONDS] [--refresh-reuse-grace SECONDS] [--admin-secret SECRET] [--qontak-rate REQUESTS_PER_MINUTE]';

function positiveInt(name: string, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  const zeroAllowed = name === 'port' || name === 'refresh-reuse-grace';
  if (!Number.isInteger(n) || n < 0 || (!zeroAllowed && n === 0)) {
    console.error(`sandbox: --${name} must be a whole number${zeroAllowed ? '' : ' above 0'}\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'token-ttl': { type: 'string' },
        'refresh-ttl': { type: 'string' },
        'refresh-reuse-grace': { type: 'string' },
        'admin-secret': { type: 'string' },
        'qontak-rate': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`sandbox: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.error(USAGE);
    return;
  }
  let dataDir = values['data-dir'];
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'sandbox-'));
    console.error(`sandbox: no --data-dir given; using ${dataDir}`);
  }
  const sandbox = await startSandbox({
    dataDir: resolve(dataDir),
    port: positiveInt('port', values.port, 4010),
    tokenTtlSeconds: positiveInt('token-ttl', values['token-ttl'], undefined),
    refreshTtlSeconds: positiveInt('refresh-ttl', values['refresh-ttl'], undefined),
    refreshReuseGraceSeconds: positiveInt('refresh-reuse-grace', values['refresh-reuse-grace'], undefined),
    adminSecret: values['admin-secret'] ?? process.env.SANDBOX_ADMIN_SECRET ?? null,
    qontak: { defaultRatePerMinute: positiveInt('qontak-rate', values['qontak-rate'], undefined) ?? null },
  });
  console.log(`sandbox: ${sandbox.baseUrl}`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${(error as Error).message}`);
  process.exit(1);
});
