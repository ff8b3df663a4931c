import { DomainError } from '../errors/domain-error';
import { MatterMatch } from '../events/catalogue';
import { MatrixVersion } from '../matrix/matrix-entry';
import {
  MATTER_LEXICON,
  MatterLexicon,
  ALSO_WRONG,
  ANOTHER_MATTER,
  ADDED_ACTS,
  PARTICLES,
  SEVERAL_MATTERS,
  REPORT_FRAMES,
  EARLIER_SET_ASIDE,
  SET_ASIDE,
  SET_ASIDE_KEYS,
  NOT_THIS,
  TURN_OPENERS,
  TURN_BACK_REFERENCES,
  OTHER_AUTHORITY,
  SPELLING_FIXES,
  WORD_VARIANTS,
} from './matter-lexicon.data';
import { findUnit } from '../units/units';
import { CodeTrie } from './code-trie';
import { tokenize } from './tokenizer';

export type ClassificationStatus = 'sure' | 'unsure' | 'unmatched';

export interface Classification {
  readonly status: ClassificationStatus;
  /** Sure matches when sure; suggestions for the operator when unsure. */
  readonly matches: MatterMatch[];
}

export interface ClassifyOptions {
  /** The operator's chosen matter type; it wins over the text. */
  readonly category?: string;
  readonly matrix: MatrixVersion;
  /** Extra words per matter type, e.g. from a district's own list. */
  readonly lexicon?: Readonly<Record<string, MatterLexicon>>;
}

/**
 * What NFKC and lower case make of one code unit, where that is one code
 * unit whatever comes before or after it; 0 where it is not.
 */
const NFKC_FAST: Uint16Array = (() => {
  const table = new Uint16Array(0x10000);
  const ranges: [number, number][] = [
    [0x0a, 0x0a],
    [0x0d, 0x0d],
    [0x20, 0x7e],
    [0x2010, 0x2027],
    [0x3000, 0x3011],
    [0x4e00, 0x9fff],
    [0xff01, 0xff5e],
  ];
  for (const [low, high] of ranges) {
    for (let c = low; c <= high; c++) {
      const char = String.fromCharCode(c);
      const n = char.normalize('NFKC').toLowerCase();
      // One code unit, and none that composes with what stands before it.
      if (n.length !== 1 || ('a' + char).normalize('NFKC').toLowerCase() !== 'a' + n) continue;
      table[c] = n.charCodeAt(0);
    }
  }
  return table;
})();

/** At or above this a match is routed without asking anyone. */
export const SURE_THRESHOLD = 0.6;

const PHRASE_SCORE = 0.92;
const COMBO_SCORE = 0.85;
const LONG_COMBO_SCORE = 0.9;
const WEAK_SCORE = 0.45;
const EXTRA_WORD_BONUS = 0.02;
const MAX_SCORE = 0.98;

/** Sentence ends (after NFKC); a combo only counts inside one sentence. */
function isSentenceEnd(code: number): boolean {
  // 。 ! ? ; and newline
  return code === 0x3002 || code === 0x21 || code === 0x3f || code === 0x3b || code === 0x0a;
}

type Ref =
  | { matter: number; kind: 'phrase' | 'weak' | 'blocker' }
  | { matter: number; kind: 'combo'; combo: number; group: number };

/** A phrase as the trie holds it: its spelling and what it means. */
interface TrieEntry {
  term: string;
  refs: Ref[];
  /** The scan and sentence it was last recorded in: a word said twice in a sentence adds nothing. */
  lastScan: number;
  lastSentence: number;
}

let scans = 0;

interface CompiledMatter {
  code: string;
  combos: number[];
  suppresses: readonly string[];
}

interface Compiled {
  matters: CompiledMatter[];
  trie: CodeTrie<TrieEntry>;
  /** One-character words count only as whole tokens. */
  singles: Map<string, Ref[]>;
  /** 1 where a code unit is a one-character word: a cheap first test. */
  isSingle: Uint8Array;
  /** The same words' refs by code unit, so scanning makes no strings. */
  singlesByCode: Map<number, Ref[]>;
  /** How many word groups each combo needs, by combo number. */
  comboSizes: number[];
  codes: Set<string>;
  /** What each matter explains away, for matters that name any. */
  suppressesByCode: Map<string, readonly string[]>;
  /** Matters that stand only when nothing more specific is found. */
  fallbacks: Set<string>;
  /** Matters that give way when a department's matter is found. */
  yieldToDepartments: Set<string>;
  /** Matters one of whose units is a district department. */
  departmentMatters: Set<string>;
}

interface SentenceState {
  sentence: number;
  matter: number;
  phrase: boolean;
  weak: boolean;
  blocked: boolean;
  /** The best score a completed combo gives here; 0 while none is. */
  combo: number;
  /** Made on the first combo word: most states never see one. */
  groups: Map<number, number> | undefined;
  words: string[];
}

/**
 * Small integers by slot, emptied in constant time: a slot holds a value
 * only when it was set since the last reset. Scoring keeps its per-sentence
 * bookkeeping in these instead of maps, as one complaint is read after
 * another on one thread.
 */
class StampedTable {
  private stamps = new Int32Array(0);
  private values = new Int32Array(0);
  private epoch = 0;

  /** Empties the table and makes room for `size` slots. */
  reset(size: number): void {
    if (size > this.stamps.length) {
      const capacity = Math.max(size, this.stamps.length * 2, 1024);
      this.stamps = new Int32Array(capacity);
      this.values = new Int32Array(capacity);
      this.epoch = 0;
    }
    if (this.epoch === 0x7fffffff) {
      this.stamps.fill(0);
      this.epoch = 0;
    }
    this.epoch += 1;
  }

  get(slot: number, absent: number): number {
    return this.stamps[slot] === this.epoch ? this.values[slot] : absent;
  }

  set(slot: number, value: number): void {
    this.stamps[slot] = this.epoch;
    this.values[slot] = value;
  }
}

/** The state of each sentence and matter, in the order they were made. */
class SentenceStates {
  readonly all: SentenceState[] = [];
  private readonly slots = STATE_SLOTS;

  constructor(
    sentences: number,
    private readonly matters: number,
  ) {
    this.slots.reset(sentences * matters);
  }

  get(sentence: number, matter: number): SentenceState | undefined {
    const at = this.slots.get(sentence * this.matters + matter, -1);
    return at < 0 ? undefined : this.all[at];
  }

