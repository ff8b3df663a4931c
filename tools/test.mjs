#!/usr/bin/env node
/**
 * The whole test suite: installs what is missing, starts a real Kafka broker
 * and finds PostgreSQL, then runs lint, the type check, unit and integration
 * tests. Stops the broker it started. Safe to run twice.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function run(command, args, env = process.env) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}

// The browser tests drive Debian's Chromium; a Chinese font makes their
// screenshots readable.
if (!existsSync('/usr/bin/chromium') && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0) {
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-zenhei', 'fonts-noto-color-emoji'], {
    ...process.env,
    DEBIAN_FRONTEND: 'noninteractive',
  });
}

const kafka = await import('./kafka/launcher.mjs');
const { resolvePostgres } = await import('./postgres.mjs');

const wasRunning = kafka.status().running;
await kafka.start();
await kafka.createTopics('');
const pg = await resolvePostgres();
console.log(`kafka: ${kafka.KAFKA_BROKERS} (log ${kafka.BROKER_LOG}); postgres: ${pg.source}`);

const env = {
  ...process.env,
  KAFKA_BROKERS: kafka.KAFKA_BROKERS,
  TEST_PG_ADMIN_URL: pg.url,
};

let status = 0;
try {
  const steps = [
    ['npx', ['nx', 'show', 'projects']],
    ['npx', ['eslint', '.']],
    ['npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
    ['npx', ['jest', '--ci', '--selectProjects', 'unit']],
    ['npx', ['jest', '--ci', '--selectProjects', 'e2e', '--maxWorkers=2', ...process.argv.slice(2)]],
    // Its own broker, database and services; kills and restarts them.
    ['node', ['tools/faults/fault-suite.mjs']],
  ];
  for (const [command, args] of steps) {
    status = run(command, args, env);
    if (status !== 0) break;
  }
} finally {
  if (!wasRunning) await kafka.stop();
  await pg.stop?.();
}
process.exit(status);
