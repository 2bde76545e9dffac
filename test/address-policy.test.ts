import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { AddressPolicy } from '../src/tasks/fetch/address-policy.ts';

// What fetchUrl may connect to, address by address (no network: the policy is a pure function;
// test/fetch-url.test.ts shows it applied to real connections).
describe("fetchUrl's address policy", () => {
  const strict = new AddressPolicy({ FETCH_ALLOW_PRIVATE: false, FETCH_ALLOWED_NETWORKS: [] });
  const kind = (policy: AddressPolicy, address: string) => /^refused: .*?(?:is|,) (an? .*?address)/.exec(policy.refusal(address) ?? '')?.[1];

  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['0.0.0.0', 'an unspecified ("this network") address'],
    ['::', 'an unspecified address'],
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['::ffff:192.168.1.1', 'a private address'],
    ['100.64.0.1', 'a shared (CGNAT) address'],
    ['169.254.1.1', 'a link-local address'],
    ['169.254.169.254', 'a cloud metadata address'],
    ['::ffff:169.254.169.254', 'a cloud metadata address'],
    ['fd00:ec2::254', 'a cloud metadata address'],
    ['fc00::1', 'a private (unique local) address'],
    ['fd12:3456::1', 'a private (unique local) address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['255.255.255.255', 'a reserved address'],
    ['::127.0.0.1', 'a reserved address'],
    ['64:ff9b::a00:1', 'a private address'], // NAT64 of 10.0.0.1
    ['2002:7f00:1::', 'a loopback address'], // 6to4 of 127.0.0.1
    ['192.0.2.1', 'a documentation address'],
    ['2001:db8::1', 'a documentation address'],
  ])('refuses %s as %s', (address, what) => {
    expect(kind(strict, address)).toBe(what);
  });

  it.each(['1.1.1.1', '8.8.8.8', '93.184.215.14', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows the public address %s',
    (address) => {
      expect(strict.refusal(address)).toBeUndefined();
    },
  );

  it('says how to allow an address, and names the host name it was resolved from', () => {
    expect(strict.refusal('10.0.0.5', 'db.internal')).toBe(
      'refused: db.internal resolves to 10.0.0.5, a private address; set FETCH_ALLOW_PRIVATE=true or add it to FETCH_ALLOWED_NETWORKS to allow it',
    );
    expect(strict.refusal('169.254.169.254')).toBe('refused: 169.254.169.254 is a cloud metadata address; add it to FETCH_ALLOWED_NETWORKS to allow it');
  });

  it('FETCH_ALLOWED_NETWORKS allows exactly the listed addresses and networks, mapped forms included', () => {
    const policy = new AddressPolicy({ FETCH_ALLOW_PRIVATE: false, FETCH_ALLOWED_NETWORKS: ['127.0.0.1', '10.20.0.0/16', 'fd00:1::/32'] });
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '10.20.3.4', 'fd00:1::5']) expect(policy.refusal(address)).toBeUndefined();
    for (const address of ['127.0.0.2', '::1', '10.21.0.1', 'fd00:2::5', '169.254.169.254']) expect(policy.refusal(address)).toMatch(/^refused: /);
  });

  it('FETCH_ALLOW_PRIVATE allows internal addresses but not cloud metadata, unless that is listed', () => {
    const policy = new AddressPolicy({ FETCH_ALLOW_PRIVATE: true, FETCH_ALLOWED_NETWORKS: [] });
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', '192.168.0.1', 'fe80::1']) expect(policy.refusal(address)).toBeUndefined();
    expect(kind(policy, '169.254.169.254')).toBe('a cloud metadata address');
    const listed = new AddressPolicy({ FETCH_ALLOW_PRIVATE: true, FETCH_ALLOWED_NETWORKS: ['169.254.169.254'] });
    expect(listed.refusal('169.254.169.254')).toBeUndefined();
  });

  it('reads the fetch settings from the environment, refusing a bad network', () => {
    expect(loadConfig({})).toMatchObject({
      FETCH_ALLOW_PRIVATE: false,
      FETCH_ALLOWED_NETWORKS: [],
      FETCH_MAX_BYTES: 10 << 20,
      FETCH_TIMEOUT_MS: 30_000,
      FETCH_RESPONSE_TIMEOUT_MS: 10_000,
      FETCH_MAX_REDIRECTS: 5,
    });
    expect(loadConfig({ FETCH_ALLOW_PRIVATE: 'true', FETCH_ALLOWED_NETWORKS: '10.1.2.3, 10.20.0.0/16,fd00::/8' })).toMatchObject({
      FETCH_ALLOW_PRIVATE: true,
      FETCH_ALLOWED_NETWORKS: ['10.1.2.3', '10.20.0.0/16', 'fd00::/8'],
    });
    for (const bad of ['10.0.0.0/33', 'intranet', '10.0.0.1/8/8', 'fd00::/129']) {
      expect(() => loadConfig({ FETCH_ALLOWED_NETWORKS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ FETCH_ALLOWED_NETWORKS: bad })).toThrow(/FETCH_ALLOWED_NETWORKS=.*comma-separated addresses or CIDR networks/);
    }
  });
});