  make(sentence: number, matter: number): SentenceState {
    const state: SentenceState = {
      sentence,
      matter,
      phrase: false,
      weak: false,
      blocked: false,
      combo: 0,
      groups: undefined,
      words: [],
    };
    this.slots.set(sentence * this.matters + matter, this.all.length);
    this.all.push(state);
    return state;
  }
}

const STATE_SLOTS = new StampedTable();
const WANTED_SENTENCES = new StampedTable();
const SEEN_SINGLE = new StampedTable();
const COULD_SCORE = new StampedTable();
const COMBO_HEADS = new StampedTable();

const compiledByMatrix = new WeakMap<MatrixVersion, Compiled>();

/** Which matter types of the matrix a complaint is about. */
export function classify(text: string, options: ClassifyOptions): Classification {
  const { matrix, category } = options;
  const compiled = compiledFor(matrix, options.lexicon);

  if (category) {
    if (!compiled.codes.has(category)) {
      throw new DomainError(
        'CLASSIFY.UNKNOWN_CATEGORY',
        `职责清单 ${matrix.version} 中没有事项 ${category}`,
        'category',
      );
    }
    return {
      status: 'sure',
      matches: [{ matterType: category, confidence: 1, matched: ['话务员选择'] }],
    };
  }

  const normalised = withoutSetAside(withoutReportFrames(normalise(text ?? '')));
  if (!normalised.trim()) return { status: 'unmatched', matches: [] };

  const { matches: scored, sureIn, sentenceOf, vetoed, spanning } = score(normalised, compiled);
  const sure = scored.filter((m) => m.confidence >= SURE_THRESHOLD);
  // Asked only where a match was explained away or a general one stands.
  let announced: boolean | undefined;
  const several = () => (announced ??= SEVERAL_MATTERS_PATTERN.test(normalised));
  const kept = withoutSuppressed(sure, compiled, sureIn, normalised, sentenceOf, several);
  // Read before a clause is scored alone: that reuses the sentence index.
  const turnedTo = sentencesTurningTo(kept, compiled, sureIn, normalised, sentenceOf);
  // Only a veto can leave out what a clause tells on its own, even the one
  // matter of the complaint (停水三天了，物业还另外收了加压费).
  const found =
    vetoed || kept.length < sure.length ? withEarlierActs(kept, normalised, options) : kept;
  if (found.length > 0) {
    const department = found.some((m) => compiled.departmentMatters.has(m.matterType));
    const standing = department
      ? found.filter(
          (m) =>
            !compiled.yieldToDepartments.has(m.matterType) ||
            toldApart(m, found, compiled, sureIn, normalised, sentenceOf),
        )
      : found;
    const specific = standing.filter((m) => !compiled.fallbacks.has(m.matterType));
    if (specific.length === 0) return { status: 'sure', matches: standing };
    return {
      status: 'sure',
      matches: [
        ...specific,
        ...listedFallbacks(standing, specific, compiled, sureIn, several, turnedTo),
      ],
    };
  }
  if (spanning && SENTENCE_END.test(normalised)) {
    // Read as one sentence, so the thing named in one sentence meets what
    // the next one says was done to it.
    const whole = classify(normalised.replace(SENTENCE_ENDS, ','), options);
    if (whole.status === 'sure') return whole;
  }
  if (scored.length > 0) {
    return { status: 'unsure', matches: scored.slice(0, 5) };
  }
  return { status: 'unmatched', matches: [] };
}

const SENTENCE_ENDS = /[。!?;；\n]/g;

/**
 * A matter that gives way to a department's (a dispute: 两家为这事吵了好几回)
 * still stands when it is told apart, as another matter: in sentences no
 * department's matter is told in, and the resident marks one of them as
 * another (第一，…调解。第二，楼上天天夜里吵).
 */
function toldApart(
  m: MatterMatch,
  found: readonly MatterMatch[],
  compiled: Compiled,
  sureIn: Map<string, number[]>,
  text: string,
  sentenceOf: Uint16Array,
): boolean {
  const departments = new Set<number>();
  for (const other of found) {
    if (!compiled.departmentMatters.has(other.matterType)) continue;
    for (const s of sureIn.get(other.matterType) ?? []) departments.add(s);
  }
  const own = (sureIn.get(m.matterType) ?? []).filter((s) => !departments.has(s));
  if (own.length === 0) return false;
  return [...own, ...departments].some((s) => marksAnotherMatter(sentenceText(text, sentenceOf, s)));
}

/**
 * A general matter stands beside specific ones when it is told in a sentence
 * of its own and the resident either announces several matters (三个事：…) or
 * turns from one to the other (而且这个客服态度那叫一个差), or when it blames
 * the estate company's service desk by name.
 */
function listedFallbacks(
  standing: MatterMatch[],
  specific: MatterMatch[],
  compiled: Compiled,
  sureIn: Map<string, number[]>,
  listed: () => boolean,
  turnedTo: ReadonlySet<number>,
): MatterMatch[] {
  if (specific.length === standing.length) return [];
  const taken = new Set<number>();
  for (const m of specific) for (const s of sureIn.get(m.matterType) ?? []) taken.add(s);
  return standing.filter(
    (m) =>
      compiled.fallbacks.has(m.matterType) &&
      (blamesServiceDesk(m) ||
        (sureIn.get(m.matterType) ?? []).some((s) => !taken.has(s) && (turnedTo.has(s) || listed()))),
  );
}

/**
 * The estate company's service desk or staff blamed by name (物业…客服, 物业…
 * 态度太差): how they treated the resident is a matter of its own beside the
 * fault the resident came about (停水一整天了，打物业电话，客服一问三不知还挂了),
 * wherever it is told.
 */
function blamesServiceDesk(m: MatterMatch): boolean {
  return (
    m.matterType === SERVICE_COMPLAINT &&
    m.matched.some((w) => w.includes('客服') || HOW_TREATED.test(w)) &&
    m.matched.some((w) => w.includes('物业'))
  );
}

const SERVICE_COMPLAINT = 'property.service-complaint';
/** How the company's people treated the resident who came to them. */
const HOW_TREATED = /态度|骂人|挂电话|嫌我烦|就别住/;

/**
 * The sentences in which a general matter is sure, where the resident turns
 * to another matter there or in a sentence of a specific matter.
 */
