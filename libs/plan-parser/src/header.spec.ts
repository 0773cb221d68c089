/** Plan fields in the header and signature forms met in real plans, one form per row. */
import { parsePlan } from './parse';
import type { PlanHeader } from './types';

const BODY = ['一、重点任务', '（一）推进数据共享。建设共享平台。（市大数据局负责）'];

function planOf(head: string[], tail: string[] = []): PlanHeader {
  return parsePlan([...head, ...BODY, ...tail].join('\n')).plan;
}

describe('document numbers', () => {
  it.each([
    ['宁政办发〔2021〕18号', '宁政办发〔2021〕18号'],
    ['宁政办发[2021]18号', '宁政办发[2021]18号'],
    ['宁政办发（2021）18号', '宁政办发（2021）18号'],
    ['宁办字〔2021〕3号', '宁办字〔2021〕3号'],
    ['发文字号：宁政发〔2020〕12号', '宁政发〔2020〕12号'],
    ['发布机构 区人民政府办公室 文    号 蔡政办〔2023〕1号', '蔡政办〔2023〕1号'],
    ['文号 | 鲁政字〔2019〕7号 | 有效性 | 有效', '鲁政字〔2019〕7号'],
  ])('%s → %s', (line, docNumber) => {
    expect(planOf(['宁州市数字政府建设行动计划', line]).docNumber).toBe(docNumber);
  });
});

describe('issuer and issue date without a body-then-date signature block', () => {
  it.each<[string[], string, string]>([
    [['宁州市人民政府办公室  2021年4月9日'], '宁州市人民政府办公室', '2021-04-09'],
    [['宁州市人民政府办公室', '2020年5月6日', '（此件公开发布）'], '宁州市人民政府办公室', '2020-05-06'],
    [['宁州市人民政府办公室2019年3月15日印发'], '宁州市人民政府办公室', '2019-03-15'],
  ])('%j', (sig, issuer, issuedOn) => {
    const before = planOf(['宁州市数字政府建设行动计划', '各县（市、区）人民政府：', '现将行动计划印发给你们。', ...sig]);
    expect({ issuer: before.issuer, issuedOn: before.issuedOn }).toEqual({ issuer, issuedOn });
  });
});

describe('jurisdiction', () => {
  it.each<[string[], string | null]>([
    // The government's own place, when the gazetteer does not list it (county, district, small city).
    [['金乡县人民政府', '2025年2月28日'], '金乡县'],
    [['蔡甸区人民政府办公室', '2023年1月3日'], '蔡甸区'],
    [['宁州市人民政府办公室', '2021年4月9日'], '宁州市'],
    // A bare level word names no place.
    [['区人民政府办公室', '2023年1月3日'], null],
  ])('signed %j → %s', (sig, jurisdiction) => {
    expect(planOf(['重点工作责任分工方案'], sig).jurisdiction).toBe(jurisdiction);
  });

  it('reads the city a single department names (丽水市发改委) when nothing else names a place', () => {
    const plan = parsePlan(
      ['市政府重点工作责任分解', '一、重点工作', '1.生产总值增长6%。', '责任单位：丽水市发改委', '2.外贸出口增长5%。', '责任单位：市商务局'].join('\n'),
    ).plan;
    expect(plan.jurisdiction).toBe('丽水市');
  });

  it('leaves a province unnamed by 省发展改革委 alone unknown', () => {
    const plan = parsePlan(['重点工作责任分解', '一、重点工作', '1.推进改革。（省发展改革委负责）', '2.扩大开放。（省商务厅负责）'].join('\n')).plan;
    expect(plan.jurisdiction).toBeNull();
  });
});

describe('titles', () => {
  it('takes a 责任分工 title line, not a row of the page’s metadata table', () => {
    const plan = planOf(['索 引 号 | 11370828593615886A/2025-00693 | 公开方式 | 主动公开 |', '2025年金乡县政府重要工作事项责任分工']);
    expect(plan.title).toBe('2025年金乡县政府重要工作事项责任分工');
  });
});
