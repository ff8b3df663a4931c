import {
  characterCount,
  hasForbiddenCharacters,
  isMainlandPhone,
} from './text-rules';

describe('text rules for what a person can type', () => {
  it('accepts Chinese, emoji, tabs and line feeds', () => {
    expect(hasForbiddenCharacters('楼上漏水\n已三天\t😡')).toBe(false);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['carriage return', 'a\rb'],
    ['escape', '\u001b[31m'],
    ['delete', 'x\u007f'],
    ['C1 control', 'x\u0085'],
    ['lone high surrogate', 'x\ud83d'],
    ['lone low surrogate', '\ude00x'],
  ])('rejects a %s', (_, text) => {
    expect(hasForbiddenCharacters(text)).toBe(true);
  });

  it('counts an emoji or a 汉字 as one character', () => {
    expect(characterCount('漏水😡')).toBe(3);
  });
});

describe('mainland phone numbers', () => {
  it.each([
    '13812345678',
    '+8613812345678',
    '138 1234 5678',
    '0537-3412345',
    '05373412345',
    '010-87654321',
    '3412345',
    '0537-3412345-801',
  ])('accepts %s', (phone) => {
    expect(isMainlandPhone(phone)).toBe(true);
  });

  it.each(['12345678901', '1381234567', 'abc', '138123456789', '0537-12', ''])(
    'rejects %s',
    (phone) => {
      expect(isMainlandPhone(phone)).toBe(false);
    },
  );
});
