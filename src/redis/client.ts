import type { Cluster, Redis } from 'ioredis';

/** A connection to one Redis, or to a Redis Cluster (the same commands; BullMQ takes either). */
export type RedisClient = Redis | Cluster;

export const isCluster = (redis: RedisClient): redis is Cluster => (redis as Cluster).isCluster === true;
