import { countByLevel, onTimeRate, sortMyTasks, sortRows, worstDepartments, type SortableTask } from './sort';

const task = (id: string, over: Partial<SortableTask> = {}): SortableTask => ({
  id,
  title: id,
  deadline: '2018-06-30',
  status: 'assigned',
  overdue: false,
  daysOverdue: 0,
  escalationLevel: null,
  lead: [{ id: 'other' }],
  ...over,
});

describe('orderings the console adds to what the API returns', () => {
  it("puts a clerk's lead tasks first, then open before done, then the most overdue, then by deadline", () => {
    const tasks = [
      task('co-overdue', { overdue: true, daysOverdue: 90 }),
      task('lead-late', { lead: [{ id: 'me' }], deadline: '2018-12-31' }),
      task('lead-done', { lead: [{ id: 'me' }], status: 'completed', deadline: '2017-01-01' }),
      task('lead-overdue-10', { lead: [{ id: 'me' }], overdue: true, daysOverdue: 10 }),
      task('lead-overdue-40', { lead: [{ id: 'me' }], overdue: true, daysOverdue: 40 }),
      task('lead-early', { lead: [{ id: 'me' }], deadline: '2018-03-01' }),
    ];
    expect(sortMyTasks(tasks, 'me').map((t) => t.id)).toEqual(['lead-overdue-40', 'lead-overdue-10', 'lead-early', 'lead-late', 'lead-done', 'co-overdue']);
  });

  it('sorts the overdue review by a column, red above orange above yellow', () => {
    const rows = [task('y', { escalationLevel: 'yellow', daysOverdue: 5 }), task('r', { escalationLevel: 'red', daysOverdue: 50 }), task('o', { escalationLevel: 'orange', daysOverdue: 20 }), task('n', { daysOverdue: 1 })];
    expect(sortRows(rows, 'escalationLevel', 'descending').map((t) => t.id)).toEqual(['r', 'o', 'y', 'n']);
    expect(sortRows(rows, 'daysOverdue', 'ascending').map((t) => t.id)).toEqual(['n', 'y', 'o', 'r']);
    expect(sortRows(rows, undefined, null)).toBe(rows);
  });

  it('counts overdue tasks per escalation level', () => {
    expect(countByLevel([{ escalationLevel: 'red' }, { escalationLevel: 'red' }, { escalationLevel: null }, { escalationLevel: 'yellow' }])).toEqual({ yellow: 1, orange: 0, red: 2, none: 1 });
  });

  it('rates departments on time over what is done or due, worst first', () => {
    const s = (name: string, completed: number, completedOnTime: number, overdue: number) => ({ id: name, name, completed, completedOnTime, overdue, noReportIn30Days: 0, lastReportAt: null });
    expect(onTimeRate(s('a', 3, 2, 1))).toBe(50);
    expect(onTimeRate(s('idle', 0, 0, 0))).toBeNull();
    expect(worstDepartments([s('good', 4, 4, 0), s('idle', 0, 0, 0), s('bad', 1, 0, 3), s('meh', 2, 1, 3)]).map((d) => d.name)).toEqual(['bad', 'meh', 'good']);
  });
});
