import { Jieba } from '@node-rs/jieba';

let instance: Jieba | undefined;

/**
 * The jieba tokenizer with its default dictionary. Loading the dictionary
 * takes a few hundred milliseconds, so it happens once per process.
 */
export function tokenizer(): Jieba {
  if (!instance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    instance = Jieba.withDict(dict);
  }
  return instance;
}

export function tokenize(text: string): string[] {
  return tokenizer().cut(text, false);
}
