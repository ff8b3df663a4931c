import { randomUUID } from 'node:crypto';
import { ComplaintReceived } from '@lianzhi/domain';
import { readComplaint } from './read-complaint';

function received(data: Partial<ComplaintReceived['data']>): ComplaintReceived {
  return {
    type: 'ComplaintReceived',
    version: 1,
    id: randomUUID(),
    caseId: 'case-1',
    occurredAt: '2026-03-02T01:00:00.000Z',
    actor: { kind: 'system', id: 'intake' },
    data: {
      caseNumber: 'YZ1',
      channel: 'hotline',
      urgency: 'urgent',
      description: '楼顶违建',
      address: { text: '鼓楼街道', township: 'gulou' },
      receivedAt: '2026-03-02T01:00:00.000Z',
      callerRef: null,
      anonymous: true,
      confidential: false,
      attachments: [],
      ...data,
    },
  };
}

describe('readComplaint', () => {
  it('keeps the routing inputs, the township hint among them', () => {
    expect(readComplaint(received({ category: 'chengguan.rooftop-construction' }))).toMatchObject({
      caseId: 'case-1',
      caseNumber: 'YZ1',
      urgency: 'urgent',
      category: 'chengguan.rooftop-construction',
      townshipHint: 'gulou',
      callerRef: null,
      receivedAt: '2026-03-02T01:00:00.000Z',
    });
  });

  it.each([
    [{ description: '' }, 'data.description'],
    [{ caseNumber: undefined as unknown as string }, 'data.caseNumber'],
    [{ address: undefined as unknown as { text: string } }, 'data.address.text'],
    [{ urgency: 'whenever' as 'normal' }, 'data.urgency'],
    [{ receivedAt: 'yesterday' }, 'data.receivedAt'],
  ])('rejects a complaint routing cannot read (%o) naming %s', (data, field) => {
    expect(() => readComplaint(received(data))).toThrow(
      expect.objectContaining({ code: 'EVENT.INVALID', field }),
    );
  });
});
