// The publish bench's plain HTTP client in a process of its own (plain-http-client.ts), so that
// neither side's time depends on what the other left in the process (compiled code, heap): in the
// app's process, after the app's publish, the plain client's CPU moved with what had run there
// before it (warmed up there first, ≈ 0.3 s instead of ≈ 0.45 s), and so did the app's (≈ 0.2 s
// more after that warm-up). Its first requests, untimed, warm the sandbox's write routes for both.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root';

/** One request as the app would send it for a document, with the status it must answer. */
export interface PlainRequest {
  method: 'PUT' | 'POST';
  token: string;
  path: string;
  body: string;
  status: number;
}

/** To the client: send these requests, `concurrency` at a time. */
export interface PlainSend {
  id: number;
  baseUrl: string;
  concurrency: number;
  requests: PlainRequest[];
}

/** From the client: how long the requests took, or why one failed. */
export type PlainSent = { id: number; ok: true; ms: number } | { id: number; ok: false; error: string };

export interface PlainHttpClient {
  /** The client's process (its CPU time is the plain client's). */
  readonly pid: number;
  /** Sends the requests and resolves with the milliseconds they took, from the first sent to the last answered. */
  send(baseUrl: string, concurrency: number, requests: PlainRequest[]): Promise<number>;
  close(): Promise<void>;
}

/** Starts the plain client (Node with tsx's loader, as the bench's children run). */
export function startPlainHttpClient(): PlainHttpClient {
  const child: ChildProcess = fork(join(REPO_ROOT, 'test/bench/harness/plain-http-client.ts'), [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (ms: number) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const wait of waiting.values()) wait.reject(error);
    waiting.clear();
  };
  child.on('message', (message: PlainSent) => {
    const wait = waiting.get(message.id);
    waiting.delete(message.id);
    if (!wait) return;
    if (message.ok) wait.resolve(message.ms);
    else wait.reject(new Error(`plain client: ${message.error}`));
  });
  child.on('exit', (code, signal) => failAll(new Error(`the plain client exited (${code ?? signal})`)));
  child.on('error', failAll);
  return {
    pid: child.pid!,
    send: (baseUrl, concurrency, requests) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        waiting.set(id, { resolve, reject });
        const message: PlainSend = { id, baseUrl, concurrency, requests };
        child.send(message);
      }),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
