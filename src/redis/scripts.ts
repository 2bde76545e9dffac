import type { Redis, Result } from 'ioredis';
import { isCluster, type RedisClient } from './client.ts';
import { INDEX_TRIM_BATCH, OWNER_RUNNING_TTL_MS, RUNTIME_SAMPLES, STATS_MINUTE_TTL_SECONDS, TASKQL_FIELDS as F } from './fields.ts';
import { publishCommand } from './pubsub.ts';

/** Values per event in tqPublishTaskEvents' ARGV (after its three shared ones). */
export const PUBLISH_EVENT_ARGS = 12;

/**
 * taskql's own Lua scripts. Each saves round trips on a hot path and keeps a read or a
 * write atomic with respect to BullMQ's scripts. taskql's hash fields and sizes come from
 * fields.ts (spliced into the source); BullMQ's own fields (ats, processedOn, …) are BullMQ's
 * names, checked by test/bullmq-contract.test.ts.
 */

/**
 * Reads a task in one round trip: the job hash plus its BullMQ state, in one atomic step
 * (the same probes as BullMQ's getStateV2, but together with the hash, so the state and
 * the fields - including the event sequence number - always agree). With ARGV[2] '1' (a
 * subscriber's read), a task not yet finished is marked watched in the same step: a worker that
 * takes it later publishes its final event even when nothing else went out (see FINISH_UNWATCHED);
 * and the watch-marks key (KEYS[10]) says that subscribers mark.
 */
const READ_TASK = `
local job = redis.call('HGETALL', KEYS[1])
if #job == 0 then return nil end
local id = ARGV[1]
local state = 'unknown'
if redis.call('ZSCORE', KEYS[2], id) then state = 'completed'
elseif redis.call('ZSCORE', KEYS[3], id) then state = 'failed'
elseif redis.call('ZSCORE', KEYS[4], id) then state = 'delayed'
elseif redis.call('ZSCORE', KEYS[5], id) then state = 'prioritized'
elseif redis.call('LPOS', KEYS[7], id) then state = 'active'
elseif redis.call('LPOS', KEYS[8], id) or redis.call('LPOS', KEYS[9], id) then state = 'waiting'
elseif redis.call('ZSCORE', KEYS[6], id) then state = 'waiting-children'
end
if ARGV[2] == '1' and state ~= 'completed' and state ~= 'failed' then
  redis.call('HSET', KEYS[1], '${F.watched}', '1')
  -- Said again with each mark (see FINISH_UNWATCHED): a failover that lost it heals at once.
  redis.call('SET', KEYS[10], '1')
end
return {job, state}
`;

/**
 * Final states of a call's tasks, tallied (a Lua snippet for PUBLISH_TASK_EVENTS and
 * FINISH_UNWATCHED): counters, runtime samples and the runtime index are written once per call,
 * summed over its tasks (those of one pass are mostly of one type and outcome). `tally` takes a
 * task's outcome field, runtime bucket field and runtime sum field (queue/task-stats.ts), its
 * runtime in ms, its type's runtime samples key and its id ('' for what is not counted);
 * `writeTally` writes them to KEYS[1] (this minute's stats), KEYS[2] (the totals) and KEYS[4]
 * (tasks by runtime).
 */
const FINISHED_TALLY = `
local counts, sums, samples, ranked = {}, {}, {}, {}
local function count(field, n) counts[field] = (counts[field] or 0) + n end
local function tally(outcome, bucket, sum, runtime, runtimes, id)
  if outcome ~= '' then
    count(outcome, 1)
    if bucket ~= '' then
      count(bucket, 1)
      sums[sum] = (sums[sum] or 0) + tonumber(runtime)
    end
  end
  if runtime ~= '' then
    if not samples[runtimes] then samples[runtimes] = {} end
    table.insert(samples[runtimes], runtime)
    table.insert(ranked, runtime)
    table.insert(ranked, id)
  end
end
local function writeTally()
  if next(counts) then
    for field, n in pairs(counts) do
      redis.call('HINCRBY', KEYS[1], field, n)
      redis.call('HINCRBY', KEYS[2], field, n)
    end
    for field, ms in pairs(sums) do redis.call('HINCRBY', KEYS[2], field, ms) end
    redis.call('EXPIRE', KEYS[1], ${STATS_MINUTE_TTL_SECONDS})
  end
  for key, list in pairs(samples) do
    if redis.call('LPUSH', key, unpack(list)) > ${RUNTIME_SAMPLES} then redis.call('LTRIM', key, 0, ${RUNTIME_SAMPLES - 1}) end
  end
  if #ranked > 0 then redis.call('ZADD', KEYS[4], unpack(ranked)) end
end
`;

