/**
 * Marks a subscription root field whose values are states (the whole thing now, then once per
 * change), as `extensions`: graphql-ws shares one execution among the subscribers of the same
 * one (src/server/shared-subscriptions.ts).
 */
export const STATE_STREAM = { taskqlStateStream: true } as const;
