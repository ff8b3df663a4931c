import {
  guessAddress,
  isUnreadable,
  parseCsv,
  parseJsonl,
  SourceRecord,
  toComplaint,
} from './complaint-source';

describe('reading exported complaints', () => {
  it('reads JSONL and reports the lines it cannot read', () => {
    const records = parseJsonl('{"id":"a1","detail":"漏水"}\n\nnot json\n[1]\n');
    expect(records).toEqual([
      { line: 1, fields: { id: 'a1', detail: '漏水' } },
      { line: 3, reason: 'not valid JSON' },
      { line: 4, reason: 'not a JSON object' },
    ]);
  });

  it('reads CSV with quoted commas, quotes and line breaks', () => {
    const csv = '\uFEFFid,title,detail\r\nc1,"标题，一","第一行\n第二行 ""引号"""\r\nc2,短,x\r\nc3,only-two\r\n';
    const records = parseCsv(csv);
    expect(records[0]).toEqual({
      line: 2,
      fields: { id: 'c1', title: '标题，一', detail: '第一行\n第二行 "引号"' },
    });
    expect(records[1]).toEqual({ line: 3, fields: { id: 'c2', title: '短', detail: 'x' } });
    expect(isUnreadable(records[2])).toBe(true);
  });

  it('maps a message to a web complaint keyed by its source id', () => {
    const record: SourceRecord = {
      line: 1,
      fields: {
        id: 'x-1',
        title: '幸福路小区垃圾无人清运',
        detail: '已经一周了',
        submittedAt: '2019-02-28T11:25:05+08:00',
      },
    };
    expect(toComplaint(record)).toEqual({
      key: 'x-1',
      body: {
        channel: 'web',
        description: '已经一周了',
        title: '幸福路小区垃圾无人清运',
        address: { text: '幸福路小区' },
        happenedAt: '2019-02-28T11:25:05+08:00',
      },
    });
  });

  it('passes an empty detail on for validation to reject, rather than inventing one', () => {
    const mapped = toComplaint({ line: 1, fields: { id: 'x', title: 't', detail: '' } });
    expect(!isUnreadable(mapped) && mapped.body.description).toBe('');
  });

  it('falls back to the title when no place is named', () => {
    expect(guessAddress('咨询政策', '请问如何办理')).toBe('咨询政策');
  });
});