/**
 * Records task events and publishes them, several in one call (a worker sends those of one pass
 * of its event loop together, see TaskEventPublisher). For each event: optionally stores progress
 * (BullMQ's own `progress` field) and the worker running the task, appends the task's timeline
 * entries, bumps the task's event sequence number, PUBLISHes the event with that number on the
 * task's channel and on the global feed, and, for a final state, counts it and its runtime bucket
 * in this minute's stats and in the totals (queue/task-stats.ts) and keeps its runtime sample.
 * Subscribers use the number to drop events their snapshot already contains. A task whose hash is
 * gone (removed) gets nothing written back. Event JSON is spliced as text: Lua's cjson would round
 * floats and turn [] into {}.
 *
 * A worker id comes with STARTED: a task that was handed back (its type unknown to a worker)
 * leaves the list of tasks awaiting a worker then. A task that ended before its STARTED went out
 * has it folded into its final event: that one is then published first, with its own number.
 *
 * KEYS: this minute's stats hash, the stats totals, tasks awaiting a worker, the tasks-by-runtime
 *       index; then per event: the job hash, the type's runtime samples, the task's timeline
 * ARGV: feed channel, timeline TTL (s), timeline length; then per event, PUBLISH_EVENT_ARGS values:
 *       channel, event JSON, progress JSON or '', feed header (JSON members), worker id or '',
 *       outcome field or '', runtime ms or '', task id, runtime bucket field or '', runtime sum
 *       field, an event JSON to publish before this one (the folded STARTED) or '', timeline
 *       entries (one JSON per line) or ''
 * Answers, per event: its sequence number (0: the task is gone), and for a task still running
 * (not a final state) its cancel mark, else nil.
 */
const PUBLISH_TASK_EVENTS = `
-- A PUBLISH that reached no one: nobody can subscribe while this call runs, so the call's later
-- messages to that channel would reach no one either, and are not sent (with no dashboard open,
-- the feed gets one message per call). Not on a cluster: there SPUBLISH counts only the
-- subscribers of the node it runs on (see defineTaskScripts). taskql's API processes subscribe
-- on the server they write to; a client subscribed on a replica is not counted, and may miss these.
local SKIPS_UNHEARD = true
local feedHeard = true
local function publish(channel, heard, header, seq, json)
  local rest = string.sub(json, 2)
  if heard then heard = redis.call('PUBLISH', channel, '{"seq":' .. seq .. ',' .. rest) > 0 or not SKIPS_UNHEARD end
  if feedHeard then
    feedHeard = redis.call('PUBLISH', ARGV[1], '{"seq":' .. seq .. ',' .. header .. ',' .. rest) > 0 or not SKIPS_UNHEARD
  end
  return heard
end
${FINISHED_TALLY}
local answers = {}
for i = 0, (#KEYS - 4) / 3 - 1 do
  local job, runtimes, timeline = KEYS[5 + 3 * i], KEYS[6 + 3 * i], KEYS[7 + 3 * i]
  local a = 3 + ${PUBLISH_EVENT_ARGS} * i
  local channel, event, progress, header = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local worker, outcome, runtime, id = ARGV[a + 5], ARGV[a + 6], ARGV[a + 7], ARGV[a + 8]
  local bucket, sum, prior, entries = ARGV[a + 9], ARGV[a + 10], ARGV[a + 11], ARGV[a + 12]
  -- Every BullMQ job hash has a name: none, the task is gone.
  local found = redis.call('HMGET', job, 'name', '${F.handBacks}', '${F.cancelRequested}')
  if not found[1] then
    answers[2 * i + 1], answers[2 * i + 2] = 0, false
  else
    if progress ~= '' then redis.call('HSET', job, 'progress', progress) end
    if worker ~= '' then
      redis.call('HSET', job, '${F.worker}', worker)
      -- Only a task handed back (see HAND_BACK) is listed as awaiting a worker.
      if found[2] then redis.call('HDEL', KEYS[3], id) end
    end
    if entries ~= '' then
      local list = {}
      for entry in string.gmatch(entries, '[^\\n]+') do list[#list + 1] = entry end
      if redis.call('RPUSH', timeline, unpack(list)) > tonumber(ARGV[3]) then redis.call('LTRIM', timeline, -tonumber(ARGV[3]), -1) end
      redis.call('EXPIRE', timeline, ARGV[2])
    elseif outcome ~= '' then
      -- A final state with no entries of its own (an attempt that needed none): the entries of
      -- earlier attempts, if any, are kept as long as the task.
      redis.call('EXPIRE', timeline, ARGV[2])
    end
    -- The folded STARTED, if any, takes the number before the event's.
    local seq = redis.call('HINCRBY', job, '${F.seq}', prior == '' and 1 or 2)
    local heard = true
    if prior ~= '' then heard = publish(channel, heard, header, seq - 1, prior) end
    publish(channel, heard, header, seq, event)
    tally(outcome, bucket, sum, runtime, runtimes, id)
    -- A running task's worker acts on a cancel mark; a finished one has nothing left to cancel.
    answers[2 * i + 1], answers[2 * i + 2] = seq, outcome == '' and found[3] or false
  end
end
writeTally()
return answers
`;

