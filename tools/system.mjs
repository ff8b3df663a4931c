#!/usr/bin/env node
/**
 * Brings the whole system up on this machine and runs it on real input:
 * Kafka, PostgreSQL, the four services and the web consoles; then feeds the
 * complaints (the real ones from ../shared when present, else the shipped
 * sample) through intake and prints what happened to them.
 *
 *   node tools/system.mjs up [--detach] [--no-import] [--limit N]
 *   node tools/system.mjs down
 *
 * Logs: .run/logs/<service>.log; the broker's: .run/kafka/broker.log.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Cluster, SERVICES } from './cluster.mjs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
process.chdir(root);

const runDir = join(root, '.run');
const WEB_PORT = Number(process.env.WEB_PORT ?? 3100);

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

function say(message) {
  console.log(`[system] ${message}`);
}

function sh(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed`);
}

/**
 * The token-signing secret of this installation: made once, kept in .run,
 * so sign-ins survive a restart and no token signed with a published default
 * is ever accepted.
 */
function localSecret() {
  const file = join(runDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(runDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function signIn(username) {
  const res = await fetch('http://127.0.0.1:3101/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status}`);
  return (await res.json()).token;
}

/**
 * What routing decided about every case in the system, read once intake's
 * cases have all been decided (or nothing has moved for a while).
 */
async function routingSummary(databaseUrl, timeoutMs = 180_000) {
  const { Client } = require('pg');
  const { UNITS } = loadDomain();
  const unitName = new Map(UNITS.map((u) => [u.code, u.name]));
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const one = async (sql) => (await db.query(sql)).rows[0];
  try {
    const deadline = Date.now() + timeoutMs;
    let last = -1;
    let stableSince = Date.now();
    while (Date.now() < deadline) {
      const { received } = await one('select count(*)::int as received from intake.cases');
      const { decided } = await one('select count(*)::int as decided from routing.cases');
      if (decided >= received) break;
      if (decided !== last) {
        last = decided;
        stableSince = Date.now();
      } else if (Date.now() - stableSince > 20_000) {
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }

    const counts = await one(`
      select count(*)::int as decided,
             count(*) filter (where status = 'routed')::int as routed,
             count(*) filter (where status = 'manual')::int as manual,
             count(*) filter (where status = 'arbitration')::int as arbitration
        from routing.cases`);
    const { joint } = await one(
      'select count(distinct case_id)::int as joint from routing.decisions where joint',
    );
    const { rows } = await db.query(
      'select unit, count(*)::int as n from routing.assignments group by unit order by n desc',
    );
    return {
      ...counts,
      joint,
      perUnit: rows.map((r) => ({ unit: unitName.get(r.unit) ?? r.unit, assignments: r.n })),
    };
  } finally {
    await db.end();
  }
}

function loadDomain() {
  require(join(root, 'tools', 'register.js'));
  return require(join(root, 'libs', 'domain', 'src', 'index.ts'));
}

async function importFile(file, token, limit) {
  const cli = join(root, 'apps', 'intake', 'src', 'bulk-import', 'bulk-import.cli.ts');
  const cliArgs = ['-r', './tools/register.js', cli, file, '--base-url', 'http://127.0.0.1:3101', '--token', token];
  if (limit) cliArgs.push('--limit', String(limit));
  const result = spawnSync(process.execPath, cliArgs, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(result.stdout ?? '');
  if (result.status !== 0) throw new Error(`import of ${file} failed`);
  const accepted = /accepted\D+(\d+)/i.exec(result.stdout ?? '');
  return accepted ? Number(accepted[1]) : 0;
}

async function up() {
  if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) sh('npm', ['ci', '--no-audit', '--no-fund']);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (pkg.scripts['build:web'] && !existsSync(join(root, 'web', 'dist', 'index.html'))) sh('npm', ['run', 'build:web']);

  const kafka = await import('./kafka/launcher.mjs');
  const { resolvePostgres, ensureDatabase } = await import('./postgres.mjs');
  await kafka.start();
  const { UNITS } = loadDomain();
  await kafka.createTopics('', UNITS.map((u) => u.code));
  const pg = await resolvePostgres();
  const databaseUrl = await ensureDatabase(pg.url, 'lianzhi');
  say(`kafka ${kafka.KAFKA_BROKERS} (log ${kafka.BROKER_LOG}); postgres via ${pg.source}`);

  const env = {
    ...process.env,
    JWT_SECRET: process.env.JWT_SECRET ?? localSecret(),
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafka.KAFKA_BROKERS,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
  };
  const cluster = new Cluster({ runDir, env });
  await cluster.startAll();
  for (const service of SERVICES) {
    say(`${service.name} ready on http://127.0.0.1:${service.port} (API docs /docs)`);
  }
  if (existsSync(join(root, 'tools', 'web', 'serve.mjs'))) {
    cluster.webUrl = `http://127.0.0.1:${WEB_PORT}/`;
    cluster.startProcess('web', ['tools/web/serve.mjs'], { PORT: String(WEB_PORT) });
    await cluster.waitReady('web');
  }

  if (!flag('--no-import')) {
    const token = await signIn('op1');
    const real = join(root, '..', 'shared', 'data', 'real-complaints', 'complaints.jsonl');
    const sample = join(root, 'tools', 'sample', 'complaints.sample.jsonl');
    say(`importing the shipped sample: ${sample}`);
    await importFile(sample, token);
    if (existsSync(real)) {
      say(`importing the real complaints: ${real}`);
      await importFile(real, token, option('--limit'));
    }
    say('waiting for routing to decide every case …');
    const summary = await routingSummary(databaseUrl);
    console.log('\n══ What happened to the complaints ══');
    console.log(`cases decided: ${summary.decided}  routed to units: ${summary.routed}  joint: ${summary.joint}  manual dispatch: ${summary.manual}  arbitration: ${summary.arbitration}`);
    for (const row of summary.perUnit) console.log(`  ${String(row.assignments).padStart(6)}  ${row.unit}`);
  }

  console.log('\n══ Where to look ══');
  console.log(`web consoles      http://127.0.0.1:${WEB_PORT}/  (password for every demo user: demo1234)`);
  console.log('  话务员 call center     op1');
  console.log('  单位联络员 unit inbox   zhujian1, chengguan1, gongan1 … (one per unit)');
  console.log('  镇街 township          longqiao1');
  console.log('  区派遣/督查 district    dispatch1, super1, admin1');
  for (const s of SERVICES) console.log(`${s.name.padEnd(17)} http://127.0.0.1:${s.port}/docs`);
  console.log(`logs              ${cluster.logDir}/*.log, broker ${kafka.BROKER_LOG}`);

  if (flag('--detach')) {
    console.log('\nRunning in the background; stop with: npm stop');
    return;
  }
  console.log('\nRunning; press Ctrl+C to stop everything.');
  await new Promise((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  await down();
}

async function down() {
  const cluster = new Cluster({ runDir, env: process.env });
  await cluster.stopAll(['web']);
  say('stopped the services');
  const kafka = await import('./kafka/launcher.mjs');
  await kafka.stop();
}

const command = args[0] ?? 'up';
(command === 'down' ? down() : up()).catch((error) => {
  console.error(`[system] ${error.message}`);
  process.exit(1);
});
