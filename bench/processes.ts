/**
 * What the bench scripts share: the processes they measure (started, stopped, their CPU time)
 * and the HTTP client they load them with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request, type Agent } from 'node:http';
import { createInterface } from 'node:readline';

/**
 * Node flags for profiling the processes a script starts: CPU_PROF=dir writes V8 CPU profiles
 * there (node --cpu-prof), HEAP_PROF=dir sampling allocation profiles (a sample every 4 KB).
 */
export function profilingFlags(): string[] {
  const { CPU_PROF: cpu, HEAP_PROF: heap } = process.env;
  return [...(cpu ? ['--cpu-prof', `--cpu-prof-dir=${cpu}`] : []), ...(heap ? ['--heap-prof', `--heap-prof-dir=${heap}`, '--heap-prof-interval=4096'] : [])];
}

/**
 * A child process of `node` (a .ts script runs under tsx), with `nodeFlags`; resolves once it
 * prints a line containing `ready`, with that line; rejects if it exits first.
 */
export async function start(args: string[], env: Record<string, string>, ready: string, nodeFlags: string[] = []): Promise<{ child: ChildProcess; line: string }> {
  const loader = args[0]!.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, ...nodeFlags, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.on('line', (text) => text.includes(ready) && resolve(text));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { child, line };
}

/** Stops a child (SIGTERM) and waits for it to exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** A process's CPU time so far (user + system), in seconds (Linux, 10 ms ticks). */
export function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * An HTTP request, with a JSON body if given; answers the response body, or rejects on an HTTP
 * error status. Sent again, once, when a kept-alive socket turns out closed (ECONNRESET on a
 * reused socket: the server's keep-alive timeout, 5 s in Node, closed it as the request went
 * out, and the server never read it; the race Node's docs describe for `request.reusedSocket`).
 */
const send = (agent: Agent, method: 'GET' | 'POST', url: string, body?: string, retried = false): Promise<string> =>
  new Promise<string>((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = request(url, { agent, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode! >= 400) reject(new Error(`${res.statusCode}: ${text}`));
        else resolve(text);
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET') resolve(send(agent, method, url, body, true));
      else reject(new Error(`${method} ${url}: ${error.message}`, { cause: error }));
    });
    req.end(body);
  });

/** POSTs a JSON body; answers the response body, or rejects on an HTTP error status. */
export const post = (agent: Agent, url: string, body: string) => send(agent, 'POST', url, body);

/** GETs `url`; answers the response body, or rejects on an HTTP error status. */
export const get = (agent: Agent, url: string) => send(agent, 'GET', url);
