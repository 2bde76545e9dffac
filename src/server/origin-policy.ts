import type { IncomingHttpHeaders } from 'node:http';
import type { CORSOptions } from 'graphql-yoga';

export interface OriginPolicySettings {
  /**
   * Web origins (`https://app.example.com`) whose pages may call the API cross-origin (CORS, and
   * graphql-ws upgrades); `*` for any. Unset: loopback origins (a frontend's dev server) while
   * auth is off, none while it is on.
   */
  corsOrigins?: readonly string[];
  /** Host names the API answers to while auth is off, besides loopback ones (DNS rebinding). */
  allowedHosts?: readonly string[];
  authEnabled: boolean;
}

/** Headers a cross-origin page may send (what GraphQL clients send). */
const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'accept', 'x-graphql-yoga-csrf'];

const isLoopbackHostname = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname.endsWith('.localhost') ||
  hostname === '[::1]' ||
  /^127(\.\d{1,3}){3}$/.test(hostname);

/** The host name of a Host header (`example.com:4000`, `[::1]:4000`), lower-case, without port. */
const hostnameOf = (host: string): string => {
  const lower = host.toLowerCase();
  return lower.startsWith('[') ? lower.slice(0, lower.indexOf(']') + 1) : lower.replace(/:\d*$/, '');
};

/**
 * Who may reach the API from a browser: which pages (Origin) may call it cross-origin, and,
 * while auth is off, under which names (Host) it answers, so that a page of another site can
 * neither read from a local instance nor reach it by rebinding its own name to 127.0.0.1.
 */
export class OriginPolicy {
  readonly #origins: ReadonlySet<string> | 'any' | 'loopback' | 'none';
  readonly #hosts: ReadonlySet<string>;
  readonly #authEnabled: boolean;

  constructor(settings: OriginPolicySettings) {
    this.#authEnabled = settings.authEnabled;
    const origins = settings.corsOrigins;
    this.#origins = origins
      ? origins.includes('*')
        ? 'any'
        : new Set(origins.map((origin) => origin.toLowerCase()))
      : settings.authEnabled
        ? 'none'
        : 'loopback';
    this.#hosts = new Set((settings.allowedHosts ?? []).map((host) => host.toLowerCase()));
  }

  /** While auth is off: only loopback names and ALLOWED_HOSTS (no Host header: not a browser). */
  allowsHost(headers: IncomingHttpHeaders): boolean {
    if (this.#authEnabled || headers.host === undefined) return true;
    const hostname = hostnameOf(headers.host);
    return isLoopbackHostname(hostname) || this.#hosts.has(hostname);
  }

  /** A page of this origin may call the API from another origin. */
  allowsCrossOrigin(origin: string): boolean {
    if (this.#origins === 'any') return true;
    if (this.#origins === 'none') return false;
    if (this.#origins === 'loopback') {
      try {
        const url = new URL(origin);
        return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHostname(url.hostname);
      } catch {
        return false;
      }
    }
    return this.#origins.has(origin.toLowerCase());
  }

  /**
   * A WebSocket upgrade's Origin (browsers always send it; other clients need not): the page's
   * own server, or an allowed origin. WebSockets are not subject to CORS, so this is the check.
   */
  allowsWebSocket(headers: IncomingHttpHeaders): boolean {
    const origin = headers.origin;
    if (origin === undefined || isSameOrigin(origin, headers.host)) return true;
    return this.allowsCrossOrigin(origin);
  }

  /** yoga's CORS option: headers only for allowed origins, no cookies across origins. */
  readonly cors = (request: Request): CORSOptions | false => {
    const origin = request.headers.get('origin');
    if (origin === null || !this.allowsCrossOrigin(origin)) return false;
    return { origin, credentials: false, methods: ['GET', 'POST'], allowedHeaders: CORS_ALLOWED_HEADERS };
  };
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}