/**
 * An API process's word that the live feed is watched (see pubsub/feed-watch.ts), for ARGV[2] ms
 * by Redis's clock: its entry in the set of those watching, which drops words that ended (an API
 * process that died) and lives as long as the latest.
 * KEYS: the feed-watched set. ARGV: the API process, ms.
 */
const WATCH_FEED = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/** Values per task in tqFinishUnwatched's ARGV. */
export const FINISH_UNWATCHED_ARGS = 5;

/**
 * The final SUCCESS of tasks whose events nobody may have watched (see TaskEventPublisher.finish:
 * a first attempt that ended before its STARTED went out), several in one call. A task is
 * watched when a subscriber's snapshot read marked it (READ_TASK) or it was handed back (its
 * awaiting entry goes with its STARTED); everything is watched while the live feed is. A task
 * nobody watched gets, in the store, what its published events would have left there (its
 * stats, its runtime sample; its worker is BullMQ's processedBy, see TaskWorker), and no event:
 * its sequence number stays 0, and its timeline is told from its own fields. The tasks that are
 * watched are answered, for the worker to publish their events as usual. No event can slip by
 * between the two: a snapshot read that runs after BullMQ's move to completed finds the task
 * finished and needs no event. Until an API process that marks its subscribers' tasks has run
 * (the watch-marks key), all are published: an older API's subscribers mark nothing.
 *
 * KEYS: this minute's stats hash, the stats totals, the feed-watched set, the tasks-by-runtime
 *       index, the watch-marks key; then per task: the job hash, the type's runtime samples
 * ARGV: per task, FINISH_UNWATCHED_ARGS values: task id, outcome field, runtime ms or '', runtime
 *       bucket field or '', runtime sum field or ''
 * Answers the positions (from 0) of the tasks to publish, or -1 alone: all of them (the feed is
 * watched, or no API that marks has run).
 */
const FINISH_UNWATCHED = `
if redis.call('EXISTS', KEYS[3]) == 1 or redis.call('EXISTS', KEYS[5]) == 0 then return {-1} end
${FINISHED_TALLY}
local watched = {}
for i = 0, (#KEYS - 5) / 2 - 1 do
  local job, runtimes = KEYS[6 + 2 * i], KEYS[7 + 2 * i]
  local a = ${FINISH_UNWATCHED_ARGS} * i
  local id, outcome, runtime, bucket, sum = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5]
  -- Every BullMQ job hash has a name: none, the task is gone (nothing is written back).
  local found = redis.call('HMGET', job, 'name', '${F.watched}', '${F.handBacks}')
  if found[2] or found[3] then
    watched[#watched + 1] = i
  elseif found[1] then
    tally(outcome, bucket, sum, runtime, runtimes, id)
  end
end
writeTally()
return watched
`;

/**
 * cancelTask's first step, atomic: a task that waits (wait, paused, prioritized, delayed, or
 * waiting-children: a workflow step waiting for the steps before it)
 * leaves its queue for the failed set, marked revoked, and REVOKED is published; a running
 * task is only marked (its worker is told through the cancel channel, and a worker that
 * picks it up again sees the mark). Answers what it found: revoked, active, finished, unknown.
 */