function sentencesTurningTo(
  matches: MatterMatch[],
  compiled: Compiled,
  sureIn: Map<string, number[]>,
  text: string,
  sentenceOf: Uint16Array,
): Set<number> {
  const turned = new Set<number>();
  const marked = (m: MatterMatch) =>
    (sureIn.get(m.matterType) ?? []).some((s) => marksAnotherMatter(sentenceText(text, sentenceOf, s)));
  // The turn may open the general matter or the specific one (…；还有个小事，水费高了一倍).
  const others = matches.some((m) => !compiled.fallbacks.has(m.matterType) && marked(m));
  for (const m of matches) {
    if (!compiled.fallbacks.has(m.matterType)) continue;
    for (const s of sureIn.get(m.matterType) ?? []) {
      if (others || marksAnotherMatter(sentenceText(text, sentenceOf, s))) turned.add(s);
    }
  }
  return turned;
}

const SEVERAL_MATTERS_PATTERN = new RegExp(SEVERAL_MATTERS.join('|'));

/**
 * A clause that adds a further act (…，还叫人拆走了) leaves standing what the
 * clauses before it tell on their own: the matters sure there are kept even
 * where the whole sentence vetoed or explained them away. What the added
 * clause itself tells is left to the sentence: it is as often the first
 * act's consequence (…，还招老鼠).
 */
function withEarlierActs(
  found: MatterMatch[],
  text: string,
  options: ClassifyOptions,
): MatterMatch[] {
  const clauses = text.split(ADDED_ACT_CLAUSE);
  if (clauses.length === 1) return found;
  const result = [...found];
  for (const clause of clauses.slice(0, -1)) {
    const own = classify(clause, options);
    if (own.status !== 'sure') continue;
    for (const m of own.matches) {
      if (!result.some((r) => r.matterType === m.matterType)) result.push(m);
    }
  }
  return result;
}

/** A comma before a clause that adds a further act: 还 or 又, then ADDED_ACTS. */
const ADDED_ACT_CLAUSE = new RegExp(
  `[,，](?=[^,，。!?;；]{0,8}?[还又](?:${ADDED_ACTS.join('|')}))`,
);

/** Compile once per matrix version; the same object is reused afterwards. */
function compiledFor(
  matrix: MatrixVersion,
  extra?: Readonly<Record<string, MatterLexicon>>,
): Compiled {
  if (!extra) {
    const cached = compiledByMatrix.get(matrix);
    if (cached) return cached;
  }
  const compiled = compile(matrix, extra);
  if (!extra) compiledByMatrix.set(matrix, compiled);
  return compiled;
}

function compile(
  matrix: MatrixVersion,
  extra?: Readonly<Record<string, MatterLexicon>>,
): Compiled {
  const trie = new CodeTrie<TrieEntry>();
  const singles = new Map<string, Ref[]>();
  const isSingle = new Uint8Array(0x10000);
  const singlesByCode = new Map<number, Ref[]>();
  const matters: CompiledMatter[] = [];
  const comboSizes: number[] = [];

  const add = (term: string, ref: Ref) => {
    const word = normalise(term);
    if (!word) return;
    for (const variant of variantsOf(word)) addOne(variant, ref);
  };
  const addOne = (word: string, ref: Ref) => {
    if ([...word].length === 1) {
      const list = singles.get(word) ?? [];
      list.push(ref);
      singles.set(word, list);
      if (word.length === 1) {
        isSingle[word.charCodeAt(0)] = 1;
        singlesByCode.set(word.charCodeAt(0), list);
      }
      return;
    }
    const node = trie.insert(word);
    const found = trie.value(node);
    if (found) found.refs.push(ref);
    else trie.setValue(node, { term: word, refs: [ref], lastScan: -1, lastSentence: -1 });
  };

  const fallbacks = new Set<string>();
  const yieldToDepartments = new Set<string>();
  const departmentMatters = new Set(
    matrix.entries
      .filter((e) => e.responsible.some((r) => findUnit(r.unit)?.kind === 'department'))
      .map((e) => e.code),
  );
  for (const entry of matrix.entries) {
    if (entry.selectableOnly) continue;
    const lexicon = mergeLexicon(MATTER_LEXICON[entry.code], extra?.[entry.code]);
    if (!lexicon) continue;

    const matter = matters.length;
    const combos: number[] = [];
    for (const p of lexicon.phrases ?? []) add(p, { matter, kind: 'phrase' });
    for (const w of lexicon.weak ?? []) add(w, { matter, kind: 'weak' });
    for (const b of lexicon.blockers ?? []) add(b, { matter, kind: 'blocker' });
    for (const groups of lexicon.combos ?? []) {
      const combo = comboSizes.length;
      comboSizes.push(groups.length);
      combos.push(combo);
      groups.forEach((words, group) => {
        for (const w of words) add(w, { matter, kind: 'combo', combo, group });
      });
    }
    if (lexicon.fallback) fallbacks.add(entry.code);
    if (lexicon.yieldsToDepartments) yieldToDepartments.add(entry.code);
    matters.push({
      code: entry.code,
      combos,
      suppresses: lexicon.suppresses ?? [],
    });
  }

  return {
    matters,
    trie,
    singles,
    isSingle,
    singlesByCode,
    comboSizes,
    codes: new Set(matrix.entries.map((e) => e.code)),
    fallbacks,
    yieldToDepartments,
    departmentMatters,
    suppressesByCode: new Map(
      matters
        .filter((m) => m.suppresses.length > 0)
        .map((m) => [m.code, m.suppresses]),
    ),
  };
}

function mergeLexicon(
  base?: MatterLexicon,
  extra?: MatterLexicon,
): MatterLexicon | undefined {
  if (!extra) return base;
  if (!base) return extra;
  return {
    phrases: [...(base.phrases ?? []), ...(extra.phrases ?? [])],
    combos: [...(base.combos ?? []), ...(extra.combos ?? [])],
    weak: [...(base.weak ?? []), ...(extra.weak ?? [])],
    blockers: [...(base.blockers ?? []), ...(extra.blockers ?? [])],
    suppresses: [...(base.suppresses ?? []), ...(extra.suppresses ?? [])],
    ...(base.fallback || extra.fallback ? { fallback: true } : {}),
    ...(base.yieldsToDepartments || extra.yieldsToDepartments ? { yieldsToDepartments: true } : {}),
  };
}

