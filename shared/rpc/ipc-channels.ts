/**
 * The two Electron IPC channels that carry the RPC contract between preload and main: one
 * invoke channel for every RPC call (the RPC channel name travels as an argument), one for events.
 */
export const IPC_RPC_CHANNEL = 'rpc';
export const IPC_EVENT_CHANNEL = 'rpc-event';
