import { readFile } from 'node:fs/promises';
import { APP_CONTENT_SECURITY_POLICY, pageWithNonce } from '../../shared/security/content-security-policy';
import { contentTypeFor, resolveAppAsset } from './resolve-app-asset';

/**
 * Answers app:// requests from the built renderer directory. Plain Node (fs, the Fetch API's
 * Request/Response), so it is tested without Electron; app-protocol.ts registers it.
 */
export function createAppRequestHandler(rendererDir: string, policy = APP_CONTENT_SECURITY_POLICY): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
    const file = resolveAppAsset(rendererDir, request.url);
    if (file === null) return plain(404, 'Not found.');
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      return plain(404, 'Not found.');
    }
    // The page gets a fresh CSP nonce in its markup and its header (CodeMirror's <style> elements carry it).
    const page = file.endsWith('.html') ? pageWithNonce(data.toString('utf8')) : null;
    const body = page ? new TextEncoder().encode(page.html) : new Uint8Array(data);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': page && page.policy !== APP_CONTENT_SECURITY_POLICY ? page.policy : policy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}
