#!/usr/bin/env node
/**
 * Every benchmark, one after the other, each printing its figures:
 *
 *   domain      classification and routing decisions per second (one core)
 *   intake      accepted complaints per second, HTTP → PostgreSQL → Kafka
 *   routing     cases routed per second by two routing instances
 *   dashboard   dashboard latency with one million historical cases
 *   pipeline    the full pipeline with the machine's raw limits, latencies
 *               and each service's memory (writes bench-results/pipeline.json)
 *
 *   npm run bench              all of them
 *   npm run bench -- pipeline  only the named ones
 *
 * Benchmarks are not tests: they print, they never fail on a slow machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

const ts = (file, ...args) => [process.execPath, ['-r', './tools/register.js', file, ...args]];
const BENCHES = {
  domain: ts('libs/domain/bench/routing.bench.ts'),
  intake: ts('apps/intake/bench/intake.bench.ts'),
  routing: ts('apps/routing/bench/routing.bench.ts', '20000', '2'),
  dashboard: ts('apps/reporting/bench/dashboard.bench.ts'),
  pipeline: [process.execPath, ['tools/bench/pipeline.bench.mjs']],
};

const chosen = process.argv.slice(2).filter((a) => a in BENCHES);
const names = chosen.length > 0 ? chosen : Object.keys(BENCHES);

const kafka = await import('./kafka/launcher.mjs');
const wasRunning = kafka.status().running;
await kafka.start();
await kafka.createTopics('');

let failed = 0;
try {
  for (const name of names) {
    console.log(`\n━━ ${name} ━━`);
    const [command, args] = BENCHES[name];
    const result = spawnSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, KAFKA_BROKERS: kafka.KAFKA_BROKERS, TEST_LOG_LEVEL: 'silent' },
    });
    if (result.status !== 0) {
      failed += 1;
      console.log(`(${name} did not finish: exit ${result.status})`);
    }
  }
} finally {
  if (!wasRunning) await kafka.stop();
}
process.exit(failed === 0 ? 0 : 1);