const REVOKE_TASK = `
local jobKey, id, now = KEYS[1], ARGV[1], tonumber(ARGV[2])
-- ARGV: id, now, channel, reason, feed channel, queue
if redis.call('EXISTS', jobKey) == 0 then return 'unknown' end
if redis.call('ZSCORE', KEYS[7], id) or redis.call('ZSCORE', KEYS[8], id) then return 'finished' end
if redis.call('LPOS', KEYS[6], id) then
  redis.call('HSET', jobKey, '${F.cancelRequested}', '1')
  return 'active'
end
local removed = redis.call('LREM', KEYS[2], 0, id) + redis.call('LREM', KEYS[3], 0, id)
  + redis.call('ZREM', KEYS[4], id) + redis.call('ZREM', KEYS[5], id) + redis.call('ZREM', KEYS[9], id)
if removed == 0 then return 'unknown' end
redis.call('ZADD', KEYS[8], now, id)
redis.call('HSET', jobKey, 'failedReason', ARGV[4], 'finishedOn', now, '${F.revoked}', '1', '${F.errorName}', 'RevokedError')
local seq = redis.call('HINCRBY', jobKey, '${F.seq}', 1)
local event = { seq = seq, state = 'REVOKED', finishedAt = now, error = { name = 'RevokedError', message = ARGV[4] } }
redis.call('PUBLISH', ARGV[3], cjson.encode(event))
-- The feed's fields of the task (feedTask in queue/topics.ts), from its hash.
event.id = id
event.name = redis.call('HGET', jobKey, 'name')
event.queue = ARGV[6]
local ok, data = pcall(cjson.decode, redis.call('HGET', jobKey, 'data') or '{}')
if ok and type(data) == 'table' and type(data.owner) == 'string' then event.owner = data.owner end
redis.call('PUBLISH', ARGV[5], cjson.encode(event))
redis.call('HINCRBY', KEYS[10], event.name .. ':revoked', 1)
redis.call('EXPIRE', KEYS[10], ${STATS_MINUTE_TTL_SECONDS})
redis.call('HINCRBY', KEYS[12], event.name .. ':revoked', 1)
redis.call('HDEL', KEYS[11], id)
return 'revoked'
`;

/**
 * A worker gives back a task whose type it does not know (it then moves it to BullMQ's delayed
 * set itself): the attempt BullMQ counted when the worker took it did not happen, so it is taken
 * back (with its start time, when no attempt is left); the hand-back is counted and the task
 * listed as awaiting a worker that knows its type. Answers the number of hand-backs so far; -1
 * (and nothing handed back) when cancelTask marked the task meanwhile: the worker revokes it.
 * KEYS: job hash, tasks awaiting a worker. ARGV: task id, `{ name, queue }` JSON.
 */
const HAND_BACK = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], '${F.cancelRequested}') then
  redis.call('HDEL', KEYS[2], ARGV[1])
  return -1
end
if redis.call('HINCRBY', KEYS[1], 'ats', -1) <= 0 then
  redis.call('HSET', KEYS[1], 'ats', 0)
  redis.call('HDEL', KEYS[1], 'processedOn')
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return redis.call('HINCRBY', KEYS[1], '${F.handBacks}', 1)
`;

/**
 * Clears what a failed or revoked task's last run left on it, before retryTask runs it again:
 * only while it is still failed, and still from the run the caller read (its finish time). A
 * retry that lost the race to another would otherwise clear the new run's fields (its cancel
 * mark, its worker, its progress), or, once the new run had failed or been revoked in turn,
 * clear its revocation and run it yet again. KEYS: job hash, the queue's failed set. ARGV: task
 * id, the finishedOn read, then the fields. Answers 1 (cleared) or 0 (not that failed run:
 * nothing touched).
 */
const CLEAR_FOR_RETRY = `
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
if redis.call('HGET', KEYS[1], 'finishedOn') ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], unpack(ARGV, 3))
return 1
`;

/**
 * New tasks, in one call: listed in the creation-time indexes (all, and the type's), announced
 * on the live feed; and, when ARGV[4] is set, entries created before it trimmed from the indexes:
 * the type's at once, the all-tasks one (and the runtime index, which holds the same ids) by
 * INDEX_TRIM_BATCH at a time. Answers 1 when more is left to trim, else 0.
 * KEYS: all-tasks index, the type's index, the tasks-by-runtime index. ARGV: created-at ms,
 * task id, feed channel or '', trim-before ms or '', feed message.
 */
const ANNOUNCE_TASK = `
redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], 'NX', ARGV[1], ARGV[2])
local behind = 0
if ARGV[4] ~= '' then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[4])
  local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4], 'LIMIT', 0, ${INDEX_TRIM_BATCH})
  if #old > 0 then
    redis.call('ZREM', KEYS[1], unpack(old))
    redis.call('ZREM', KEYS[3], unpack(old))
  end
  if #old == ${INDEX_TRIM_BATCH} then behind = 1 end