interface Scored {
  matches: MatterMatch[];
  /** The sentences in which each matter is sure, by matter code. */
  sureIn: Map<string, number[]>;
  /** The sentence of every code unit of the text scored, up to its length. */
  sentenceOf: Uint16Array;
  /** Whether a blocker vetoed a matter some word stood for in its sentence. */
  vetoed: boolean;
  /** Whether, with nothing sure, a combo is complete across two neighbouring sentences. */
  spanning: boolean;
}

function score(text: string, compiled: Compiled): Scored {
  const sentenceOf = sentenceIndex(text);
  const { comboSizes, matters } = compiled;
  const states = new SentenceStates(sentenceCount(sentenceOf, text.length), matters.length);

  const record = (refs: Ref[], term: string, sentence: number) => {
    for (const ref of refs) {
      const state = states.get(sentence, ref.matter) ?? states.make(sentence, ref.matter);
      if (ref.kind === 'blocker') {
        state.blocked = true;
        continue;
      }
      if (!state.words.includes(term)) state.words.push(term);
      if (ref.kind === 'phrase') state.phrase = true;
      else if (ref.kind === 'weak') state.weak = true;
      else if (ref.kind === 'combo') {
        const groups = (state.groups ??= new Map());
        const seen = (groups.get(ref.combo) ?? 0) | (1 << ref.group);
        groups.set(ref.combo, seen);
        const size = comboSizes[ref.combo];
        if (bitCount(seen) >= size) {
          state.combo = Math.max(state.combo, size >= 3 ? LONG_COMBO_SCORE : COMBO_SCORE);
        }
      }
    }
  };

  scanTrie(text, compiled.trie, sentenceOf, record);
  const runs = runsNeedingTokens(text, compiled, sentenceOf, states);
  scanTokens(text, runs, compiled.singles, sentenceOf, record);

  // The best state of each matter, in the order the matters were first seen.
  const best: { matter: number; confidence: number; words: string[] }[] = [];
  const bestOf = new Array<(typeof best)[number] | undefined>(matters.length);
  const sureIn = new Map<string, number[]>();
  let vetoed = false;
  for (const state of states.all) {
    if (state.blocked) {
      // Its one-character words were not tokenized: any word may be a veto.
      vetoed ||= state.words.length > 0;
      continue;
    }
    const base = ruleScore(state);
    if (base === 0) continue;

    const { matter, sentence, words } = state;
    const bonus = Math.max(0, words.length - 1) * EXTRA_WORD_BONUS;
    const confidence = Math.min(MAX_SCORE, base + (base >= SURE_THRESHOLD ? bonus : 0));
    if (confidence >= SURE_THRESHOLD) {
      const code = matters[matter].code;
      const sentences = sureIn.get(code);
      if (sentences) sentences.push(sentence);
      else sureIn.set(code, [sentence]);
    }
    const current = bestOf[matter];
    if (!current) {
      const first = { matter, confidence, words: [...words] };
      bestOf[matter] = first;
      best.push(first);
    } else {
      current.confidence = Math.max(current.confidence, confidence);
      for (const w of words) if (!current.words.includes(w)) current.words.push(w);
    }
  }

  const matches = best
    .map((b) => ({
      matterType: matters[b.matter].code,
      confidence: round(b.confidence),
      matched: b.words,
    }))
    .sort((a, b) => b.confidence - a.confidence);
  return { matches, sureIn, sentenceOf, vetoed, spanning: spansSentences(states, compiled, sureIn) };
}

/**
 * Whether, with no matter sure in any sentence, the word groups of some
 * combo seen in two neighbouring sentences would complete it: the resident names
 * the thing in one sentence and what was done to it in the next (小区后头有条
 * 小路。前些日子叫人砌了个院墙).
 */
function spansSentences(
  states: SentenceStates,
  compiled: Compiled,
  sureIn: Map<string, number[]>,
): boolean {
  if (sureIn.size > 0) return false;
  const partial: SentenceState[] = [];
  for (const state of states.all) {
    if (state.groups && !state.blocked) partial.push(state);
  }
  for (let i = 0; i < partial.length; i++) {
    const a = partial[i];
    for (let j = i + 1; j < partial.length; j++) {
      const b = partial[j];
      if (b.matter !== a.matter || Math.abs(b.sentence - a.sentence) !== 1) continue;
      for (const [combo, mask] of a.groups as Map<number, number>) {
        const union = mask | (b.groups?.get(combo) ?? 0);
        if (union !== mask && bitCount(union) >= compiled.comboSizes[combo]) return true;
      }
    }
  }
  return false;
}

/** How many word groups a mask of groups holds. */
function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count += 1;
  return count;
}

function ruleScore(state: SentenceState): number {
  if (state.phrase) return PHRASE_SCORE;
  if (state.combo > 0) return state.combo;
  return state.weak ? WEAK_SCORE : 0;
}

/** Every phrase occurrence, by start then end, as the matters expect. */
function scanTrie(
  text: string,
  trie: CodeTrie<TrieEntry>,
  sentenceOf: Uint16Array,
  record: (refs: Ref[], term: string, sentence: number) => void,
): void {
  const scan = (scans = (scans + 1) | 0);
  trie.scan(
    text,
    (start, _end, found) => {
      const sentence = sentenceOf[start];
      if (found.lastScan === scan && found.lastSentence === sentence) return;
      found.lastScan = scan;
      found.lastSentence = sentence;
      record(found.refs, found.term, sentence);
    },
    SKIPPABLE,
  );
}

/**
 * Tokenizing is the costly step, so only sentences where a one-character
 * word could change the outcome are tokenized: it would complete a combo
 * already started there, or it is a phrase or weak word on its own. Within
 * such a sentence only the runs of Chinese characters and letters that hold
 * a one-character word go to the tokenizer: it cuts each run on its own, so
 * the tokens are the same as for the whole sentence.
 *
 * Returns start and end of each run, flattened.
 */
