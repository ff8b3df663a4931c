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
   */
  scan(
    text: string,
    found: (start: number, end: number, value: T) => void,
  ): void {
    if (this.dirty) this.seal();
    const { first, keyNode, keyCode, target, values, mask } = this;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      let node = first[text.charCodeAt(i)];
      for (let j = i + 1; node !== 0; j++) {
        const value = values[node];
        if (value !== undefined) found(i, j, value);
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

function hash(node: number, code: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) >>> 0;
}
