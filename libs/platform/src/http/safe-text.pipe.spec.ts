import { SafeTextPipe } from './safe-text.pipe';

describe('the input guard every service runs before validation', () => {
  const pipe = new SafeTextPipe();
  const body = { type: 'body' as const };

  function codeOf(run: () => unknown): { code?: string; field?: string } {
    try {
      run();
      return {};
    } catch (error) {
      return error as { code: string; field: string };
    }
  }

  it('rejects a NUL character anywhere in a body, naming the field', () => {
    const error = codeOf(() => pipe.transform({ reason: 'a\u0000', items: [{ note: 'x' }] }, body));
    expect(error).toMatchObject({ code: 'VALIDATION.NO_CONTROL_CHARACTERS', field: 'reason' });

    const nested = codeOf(() => pipe.transform({ evidence: [{ name: 'ok' }, { name: '\u0001' }] }, body));
    expect(nested.field).toBe('evidence.1.name');
  });

  it('rejects control characters in a path parameter', () => {
    const error = codeOf(() => pipe.transform('abc\u0000', { type: 'param', data: 'caseId' }));
    expect(error).toMatchObject({ code: 'VALIDATION.NO_CONTROL_CHARACTERS', field: 'caseId' });
  });

  it('keeps tabs, line breaks, Chinese, emoji and right-to-left marks', () => {
    const text = '第一行\n\t第二行 🚒 \u200f𠀀';
    expect(pipe.transform({ description: text }, body)).toEqual({ description: text });
  });

  it('rejects bodies nested deeper than any form sends, without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i += 1) deep = [deep];
    expect(codeOf(() => pipe.transform({ a: deep }, body)).code).toBe('VALIDATION.TOO_DEEP');
  });
});
