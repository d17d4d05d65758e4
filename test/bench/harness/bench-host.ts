import type { RpcChannel } from '../../../shared/rpc/contract';
import { startHost, type RunningHost } from '../../support/e2e/host-process';
import { hostRpcRaw } from '../../support/e2e/host-rpc';

/** An RPC in the bench may take as long as the run it measures: only a hung host ends it. */
const BENCH_RPC_TIMEOUT_MS = 10 * 60_000;

export interface BenchHost extends Pick<RunningHost, 'url' | 'origin' | 'pid' | 'stop'> {
  /** One RPC as the page sends it; throws on a failed result. Returns the value and the answer's size. */
  rpc(channel: RpcChannel, input: unknown): Promise<{ value: unknown; bytes: number }>;
}

/** The real headless host (the e2e tests' `startHost`) on a free port over `dataDir`, with RPCs that report their answer's size. */
export async function startBenchHost(dataDir: string, timeoutMs = 60_000): Promise<BenchHost> {
  const host = await startHost(dataDir, { timeoutMs });
  return {
    url: host.url,
    origin: host.origin,
    pid: host.pid,
    stop: host.stop,
    rpc: async (channel, input) => {
      const { body, result } = await hostRpcRaw(host, channel, input, BENCH_RPC_TIMEOUT_MS);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return { value: result.value, bytes: Buffer.byteLength(body) };
    },
  };
}
