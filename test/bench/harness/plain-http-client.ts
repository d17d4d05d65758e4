// The publish bench's plain HTTP client (started by plain-http-client-process.ts): sends the
// requests it is given through undici's request API, the transport the app's backend client uses,
// with fresh Idempotency-Keys for creations and If-Match "*" for replacements, and answers how
// long they took. Nothing of the app runs here.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { eachConcurrently } from './each-concurrently';
import type { PlainRequest, PlainSend, PlainSent } from './plain-http-client-process';

async function send(baseUrl: string, entry: PlainRequest): Promise<void> {
  const headers: Record<string, string> = { Authorization: `Bearer ${entry.token}`, 'Content-Type': 'application/json' };
  if (entry.method === 'PUT') headers['If-Match'] = '*';
  else headers['Idempotency-Key'] = randomUUID();
  const response = await request(`${baseUrl}${entry.path}`, { method: entry.method, headers, body: entry.body });
  await response.body.arrayBuffer();
  if (response.statusCode !== entry.status) throw new Error(`${entry.method} ${entry.path} answered ${response.statusCode}, not ${entry.status}`);
}

process.on('message', (message: PlainSend) => {
  const answer = (sent: PlainSent) => process.send?.(sent);
  const started = performance.now();
  eachConcurrently(message.requests, message.concurrency, (entry) => send(message.baseUrl, entry)).then(
    () => answer({ id: message.id, ok: true, ms: performance.now() - started }),
    (error: unknown) => answer({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});

// The bench is done with it (or gone): undici's idle connections would keep the process alive.
process.on('disconnect', () => process.exit(0));
