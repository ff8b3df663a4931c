import { DomainError } from '@lianzhi/domain';
import { isPermanent, subscribeOnceTopicsAreKnown } from './event-consumer';

describe('which failures a consumer dead-letters instead of retrying', () => {
  it('dead-letters a broken domain rule', () => {
    expect(isPermanent(new DomainError('CASE.ALREADY_RECEIVED', 'twice'))).toBe(true);
  });

  it('dead-letters data PostgreSQL refuses, such as a NUL in text', () => {
    const refused = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      driverError: { code: '22021' },
    });
    expect(isPermanent(refused)).toBe(true);
    expect(isPermanent(Object.assign(new Error('unsupported Unicode escape'), { code: '22P05' }))).toBe(true);
  });

  it('retries what may pass later: a lost connection, a server shutting down, a deadlock', () => {
    expect(isPermanent(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(false);
    expect(isPermanent(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false);
    expect(isPermanent(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
  });
});

describe('subscribing while the broker is still learning of new topics', () => {
  const unknownTopic = () =>
    Object.assign(new Error('This server does not host this topic-partition'), {
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
  const subscription = { topics: ['lianzhi.case-events'], fromBeginning: true };

  it('tries again until the topic is known', async () => {
    const subscribe = jest
      .fn()
      .mockRejectedValueOnce(unknownTopic())
      .mockRejectedValueOnce(unknownTopic())
      .mockResolvedValue(undefined);
    await subscribeOnceTopicsAreKnown({ subscribe }, subscription, 5, 1);
    expect(subscribe).toHaveBeenCalledTimes(3);
  });

  it('gives up after the attempts it was given', async () => {
    const subscribe = jest.fn().mockRejectedValue(unknownTopic());
    await expect(subscribeOnceTopicsAreKnown({ subscribe }, subscription, 3, 1)).rejects.toThrow(
      'does not host',
    );
    expect(subscribe).toHaveBeenCalledTimes(3);
  });

  it('does not retry any other failure', async () => {
    const subscribe = jest.fn().mockRejectedValue(new Error('SASL authentication failed'));
    await expect(subscribeOnceTopicsAreKnown({ subscribe }, subscription, 5, 1)).rejects.toThrow('SASL');
    expect(subscribe).toHaveBeenCalledTimes(1);
  });
});
