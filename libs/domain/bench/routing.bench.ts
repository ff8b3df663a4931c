/**
 * Throughput of the routing core on real complaint text, on one core.
 * Reads the complaints at run time; they are never part of the repository.
 *
 *   node -r ./tools/register.js libs/domain/bench/routing.bench.ts [file]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, decideRouting, DEFAULT_MATRIX } from '../src';

/** The shared folder beside the repository, read at run time only. */
const DEFAULT_FILE = join(
  __dirname,
  '../../../../shared/data/real-complaints/complaints.jsonl',
);
const MIN_SECONDS = 1;
const ROUNDS = 5;

interface Complaint {
  title?: string;
  detail?: string;
}

function load(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Complaint)
    .map((c) => `${c.title ?? ''}。${c.detail ?? ''}`);
}

/**
 * Rate by wall clock and by this process's CPU time, as the median of
 * ROUNDS rounds of at least MIN_SECONDS each after one warm-up round: one
 * round alone swings with whatever else the machine does at that moment.
 * On a shared machine the wall clock counts time the core spent on other
 * work; CPU time is what one core gives this code.
 */
function perSecond(texts: string[], run: (text: string) => void) {
  const rounds: { wall: number; cpu: number }[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    let done = 0;
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < MIN_SECONDS) {
      for (const text of texts) run(text);
      done += texts.length;
      elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    }
    const cpu = process.cpuUsage(cpuStarted);
    if (round > 0) {
      rounds.push({ wall: done / elapsed, cpu: done / ((cpu.user + cpu.system) / 1e6) });
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { wall: median(rounds.map((r) => r.wall)), cpu: median(rounds.map((r) => r.cpu)) };
}

function rate(r: { wall: number; cpu: number }): string {
  return `${r.wall.toFixed(0)} (per CPU second: ${r.cpu.toFixed(0)}; median of ${ROUNDS} rounds)`;
}

function main(): void {
  const file = process.argv[2] ?? DEFAULT_FILE;
  if (!existsSync(file)) {
    console.log(`skipped: ${file} not found`);
    return;
  }

  const texts = load(file);
  const averageLength =
    texts.reduce((sum, t) => sum + t.length, 0) / Math.max(texts.length, 1);

  // Warm up: the tokenizer and the matchers load on first use.
  classify('楼顶加盖', { matrix: DEFAULT_MATRIX });

  const statuses = { sure: 0, unsure: 0, unmatched: 0 };
  const manual: Record<string, number> = {};
  const matters: Record<string, number> = {};
  for (const text of texts) {
    const c = classify(text, { matrix: DEFAULT_MATRIX });
    statuses[c.status] += 1;
    if (c.status === 'sure') {
      for (const m of c.matches) matters[m.matterType] = (matters[m.matterType] ?? 0) + 1;
    }
    const d = decideRouting({ description: text, address: text, matrix: DEFAULT_MATRIX });
    const key = d.manual ?? 'dispatched';
    manual[key] = (manual[key] ?? 0) + 1;
  }

  const classifications = perSecond(texts, (t) => classify(t, { matrix: DEFAULT_MATRIX }));
  const decisions = perSecond(texts, (t) =>
    decideRouting({ description: t, address: t, matrix: DEFAULT_MATRIX }),
  );

  const top = Object.entries(matters)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15);
  console.log(`complaints: ${texts.length}, average length ${averageLength.toFixed(0)} chars`);
  console.log(`classifications/s: ${rate(classifications)}`);
  console.log(`routing decisions/s: ${rate(decisions)}`);
  console.log(`classification: ${JSON.stringify(statuses)}`);
  console.log(`routing outcome: ${JSON.stringify(manual)}`);
  console.log('most frequent sure matters:');
  for (const [code, n] of top) console.log(`  ${code}: ${n}`);
}

main();
