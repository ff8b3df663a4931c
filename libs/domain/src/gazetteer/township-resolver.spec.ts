import { resolveTownship, suggestPlaces } from './township-resolver';

describe('resolveTownship', () => {
  it('resolves a township named in the address', () => {
    expect(resolveTownship('兖州区新驿镇某小区').township).toBe('xinyi');
  });

  it('resolves a village that stands under one township', () => {
    const r = resolveTownship('大安镇那边的两分店村东头');
    expect(r.township).toBe('daan');
    expect(resolveTownship('付家楼村3组').township).toBe('jiuxianqiao');
  });

  it('resolves a community to its township', () => {
    expect(resolveTownship('山拖社区5号楼').township).toBe('xinyan');
  });

  it.each([
    ['李村', ['caohe', 'daan', 'xinyi']],
    ['红庙村', ['daan', 'yandian']],
    ['刘岗村', ['gulou', 'xinglongzhuang']],
    ['王庄村', ['xinglongzhuang', 'xinyan']],
    ['马楼村', ['xinyi', 'yandian']],
    ['高庄村', ['xinyi', 'yandian']],
  ])('never guesses for %s, which stands under several townships', (name, townships) => {
    const r = resolveTownship(`${name}南边的小区`);
    expect(r.township).toBeNull();
    expect([...r.candidates].sort()).toEqual(townships);
  });

  it('lets the township name settle an ambiguous village', () => {
    expect(resolveTownship('颜店镇马楼村').township).toBe('yandian');
  });

  it('returns no township and no candidates for an unknown address', () => {
    expect(resolveTownship('北京市朝阳区')).toEqual({
      township: null,
      candidates: [],
      matched: [],
    });
  });
});

describe('suggestPlaces', () => {
  it('suggests townships before villages for a prefix', () => {
    const names = suggestPlaces('新').map((s) => s.name);
    expect(names.slice(0, 2).sort()).toEqual(['新兖镇', '新驿镇']);
  });

  it('lists every township of an ambiguous village', () => {
    const [li] = suggestPlaces('李村');
    expect(li).toEqual({ name: '李村', kind: 'village', townships: ['daan', 'caohe', 'xinyi'] });
  });
});
