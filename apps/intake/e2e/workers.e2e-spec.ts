import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TOPICS } from '@lianzhi/domain';
import {
  createTestEnvironment,
  eventually,
  freePort,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { bearer, complaint, readTopic, tokens } from './support';

const ROOT = join(__dirname, '..', '..', '..');

describe('several copies of a service on one host (WORKERS)', () => {
  let env: TestEnvironment;
  let supervisor: ChildProcess;
  let output = '';
  let port: number;

  beforeAll(async () => {
    env = await createTestEnvironment('intake_workers');
    port = await freePort();
    supervisor = spawn(
      process.execPath,
      ['-r', './tools/register.js', 'apps/intake/src/main.ts'],
      {
        cwd: ROOT,
        env: env.env({ PORT: String(port), WORKERS: '2', LOG_LEVEL: 'info' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    supervisor.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    supervisor.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => output.includes('all 2 workers listening'), { timeoutMs: 90_000, what: 'both copies listening' });
  });

  afterAll(async () => {
    if (supervisor.exitCode === null) supervisor.kill('SIGKILL');
    await env?.dispose();
  });

  const post = () =>
    fetch(`http://127.0.0.1:${port}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(tokens.operator) },
      body: JSON.stringify(complaint()),
    });

  it('accepts complaints on the shared port and publishes each once', async () => {
    const reader = await readTopic(env, TOPICS.intake);
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, post));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
      const ids = await Promise.all(
        answers.map(async (a) => ((await a.json()) as { caseId: string }).caseId),
      );

      await eventually(async () => ids.every((id) => reader.messages.some((m) => m.key === id)));
      await new Promise((r) => setTimeout(r, 500));
      for (const id of ids) {
        expect(reader.messages.filter((m) => m.key === id)).toHaveLength(1);
      }
    } finally {
      await reader.stop();
    }
  });

  it('starts another copy when one dies, and keeps answering', async () => {
    const workers = (await fetchWorkerPids()).slice(0, 1);
    process.kill(workers[0], 'SIGKILL');

    await eventually(async () => output.includes('starting another'), { what: 'a copy restarted' });
    await eventually(async () => (await post()).status === 201, { timeoutMs: 60_000, what: 'an answer after the restart' });
  });

  it('stops every copy on SIGTERM and exits cleanly', async () => {
    const workers = await fetchWorkerPids();
    const exited = new Promise<number | null>((resolve) => supervisor.once('exit', resolve));
    supervisor.kill('SIGTERM');

    expect(await exited).toBe(0);
    for (const pid of workers) expect(alive(pid)).toBe(false);
  });

  /** The pids of the copies now running: children of the supervisor. */
  async function fetchWorkerPids(): Promise<number[]> {
    const { readFileSync, readdirSync } = await import('node:fs');
    const children: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === supervisor.pid) children.push(Number(entry));
      } catch {
        // gone while reading
      }
    }
    expect(children.length).toBeGreaterThan(0);
    return children;
  }
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
