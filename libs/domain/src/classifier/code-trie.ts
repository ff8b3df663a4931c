/**
 * A trie over UTF-16 code units, for scanning every position of a text
 * against thousands of words. The root's children sit in a table indexed by
 * code unit, so a character that starts no word costs one array read. Deeper
 * edges sit in a double array: the code units that occur after a word's
 * first are numbered 1…n, a node's children sit at its base plus their
 * number, and a slot belongs to a node when `owner` says so. A step is a few
 * array reads, with no objects or strings made while scanning.
 */
export class CodeTrie<T> {
  private readonly first = new Int32Array(0x10000);
  private edges = new Map<number, Map<number, number>>();
  private readonly values: (T | undefined)[] = [undefined];
  /** A code unit's number among those that follow a word's first; 0 if none. */
  private letter = new Uint16Array(0x10000);
  private base = new Int32Array(0);
  /** Slot s holds its owner at 2s and its child at 2s + 1, read together. */
  private cells = new Int32Array(0);
  /** 1 where a node ends a word, so `values` is read only there. */
  private ends = new Uint8Array(0);
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
    const { first, letter, base, cells, ends, values } = this;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      let node = first[text.charCodeAt(i)];
      let skips = 0;
      let skipped = false;
      for (let j = i + 1; node !== 0; j++) {
        // After a skip the node's word was reported already.
        if (ends[node] === 1 && !skipped) found(i, j, values[node] as T);
        skipped = false;
        if (j === length) break;
        const code = text.charCodeAt(j);
        const l = letter[code];
        const slot = (base[node] + l) << 1;
        const next = l !== 0 && cells[slot] === node ? cells[slot + 1] : 0;
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

  /**
   * Lays the edges out as a double array: each node with children gets a
   * base at which all its children's slots are free. Nodes with the most
   * children are placed first, and free slots are kept in a linked list, so
   * the search steps over free slots only.
   */
  private seal(): void {
    this.dirty = false;
    const letter = new Uint16Array(0x10000);
    let letters = 0;
    for (const out of this.edges.values()) {
      for (const code of out.keys()) if (letter[code] === 0) letter[code] = ++letters;
    }
    const nodes = [...this.edges.entries()]
      .map(([node, out]) => ({
        node,
        out,
        children: [...out.keys()].map((code) => letter[code]).sort((x, y) => x - y),
      }))
      .sort((x, y) => y.children.length - x.children.length);

    const slots = new FreeSlots(this.values.length + letters + 1);
    const base = new Int32Array(this.values.length);
    for (const { node, out, children } of nodes) {
      const lowest = children[0];
      const highest = children[children.length - 1];
      // Slot 0 stays empty, so a base of 0 with letter 0 reads an empty slot.
      let free = slots.firstFrom(lowest + 1);
      for (;;) {
        const at = free - lowest;
        slots.reserve(at + highest);
        if (children.every((c) => slots.isFree(at + c))) break;
        free = slots.after(free);
      }
      const at = free - lowest;
      base[node] = at;
      for (const [code, child] of out) slots.take(at + letter[code], node, child);
    }
    // A read at any base plus any letter stays inside the arrays.
    let highestBase = 0;
    for (const b of base) highestBase = Math.max(highestBase, b);
    slots.reserve(highestBase + letters);
    this.letter = letter;
    this.base = base;
    const cells = new Int32Array(slots.owner.length * 2);
    for (let slot = 0; slot < slots.owner.length; slot++) {
      cells[slot << 1] = slots.owner[slot];
      cells[(slot << 1) + 1] = slots.target[slot];
    }
    this.cells = cells;
    this.ends = Uint8Array.from(this.values, (v) => (v === undefined ? 0 : 1));
  }
}

/** The slots of a double array, with the free ones in a linked list. */
class FreeSlots {
  owner = new Int32Array(0);
  target = new Int32Array(0);
  private next = new Int32Array(0);
  private previous = new Int32Array(0);
  /** Slots up to here are in the list or taken; the list ends at -1. */
  private size = 0;
  private first = -1;
  private last = -1;

  constructor(size: number) {
    this.reserve(size);
  }

  /** Makes sure the arrays reach `slot`. */
  reserve(slot: number): void {
    if (slot < this.size) return;
    const size = Math.max(slot + 1, this.size * 2, 1024);
    this.owner = grow(this.owner, size);
    this.target = grow(this.target, size);
    this.next = grow(this.next, size);
    this.previous = grow(this.previous, size);
    for (let s = Math.max(this.size, 1); s < size; s++) {
      this.previous[s] = this.last;
      this.next[s] = -1;
      if (this.last >= 0) this.next[this.last] = s;
      else this.first = s;
      this.last = s;
    }
    this.size = size;
  }

  isFree(slot: number): boolean {
    return this.owner[slot] === 0;
  }

  /** The first free slot at or after `slot`; few free slots lie below. */
  firstFrom(slot: number): number {
    this.reserve(slot);
    if (this.first < 0) this.reserve(this.size);
    let s = this.first;
    while (s < slot) s = this.after(s);
    return s;
  }

  /** The next free slot after a free one, growing the arrays at the end. */
  after(slot: number): number {
    if (this.next[slot] < 0) this.reserve(this.size);
    return this.next[slot];
  }

  take(slot: number, node: number, child: number): void {
    this.owner[slot] = node;
    this.target[slot] = child;
    const before = this.previous[slot];
    const after = this.next[slot];
    if (before >= 0) this.next[before] = after;
    else this.first = after;
    if (after >= 0) this.previous[after] = before;
    else this.last = before;
  }
}

function grow(array: Int32Array, size: number) {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

/** Particles one word may run over; more would join unrelated words. */
const MAX_SKIPS = 2;
const NO_SKIPS = new Uint8Array(0x10000);