function runsNeedingTokens(
  text: string,
  compiled: Compiled,
  sentenceOf: Uint16Array,
  states: SentenceStates,
): number[] {
  const { isSingle, singlesByCode } = compiled;
  const matters = compiled.matters.length;
  const sentences = sentenceCount(sentenceOf, text.length);
  const wanted = WANTED_SENTENCES;
  wanted.reset(sentences);
  // Two one-character words of one matter in a sentence (狗 … 叫) may make
  // a combo between them: the first such word seen, by sentence and matter.
  const seen = SEEN_SINGLE;
  seen.reset(sentences * matters);
  let anyWanted = false;
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSingle[code] === 0) continue;
    const refs = singlesByCode.get(code);
    if (!refs) continue;
    positions.push(i);
    const sentence = sentenceOf[i];
    if (wanted.get(sentence, 0) === 1) continue;
    for (const ref of refs) {
      if (ref.kind === 'blocker') continue;
      const slot = sentence * matters + ref.matter;
      const other = seen.get(slot, -1);
      if (
        ref.kind !== 'combo' ||
        states.get(sentence, ref.matter) !== undefined ||
        (other !== -1 && other !== code)
      ) {
        wanted.set(sentence, 1);
        anyWanted = true;
        break;
      }
      seen.set(slot, code);
    }
  }
  if (!anyWanted) return [];

  const relevant = relevantSingles(text, positions, compiled, sentenceOf, states, wanted);
  const runs: number[] = [];
  let covered = 0;
  for (const i of relevant) {
    if (i < covered) continue;
    if (!isRunCode(text, i)) {
      // Not a character the tokenizer joins into words: cut the sentence.
      const sentence = sentenceOf[i];
      let start = i;
      while (start > 0 && sentenceOf[start - 1] === sentence) start -= 1;
      let end = i;
      while (end < text.length && sentenceOf[end] === sentence) end += 1;
      if (runs.length > 0 && runs[runs.length - 1] > start) {
        runs[runs.length - 1] = end;
      } else {
        runs.push(start, end);
      }
      covered = end;
      continue;
    }
    // Only the character's neighbours decide how the tokenizer cuts it: a
    // window of TOKEN_CONTEXT characters each side, inside the run, gave the
    // same decisions as the whole run on every real complaint and every set.
    let start = i;
    while (start > 0 && i - start < TOKEN_CONTEXT && isRunCode(text, start - 1)) start -= 1;
    let end = i + 1;
    while (end < text.length && end - i <= TOKEN_CONTEXT && isRunCode(text, end)) end += 1;
    if (runs.length > 0 && runs[runs.length - 1] >= start) {
      runs[runs.length - 1] = Math.max(runs[runs.length - 1], end);
    } else {
      runs.push(start, end);
    }
  }
  return runs;
}

const TOKEN_CONTEXT = 4;

/** What the one-character words of a sentence could add for a matter. */
const COULD_PHRASE = 1;
const COULD_SCORE_YES = 2;
const COULD_SCORE_NO = 4;

/**
 * In the sentences to tokenize, the one-character words whose token could
 * change the result: those of a matter that could still score there if every
 * one of them were a token; their positions, in order. A matter already
 * blocked in the sentence, or one whose combos cannot be completed even so,
 * scores nothing whatever the tokenizer says, so its words need no
 * tokenizing.
 */
function relevantSingles(
  text: string,
  singlesAt: readonly number[],
  compiled: Compiled,
  sentenceOf: Uint16Array,
  states: SentenceStates,
  wanted: StampedTable,
): number[] {
  const { singlesByCode, comboSizes } = compiled;
  const matters = compiled.matters.length;
  const could = COULD_SCORE;
  could.reset(sentenceCount(sentenceOf, text.length) * matters);
  // The combo word groups the one-character words could add: a list per
  // slot, linked through `next`, its head in `heads` (index + 1).
  const heads = COMBO_HEADS;
  heads.reset(sentenceCount(sentenceOf, text.length) * matters);
  const combos: number[] = [];
  const groups: number[] = [];
  const next: number[] = [];
  const positions: number[] = [];
  for (const i of singlesAt) {
    const sentence = sentenceOf[i];
    if (wanted.get(sentence, 0) !== 1) continue;
    positions.push(i);
    for (const ref of singlesByCode.get(text.charCodeAt(i)) as Ref[]) {
      if (ref.kind === 'blocker') continue;
      const slot = sentence * matters + ref.matter;
      if (ref.kind !== 'combo') {
        could.set(slot, could.get(slot, 0) | COULD_PHRASE);
        continue;
      }
      combos.push(ref.combo);
      groups.push(1 << ref.group);
      next.push(heads.get(slot, 0));
      heads.set(slot, combos.length);
    }
  }

  /** Whether the words listed for a slot, with those found, complete a combo. */
  const completes = (slot: number, state: SentenceState | undefined): boolean => {
    for (let at = heads.get(slot, 0); at !== 0; at = next[at - 1]) {
      const combo = combos[at - 1];
      let seen = state?.groups?.get(combo) ?? 0;
      for (let other = heads.get(slot, 0); other !== 0; other = next[other - 1]) {
        if (combos[other - 1] === combo) seen |= groups[other - 1];
      }
      if (bitCount(seen) >= comboSizes[combo]) return true;
    }
    return false;
  };

  const canScore = (sentence: number, matter: number): boolean => {
    const slot = sentence * matters + matter;
    const flags = could.get(slot, 0);
    if (flags & COULD_SCORE_YES) return true;
    if (flags & COULD_SCORE_NO) return false;
    const state = states.get(sentence, matter);
    let result: boolean;
    if (state?.blocked) result = false;
    else if (state && (state.phrase || state.weak)) result = true;
    else if (flags & COULD_PHRASE) result = true;
    else result = completes(slot, state) || (state !== undefined && ruleScore(state) > 0);
    could.set(slot, flags | (result ? COULD_SCORE_YES : COULD_SCORE_NO));
    return result;
  };

  const relevant: number[] = [];
  for (const i of positions) {
    const sentence = sentenceOf[i];
    for (const ref of singlesByCode.get(text.charCodeAt(i)) as Ref[]) {
      if (canScore(sentence, ref.matter)) {
        relevant.push(i);
        break;
      }
    }
  }
  return relevant;
}

/** How many sentences the index of a text of this length holds. */
function sentenceCount(sentenceOf: Uint16Array, length: number): number {
  return length === 0 ? 1 : sentenceOf[length - 1] + 1;
}

/**
 * The characters jieba keeps together in one block before it cuts words:
 * CJK ideographs, ASCII letters and digits, and + # & . _ % -. Anything else
 * ends a block, so a block is cut the same alone as inside its sentence.
 */
function isRunCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    return (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2b || c === 0x23 || c === 0x26 || c === 0x2e ||
      c === 0x5f || c === 0x25 || c === 0x2d
    );
  }
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c >= 0x3400 && c <= 0x4dbf) return true;
  if (c >= 0xf900 && c <= 0xfaff) return true;
  if (c >= 0xd800 && c <= 0xdfff) {
    const cp = text.codePointAt(c <= 0xdbff ? i : i - 1) ?? 0;
    return (cp >= 0x20000 && cp <= 0x2ebef) || (cp >= 0x2f800 && cp <= 0x2fa1f);
  }
  return false;
}

/**
 * Tokenizes the runs in one call, a newline between them: the newline ends a
 * block for the tokenizer, so each run is cut as if alone.
 */
function scanTokens(
  text: string,
  runs: readonly number[],
  singles: Map<string, Ref[]>,
  sentenceOf: Uint16Array,
  record: (refs: Ref[], term: string, sentence: number) => void,
): void {
  if (runs.length === 0) return;
  let joined = text.slice(runs[0], runs[1]);
  for (let r = 2; r < runs.length; r += 2) {
    joined += '\n' + text.slice(runs[r], runs[r + 1]);
  }

  let run = 0;
  let runStart = 0;
  let runEnd = runs[1] - runs[0];
  let at = 0;
  for (const token of tokenize(joined)) {
    // Past this run and the newline after it: on to the next run.
    while (at > runEnd && run + 2 < runs.length) {
      run += 2;
      runStart = runEnd + 1;
      runEnd = runStart + runs[run + 1] - runs[run];
    }
    if (token.length === 1 && at < runEnd) {
      const refs = singles.get(token);
      // The token's own sentence: a run may cross one (…隐患5.电梯坏了).
      if (refs) record(refs, token, sentenceOf[runs[run] + at - runStart]);
    }
    at += token.length;
  }
}

/**
 * The sentence of every code unit. A clause that turns to another matter
 * (…，还有人在楼下烧树叶) starts a sentence of its own, so the words of one
 * matter neither combine with nor veto the other's.
 */
function sentenceIndex(text: string): Uint16Array {
  if (sentenceBuffer.length < text.length) {
    sentenceBuffer = new Uint16Array(Math.max(text.length, sentenceBuffer.length * 2));
  }
  const index = sentenceBuffer;
  let sentence = 0;
  for (let i = 0; i < text.length; i++) {
    const mark = SENTENCE_MARKS[text.charCodeAt(i)];
    if (mark === 0) {
      index[i] = sentence;
      continue;
    }
    if (mark === DIGIT && i > 0 && index[i - 1] === sentence && opensListItem(text, i)) {
      sentence = Math.min(sentence + 1, 4000);
    }
    index[i] = sentence;
    if (
      mark === END ||
      (mark === COMMA && (opensTurn(text, i + 1) || startsAnotherThing(text, i + 1)))
    ) {
      sentence = Math.min(sentence + 1, 4000);
    }
  }
  return index;
}

/** A numbered item of a list (…1.楼道灯坏了 2.水发黄): not a decimal (0.6元). */
function opensListItem(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x31 || code > 0x39) return false;
  const mark = text.charCodeAt(at + 1);
  if (mark !== 0x2e && mark !== 0x3001) return false;
  const after = text.charCodeAt(at + 2);
  if (after >= 0x30 && after <= 0x39) return false;
  const before = text.charCodeAt(at - 1);
  return !(before >= 0x30 && before <= 0x39) && before !== 0x2e;
}

/** What a code unit may do to the sentence index: nothing, or one of these. */
const END = 1;
const COMMA = 2;
const DIGIT = 3;
const SENTENCE_MARKS = (() => {
  const table = new Uint8Array(0x10000);
  for (const code of [0x3002, 0x21, 0x3f, 0x3b, 0x0a]) table[code] = END;
  table[0xff0c] = COMMA;
  table[0x2c] = COMMA;
  for (let code = 0x31; code <= 0x39; code++) table[code] = DIGIT;
  return table;
})();

/**
 * The sentence index's storage, reused from one complaint to the next; an
 * index is only read while its complaint is classified, and only up to the
 * complaint's length.
 */
let sentenceBuffer = new Uint16Array(1024);

const TURN_FIRST = (() => {
  const table = new Uint8Array(0x10000);
  for (const opener of TURN_OPENERS) table[opener.charCodeAt(0)] = 1;
  return table;
})();

function opensTurn(text: string, at: number): boolean {
  if (TURN_FIRST[text.charCodeAt(at)] !== 1) return false;
  return (
    TURN_OPENERS.some((opener) => text.startsWith(opener, at)) &&
    !TURN_BACK_REFERENCES.some((back) => text.startsWith(back, at))
  );
}

/**
 * A clause that names another thing and says it too is wrong within its
 * first few characters (…，楼道也没人扫), or that someone else there does
 * something (…，小区里还有人烧垃圾): a matter of its own.
 */
function startsAnotherThing(text: string, at: number): boolean {
  // 报修也没人来 tells what became of the same matter.
  if (NO_NEW_THING.some((opener) => text.startsWith(opener, at))) return false;
  const end = Math.min(text.length, at + ALSO_WRONG_REACH);
  for (let i = at + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x4e5f) return ALSO_WRONG_CLAUSE.some((marker) => text.startsWith(marker, i));
    // …，小区里还有人烧垃圾: someone else doing another thing.
    if (code === 0x8fd8) {
      return (
        SOMETHING_ELSE.some((marker) => text.startsWith(marker, i)) &&
        !TURN_BACK_REFERENCES.some((back) => text.startsWith(back, i))
      );
    }
    // 了 tells what happened to the thing (厕所堵了也没人通): one matter.
    if (code === 0x4e86 || code === 0xff0c || code === 0x2c || isSentenceEnd(code)) return false;
  }
  return false;
}

/** Clauses that go on about the same matter, whatever 也 follows. */
const NO_NEW_THING = ['报修', '打电话', '打物业电话', '找物业', '去找', '问了'];

/** Someone else doing something (…，小区里还有人烧垃圾). */
const SOMETHING_ELSE = ['还有人'];

/** A thing lost too is mostly the same theft (我的也丢了). */
const ALSO_WRONG_CLAUSE = ALSO_WRONG.filter((marker) => marker !== '也丢了');

