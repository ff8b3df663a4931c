import { reminderStage, runningClock } from './reminder-due';

const issuedAt = new Date('2025-03-12T02:00:00Z');
const acknowledgeDueAt = new Date('2025-03-12T03:00:00Z');
const resolveDueAt = new Date('2025-03-12T12:00:00Z');

const base = {
  issuedAt,
  acknowledgeDueAt,
  resolveClockStartedAt: issuedAt,
  resolveDueAt,
};

describe('催办 stages', () => {
  const ack = runningClock({ ...base, status: 'issued' })!;

  it('runs the acknowledge clock until 签收, then the resolve clock', () => {
    expect(ack.clock).toBe('acknowledge');
    expect(runningClock({ ...base, status: 'acknowledged' })?.clock).toBe(
      'resolve',
    );
    expect(runningClock({ ...base, status: 'resolved' })).toBeNull();
    expect(runningClock({ ...base, status: 'transferred' })).toBeNull();
  });

  it('stays silent before the share of the limit is used', () => {
    expect(reminderStage(ack, new Date('2025-03-12T02:47:00Z'), 0.8)).toBeNull();
  });

  it('is approaching once the share of the limit is used', () => {
    expect(reminderStage(ack, new Date('2025-03-12T02:48:00Z'), 0.8)).toBe(
      'approaching',
    );
  });

  it('is overdue once the deadline has passed', () => {
    expect(reminderStage(ack, new Date('2025-03-12T03:00:01Z'), 0.8)).toBe(
      'overdue',
    );
  });

  it('follows the configured share', () => {
    expect(reminderStage(ack, new Date('2025-03-12T02:31:00Z'), 0.5)).toBe(
      'approaching',
    );
  });
});
