import { HOST_PATHS, type RpcChannel, type RpcInput, type RpcOutput } from '../../../shared/rpc/contract';
import type { RpcResult } from '../../../shared/rpc/rpc-error';

/**
 * One typed RPC call from the test process to the running host, with the origin and launch token
 * read from the address the host printed (`http://127.0.0.1:PORT/#token=…`), as the page does.
 * For setting up and reading state a test is not about; throws with the host's error on failure.
 */
export async function rpcAt<C extends RpcChannel>(hostUrl: string, channel: C, input: RpcInput<C>): Promise<RpcOutput<C>> {
  const url = new URL(hostUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (!token) throw new Error(`no token in ${hostUrl}`);
  const response = await fetch(`${url.origin}${HOST_PATHS.rpc}${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(15_000),
  });
  const result = (await response.json()) as RpcResult<unknown>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as RpcOutput<C>;
}
