import fc from 'fast-check';
import { CodeTrie } from './code-trie';

type Hit = [start: number, end: number, word: string];

function trieOf(words: readonly string[]): CodeTrie<string> {
  const trie = new CodeTrie<string>();
  for (const word of words) trie.setValue(trie.insert(word), word);
  return trie;
}

function scan(trie: CodeTrie<string>, text: string, skippable?: Uint8Array): Hit[] {
  const hits: Hit[] = [];
  trie.scan(text, (start, end, word) => hits.push([start, end, word]), skippable);
  return hits;
}

/** Every occurrence of every word, by start then end: what a scan must report. */
function occurrences(words: readonly string[], text: string): Hit[] {
  const hits: Hit[] = [];
  const set = new Set(words);
  for (let start = 0; start < text.length; start++) {
    for (let end = start + 1; end <= text.length; end++) {
      const piece = text.slice(start, end);
      if (set.has(piece)) hits.push([start, end, piece]);
    }
  }
  return hits;
}

function skipping(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

describe('CodeTrie', () => {
  it('reports every occurrence of every word, by start then end', () => {
    const trie = trieOf(['楼顶', '楼顶加盖', '加盖', '电梯', '电梯关人']);
    expect(scan(trie, '楼顶加盖，电梯关人')).toEqual([
      [0, 2, '楼顶'],
      [0, 4, '楼顶加盖'],
      [2, 4, '加盖'],
      [5, 7, '电梯'],
      [5, 9, '电梯关人'],
    ]);
  });

  it('finds exactly what a naive search finds, whatever the words and text', () => {
    // A small alphabet makes shared prefixes, overlaps and near misses common;
    // the wide characters reach far apart code units.
    const char = fc.constantFrom('楼', '顶', '加', '盖', '电', '梯', 'a', 'b', '\uffef', '\u0001');
    const word = fc.array(char, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 60 }),
        fc.array(char, { maxLength: 40 }).map((cs) => cs.join('')),
        (words, text) => {
          expect(scan(trieOf(words), text)).toEqual(occurrences(words, text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('runs over a particle the word has no edge for, at most twice per word', () => {
    const trie = trieOf(['堵死', '改成门']);
    const particles = skipping('了得');
    expect(scan(trie, '堵得死死的', particles)).toEqual([[0, 3, '堵死']]);
    expect(scan(trie, '改成了门', particles)).toEqual([[0, 4, '改成门']]);
    expect(scan(trie, '改了成了了门', particles)).toEqual([]);
    expect(scan(trie, '堵得死', new Uint8Array(0x10000))).toEqual([]);
  });

  it('takes a word added after a scan into the next scan', () => {
    const trie = trieOf(['噪音']);
    expect(scan(trie, '噪音扰民')).toEqual([[0, 2, '噪音']]);
    trie.setValue(trie.insert('扰民'), '扰民');
    expect(scan(trie, '噪音扰民')).toEqual([
      [0, 2, '噪音'],
      [2, 4, '扰民'],
    ]);
  });
});
