import { addDays, chinaWorkCalendar, localDateTime, nextWorkdayAfter, nthWorkdayBack, workdayOnOrBefore, workingDaysAfter } from './working-days';

const cal = chinaWorkCalendar();

describe('China working days (chinese-days dataset)', () => {
  it('knows public holidays and 调休 make-up Saturdays', () => {
    expect(cal.isWorkday('2026-10-01')).toBe(false); // 国庆节
    expect(cal.isWorkday('2026-10-10')).toBe(true); // Saturday, 调休 workday
    expect(cal.isWorkday('2026-02-14')).toBe(true); // Saturday before 春节, 调休 workday
    expect(cal.isWorkday('2026-02-18')).toBe(false); // 春节
    expect(cal.isWorkday('2026-11-21')).toBe(false); // plain Saturday
  });

  it('moves back to the working day before a holiday run', () => {
    expect(workdayOnOrBefore(cal, '2026-10-05')).toBe('2026-09-30');
    expect(workdayOnOrBefore(cal, '2026-10-10')).toBe('2026-10-10');
    expect(nextWorkdayAfter(cal, '2026-09-30')).toBe('2026-10-08');
  });

  it('counts "7 working days overdue" as a clerk does, across 国庆 and a 调休 Saturday', () => {
    // after 2026-09-29: 9-30, 10-08, 10-09, 10-10 (Sat, 调休), 10-12, 10-13, 10-14
    expect(workingDaysAfter(cal, '2026-09-29', '2026-10-13')).toBe(6);
    expect(workingDaysAfter(cal, '2026-09-29', '2026-10-14')).toBe(7);
    expect(nthWorkdayBack(cal, '2026-10-14', 7)).toBe('2026-09-30');
  });

  it('counts by prefix sums exactly as day by day, across years', () => {
    const slow = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkday(d)) n++;
      return n;
    };
    for (const [from, to] of [['2024-02-28', '2026-11-23'], ['2026-09-29', '2026-10-14'], ['2026-10-14', '2026-10-14'], ['2026-10-15', '2026-10-14'], ['1999-12-25', '2000-01-10']]) {
      expect(workingDaysAfter(cal, from, to)).toBe(slow(from, to));
    }
  });

  it('reads dates and times in the plans\' zone, not the server\'s', () => {
    expect(localDateTime(new Date('2026-11-23T16:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-24', time: '00:30' });
    expect(localDateTime(new Date('2026-11-23T12:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-23', time: '20:00' });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});
