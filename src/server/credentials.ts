import type { IncomingHttpHeaders } from 'node:http';
import { isAdmin, type Authenticator, type Caller } from '../auth.ts';

/** The dashboard keeps its token in this cookie too, for pages that cannot send headers (bull-board, GraphiQL). */
export const TOKEN_COOKIE = 'taskql_token';

const COOKIE = new RegExp(`(?:^|;\\s*)${TOKEN_COOKIE}=([^;]+)`);

/**
 * The credential a request carries, in this order: graphql-ws's `connectionParams.authorization`,
 * the `Authorization` header, the dashboard's cookie. The cookie is SameSite=Strict, so another
 * site's page cannot send it; the origin policy and CSRF prevention cover the same site's other
 * origins.
 */
export function credentialOf(headers: IncomingHttpHeaders | undefined, connectionParams?: Record<string, unknown>): string | undefined {
  const given = connectionParams?.authorization;
  if (typeof given === 'string' && given !== '') return given;
  if (headers?.authorization) return headers.authorization;
  const cookie = COOKIE.exec(headers?.cookie ?? '')?.[1];
  if (cookie === undefined) return undefined;
  try {
    return decodeURIComponent(cookie);
  } catch {
    return undefined;
  }
}

/**
 * The caller of a request: undefined without a credential (or with auth off, where a stale
 * cookie must not lock anyone out), 'invalid' for a wrong one.
 */
export const callerOf = (auth: Authenticator, headers: IncomingHttpHeaders | undefined, connectionParams?: Record<string, unknown>) =>
  auth.enabled ? auth.identify(credentialOf(headers, connectionParams)) : undefined;

/** With auth off everyone may; with it on, a valid credential (of an admin, when `admin`). */
export function mayEnter(auth: Authenticator, headers: IncomingHttpHeaders, need: 'any' | 'admin'): boolean {
  if (!auth.enabled) return true;
  const caller: Caller | undefined | 'invalid' = callerOf(auth, headers);
  if (caller === undefined || caller === 'invalid') return false;
  return need === 'any' || isAdmin(caller);
}
