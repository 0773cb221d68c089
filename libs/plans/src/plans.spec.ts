import type { ParsedPlan } from '@duban/plan-parser';
import { departmentKeys, isCollectiveHolder } from './department-names';
import { jurisdictionOf } from './jurisdiction';
import { matchTasks } from './revision';

const task = (section: string, title: string, text = `${title}。正文。`, deadline: string | null = '2018-12-31') => ({ section, title, kind: 'task', text, deadline });
const header = (plan: Partial<ParsedPlan['plan']>): ParsedPlan => ({ plan: { title: 't', issuer: null, jurisdiction: null, docNumber: null, issuedOn: null, targetYears: [], ...plan }, tasks: [] });

describe('matching a revision to the previous version', () => {
  it('matches by text, then by key area and title, then by a unique title; the rest is added or removed', () => {
    const previous = [task('创业', '众创空间'), task('创业', '公共服务'), task('制造', '智能工厂'), task('农业', '农村电商'), task('农业', '取消的任务')];
    const incoming = [
      task('创业', '众创空间'), // same text
      task('创业', '公共服务', '公共服务。改写的正文。'), // edited text
      task('协同制造', '智能工厂', '智能工厂。移动并改写。', '2019-12-31'), // moved and edited
      task('农业', '新增任务'),
      task('创业', '众创空间', '众创空间。第二个同名任务。'), // same title again: not a match for anything left
    ];
    const { matches, added, removed } = matchTasks(previous, incoming);
    expect(matches.map((m) => [m.incoming, m.previous.title, m.changed])).toEqual([
      [0, '众创空间', []],
      [1, '公共服务', ['text']],
      [2, '智能工厂', ['section', 'text', 'deadline']],
    ]);
    expect(added).toEqual([3, 4]);
    expect(removed.map((p) => p.title)).toEqual(['农村电商', '取消的任务']);
  });

  it('matches across whitespace edits and still reports the new text', () => {
    const { matches } = matchTasks([task('a', 'b', '第一句。 第二句。')], [task('a', 'b', '第一句。\n第二句。')]);
    expect(matches[0].changed).toEqual(['text']);
    expect(matches[0].incoming).toBe(0);
  });
});

describe('department names', () => {
  it('treats 各… and …有关… holders as collectives', () => {
    for (const name of ['各市(州)政府', '省级各有关部门', '省有关单位', '各县（市、区）人民政府', '省内各高校']) expect(isCollectiveHolder(name)).toBe(true);
    for (const name of ['省科技厅', '人行西宁中心支行', '省发展改革委']) expect(isCollectiveHolder(name)).toBe(false);
  });

  it('looks a name up as written and with short forms expanded', () => {
    expect(departmentKeys('省科技厅')).toEqual(['省科技厅']);
    expect(departmentKeys('省发展改革委')).toEqual(['省发展改革委', '省发展和改革委员会']);
    expect(departmentKeys('省发展和改革委员会').at(-1)).toBe(departmentKeys('省发展改革委').at(-1));
  });
});

describe('the jurisdiction of a plan', () => {
  it('is the parser’s, else the issuing government’s place, else a clear refusal', () => {
    expect(jurisdictionOf(header({ jurisdiction: '青海省', issuer: '青海省人民政府' }))).toBe('青海省');
    expect(jurisdictionOf(header({ issuer: '陕西省人民政府' }))).toBe('陕西省');
    expect(jurisdictionOf(header({ issuer: '西宁市人民政府办公厅' }))).toBe('西宁市');
    expect(() => jurisdictionOf(header({ issuer: '某某公司' }))).toThrow(/没有找到所属的省或市/);
    expect(() => jurisdictionOf(header({}))).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});
