/**
 * Runs the four services as child processes: start, wait until ready, kill -9,
 * restart. Shared by the system command, the fault suite and the benchmarks.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * nodeArgs: V8 settings a service runs with wherever it is deployed (the
 * Dockerfiles set the same). Intake, the front door, gets a larger young
 * generation: fewer scavenges per request for some 30 MB more memory.
 */
export const SERVICES = [
  { name: 'intake', port: 3101, nodeArgs: ['--max-semi-space-size=32'] },
  { name: 'routing', port: 3102 },
  { name: 'agency-gateway', port: 3103 },
  { name: 'reporting', port: 3104 },
];

export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class Cluster {
  /**
   * @param {object} options
   * @param {string} options.runDir   where logs and pid files go
   * @param {object} options.env      environment shared by every service
   * @param {number} [options.basePort] port of intake; the others follow
   */
  constructor({ runDir, env, basePort = 3101 }) {
    this.logDir = join(runDir, 'logs');
    this.pidDir = join(runDir, 'pids');
    this.env = env;
    this.services = SERVICES.map((s, i) => ({ ...s, port: basePort + i }));
    mkdirSync(this.logDir, { recursive: true });
    mkdirSync(this.pidDir, { recursive: true });
  }

  url(name) {
    return `http://127.0.0.1:${this.service(name).port}`;
  }

  service(name) {
    const found = this.services.find((s) => s.name === name);
    if (!found) throw new Error(`no service ${name}`);
    return found;
  }

  pid(name) {
    const file = join(this.pidDir, `${name}.pid`);
    if (!existsSync(file)) return null;
    const pid = Number(readFileSync(file, 'utf8'));
    return pidAlive(pid) ? pid : null;
  }

  /** Starts a service (a no-op when it runs already). */
  start(name, extraEnv = {}) {
    const running = this.pid(name);
    if (running) return running;

    const service = this.service(name);
    const out = openSync(join(this.logDir, `${name}.log`), 'a');
    const child = spawn(
      process.execPath,
      // CLUSTER_NODE_ARGS adds node flags, e.g. --cpu-prof to profile a run.
      [
        ...(service.nodeArgs ?? []),
        ...(process.env.CLUSTER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        '-r',
        './tools/register.js',
        `apps/${name}/src/main.ts`,
      ],
      {
        cwd: root,
        env: { ...this.env, PORT: String(service.port), ...extraEnv },
        detached: true,
        stdio: ['ignore', out, out],
      },
    );
    child.unref();
    writeFileSync(join(this.pidDir, `${name}.pid`), String(child.pid));
    return child.pid;
  }

  startProcess(name, args, extraEnv = {}) {
    const running = this.pid(name);
    if (running) return running;
    const out = openSync(join(this.logDir, `${name}.log`), 'a');
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...this.env, ...extraEnv },
      detached: true,
      stdio: ['ignore', out, out],
    });
    child.unref();
    writeFileSync(join(this.pidDir, `${name}.pid`), String(child.pid));
    return child.pid;
  }

  async startAll() {
    for (const s of this.services) this.start(s.name);
    for (const s of this.services) await this.waitReady(s.name);
  }

  async waitReady(name, timeoutMs = 90_000) {
    const url = name === 'web' ? this.webUrl : `${this.url(name)}/health/ready`;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(url);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (!this.pid(name)) {
        throw new Error(`${name} exited; see ${join(this.logDir, `${name}.log`)}`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`${name} did not become ready; see ${join(this.logDir, `${name}.log`)}`);
  }

  /** SIGKILL: no shutdown hooks run, as when a machine dies. */
  async kill(name) {
    const pid = this.pid(name);
    if (!pid) return;
    process.kill(-pid, 'SIGKILL');
    while (pidAlive(pid)) await new Promise((r) => setTimeout(r, 50));
    rmSync(join(this.pidDir, `${name}.pid`), { force: true });
  }

  async stop(name) {
    const pid = this.pid(name);
    if (!pid) return false;
    process.kill(-pid, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (pidAlive(pid)) process.kill(-pid, 'SIGKILL');
    rmSync(join(this.pidDir, `${name}.pid`), { force: true });
    return true;
  }

  async stopAll(extra = []) {
    for (const name of [...extra, ...this.services.map((s) => s.name).reverse()]) {
      await this.stop(name);
    }
  }

  /** Resident memory of a service in MB, from /proc. */
  rssMb(name) {
    const pid = this.pid(name);
    if (!pid) return null;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(status);
    const hwm = /VmHWM:\s+(\d+)/.exec(status);
    return { rss: rss ? Number(rss[1]) / 1024 : null, peak: hwm ? Number(hwm[1]) / 1024 : null };
  }
}
