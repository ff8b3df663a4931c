/**
 * The Chinese working calendar as data: the days the State Council declares
 * public holidays (放假) and the weekend days it turns into working days
 * (调休上班). Every other Saturday and Sunday is a rest day, every other
 * weekday a working day.
 *
 * Dates are local dates in Asia/Shanghai, `YYYY-MM-DD`. Add a year as soon as
 * the State Council publishes it (usually in November for the next year):
 * `calendarWarnings` reports a missing next year so nobody forgets.
 */
export interface HolidayPeriod {
  readonly name: string;
  /** Days off, first to last inclusive. */
  readonly from: string;
  readonly to: string;
}

export interface CalendarYear {
  readonly year: number;
  /** The notice the year was transcribed from. */
  readonly source: string;
  /**
   * True while the year is our own estimate rather than the published
   * notice: deadlines computed over it may move once the notice is out.
   */
  readonly provisional: boolean;
  readonly holidays: readonly HolidayPeriod[];
  /** 调休: weekend days that are working days. */
  readonly makeUpWorkdays: readonly string[];
}

export const CHINA_CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    provisional: false,
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkdays: [
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ],
  },
  {
    year: 2026,
    // Checked day by day against the chinese-days package (1.5.7), which
    // transcribes the notice at gov.cn/zhengce/zhengceku/202511/content_7047091.htm.
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月发布）',
    provisional: false,
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: [
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ],
  },
  {
    // ESTIMATE, NOT THE OFFICIAL ARRANGEMENT. The State Council had not
    // published the 2027 notice when this was written. The dates follow the
    // lunar festivals (春节 2027-02-06, 清明 04-05, 端午 06-09, 中秋 09-15) and
    // the pattern of the 2025 and 2026 notices. CHECK EVERY LINE against the
    // State Council notice when it is published, then set provisional: false.
    year: 2027,
    source: 'ESTIMATE — to be checked against the State Council 2027 notice',
    provisional: true,
    holidays: [
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-05', to: '2027-02-13' },
      { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
      { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
    ],
    makeUpWorkdays: ['2027-02-20', '2027-04-25', '2027-09-26', '2027-10-09'],
  },
];
