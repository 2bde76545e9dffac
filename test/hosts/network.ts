import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Separate network hosts on one machine: a Linux network namespace each, joined by veth pairs
 * to one bridge (a LAN), each with its own address. Needs root and iproute2 (`ip netns`).
 */
export class Network {
  readonly hosts = new Map<string, { namespace: string; address: string; link: string }>();
  private readonly id = randomBytes(2).toString('hex');
  private readonly subnet = `10.${200 + (randomBytes(1)[0]! % 50)}.${randomBytes(1)[0]!}`;
  private readonly bridge = `tqbr${this.id}`;
  private readonly processes: ChildProcess[] = [];

  /** The bridge, with an address for this (root) namespace: the test talks to the hosts from here. */
  async create(): Promise<void> {
    try {
      await run('ip', ['link', 'add', this.bridge, 'type', 'bridge']);
    } catch (error) {
      throw new Error(
        `Cannot create network hosts here (needs root, iproute2 and network namespaces): ${(error as Error).message}`,
        { cause: error },
      );
    }
    await run('ip', ['addr', 'add', `${this.subnet}.1/24`, 'dev', this.bridge]);
    await run('ip', ['link', 'set', this.bridge, 'up']);
  }

  /** A host named `name` (its namespace, its address, its cable to the bridge). */
  async addHost(name: string): Promise<string> {
    const index = this.hosts.size + 10;
    const namespace = `tq-${this.id}-${name}`;
    const link = `tqv${this.id}${index}`;
    const address = `${this.subnet}.${index}`;
    await run('ip', ['netns', 'add', namespace]);
    await run('ip', ['link', 'add', link, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace]);
    await run('ip', ['link', 'set', link, 'master', this.bridge]);
    await run('ip', ['link', 'set', link, 'up']);
    await run('ip', ['netns', 'exec', namespace, 'ip', 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
    await run('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', 'eth0', 'up']);
    await run('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up']);
    this.hosts.set(name, { namespace, address, link });
    return address;
  }

  /**
   * What runs a command on host `name`: in its namespace, and with its own hostname (a UTS
   * namespace), so that worker ids name their host.
   */
  on(name: string): string[] {
    const host = this.hosts.get(name)!;
    return ['ip', 'netns', 'exec', host.namespace, 'unshare', '--uts', 'sh', '-c', `hostname ${name} && exec "$@"`, 'sh'];
  }

  /**
   * Starts redis-server on host `name`, reachable from the others as an ACL user (the default
   * user is off); resolves with its URL once it accepts connections.
   */
  async startRedis(name: string, user = { name: 'taskql', password: randomBytes(8).toString('hex') }): Promise<string> {
    const { address } = this.hosts.get(name)!;
    const [command, ...args] = this.on(name);
    const redisArgs = ['--bind', address, '--port', '6379', '--save', '', '--appendonly', 'no', '--logfile', ''];
    redisArgs.push('--user', 'default', 'off', '--user', user.name, 'on', `>${user.password}`, '~*', '&*', '+@all');
    const child = spawn(command!, [...args, 'redis-server', ...redisArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.processes.push(child);
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)));
    });
    return `redis://${user.name}:${user.password}@${address}:6379`;
  }

  /** Pulls host `name`'s cable (or plugs it back in). */
  async setLink(name: string, state: 'up' | 'down'): Promise<void> {
    await run('ip', ['link', 'set', this.hosts.get(name)!.link, state]);
  }

  async destroy(): Promise<void> {
    for (const child of this.processes) child.kill('SIGKILL');
    for (const { namespace } of this.hosts.values()) await run('ip', ['netns', 'del', namespace]).catch(() => 0);
    await run('ip', ['link', 'del', this.bridge]).catch(() => 0);
  }
}
