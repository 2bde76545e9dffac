import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** What a page of another site can POST without a CORS preflight (HTML forms, `text/plain`). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** A client that must send a simple POST says so with this header (browsers cannot add it cross-site unasked). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * Cross-site request forgery: a page of any site can make a browser POST a form to taskql, and
 * with auth off (or a cookie) that would run a mutation. Such a POST is refused unless it
 * carries CSRF_HEADER; a JSON POST needs a CORS preflight, which the origin policy decides.
 * GET runs no mutation (yoga refuses them), so it stays open for curl and SSE.
 */
export const csrfPrevention: Plugin = {
  onRequestParse({ request }) {
    if (request.method !== 'POST' || request.headers.has(CSRF_HEADER)) return;
    const type = request.headers.get('content-type')?.toLowerCase();
    if (type !== undefined && type !== null && !SIMPLE_CONTENT_TYPES.some((simple) => type.startsWith(simple))) return;
    throw createGraphQLError(`Refused: send GraphQL POSTs as application/json (or with the ${CSRF_HEADER} header).`, {
      extensions: { code: 'BAD_REQUEST', http: { status: 403 } },
    });
  },
};
