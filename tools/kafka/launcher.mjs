#!/usr/bin/env node
/**
 * Starts and stops a single-node Apache Kafka broker (KRaft, combined
 * broker and controller) from jars that Maven resolves. No Docker.
 *
 *   node tools/kafka/launcher.mjs start    resolve jars, format, start, wait, create topics
 *   node tools/kafka/launcher.mjs stop     stop the broker this launcher started (by pid)
 *   node tools/kafka/launcher.mjs status
 *   node tools/kafka/launcher.mjs kill     kill -9, for fault tests
 *
 * The broker's log is .run/kafka/broker.log.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);

export const KAFKA_PORT = Number(process.env.KAFKA_PORT ?? 19092);
const CONTROLLER_PORT = Number(process.env.KAFKA_CONTROLLER_PORT ?? KAFKA_PORT + 1);
export const KAFKA_BROKERS = `127.0.0.1:${KAFKA_PORT}`;

const jarsDir = join(here, '.jars');
const runDir = process.env.KAFKA_RUN_DIR ?? join(root, '.run', 'kafka');
const dataDir = join(runDir, 'data');
const pidFile = join(runDir, 'broker.pid');
export const BROKER_LOG = join(runDir, 'broker.log');
const configFile = join(runDir, 'server.properties');

function log(message) {
  process.stderr.write(`[kafka] ${message}\n`);
}

export function ensureJars() {
  const present = existsSync(jarsDir) && readdirSync(jarsDir).some((f) => f.startsWith('kafka_2.13-'));
  if (present) return;

  log('resolving the broker jars with Maven (first run only)');
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', join(here, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${jarsDir}`, '-DincludeScope=runtime'],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('mvn could not resolve the Kafka jars');
}

function writeConfig() {
  mkdirSync(runDir, { recursive: true });
  const settings = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${CONTROLLER_PORT}`,
    listeners: `PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${KAFKA_PORT}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': '6',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '6',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'share.coordinator.state.topic.replication.factor': '1',
    'share.coordinator.state.topic.min.isr': '1',
    'default.replication.factor': '1',
    'min.insync.replicas': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'false',
    'log.retention.hours': '-1',
    'log.segment.bytes': String(64 * 1024 * 1024),
    'num.network.threads': '2',
    'num.io.threads': '4',
  };
  writeFileSync(configFile, Object.entries(settings).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
}

function java(mainClass, args) {
  const heap = process.env.KAFKA_HEAP ?? '-Xms256m -Xmx512m';
  return [
    ...heap.split(' '),
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(here, 'log4j2.properties')}`,
    '-cp',
    `${jarsDir}/*`,
    mainClass,
    ...args,
  ];
}

/**
 * A cluster id as Kafka makes them: 16 random bytes, base64url. One that
 * starts with '-' would be read by the storage tool as an option, so such
 * ids are drawn again, as Kafka's own Uuid.randomUuid does.
 */
function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function formatStorage() {
  if (existsSync(join(dataDir, 'meta.properties'))) return;

  log(`formatting storage in ${dataDir}`);
  const result = spawnSync('java', java('kafka.tools.StorageTool', ['format', '-t', newClusterId(), '-c', configFile]), {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`storage format failed: ${result.stderr || result.stdout}`);
}

function readPid() {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** True only for a live process that is the broker this launcher started. */
function isOurBroker(pid) {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(configFile);
  } catch {
    return false;
  }
}

async function admin() {
  const { Kafka, logLevel } = require('kafkajs');
  return new Kafka({ clientId: 'launcher', brokers: [KAFKA_BROKERS], logLevel: logLevel.NOTHING }).admin();
}

/** Readiness is a real admin call answered by the broker, not an open port. */
export async function waitUntilReady(timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const client = await admin();
    try {
      await client.connect();
      const cluster = await client.describeCluster();
      if (cluster.brokers.length > 0 && cluster.controller !== null) {
        await client.listTopics();
        return cluster;
      }
    } catch (error) {
      lastError = error;
    } finally {
      await client.disconnect().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the broker did not become ready: ${lastError?.message ?? 'timeout'} (see ${BROKER_LOG})`);
}

export async function createTopics(prefix = process.env.KAFKA_TOPIC_PREFIX ?? '', unitCodes = []) {
  const names = ['lianzhi.intake.events', 'lianzhi.routing.events', 'lianzhi.gateway.events', 'lianzhi.reporting.events', 'lianzhi.dead-letter'];
  const all = [...names, ...unitCodes.map((c) => `lianzhi.unit.${c}`)].map((t) => (prefix ? `${prefix}.${t}` : t));
  // A broker that has just started may not yet serve the metadata of topics
  // it created a moment ago: such errors are retriable, so try again.
  for (let attempt = 1; ; attempt += 1) {
    const client = await admin();
    try {
      await client.connect();
      const existing = new Set(await client.listTopics());
      const missing = all.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await client.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: 6, replicationFactor: 1 })),
        });
      }
      return all;
    } catch (error) {
      if (attempt >= 20 || error.retriable === false) throw error;
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await client.disconnect().catch(() => {});
    }
  }
}

export async function start() {
  const running = readPid();
  if (running && isOurBroker(running)) {
    await waitUntilReady();
    log(`already running (pid ${running}) on ${KAFKA_BROKERS}`);
    return running;
  }

  ensureJars();
  writeConfig();
  formatStorage();

  const out = openSync(BROKER_LOG, 'a');
  const child = spawn('java', java('kafka.Kafka', [configFile]), { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  log(`started pid ${child.pid} on ${KAFKA_BROKERS}; log: ${BROKER_LOG}`);

  await waitUntilReady();
  return child.pid;
}

export async function stop({ signal = 'SIGTERM', timeoutMs = 30_000 } = {}) {
  const pid = readPid();
  if (!pid || !isOurBroker(pid)) {
    rmSync(pidFile, { force: true });
    return false;
  }

  process.kill(pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (isOurBroker(pid) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  if (isOurBroker(pid)) process.kill(pid, 'SIGKILL');
  while (isOurBroker(pid)) await new Promise((r) => setTimeout(r, 100));
  rmSync(pidFile, { force: true });
  log(`stopped pid ${pid}`);
  return true;
}

export function status() {
  const pid = readPid();
  return pid && isOurBroker(pid) ? { running: true, pid, brokers: KAFKA_BROKERS, log: BROKER_LOG } : { running: false };
}

/** Every unit's own topic is created up front, like the services' topics. */
function unitCodes() {
  require(join(root, 'tools', 'register.js'));
  return require(join(root, 'libs', 'domain', 'src', 'units', 'units.ts')).UNITS.map((u) => u.code);
}

async function main(command) {
  switch (command) {
    case 'start':
      await start();
      await createTopics(process.env.KAFKA_TOPIC_PREFIX ?? '', unitCodes());
      break;
    case 'stop':
      await stop();
      break;
    case 'kill':
      await stop({ signal: 'SIGKILL', timeoutMs: 5_000 });
      break;
    case 'status':
      console.log(JSON.stringify(status()));
      break;
    case 'reset':
      await stop();
      rmSync(runDir, { recursive: true, force: true });
      break;
    default:
      console.error('usage: launcher.mjs start|stop|kill|status|reset');
      process.exitCode = 2;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((error) => {
    console.error(`[kafka] ${error.message}`);
    process.exit(1);
  });
}
