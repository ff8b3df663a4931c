export * from './matter-lexicon.data';
export * from './matter-classifier';
export { tokenize } from './tokenizer';
