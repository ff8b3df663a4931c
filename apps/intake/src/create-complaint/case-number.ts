/**
 * 受理编号: LZ, the day of receipt in Asia/Shanghai, and a number from a
 * sequence. The sequence runs across days so that numbering never needs a
 * lock shared by every complaint of the day.
 */
export function formatCaseNumber(receivedAt: Date, sequence: number): string {
  const shanghai = new Date(receivedAt.getTime() + 8 * 3600 * 1000);
  const day = shanghai.toISOString().slice(0, 10).replace(/-/g, '');
  return `LZ${day}-${String(sequence).padStart(6, '0')}`;
}
