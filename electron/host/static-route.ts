import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { APP_CONTENT_SECURITY_POLICY, pageWithNonce } from '../../shared/security/content-security-policy';
import { sendText } from './responses';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the built renderer. The files are listed once at start (sirv's production mode), so only
 * files that exist under the directory can ever be served: no path can climb out of it. The page
 * itself is answered here, each time with a fresh CSP nonce in its header and its markup.
 */
export function createStaticHandler(rendererDir: string): StaticHandler {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    return (_req, res) => sendText(res, 503, 'The app is not built yet: run "npm run build", then reload.');
  }
  const serve = sirv(rendererDir, {
    dev: false,
    etag: true,
    dotfiles: false,
    setHeaders: (res, pathname) => {
      res.setHeader('Content-Security-Policy', APP_CONTENT_SECURITY_POLICY);
      // The page must always be fresh (it names the hashed assets); the hashed assets never change.
      res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store');
    },
    onNoMatch: (_req, res) => sendText(res, 404, 'Not found.'),
  });
  const page = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed.');
      return;
    }
    const path = (req.url ?? '/').replace(/[?#].*$/, '');
    if (path === '/' || path === '/index.html') {
      sendPage(req, res, page);
      return;
    }
    serve(req, res);
  };
}

function sendPage(req: IncomingMessage, res: ServerResponse, page: string): void {
  const { html, policy } = pageWithNonce(page);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': policy,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}
