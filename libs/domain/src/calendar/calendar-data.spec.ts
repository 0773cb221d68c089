import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calendarFromData, checkArrangement, parseIcsArrangement } from './calendar-data';
import { chinaWorkCalendar } from './working-days';

describe('the working-day calendar as data', () => {
  const y2027 = { year: 2027, holidays: ['2027-02-05', '2027-02-08'], workdays: ['2027-02-06'] };

  it('a 调休 weekend works, a 放假 weekday does not, other days go by weekday; unknown years are flagged', () => {
    const cal = calendarFromData([y2027]);
    expect(cal.isWorkday('2027-02-05')).toBe(false); // Friday, 放假
    expect(cal.isWorkday('2027-02-06')).toBe(true); // Saturday, 调休
    expect(cal.isWorkday('2027-02-07')).toBe(false); // Sunday
    expect(cal.isWorkday('2027-02-09')).toBe(true);
    expect(cal.covers(2027)).toBe(true);
    expect(cal.covers(2028)).toBe(false);
  });

  it('refuses dates of another year, malformed dates, 调休 on a weekday and a date both ways, naming the entry', () => {
    expect(() => checkArrangement(2027, { holidays: ['2026-10-01', 'x'], workdays: ['2027-02-09'] })).toThrow(
      expect.objectContaining({
        details: {
          errors: [
            { field: 'holidays[0]', message: '须为 2027 年内的日期，格式 YYYY-MM-DD' },
            { field: 'holidays[1]', message: '须为 2027 年内的日期，格式 YYYY-MM-DD' },
            { field: 'workdays', message: '2027-02-09 不是周末：只有周六、周日可以调休上班' },
          ],
        },
      }),
    );
    expect(() => checkArrangement(2027, { holidays: ['2027-02-06'], workdays: ['2027-02-06'] })).toThrow('安排有误');
    expect(() => checkArrangement(2027, { holidays: 'no' })).toThrow('安排有误');
  });

  it('reads the package’s own .ics into the same days as its dataset', () => {
    const ics = readFileSync(join(__dirname, '../../../../node_modules/chinese-days/dist/holidays.ics'), 'utf8');
    const a = parseIcsArrangement(ics, 2026);
    const fromIcs = calendarFromData([a]);
    const pkg = chinaWorkCalendar();
    for (let d = new Date('2026-01-01T00:00:00Z'); d.getUTCFullYear() === 2026; d.setUTCDate(d.getUTCDate() + 1)) {
      const date = d.toISOString().slice(0, 10);
      expect([date, fromIcs.isWorkday(date)]).toEqual([date, pkg.isWorkday(date)]);
    }
    expect(a.workdays).toContain('2026-02-14'); // 春节 调休 Saturday
  });

  it('unfolds lines, takes DATE-TIME starts, reads a range up to its exclusive end, and refuses a file without events', () => {
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270205', 'DTEND;VALUE=DATE:20270207', 'SUMMARY:春节', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART:20270206T000000', 'SUMMARY:春节(', ' 班)', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    expect(() => parseIcsArrangement(ics, 2027)).toThrow('安排有误'); // 02-06 both 放假 (range) and 班
    const ok = ics.replace('DTEND;VALUE=DATE:20270207', 'DTEND;VALUE=DATE:20270206');
    expect(parseIcsArrangement(ok, 2027)).toEqual({ year: 2027, holidays: ['2027-02-05'], workdays: ['2027-02-06'] });
    expect(() => parseIcsArrangement('BEGIN:VCALENDAR\nEND:VCALENDAR', 2027)).toThrow('没有日历事件');
  });
});