/** How far into a clause its subject may run before 也. */
const ALSO_WRONG_REACH = 8;

/**
 * A specific match explains away the broader matter it names. The broader
 * matter stays only when it stands in a sentence of its own and the resident
 * marks a turn to another matter (保安不巡逻；还有人挨家收保护费) or announces
 * several (问题挺多：…): a long account of
 * one matter names it again and again in other words, and those must not
 * become second matters.
 */
function withoutSuppressed(
  matches: MatterMatch[],
  compiled: Compiled,
  sureIn: Map<string, number[]>,
  text: string,
  sentenceOf: Uint16Array,
  /** Whether the resident announces several matters (问题挺多：…). */
  several: () => boolean,
): MatterMatch[] {
  let explained: Map<string, Set<number>> | undefined;
  const explainers = new Map<string, string[]>();
  for (const m of matches) {
    const suppresses = compiled.suppressesByCode.get(m.matterType);
    if (!suppresses) continue;
    for (const code of suppresses) {
      explained ??= new Map();
      let sentences = explained.get(code);
      if (!sentences) explained.set(code, (sentences = new Set()));
      for (const s of sureIn.get(m.matterType) ?? []) sentences.add(s);
      const by = explainers.get(code);
      if (by) by.push(m.matterType);
      else explainers.set(code, [m.matterType]);
    }
  }
  if (!explained) return matches;
  return matches.filter((m) => {
    const by = explained.get(m.matterType);
    if (!by) return true;
    const sentences = sureIn.get(m.matterType) ?? [];
    const own = sentences.filter((s) => !by.has(s));
    const explainedBy = explainers.get(m.matterType) ?? [];
    const besideCrime =
      SECURITY_DUTIES.has(m.matterType) && explainedBy.every((e) => CRIMES.has(e));
    if (besideCrime && failingSecurityBesideCrime(sentences, own, explainedBy, text, sentenceOf)) {
      return true;
    }
    if (own.length === 0) return false;
    // The turn may open either matter: 还有 before the second, whichever it is;
    // or the resident has announced several matters (问题挺多：…).
    const told = [...own, ...by].map((s) => sentenceText(text, sentenceOf, s));
    if (several() || told.some(marksAnotherMatter)) return true;
    // Items of a list are set apart by semicolons (…仍在运行；…影响通行；…).
    // Not the grounds of a dispute, what follows from a company's leaving, a
    // defect under warranty, or the damage done in a crime.
    const whole = explainedBy.some((e) => WHOLE_CAUSES.has(e) || LIST_ITEM_CAUSES.has(e));
    if (!whole && !besideCrime && own.some((o) => semicolonBeside(text, sentenceOf, o))) {
      return true;
    }
    // What follows from a company's leaving is no second matter because it
    // too is wrong (物业撤了。垃圾也没人收了), nor a camera that too is broken
    // beside a theft, unless the company is named (see above).
    if (besideCrime || explainedBy.some((e) => WHOLE_CAUSES.has(e))) return false;
    return told.some(marksAlsoWrong);
  });
}

/**
 * A crime told beside the estate's failing guard or camera, where the
 * resident names the estate company or its guard (电动车又被偷了。物业的监控坏了
 * 一直不修; 去调监控，物业说监控早坏了): the company's security duty stands beside
 * the police's. In a sentence of its own it stands beside any crime or
 * damage; in the crime's own sentence only beside a theft, which guards and
 * cameras are there to prevent (a fight the guard ignores is the police's,
 * and broken property's repair follows from its damage).
 */
function failingSecurityBesideCrime(
  sentences: readonly number[],
  own: readonly number[],
  explainers: readonly string[],
  text: string,
  sentenceOf: Uint16Array,
): boolean {
  const namesCompany = (s: number) => NAMES_THE_COMPANY.test(sentenceText(text, sentenceOf, s));
  if (own.some(namesCompany)) return true;
  return (
    explainers.every((e) => e === 'gongan.crime') &&
    sentences.some((s) => namesCompany(s) && THEFT.test(sentenceText(text, sentenceOf, s)))
  );
}

/** A theft, which the estate's guard and camera are there to prevent. */
const THEFT = /偷|丢|盗|撬|拿走/;

/** Matters whose account, told in items, is still one matter. */
const LIST_ITEM_CAUSES = new Set(['township.dispute-mediation', 'zhujian.warranty-refusal']);

/** Matters that explain away all the estate's daily service they suppress. */
const WHOLE_CAUSES = new Set(['xiaoquban.company-withdrawal']);

const SECURITY_DUTIES = new Set(['property.order-security', 'property.facility-repair']);
const CRIMES = new Set(['gongan.crime', 'gongan.property-damage']);
const NAMES_THE_COMPANY = /物业|保安|门岗|门卫|值班|看门/;

/** Where one sentence starts and ends (exclusive), by the text's sentence index. */
function sentenceBounds(text: string, index: Uint16Array, sentence: number): [number, number] {
  let start = 0;
  while (start < text.length && index[start] !== sentence) start += 1;
  let end = start;
  while (end < text.length && index[end] === sentence) end += 1;
  return [start, end];
}

/** The text of one sentence, by the text's sentence index. */
function sentenceText(text: string, index: Uint16Array, sentence: number): string {
  const [start, end] = sentenceBounds(text, index, sentence);
  return text.slice(start, end);
}

/** Whether a sentence begins right after a semicolon or ends with one. */
function semicolonBeside(text: string, index: Uint16Array, sentence: number): boolean {
  const [start, end] = sentenceBounds(text, index, sentence);
  if (start === end) return false;
  return (start > 0 && text.charCodeAt(start - 1) === 0x3b) || text.charCodeAt(end - 1) === 0x3b;
}

function marksAnotherMatter(sentence: string): boolean {
  return holdsMarker(ANOTHER_MATTER_TRIE, sentence);
}

function marksAlsoWrong(sentence: string): boolean {
  return holdsMarker(ALSO_WRONG_TRIE, sentence);
}

function holdsMarker(markers: CodeTrie<true>, sentence: string): boolean {
  let found = false;
  markers.scan(sentence, () => {
    found = true;
  });
  return found;
}

const ANOTHER_MATTER_TRIE = markerTrie(ANOTHER_MATTER);
const ALSO_WRONG_TRIE = markerTrie(ALSO_WRONG);

