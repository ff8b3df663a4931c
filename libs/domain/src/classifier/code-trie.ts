/**
 * A trie over UTF-16 code units, for scanning every position of a text
 * against thousands of words. The root's children sit in a table indexed by
 * code unit, so a character that starts no word costs one array read; deeper
 * edges sit in one open-addressing hash table of integers, with no objects
 * or strings made while scanning.
 */
export class CodeTrie<T> {
  private readonly first = new Int32Array(0x10000);
  private edges = new Map<number, Map<number, number>>();
  private readonly values: (T | undefined)[] = [undefined];
  private keyNode = new Int32Array(0);
  private keyCode = new Int32Array(0);
  private target = new Int32Array(0);
  private mask = 0;
  private dirty = true;

  /** The node reached by a word, created as needed. */
  insert(word: string): number {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      let child = node === 0 ? this.first[code] : (this.edges.get(node)?.get(code) ?? 0);
      if (child === 0) {
        child = this.values.length;
        this.values.push(undefined);
        if (node === 0) this.first[code] = child;
        else {
          let out = this.edges.get(node);
          if (!out) this.edges.set(node, (out = new Map()));
          out.set(code, child);
        }
      }
      node = child;
    }
    this.dirty = true;
    return node;
  }

  value(node: number): T | undefined {
    return this.values[node];
  }

  setValue(node: number, value: T): void {
    this.values[node] = value;
  }

  /** Child of the root by a code unit; 0 when none. */
  start(code: number): number {
    return this.first[code];
  }

  /** Child of a node by a code unit; 0 when none. */
  step(node: number, code: number): number {
    if (this.dirty) this.seal();
    const mask = this.mask;
    let slot = hash(node, code) & mask;
    for (;;) {
      const n = this.keyNode[slot];
      if (n === 0) return 0;
      if (n === node && this.keyCode[slot] === code) return this.target[slot];
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Every word occurring in the text, by start then end; the callback gets
   * the start, the end (exclusive) and the word's value.
   *
   * `skippable` marks code units a word may run over where it has no edge
   * of its own for them, at most `MAX_SKIPS` per word: particles people put
   * inside a phrase (改成了门 for 改成门, 堵得死死 for 堵死) without the
   * lexicon spelling every form.
   */
  scan(
    text: string,
    found: (start: number, end: number, value: T) => void,
    skippable: Uint8Array = NO_SKIPS,
  ): void {
    if (this.dirty) this.seal();
    const { first, keyNode, keyCode, target, values, mask } = this;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      let node = first[text.charCodeAt(i)];
      let skips = 0;
      let skipped = false;
      for (let j = i + 1; node !== 0; j++) {
        const value = values[node];
        // After a skip the node's word was reported already.
        if (value !== undefined && !skipped) found(i, j, value);
        skipped = false;
        if (j === length) break;
        const code = text.charCodeAt(j);
        let slot = hash(node, code) & mask;
        let next = 0;
        for (;;) {
          const n = keyNode[slot];
          if (n === 0) break;
          if (n === node && keyCode[slot] === code) {
            next = target[slot];
            break;
          }
          slot = (slot + 1) & mask;
        }
        if (next === 0 && skippable[code] === 1 && skips < MAX_SKIPS) {
          // Stay on this node: the particle is not part of the word.
          skips += 1;
          skipped = true;
          continue;
        }
        node = next;
      }
    }
  }

  private seal(): void {
    this.dirty = false;
    let count = 0;
    for (const out of this.edges.values()) count += out.size;
    let size = 16;
    while (size < count * 2) size *= 2;
    this.mask = size - 1;
    this.keyNode = new Int32Array(size);
    this.keyCode = new Int32Array(size);
    this.target = new Int32Array(size);
    for (const [node, out] of this.edges) {
      for (const [code, child] of out) {
        let slot = hash(node, code) & this.mask;
        while (this.keyNode[slot] !== 0) slot = (slot + 1) & this.mask;
        this.keyNode[slot] = node;
        this.keyCode[slot] = code;
        this.target[slot] = child;
      }
    }
  }
}

/** Particles one word may run over; more would join unrelated words. */
const MAX_SKIPS = 2;
const NO_SKIPS = new Uint8Array(0x10000);

function hash(node: number, code: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) >>> 0;
}
