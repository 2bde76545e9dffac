import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/**
 * A private CA and a server certificate it signed, made with node:crypto alone (no openssl
 * binary, which a machine with just Node.js and redis-server may not have). X.509 v3, ECDSA
 * P-256 with SHA-256, DER written by hand: only the fields a TLS client checks.
 */

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : lengthOf(body.length);
  return Buffer.concat([Buffer.from([tag]), length, body]);
};
function lengthOf(n: number): Buffer {
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const seq = (...items: Buffer[]) => tlv(0x30, ...items);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};
const utcTime = (date: Date) => tlv(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`));
const name = (commonName: string) => seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName)))));
const extension = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

function certificate(options: { subject: string; issuer: string; publicKey: KeyObject; signer: KeyObject; extensions: Buffer[] }): string {
  const serial = randomBytes(8);
  serial[0]! &= 0x7f;
  const now = Date.now();
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    ECDSA_SHA256,
    name(options.issuer),
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 2 * 86_400_000))),
    name(options.subject),
    options.publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(...options.extensions)),
  );
  const signature = sign('sha256', tbs, options.signer);
  const der = seq(tbs, ECDSA_SHA256, tlv(0x03, Buffer.from([0]), signature));
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

/** SubjectAltName entries: DNS names and IP addresses. */
function altNames(hosts: string[]): Buffer {
  return seq(
    ...hosts.map((host) =>
      isIP(host) === 4 ? tlv(0x87, Buffer.from(host.split('.').map(Number))) : tlv(0x82, Buffer.from(host)),
    ),
  );
}

/** Writes ca.crt, server.crt and server.key (PEM) into `dir`, for `hosts`; answers their paths. */
export function writeTestCertificates(dir: string, hosts = ['localhost', '127.0.0.1']): { ca: string; cert: string; key: string } {
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const server = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caPem = certificate({
    subject: 'taskql test CA',
    issuer: 'taskql test CA',
    publicKey: ca.publicKey,
    signer: ca.privateKey,
    extensions: [extension('2.5.29.19', true, seq(tlv(0x01, Buffer.from([0xff]))))],
  });
  const serverPem = certificate({
    subject: hosts[0]!,
    issuer: 'taskql test CA',
    publicKey: server.publicKey,
    signer: ca.privateKey,
    extensions: [extension('2.5.29.17', false, altNames(hosts))],
  });
  const paths = { ca: join(dir, 'ca.crt'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
  writeFileSync(paths.ca, caPem);
  writeFileSync(paths.cert, serverPem);
  writeFileSync(paths.key, server.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return paths;
}