function markerTrie(markers: readonly string[]): CodeTrie<true> {
  const trie = new CodeTrie<true>();
  for (const marker of markers) trie.setValue(trie.insert(marker), true);
  return trie;
}

/** Particles a phrase may run over (see CodeTrie.scan), by code unit. */
const SKIPPABLE = (() => {
  const table = new Uint8Array(0x10000);
  for (const p of PARTICLES) table[p.charCodeAt(0)] = 1;
  return table;
})();

/** Operator and patrol framing (市民来电称…), matched longest first. */
const REPORT_FRAME_PATTERN = new RegExp(
  [...REPORT_FRAMES]
    .map(normalise)
    .sort((a, b) => b.length - a.length)
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'g',
);

/**
 * The longest run every frame holds (来电): a text without it has no frame,
 * and looking for one run is far cheaper than trying every frame.
 */
const REPORT_FRAME_CORE = (() => {
  const frames = REPORT_FRAMES.map(normalise);
  const shortest = frames.reduce((a, b) => (b.length < a.length ? b : a), '');
  for (let length = shortest.length; length > 0; length--) {
    for (let start = 0; start + length <= shortest.length; start++) {
      const core = shortest.slice(start, start + length);
      if (frames.every((f) => f.includes(core))) return core;
    }
  }
  return '';
})();

/** The text without its report framing; a space keeps words apart. */
function withoutReportFrames(text: string): string {
  if (REPORT_FRAME_CORE && !text.includes(REPORT_FRAME_CORE)) return text;
  return text.replace(REPORT_FRAME_PATTERN, ' ');
}

/**
 * NFKC and lower case. Most complaints hold only ASCII, CJK ideographs and
 * full-width punctuation, which a table maps without ICU; anything else
 * goes through String.prototype.normalize.
 */
function normalise(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const mapped = NFKC_FAST[c];
    if (mapped === c) continue;
    if (mapped === 0) return text.normalize('NFKC').toLowerCase();
    out += text.slice(from, i) + String.fromCharCode(mapped);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}



/**
 * The other spellings of words: spoken and dialect forms (什么 → 啥) and the
 * slips residents make (电梯 → 电悌). Matching every lexicon phrase in all
 * its spellings costs nothing per complaint, where correcting the text would.
 */
const SPELLINGS: readonly (readonly [string, readonly string[]])[] = (() => {
  const byStandard = new Map<string, string[]>();
  for (const [standard, forms] of WORD_VARIANTS) {
    byStandard.set(normalise(standard), forms.map(normalise));
  }
  for (const [wrong, right] of Object.entries(SPELLING_FIXES)) {
    const key = normalise(right);
    const forms = byStandard.get(key) ?? [];
    forms.push(normalise(wrong));
    byStandard.set(key, forms);
  }
  return [...byStandard.entries()];
})();

/** A word in all its spellings (什么 → 啥, 电梯 → 电悌), itself first. */
function variantsOf(word: string): string[] {
  const variants = [word];
  for (const [standard, forms] of SPELLINGS) {
    for (const v of [...variants]) {
      if (!v.includes(standard)) continue;
      for (const form of forms) variants.push(v.split(standard).join(form));
    }
  }
  return variants;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const SET_ASIDE_PATTERN = new RegExp(
  [
    `(?<earlier>${EARLIER_SET_ASIDE.join('|')})`,
    `(?<before>${SET_ASIDE.join('|')})`,
    `(?<after>${NOT_THIS.join('|')})`,
    `(?<sentence>${OTHER_AUTHORITY.join('|')})`,
  ].join('|'),
  'g',
);
const SET_ASIDE_KEY_PATTERN = new RegExp(SET_ASIDE_KEYS.join('|'));
const CLAUSE_END = /[,，。!?;；\n]/;
/** The estate company's own staff, whose unpaid wages leave its duties undone. */
const ESTATE_STAFF = /保安|保洁|门卫|门岗/;
const SENTENCE_END = /[。!?;；\n]/;

/** Whether the clause of a wage dispute names the estate's own staff. */
function ownStaffUnpaid(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && !CLAUSE_END.test(text[from - 1])) from -= 1;
  let to = end;
  while (to < text.length && !CLAUSE_END.test(text[to])) to += 1;
  return ESTATE_STAFF.test(text.slice(from, to));
}

/** Nothing but particles or spaces between at and the clause's end. */
function endsClause(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text[i] === '了' || text[i] === '啦' || text[i] === ' ')) i += 1;
  return i === text.length || CLAUSE_END.test(text[i]);
}

/**
 * Blanks what the resident sets aside (see SET_ASIDE, NOT_THIS and
 * OTHER_AUTHORITY), so those words count for nothing.
 */
function withoutSetAside(text: string): string {
  if (!SET_ASIDE_KEY_PATTERN.test(text)) return text;
  let result = text;
  // matchAll starts from a copy of the pattern at index 0.
  for (const found of text.matchAll(SET_ASIDE_PATTERN)) {
    const groups = found.groups ?? {};
    // A dispute another authority settles (wages) is its whole sentence's.
    const edge = groups.earlier || groups.sentence ? SENTENCE_END : CLAUSE_END;
    let end = found.index + found[0].length;
    // 狗叫的事先不说，…: a NOT_THIS that ends its clause looks back.
    const looksBack = groups.after !== undefined && endsClause(text, end);
    let start = found.index;
    // The estate's own staff unpaid (保安没发工资，门岗没人了): what the
    // clauses around theirs tell is the estate's.
    const staff = groups.sentence !== undefined && ownStaffUnpaid(text, start, end);
    if (!groups.after || looksBack) {
      const startEdge = staff ? CLAUSE_END : edge;
      while (start > 0 && !startEdge.test(text[start - 1])) start -= 1;
    }
    if (!groups.before && !groups.earlier && !looksBack) {
      const endEdge = staff ? CLAUSE_END : edge;
      // …欠工资那是另一回事，我要说的是…: the turn ends what is set aside.
      while (end < text.length && !endEdge.test(text[end])) {
        if ((text[end] === ',' || text[end] === '，') && opensTurn(text, end + 1)) break;
        end += 1;
      }
    }
    result = result.slice(0, start) + ' '.repeat(end - start) + result.slice(end);
  }
  return result;
}
