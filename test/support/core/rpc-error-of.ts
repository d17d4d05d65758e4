import { expect } from 'vitest';
import { RpcError } from '../../../shared/rpc/rpc-error';

/** The RpcError that `fn` throws (the test fails when it throws something else, or nothing). */
export function rpcErrorOf(fn: () => unknown): RpcError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RpcError);
    return error as RpcError;
  }
  throw new Error('expected an RpcError');
}
