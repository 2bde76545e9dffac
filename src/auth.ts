import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * API tokens. Each has a name (what tasks record as their owner), the secret, and scopes:
 * - `read`: see and follow one's own tasks and workflows, task types;
 * - `run`: run, cancel and retry one's own tasks and workflows;
 * - `admin`: everything, everyone's tasks, workers, stats, queues, schedules, metrics, the
 *   dashboard and bull-board.
 */
export const SCOPES = ['read', 'run', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What one token may ask of the deployment, set by the operator per token (all optional: an
 * unset limit does not apply; with auth off there are no tokens and so no limits).
 */
export const TokenLimitsSchema = z
  .object({
    /** Tasks of this token running at once, across every worker; the others wait their turn. */
    maxRunning: z.number().int().min(1).max(1_000_000).optional(),
    /** Tasks this token may submit per minute (runTask, runTasks, workflow steps), across API processes. */
    maxSubmitPerMinute: z.number().int().min(1).max(100_000_000).optional(),
    /** Highest `priority` this token may give a task (0 to 999; 0: only normal and lower). */
    maxPriority: z.number().int().min(0).max(999).optional(),
  })
  .strict();

export type TokenLimits = z.infer<typeof TokenLimitsSchema>;

export const ApiTokensSchema = z
  .array(
    z.object({
      name: z.string().regex(/^[\w.@-]{1,64}$/, 'letters, digits, _ . @ - only'),
      token: z.string().min(16, 'at least 16 characters'),
      scopes: z.array(z.enum(SCOPES)).min(1),
      limits: TokenLimitsSchema.optional(),
    }),
  )
  .refine((tokens) => new Set(tokens.map((t) => t.name)).size === tokens.length, 'token names must be unique');

export type ApiToken = z.infer<typeof ApiTokensSchema>[number];

/** Who is calling: the token's name and what it may do. */
export interface Caller {
  name: string;
  scopes: ReadonlySet<Scope>;
  /** The operator's limits for this token, when set. */
  limits?: TokenLimits;
}

export const isAdmin = (caller: Caller | undefined): boolean => caller?.scopes.has('admin') ?? false;

/** May `caller` see a task of `owner`? Without auth (no caller) everyone sees everything. */
export const canSee = (caller: Caller | undefined, owner: string | null | undefined): boolean =>
  !caller || isAdmin(caller) || caller.name === owner;

const digest = (secret: string) => createHash('sha256').update(secret).digest();

/** Checks bearer tokens; `enabled` is false when no token is configured. */
export class Authenticator {
  readonly #tokens: { digest: Buffer; caller: Caller }[];

  constructor(tokens: readonly ApiToken[]) {
    this.#tokens = tokens.map((t) => ({ digest: digest(t.token), caller: { name: t.name, scopes: new Set(t.scopes), ...(t.limits && { limits: t.limits }) } }));
  }

  get enabled(): boolean {
    return this.#tokens.length > 0;
  }

  /**
   * The caller of an `Authorization` value (`Bearer <token>`, or the bare token as graphql-ws
   * clients may send it): undefined when none was given, 'invalid' when it matches no token.
   */
  identify(authorization: string | null | undefined): Caller | undefined | 'invalid' {
    if (!authorization) return undefined;
    const secret = authorization.replace(/^Bearer\s+/i, '').trim();
    const given = digest(secret);
    // Compare with every token, in constant time, so timing tells nothing.
    let found: Caller | undefined;
    for (const token of this.#tokens) if (timingSafeEqual(token.digest, given)) found = token.caller;
    return found ?? 'invalid';
  }
}
