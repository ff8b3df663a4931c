/**
 * 重复投诉: how alike two complaints are. Character bigrams suit Chinese,
 * which has no spaces to split words on; punctuation and spacing are ignored.
 */
export function bigrams(text: string): Set<string> {
  const chars = [...normalise(text)];
  const grams = new Set<string>();
  if (chars.length === 1) grams.add(chars[0]);
  for (let i = 0; i + 1 < chars.length; i += 1) {
    grams.add(chars[i] + chars[i + 1]);
  }
  return grams;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export function textSimilarity(a: string, b: string): number {
  return jaccard(bigrams(a), bigrams(b));
}

/** The key two addresses share when they name the same place. */
export function addressKey(text: string): string {
  return normalise(text);
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Text at the same address at least this alike is probably the same matter. */
export const SAME_MATTER_THRESHOLD = 0.3;
