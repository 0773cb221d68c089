import { formatDay, formatTime } from './format';

describe('times shown in the reader’s zone', () => {
  it('shows an API instant as local date and time', () => {
    expect(formatTime('2018-03-05T01:00:00.000Z', 'Asia/Shanghai')).toBe('2018-03-05 09:00');
    expect(formatTime('2018-03-04T16:30:00.000Z', 'Asia/Shanghai')).toBe('2018-03-05 00:30');
    expect(formatDay('2018-03-04T16:30:00.000Z', 'Asia/Shanghai')).toBe('2018-03-05');
    expect(formatDay('2018-03-04T16:30:00.000Z', 'UTC')).toBe('2018-03-04');
  });

  it('shows a dash for nothing or nonsense', () => {
    expect(formatTime(null)).toBe('—');
    expect(formatTime('not a date')).toBe('—');
  });
});
