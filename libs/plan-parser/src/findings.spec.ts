import { closestName, departmentFindings, planFindings, type ReviewedTask } from './findings';
import { parsePlan } from './parse';
import { readDocument } from '../test-fixtures/fixtures';

const task = (over: Partial<ReviewedTask> = {}): ReviewedTask => ({ title: '任务', text: '推进某项工作。', lead: ['省科技厅'], co: [], deadline: '2018-12-31', ...over });

describe('planFindings', () => {
  it('finds nothing in a clean task', () => {
    expect(planFindings({ plan: { issuedOn: '2018-01-01' }, tasks: [task()] })).toEqual([]);
  });

  it('names each problem with a stable code, the field and a Chinese message', () => {
    const findings = planFindings({
      plan: { issuedOn: '2018-03-01' },
      tasks: [
        task({ lead: [], co: ['省财政厅'] }),
        task({ text: '另一项工作。', deadline: null, unread: ['牵头：某某（另行明确）'] }),
        task({ text: '第三项工作。', deadline: '2017-12-31' }),
        task({ text: '推进某项工作 。' }),
      ],
    });
    expect(findings.map(({ taskIndex, code, field, value }) => ({ taskIndex, code, field, value }))).toEqual([
      { taskIndex: 0, code: 'no_lead', field: 'lead', value: undefined },
      { taskIndex: 1, code: 'unread_clause', field: 'text', value: '牵头：某某（另行明确）' },
      { taskIndex: 1, code: 'no_deadline', field: 'deadline', value: undefined },
      { taskIndex: 2, code: 'deadline_before_issue', field: 'deadline', value: '2017-12-31' },
      { taskIndex: 3, code: 'duplicate_text', field: 'text', value: '0' },
    ]);
    for (const f of findings) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    expect(findings[4].message).toContain('第 1 项');
  });

  it('reads a deadline without an issue date as fine', () => {
    expect(planFindings({ plan: { issuedOn: null }, tasks: [task({ deadline: '2001-01-01' })] })).toEqual([]);
  });

  it('runs over a real sample: every finding points at a task that has the problem', () => {
    const parsed = parsePlan(readDocument('qinghai-2017'));
    const findings = planFindings(parsed);
    for (const f of findings.filter((x) => x.code === 'no_deadline')) expect(parsed.tasks[f.taskIndex].deadline).toBeNull();
    for (const f of findings.filter((x) => x.code === 'no_lead')) expect(parsed.tasks[f.taskIndex].lead).toEqual([]);
    expect(findings.filter((x) => x.code === 'no_deadline').length).toBe(parsed.tasks.filter((t) => !t.deadline).length);
  });
});

describe('departmentFindings', () => {
  const known = ['省科学技术厅', '省财政厅', '省发展和改革委员会'];
  const lookup = { isKnown: (n: string) => known.includes(n) || n === '省发展改革委', names: known };

  it('flags names the directory does not know, suggesting the closest known one', () => {
    const findings = departmentFindings([task({ lead: ['省发展改革委'], co: ['省财攻厅', '省气象局'] })], lookup);
    expect(findings).toEqual([
      expect.objectContaining({ taskIndex: 0, code: 'unknown_department', field: 'co', value: '省财攻厅', suggestion: '省财政厅' }),
      expect.objectContaining({ taskIndex: 0, code: 'unknown_department', field: 'co', value: '省气象局' }),
    ]);
    expect(findings[1].suggestion).toBeUndefined();
    expect(findings[0].message).toContain('省财政厅');
  });
});

describe('closestName', () => {
  it('matches a short form, a typo and a name with the level prefix', () => {
    expect(closestName('青海省财政厅', ['省财政厅', '省科技厅'])).toBe('省财政厅');
    expect(closestName('省科技厅', ['省科学技术厅', '省财政厅'])).toBe(null);
    expect(closestName('省公按厅', ['省公安厅'])).toBe('省公安厅');
    expect(closestName('省科枝厅', ['省财政厅', '省科技厅'])).toBe('省科技厅');
    expect(closestName('省教育厅', ['省交通运输厅', '省民政厅'])).toBe(null);
    // a standing body one character away from another is not a typo of it
    expect(closestName('省民政厅', ['省财政厅'])).toBe(null);
  });
});
