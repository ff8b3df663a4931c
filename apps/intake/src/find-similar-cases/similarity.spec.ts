import {
  addressKey,
  SAME_MATTER_THRESHOLD,
  textSimilarity,
} from './similarity';

describe('repeat complaint similarity', () => {
  it('finds two accounts of the same leak alike', () => {
    const first = '幸福小区3号楼楼顶漏水，雨天屋里全是水，物业不管';
    const second = '幸福小区3号楼楼顶漏水严重，物业一直不管';
    expect(textSimilarity(first, second)).toBeGreaterThan(
      SAME_MATTER_THRESHOLD,
    );
  });

  it('finds unrelated matters unlike', () => {
    expect(
      textSimilarity('楼下烧烤摊油烟扰民', '小区电梯困人无人救援'),
    ).toBeLessThan(SAME_MATTER_THRESHOLD);
  });

  it('ignores spacing, punctuation and full-width forms in addresses', () => {
    expect(addressKey('建设路 12号，幸福小区')).toBe(
      addressKey('建设路１２号幸福小区'),
    );
  });

  it('gives nothing in common to empty text', () => {
    expect(textSimilarity('', '漏水')).toBe(0);
  });
});