end
if ARGV[3] ~= '' then redis.call('PUBLISH', ARGV[3], ARGV[5]) end
return behind
`;

/**
 * Counts `n` submissions of an owner in this minute's window, unless that goes over the limit
 * (then nothing is counted). KEYS: the window's counter. ARGV: n, limit, window ms.
 * Answers [1, 0] when counted, or [0, ms until the window ends].
 */
const COUNT_SUBMITS = `
local n, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + n > limit then
  local ttl = redis.call('PTTL', KEYS[1])
  return {0, ttl > 0 and ttl or tonumber(ARGV[3])}
end
redis.call('INCRBY', KEYS[1], n)
if used == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return {1, 0}
`;

/**
 * A worker takes a running slot of the task's owner (maxRunning): expired leases (of dead
 * workers) are dropped first; a task that holds a slot already (taken again after a stall)
 * keeps it. Refused: the attempt BullMQ just counted is given back and the task is marked
 * deferred (shown PENDING while it waits in the delayed set for its turn).
 * KEYS: the owner's running set, the job hash. ARGV: task id, now, lease end, limit.
 */
const TAKE_OWNER_SLOT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
  -- Only to clean up after owners gone quiet: leases end by their score.
  redis.call('PEXPIREAT', KEYS[1], tonumber(ARGV[3]) + ${OWNER_RUNNING_TTL_MS})
  redis.call('HDEL', KEYS[2], '${F.deferred}')
  return 1
end
redis.call('HINCRBY', KEYS[2], 'ats', -1)
redis.call('HSET', KEYS[2], '${F.deferred}', '1')
return 0
`;

export type RevokeOutcome = 'revoked' | 'active' | 'finished' | 'unknown';

/** The BullMQ state names READ_TASK answers. */
export type BullState =
  | 'completed'
  | 'failed'
  | 'delayed'
  | 'prioritized'
  | 'active'
  | 'waiting'
  | 'waiting-children'
  | 'unknown';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** keys: job hash, completed, failed, delayed, prioritized, waiting-children, active, wait, paused, watch marks */
    tqReadTask(
      jobKey: string,
      completed: string,
      failed: string,
      delayed: string,
      prioritized: string,
      waitingChildren: string,
      active: string,
      wait: string,
      paused: string,
      watchMarks: string,
      jobId: string,
      watch: '1' | '0',
    ): Result<[string[], BullState] | null, Context>;
    /**
     * keys: this minute's stats, stats totals, awaiting a worker, tasks by runtime, then per
     * event: job hash, runtime samples, timeline. args: feed channel, timeline TTL (s), timeline
     * length, then PUBLISH_EVENT_ARGS per event (see PUBLISH_TASK_EVENTS).
     * Answers [seq, cancel mark or null] per event, flat.
     */
    tqPublishTaskEvents(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Result<(number | string | null)[], Context>;
    /**
     * keys: this minute's stats, stats totals, feed watched, tasks by runtime, watch marks, then
     * per task: job hash, runtime samples. args: FINISH_UNWATCHED_ARGS per task (see
     * FINISH_UNWATCHED). Answers the positions of the watched tasks, or [-1]: all are.
     */
    tqFinishUnwatched(numberOfKeys: number, ...keysAndArgs: string[]): Result<number[], Context>;
    /** This API process's word that the live feed is watched, for `ms` (see WATCH_FEED). */
    tqWatchFeed(feedWatched: string, apiProcess: string, ms: number): Result<null, Context>;
    /** Answers the task's hand-backs so far (0: the task is gone; -1: it is to be revoked instead). */
    tqHandBack(jobKey: string, awaitingKey: string, taskId: string, entryJson: string): Result<number, Context>;
    /** Answers 1 (the fields cleared) or 0 (not the failed run read; see CLEAR_FOR_RETRY). */
    tqClearForRetry(jobKey: string, failed: string, taskId: string, finishedOn: string, ...fields: string[]): Result<number, Context>;
    /** Answers 1 when old index entries are left to trim, else 0. */
    tqAnnounceTask(
      allIndex: string,
      typeIndex: string,
      runtimeIndex: string,
      createdAt: number,
      id: string,
      feedChannel: string,
      trimBefore: string,
      feedMessage: string,
    ): Result<number, Context>;
    /** Answers [1, 0] (counted) or [0, ms until the window ends]. */
    tqCountSubmits(counter: string, n: number, limit: number, windowMs: number): Result<[number, number], Context>;
    /** Answers 1 (taken) or 0 (the owner is at its limit). */
    tqTakeOwnerSlot(running: string, jobKey: string, jobId: string, now: number, leaseEnd: number, limit: number): Result<number, Context>;
    /** keys: job hash, wait, paused, prioritized, delayed, active, completed, failed, waiting-children, stats, awaiting a worker, stats totals */
    tqRevokeTask(
      jobKey: string,
      wait: string,
      paused: string,
      prioritized: string,
      delayed: string,
      active: string,
      completed: string,
      failed: string,
      waitingChildren: string,
      statsKey: string,
      awaitingKey: string,
      statsTotalKey: string,
      jobId: string,
      now: number,
      channel: string,
      reason: string,
      feedChannel: string,
      queue: string,
    ): Result<RevokeOutcome, Context>;
  }
}

