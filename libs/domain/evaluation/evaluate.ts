/**
 * Exact-match routing accuracy on resident-worded complaints, judged by hand
 * from the gazette's clauses. Prints every miss with what was expected.
 *
 *   node -r ./tools/register.js libs/domain/evaluation/evaluate.ts [file]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MATRIX } from '../src/matrix';
import {
  evaluateRouting,
  parseEvaluationCases,
} from '../src/routing/routing-evaluation';

const file =
  process.argv[2] ?? join(__dirname, 'resident-complaints.eval.jsonl');
const cases = parseEvaluationCases(readFileSync(file, 'utf8'));
const result = evaluateRouting(cases, DEFAULT_MATRIX);

for (const miss of result.misses) {
  const { expected, text, address, why } = miss.case;
  console.log(`✗ ${text}`);
  console.log(`  address:  ${address}`);
  console.log(`  why:      ${why ?? ''}`);
  console.log(
    `  expected: units=${JSON.stringify([...expected.units].sort())} joint=${expected.joint} manual=${expected.manual}`,
  );
  console.log(
    `  got:      units=${JSON.stringify(miss.got.units)} joint=${miss.got.joint} manual=${miss.got.manual} coordinator=${miss.got.coordinator}`,
  );
  console.log(`  ${miss.explanation.split('\n').join('\n  ')}`);
  console.log();
}
console.log(
  `exact match: ${result.correct}/${result.total} = ${(result.accuracy * 100).toFixed(1)} %`,
);
