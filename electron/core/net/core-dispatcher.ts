import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

/**
 * The one HTTP dispatcher of the core (undici). It honours the corporate-network settings on
 * every request that uses it:
 *   - HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower-case forms too), through undici's EnvHttpProxyAgent
 *     (CONNECT tunnels; NO_PROXY entries go direct);
 *   - extra CA certificates: the file NODE_EXTRA_CA_CERTS names, and a CA file chosen in the app's
 *     settings, trusted on top of the bundled root certificates (for the target and for an https proxy).
 * The environment is read when the dispatcher is made; `configureCoreNetwork` makes a new one
 * (for example after the CA file setting changed).
 */
export interface CoreNetworkOptions {
  /** Where HTTPS_PROXY, HTTP_PROXY, NO_PROXY and NODE_EXTRA_CA_CERTS are read (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** A PEM file of CA certificates chosen in the app's settings; null or absent for none. */
  caFile?: string | null;
}

/** The proxy addresses as configured: they may hold a user name and password, so never log or show them (use `new URL(p).host`). */
export interface ProxySettings {
  http: string | null;
  https: string | null;
  noProxy: string | null;
}

export interface CoreDispatcher {
  dispatcher: Dispatcher;
  proxy: ProxySettings;
  /** The proxy a request to `url` goes through, or null when it goes direct. */
  proxyFor(url: URL): string | null;
  /** The CA files trusted on top of the bundled roots (paths only). */
  caFiles: readonly string[];
  close(): Promise<void>;
}

/** A proxy setting or CA file the core cannot use: said before any request is made. */
export class CoreNetworkConfigError extends Error {
  constructor(
    readonly setting: 'proxy' | 'ca',
    message: string,
  ) {
    super(message);
    this.name = 'CoreNetworkConfigError';
  }
}

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | null {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value && value.trim() !== '' ? value.trim() : null;
}

function checkedProxy(name: string, value: string | null): string | null {
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CoreNetworkConfigError('proxy', `${name} is not a URL the app can use as a proxy (expected http://host:port).`);
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new CoreNetworkConfigError('proxy', `${name} must be an http:// or https:// proxy address.`);
  return value;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function readCaFile(path: string, origin: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new CoreNetworkConfigError('ca', `The CA certificate file ${origin} (“${path}”) cannot be read (${code}).`);
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) throw new CoreNetworkConfigError('ca', `The CA certificate file ${origin} (“${path}”) holds no PEM certificate.`);
  return certificates;
}

/**
 * NO_PROXY matching as undici's EnvHttpProxyAgent applies it (so that what a message says is the
 * route the request took): `*` alone means every host; otherwise each entry is a host name (with or
 * without a leading `.` or `*.`: the host itself and its subdomains) and an optional `:port`.
 */
function bypassesProxy(noProxy: string | null, url: URL): boolean {
  if (!noProxy) return false;
  if (noProxy === '*') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const match = /^(.+?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''));
    if (!match) continue;
    const entryHost = match[1]!.replace(/^\*?\./, '');
    if (match[2] && Number(match[2]) !== port) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}

export function createCoreDispatcher(options: CoreNetworkOptions = {}): CoreDispatcher {
  const env = options.env ?? process.env;
  const proxy: ProxySettings = {
    http: checkedProxy('HTTP_PROXY', envValue(env, 'http_proxy')),
    https: checkedProxy('HTTPS_PROXY', envValue(env, 'https_proxy')),
    noProxy: envValue(env, 'no_proxy'),
  };
  const caFiles: string[] = [];
  const extra: string[] = [];
  const nodeExtra = envValue(env, 'NODE_EXTRA_CA_CERTS');
  if (nodeExtra) {
    extra.push(...readCaFile(nodeExtra, 'named by NODE_EXTRA_CA_CERTS'));
    caFiles.push(nodeExtra);
  }
  if (options.caFile) {
    extra.push(...readCaFile(options.caFile, 'chosen in the settings'));
    caFiles.push(options.caFile);
  }
  // Giving `ca` replaces Node's default trust store, so the bundled roots come along.
  const tls = extra.length > 0 ? { ca: [...rootCertificates, ...extra] } : {};
  const dispatcher = new EnvHttpProxyAgent({
    // Empty strings, not undefined: undici would otherwise read process.env itself.
    httpProxy: proxy.http ?? '',
    httpsProxy: proxy.https ?? proxy.http ?? '',
    noProxy: proxy.noProxy ?? '',
    connect: tls,
    requestTls: tls,
    proxyTls: tls,
  });
  return {
    dispatcher,
    proxy,
    caFiles,
    proxyFor(url) {
      if (bypassesProxy(proxy.noProxy, url)) return null;
      return url.protocol === 'https:' ? (proxy.https ?? proxy.http) : proxy.http;
    },
    close: () => dispatcher.close(),
  };
}

let shared: CoreDispatcher | null = null;

/** The core's dispatcher, made from process.env on first use. */
export function coreDispatcher(): CoreDispatcher {
  shared ??= createCoreDispatcher();
  return shared;
}

/** Replaces the core's dispatcher (new environment or CA file); the old one finishes its requests and closes. */
export function configureCoreNetwork(options: CoreNetworkOptions): CoreDispatcher {
  const next = createCoreDispatcher(options);
  const previous = shared;
  shared = next;
  void previous?.close().catch(() => undefined);
  return next;
}