export function defineTaskScripts(redis: RedisClient): void {
  // On a cluster the scripts publish with SPUBLISH (see redis/pubsub.ts), whose count of
  // receivers leaves out those connected to the shard's other nodes: every message is sent.
  const lua = (source: string) =>
    source
      .replaceAll("redis.call('PUBLISH'", `redis.call('${publishCommand(redis)}'`)
      .replace('local SKIPS_UNHEARD = true', `local SKIPS_UNHEARD = ${!isCluster(redis)}`);
  redis.defineCommand('tqReadTask', { numberOfKeys: 10, lua: READ_TASK });
  redis.defineCommand('tqPublishTaskEvents', { lua: lua(PUBLISH_TASK_EVENTS) });
  redis.defineCommand('tqFinishUnwatched', { lua: FINISH_UNWATCHED });
  redis.defineCommand('tqWatchFeed', { numberOfKeys: 1, lua: WATCH_FEED });
  redis.defineCommand('tqRevokeTask', { numberOfKeys: 12, lua: lua(REVOKE_TASK) });
  redis.defineCommand('tqHandBack', { numberOfKeys: 2, lua: HAND_BACK });
  redis.defineCommand('tqClearForRetry', { numberOfKeys: 2, lua: CLEAR_FOR_RETRY });
  redis.defineCommand('tqAnnounceTask', { numberOfKeys: 3, lua: lua(ANNOUNCE_TASK) });
  redis.defineCommand('tqCountSubmits', { numberOfKeys: 1, lua: COUNT_SUBMITS });
  redis.defineCommand('tqTakeOwnerSlot', { numberOfKeys: 2, lua: TAKE_OWNER_SLOT });
}

/**
 * Puts every script of the connection (taskql's and BullMQ's) into Redis's script cache.
 * ioredis sends a script's body (EVAL) on its first use on a connection, and only its hash
 * (EVALSHA) after. When Redis discards a MULTI (EXECABORT: out of memory), that first EVAL
 * never ran, and the next MULTI's EVALSHA would fail with NOSCRIPT inside EXEC, after the
 * transaction's other commands ran. So after a discarded MULTI, load them.
 */
export async function loadScripts(redis: RedisClient): Promise<void> {
  const scripts = Object.values(redis.scriptsSet as Record<string, { lua: string }>);
  const nodes: Redis[] = isCluster(redis) ? redis.nodes('master') : [redis];
  await Promise.all(
    nodes.map((node) => {
      const pipeline = node.pipeline();
      for (const script of scripts) pipeline.script('LOAD', script.lua);
      return pipeline.exec();
    }),
  );
}
