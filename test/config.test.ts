import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    expect(loadConfig({})).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 4000,
      CONCURRENCY: 8,
      TASKQL_PREFIX: 'taskql',
      REDIS_COMMAND_TIMEOUT_MS: 2000,
      SHUTDOWN_GRACE_MS: 10_000,
    });
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
  });

  it('reads and converts settings from the environment', () => {
    const config = loadConfig({ REDIS_URL: 'rediss://user:pw@redis.example:6380/2', PORT: '8080', CONCURRENCY: '32' });
    expect(config).toMatchObject({ REDIS_URL: 'rediss://user:pw@redis.example:6380/2', PORT: 8080, CONCURRENCY: 32 });
  });

  it('refuses bad values, naming each setting, its value and the reason', () => {
    const load = () => loadConfig({ PORT: '99999', CONCURRENCY: 'lots', REDIS_URL: 'http://x', TASKQL_PREFIX: 'a b' });
    expect(load).toThrow(ConfigError);
    const message = (() => {
      try {
        load();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/PORT="99999": .*65535/);
    expect(message).toMatch(/CONCURRENCY="lots": /);
    expect(message).toMatch(/REDIS_URL="http:\/\/x": /);
    expect(message).toMatch(/TASKQL_PREFIX="a b": /);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(4000);
  });
});
