import { isLocalDate, localDate } from '../calendar/working-days';
import { checkExtensionApproval, checkExtensionDecision, checkExtensionRequest, completedOnTime, daysOverdue, type ExtensionAsk } from './deadlines';

describe('deadlines', () => {
  it('counts calendar days past the deadline for open tasks only', () => {
    expect(daysOverdue('2018-06-30', '2018-06-30', 'in_progress')).toBe(0);
    expect(daysOverdue('2018-06-30', '2018-07-01', 'in_progress')).toBe(1);
    expect(daysOverdue('2018-06-30', '2019-06-30', 'assigned')).toBe(365);
    expect(daysOverdue('2018-06-30', '2018-07-10', 'completion_requested')).toBe(10);
    expect(daysOverdue('2018-06-30', '2018-07-10', 'completed')).toBe(0);
    expect(daysOverdue(null, '2018-07-10', 'assigned')).toBe(0);
    expect(daysOverdue('2018-06-30', '2018-06-01', 'assigned')).toBe(0);
  });

  it('reads today in the plans’ zone: 23:30 in Beijing is already the next day in UTC terms', () => {
    const instant = new Date('2018-06-30T16:30:00Z');
    expect(localDate(instant, 'Asia/Shanghai')).toBe('2018-07-01');
    expect(daysOverdue('2018-06-30', localDate(instant, 'Asia/Shanghai'), 'in_progress')).toBe(1);
    expect(daysOverdue('2018-06-30', localDate(instant, 'UTC'), 'in_progress')).toBe(0);
  });

  it('judges completion on time by the day it closed', () => {
    expect(completedOnTime('2018-06-30', '2018-06-30')).toBe(true);
    expect(completedOnTime('2018-06-30', '2018-07-01')).toBe(false);
    expect(completedOnTime(null, '2030-01-01')).toBe(true);
  });

  it('knows a real calendar date', () => {
    expect(isLocalDate('2018-02-28')).toBe(true);
    expect(isLocalDate('2018-02-30')).toBe(false);
    expect(isLocalDate('2018-2-3')).toBe(false);
  });
});

describe('extension requests (申请延期)', () => {
  const ask: ExtensionAsk = { status: 'in_progress', deadline: '2018-06-30', today: '2018-06-01', newDeadline: '2018-09-30', reason: '征地手续未完成', hasPending: false };
  const fails = (change: Partial<ExtensionAsk>) => {
    try {
      checkExtensionRequest({ ...ask, ...change });
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('accepts a later date asked before the deadline, on the deadline day too', () => {
    expect(fails({})).toBeUndefined();
    expect(fails({ today: '2018-06-30' })).toBeUndefined();
    expect(fails({ status: 'assigned' })).toBeUndefined();
  });

  it('refuses after the deadline, without a deadline, while one is pending, and for closed or closing tasks', () => {
    expect(fails({ today: '2018-07-01' })).toMatchObject({ code: 'conflict' });
    expect(fails({ deadline: null })).toMatchObject({ code: 'conflict' });
    expect(fails({ hasPending: true })).toMatchObject({ code: 'conflict' });
    expect(fails({ status: 'completed' })).toMatchObject({ code: 'conflict', details: { currentStatus: 'completed' } });
    expect(fails({ status: 'completion_requested' })).toMatchObject({ code: 'conflict' });
  });

  it('names the bad fields: a date not later, not a date, an empty reason', () => {
    expect(fails({ newDeadline: '2018-06-30', reason: ' ' })).toMatchObject({
      code: 'invalid',
      details: { errors: [{ field: 'newDeadline', message: expect.stringContaining('after') }, { field: 'reason', message: expect.any(String) }] },
    });
    expect(fails({ newDeadline: '2018-13-01' })).toMatchObject({ details: { errors: [{ field: 'newDeadline' }] } });
  });
});

describe('extension decisions', () => {
  it('decides a pending request once; a rejection needs a reason', () => {
    expect(() => checkExtensionDecision('pending', true, undefined, 'in_progress')).not.toThrow();
    expect(() => checkExtensionDecision('pending', false, '理由不充分', 'in_progress')).not.toThrow();
    expect(() => checkExtensionDecision('pending', false, ' ', 'in_progress')).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => checkExtensionDecision('approved', true, undefined, 'in_progress')).toThrow(expect.objectContaining({ code: 'conflict', details: { currentStatus: 'approved' } }));
    expect(() => checkExtensionDecision('pending', true, undefined, 'completed')).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('never approves a deadline earlier than the one in force', () => {
    expect(() => checkExtensionApproval('2027-03-01', '2027-01-31')).not.toThrow();
    expect(() => checkExtensionApproval('2027-03-01', '2027-03-01')).not.toThrow();
    expect(() => checkExtensionApproval('2027-03-01', '2027-06-30')).toThrow(
      expect.objectContaining({ code: 'conflict', details: { currentDeadline: '2027-06-30', requestedDeadline: '2027-03-01' } }),
    );
  });
});
