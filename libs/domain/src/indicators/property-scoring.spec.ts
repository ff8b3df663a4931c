import {
  complaintDeductions,
  recommendEndingContract,
  serviceQualityScore,
  starRating,
  supervisionOrderDeduction,
} from './property-scoring';

describe('考核 scoring', () => {
  it('deducts 2 points per 督办单', () => {
    expect(supervisionOrderDeduction(3)).toBe(6);
  });

  it('rates stars with each band including its upper end', () => {
    expect(starRating(95.5)).toBe(5);
    expect(starRating(95)).toBe(4);
    expect(starRating(90.01)).toBe(4);
    expect(starRating(90)).toBe(3);
    expect(starRating(85)).toBe(2);
    expect(starRating(80)).toBe(1);
    expect(starRating(60)).toBe(1);
    expect(starRating(59.9)).toBe(0);
  });

  it('weights the service score 40 % 住建局, 30 % 街道, 30 % 社区', () => {
    expect(
      serviceQualityScore({ housingBureau: 90, subdistrict: 80, community: 70 }),
    ).toBe(81);
  });

  it('recommends ending the contract after two quarters under 60 in a year', () => {
    expect(recommendEndingContract([59, 70, 58.5, 90])).toBe(true);
    expect(recommendEndingContract([59, 60, 61, 90])).toBe(false);
  });

  it('deducts 2, 2, 4, 5 and 10 points for the complaint incidents of item 五', () => {
    expect(
      complaintDeductions({
        securityIncidents: 1,
        escalatedUnfixed: 2,
        rectificationNoticeIgnored: 1,
        mediaExposedUnfixed: 1,
        mediaExposedSevere: 1,
      }).total,
    ).toBe(2 + 4 + 4 + 5 + 10);
  });

  it('rejects a score outside 0–100, naming the field', () => {
    expect(() =>
      serviceQualityScore({ housingBureau: 101, subdistrict: 80, community: 70 }),
    ).toThrow(expect.objectContaining({ field: 'housingBureau' }));
  });
});
