import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MATRIX } from '../matrix';
import { decideRouting } from './decide-routing';
import {
  evaluateRouting,
  isExactMatch,
  parseEvaluationCases,
} from './routing-evaluation';

/**
 * Each set was written by someone who had not read the lexicon; the later
 * ones were measured before any word was added for them.
 */
const EVALUATION_SETS = [
  { file: 'resident-complaints.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-2.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-3.eval.jsonl', minimum: 40 },
  { file: 'unseen-round-4.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-5.eval.jsonl', minimum: 50 },
  { file: 'unseen-round-6.eval.jsonl', minimum: 80 },
  { file: 'unseen-round-7.eval.jsonl', minimum: 80 },
  { file: 'unseen-round-8.eval.jsonl', minimum: 120 },
  { file: 'unseen-round-9.eval.jsonl', minimum: 120 },
  { file: 'unseen-round-10.eval.jsonl', minimum: 120 },
  { file: 'unseen-round-11.eval.jsonl', minimum: 120 },
  { file: 'unseen-round-12.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-13.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-14.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-15.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-16.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-17.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-18.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-19.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-20.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-21.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-22.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-23.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-24.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-25.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-26.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-27.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-28.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-29.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-30.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-31.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-32.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-33.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-34.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-35.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-36.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-37.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-38.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-39.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-40.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-41.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-42.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-45.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-46.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-47.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-51.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-52.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-58.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-60.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-61.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-63.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-64.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-65.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-66.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-67.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-69.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-62.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-68.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-70.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-71.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-72.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-73.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-74.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-75.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-77.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-76.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-79.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-80.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-81.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-82.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-86.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-54.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-55.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-87.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-88.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-91.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-92.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-89.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-85.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-90.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-93.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-44.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-59.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-78.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-84.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-94.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-95.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-97.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-96.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-98.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-99.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-101.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-100.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-53.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-83.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-103.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-102.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-104.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-105.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-106.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-107.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-108.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-109.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-110.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-111.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-114.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-115.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-112.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-113.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-119.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-116.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-118.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-117.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-123.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-121.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-122.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-120.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-124.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-126.eval.jsonl', minimum: 150 },
  { file: 'unseen-round-127.eval.jsonl', minimum: 150 },
];

/**
 * Sets measured blind and tuned, but not yet to 95 %: each is held to the
 * exact matches it has now, so no later change can quietly lose them.
 */
const SETS_BEING_TUNED = [
  { file: 'unseen-round-125.eval.jsonl', correct: 141 },
  { file: 'unseen-round-43.eval.jsonl', correct: 141 },
  { file: 'unseen-round-48.eval.jsonl', correct: 134 },
  { file: 'unseen-round-49.eval.jsonl', correct: 140 },
  { file: 'unseen-round-50.eval.jsonl', correct: 137 },
  { file: 'unseen-round-56.eval.jsonl', correct: 140 },
  { file: 'unseen-round-57.eval.jsonl', correct: 139 },
];

describe.each(SETS_BEING_TUNED)(
  'routing accuracy on a set not yet at 95 % ($file)',
  ({ file, correct }) => {
    it('keeps at least the exact matches it has', () => {
      const cases = parseEvaluationCases(
        readFileSync(join(__dirname, '../../evaluation', file), 'utf8'),
      );
      expect(evaluateRouting(cases, DEFAULT_MATRIX).correct).toBeGreaterThanOrEqual(correct);
    });
  },
);

describe.each(EVALUATION_SETS)(
  'routing accuracy on resident-worded complaints ($file)',
  ({ file, minimum }) => {
    const cases = parseEvaluationCases(
      readFileSync(join(__dirname, '../../evaluation', file), 'utf8'),
    );

    it('has a set large enough to measure, with unroutable and joint cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(minimum);
      expect(cases.filter((c) => c.expected.manual).length).toBeGreaterThan(
        cases.length / 20,
      );
      expect(cases.filter((c) => c.expected.joint).length).toBeGreaterThan(
        cases.length / 20,
      );
    });

    it('routes at least 95 % of them exactly right', () => {
      const result = evaluateRouting(cases, DEFAULT_MATRIX);
      const misses = result.misses.map(
        (m) =>
          `${m.case.text} → expected ${JSON.stringify(m.case.expected)}, got ${JSON.stringify(m.got)}`,
      );

      expect({ accuracy: result.accuracy >= 0.95, misses }).toEqual({
        accuracy: true,
        misses: expect.any(Array),
      });
    });
  },
);

describe('exact match', () => {
  const decide = (description: string, address = '鼓楼街道某小区') =>
    decideRouting({ description, address, matrix: DEFAULT_MATRIX });

  it('fails a decision that misses a required unit', () => {
    const decision = decide('楼顶有人加盖了房子');
    expect(
      isExactMatch({ units: ['chengguan', 'gongan'], joint: true, manual: false }, decision),
    ).toBe(false);
  });

  it('fails a decision that adds a unit nobody asked for', () => {
    const decision = decide('楼顶有人加盖了房子，邻居遛狗不拴绳');
    expect(
      isExactMatch({ units: ['chengguan'], joint: false, manual: false }, decision),
    ).toBe(false);
  });

  it('fails a joint case without a coordinating township', () => {
    const decision = decide('单元门和墙上贴满了小广告', '李村');
    expect(
      isExactMatch({ units: ['chengguan', 'huanwei'], joint: true, manual: false }, decision),
    ).toBe(false);
  });

  it('requires a person for what the matrix does not cover', () => {
    const decision = decide('孩子上学划片的事想咨询一下教育局');
    expect(isExactMatch({ units: [], joint: false, manual: true }, decision)).toBe(true);
    expect(
      isExactMatch({ units: ['chengguan'], joint: false, manual: false }, decision),
    ).toBe(false);
  });
});
