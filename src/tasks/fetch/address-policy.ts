import { BlockList, isIP } from 'node:net';

/**
 * Which addresses fetchUrl may connect to. Internal addresses (loopback, private, link-local,
 * CGNAT, multicast, reserved, cloud metadata…) are refused unless the settings allow them, so a
 * task's URL cannot reach the worker's own host or network.
 */
export interface AddressPolicySettings {
  /** Allow every internal address except cloud metadata ones. */
  FETCH_ALLOW_PRIVATE: boolean;
  /** Addresses or CIDR networks allowed although internal (metadata ones included). */
  FETCH_ALLOWED_NETWORKS: readonly string[];
}

const METADATA = 'a cloud metadata address';

/**
 * Ranges that are not the public internet, with what each is (the refusal names it). Checked in
 * order: metadata addresses first, as they lie inside link-local and private ranges.
 */
const INTERNAL: readonly (readonly [what: string, cidr: string])[] = [
  [METADATA, '169.254.169.254/32'], // AWS, GCP, Azure, OpenStack…
  [METADATA, '169.254.170.2/32'], // AWS ECS task credentials
  [METADATA, '100.100.100.200/32'], // Alibaba Cloud
  [METADATA, 'fd00:ec2::254/128'], // AWS over IPv6
  ['an unspecified ("this network") address, which reaches this host', '0.0.0.0/8'],
  ['a loopback address', '127.0.0.0/8'],
  ['a private address', '10.0.0.0/8'],
  ['a private address', '172.16.0.0/12'],
  ['a private address', '192.168.0.0/16'],
  ['a shared (CGNAT) address', '100.64.0.0/10'],
  ['a link-local address', '169.254.0.0/16'],
  ['a reserved address', '192.0.0.0/24'],
  ['a documentation address', '192.0.2.0/24'],
  ['a reserved address', '192.88.99.0/24'],
  ['a benchmarking address', '198.18.0.0/15'],
  ['a documentation address', '198.51.100.0/24'],
  ['a documentation address', '203.0.113.0/24'],
  ['a multicast address', '224.0.0.0/4'],
  ['a reserved address', '240.0.0.0/4'], // and the broadcast address
  ['an unspecified address, which reaches this host', '::/128'],
  ['a loopback address', '::1/128'],
  ['a reserved address', '::/96'], // IPv4-compatible, deprecated
  ['a reserved address', '100::/64'], // discard-only
  ['a private address', '64:ff9b:1::/48'], // local-use NAT64
  ['a reserved address', '2001::/23'], // IETF protocol assignments (Teredo…)
  ['a documentation address', '2001:db8::/32'],
  ['a documentation address', '3fff::/20'],
  ['a private (unique local) address', 'fc00::/7'],
  ['a link-local address', 'fe80::/10'],
  ['a site-local address', 'fec0::/10'],
  ['a multicast address', 'ff00::/8'],
];

const INTERNAL_LISTS = INTERNAL.map(([what, cidr]) => ({ what, list: blockListOf([cidr]) }));

export class AddressPolicy {
  readonly #allowPrivate: boolean;
  readonly #allowed: BlockList;

  constructor(settings: AddressPolicySettings) {
    this.#allowPrivate = settings.FETCH_ALLOW_PRIVATE;
    this.#allowed = blockListOf(settings.FETCH_ALLOWED_NETWORKS);
  }

  /**
   * Why `address` (an IP address) may not be connected to, as a sentence for the task's error;
   * undefined when it may. `name` is the host name it was resolved from, if any.
   */
  refusal(address: string, name?: string): string | undefined {
    const effective = embeddedIPv4(address) ?? address;
    const family = isIP(effective) === 4 ? 'ipv4' : 'ipv6';
    if (this.#allowed.check(effective, family)) return undefined;
    const match = INTERNAL_LISTS.find(({ list }) => list.check(effective, family));
    if (!match || (this.#allowPrivate && match.what !== METADATA)) return undefined;
    const shown = effective === address ? address : `${address} (${effective})`;
    const subject = name === undefined || name === address ? `${shown} is` : `${name} resolves to ${shown},`;
    const how =
      match.what === METADATA
        ? 'add it to FETCH_ALLOWED_NETWORKS to allow it'
        : 'set FETCH_ALLOW_PRIVATE=true or add it to FETCH_ALLOWED_NETWORKS to allow it';
    return `refused: ${subject} ${match.what}; ${how}`;
  }
}

/** `10.1.2.3`, `10.0.0.0/8`, `fd00::/8`: an address or a CIDR network. */
export function isNetwork(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function blockListOf(networks: readonly string[]): BlockList {
  const list = new BlockList();
  for (const network of networks) {
    const [address = '', prefix] = network.split('/');
    const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/**
 * The IPv4 address an IPv6 address stands for, where it embeds one that a connection can end up
 * at: IPv4-mapped (::ffff:127.0.0.1), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 */
function embeddedIPv4(address: string): string | undefined {
  if (isIP(address) !== 6) return undefined;
  const groups = ipv6Groups(address);
  const isZero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  let high: number, low: number;
  if (isZero(0, 5) && groups[5] === 0xffff) [high, low] = [groups[6]!, groups[7]!];
  else if (groups[0] === 0x64 && groups[1] === 0xff9b && isZero(2, 6)) [high, low] = [groups[6]!, groups[7]!];
  else if (groups[0] === 0x2002) [high, low] = [groups[1]!, groups[2]!];
  else return undefined;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]!; // a zone (fe80::1%eth0) is not part of the address
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const split = (part: string) => (part === '' ? [] : part.split(':'));
  const left = split(head);
  const right = rest === undefined ? [] : split(rest);
  const middle = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16));
}
