import { apiParams, readFilters, writeFilters } from './query';

const SCHEMA = { planId: '', departmentId: '', minDaysOverdue: 0, status: [] as string[], overdue: false, page: 1, pageSize: 50 };

describe('filters kept in the URL', () => {
  it('reads typed values, falling back to the default for missing or malformed ones', () => {
    const f = readFilters({ departmentId: 'd1', page: '3', pageSize: 'lots', status: 'assigned,accepted', overdue: 'true', minDaysOverdue: ['7', '9'] }, SCHEMA);
    expect(f).toEqual({ planId: '', departmentId: 'd1', minDaysOverdue: 7, status: ['assigned', 'accepted'], overdue: true, page: 3, pageSize: 50 });
  });

  it('writes only what differs from the default, so a clean view has a clean URL', () => {
    expect(writeFilters({ ...SCHEMA }, SCHEMA)).toEqual({});
    expect(writeFilters({ ...SCHEMA, departmentId: 'd1', page: 2, status: ['completed'], overdue: true }, SCHEMA)).toEqual({ departmentId: 'd1', page: '2', status: 'completed', overdue: 'true' });
  });

  it('round-trips: what is written reads back the same', () => {
    const filters = { ...SCHEMA, planId: 'p', minDaysOverdue: 30, status: ['in_progress', 'accepted'], pageSize: 200 };
    expect(readFilters(writeFilters(filters, SCHEMA), SCHEMA)).toEqual(filters);
  });

  it('builds API query strings without empty filters', () => {
    expect(apiParams({ planId: '', departmentId: 'd 1', status: ['a', 'b'], overdue: undefined, page: 2 })).toBe('?departmentId=d+1&status=a%2Cb&page=2');
    expect(apiParams({ planId: '' })).toBe('');
  });
});
