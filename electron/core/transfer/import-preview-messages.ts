import { RpcError, RPC_ERROR_CODES, type RpcErrorBody } from '../../../shared/rpc/rpc-error';
import type { StoredSliceQuery } from './import-slice-query';
import type { StoredSliceWire } from './stored-slice-wire';
import type { ImportFile } from './import-file-text';
import type { ImportPreviewSource } from './import-previews';

/** The previews' calls the core makes of the import's thread (import-preview-thread.ts). */
export type PreviewMethod = Exclude<keyof ImportPreviewSource, 'close' | 'prepare' | 'running'>;

/** An error as it crosses between the threads: an RpcError keeps its code and issues. */
export interface WireError {
  message: string;
  rpc?: RpcErrorBody;
}

/** The core to the import's thread: a call, or the store's answer to one of its reads. */
export type ToPreviewThread =
  | { kind: 'call'; id: number; method: PreviewMethod; args: unknown[] }
  | { kind: 'stored'; id: number; ok: true; value: StoredSliceWire }
  | { kind: 'stored'; id: number; ok: false; error: WireError };

/**
 * The import's thread to the core: its code has loaded, a call's answer, a read of the store it asks
 * for, or a read it no longer needs (its file was refused, or its checked tenants ask otherwise).
 */
export type FromPreviewThread =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: WireError }
  | { kind: 'read'; id: number; query: StoredSliceQuery }
  | { kind: 'cancelRead'; id: number };

export function toWireError(error: unknown): WireError {
  if (error instanceof RpcError) return { message: error.message, rpc: error.toBody() };
  return { message: error instanceof Error ? error.message : String(error) };
}

export function fromWireError(wire: WireError): Error {
  const rpc = wire.rpc;
  if (rpc && (RPC_ERROR_CODES as readonly string[]).includes(rpc.code)) return new RpcError(rpc.code, rpc.message, rpc.issues);
  return new Error(wire.message);
}

/** A call made of `source` by name, as it crosses between the threads; what it throws is its rejection. */
export async function callPreviews(source: ImportPreviewSource, method: PreviewMethod, args: unknown[]): Promise<unknown> {
  switch (method) {
    case 'preview':
      return source.preview(args[0] as ImportFile);
    case 'holdFile':
      return source.holdFile(args[0] as ImportFile);
    case 'rows':
      return source.rows(args[0] as string, args[1] as number, args[2] as number);
    case 'hold':
      return source.hold(args[0] as string);
    case 'tenants':
      return source.tenants(args[0] as string, args[1] as number, args[2] as number);
    case 'release':
      return source.release(args[0] as string);
    case 'discard':
      return source.discard(args[0] as string);
  }
}
