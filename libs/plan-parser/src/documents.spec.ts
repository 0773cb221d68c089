/**
 * Every sample plan and corpus document parses, with the task counts checked by reading the
 * documents (see README for how each count was established).
 */
import { CORPUS_NAMES, DocumentName, PLAN_NAMES, readDocument } from '../test-fixtures/fixtures';
import { parsePlan } from './parse';
import type { ParsedPlan, ParsedTask } from './types';

const cache = new Map<DocumentName, ParsedPlan>();
function parsed(name: DocumentName): ParsedPlan {
  if (!cache.has(name)) cache.set(name, parsePlan(readDocument(name)));
  return cache.get(name)!;
}

function find(name: DocumentName, title: string): ParsedTask {
  const t = parsed(name).tasks.find((x) => x.title === title);
  if (!t) throw new Error(`no task titled ${title} in ${name}`);
  return t;
}

interface Expectation {
  tasks: number;
  withoutLead: number;
  withoutDeadline: number;
  kinds: Partial<Record<ParsedTask['kind'], number>>;
  sections: number;
  plan: Partial<ParsedPlan['plan']>;
}

const EXPECTED: Record<DocumentName, Expectation> = {
  // 13 key areas with 29 items; 保障支撑: one area that is itself a task and 8 items in 3 areas.
  'shaanxi-2016': {
    tasks: 38, withoutLead: 0, withoutDeadline: 0, kinds: { task: 29, safeguard: 9 }, sections: 17,
    plan: { issuer: '陕西省人民政府', jurisdiction: '陕西省', docNumber: null, issuedOn: '2016-03-20', targetYears: [2018, 2025] },
  },
  // 13 key areas: 51 items, 68 专栏 entries; 6 保障措施 areas without clauses.
  'qinghai-2017': {
    tasks: 125, withoutLead: 6, withoutDeadline: 0, kinds: { task: 51, project: 68, safeguard: 6 }, sections: 19,
    plan: { issuer: '青海省人民政府', jurisdiction: '青海省', docNumber: '青政〔2017〕12号', issuedOn: '2017-01-24', targetYears: [2020] },
  },
  // 12 重点行动 areas with 48 items; 8 保障措施 areas; no department clauses at all.
  'jilin-2016': {
    tasks: 56, withoutLead: 56, withoutDeadline: 0, kinds: { task: 48, safeguard: 8 }, sections: 20,
    plan: { issuer: '吉林省人民政府', jurisdiction: '吉林省', docNumber: null, issuedOn: '2016-04-13', targetYears: [2018] },
  },
  // 10 areas, 40 dash items under 行动任务; 16 numbered safeguard items in 5 areas.
  'shandong-2016': {
    tasks: 56, withoutLead: 0, withoutDeadline: 0, kinds: { task: 40, safeguard: 16 }, sections: 15,
    plan: { issuer: '山东省人民政府', jurisdiction: '山东省', docNumber: '鲁政发〔2016〕14号', issuedOn: '2016-06-02', targetYears: [2018] },
  },
  // A news report: 18 headings, 45 paragraphs, no clauses, no dates.
  'shanxi-2016-news': {
    tasks: 45, withoutLead: 45, withoutDeadline: 45, kinds: { task: 45 }, sections: 18,
    plan: { issuer: '山西省人民政府', jurisdiction: '山西省', docNumber: null, issuedOn: null, targetYears: [] },
  },
  // 24 items, 6 of them holding two or three clauses (31 tasks).
  'anhui-rcep-2022': {
    tasks: 31, withoutLead: 0, withoutDeadline: 0, kinds: { task: 28, safeguard: 3 }, sections: 8,
    plan: {
      issuer: '安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室', jurisdiction: '安徽省',
      docNumber: '皖开放办〔2022〕6号', issuedOn: '2022-03-23', targetYears: [2024],
    },
  },
  // 21 items in 5 areas, plus 五、有关要求 (an area without items, no clause).
  'guofa-2019-3-zongbao': {
    tasks: 22, withoutLead: 1, withoutDeadline: 22, kinds: { task: 21, safeguard: 1 }, sections: 6,
    plan: { issuer: '国务院', jurisdiction: '全国', docNumber: '国发〔2019〕3号', issuedOn: '2019-01-12', targetYears: [] },
  },
  // 29 （一）-numbered items under 7 areas; no goal section, no signature.
  'jinan-kechuang-2021': {
    tasks: 29, withoutLead: 0, withoutDeadline: 27, kinds: { task: 29 }, sections: 7,
    plan: { issuer: null, jurisdiction: '济南市', docNumber: null, issuedOn: null, targetYears: [] },
  },
  // 21 items split by 68 closing clauses.
  'shandong-digital-2019': {
    tasks: 68, withoutLead: 0, withoutDeadline: 61, kinds: { task: 50, safeguard: 18 }, sections: 4,
    plan: { issuer: '山东省人民政府办公厅', jurisdiction: '山东省', docNumber: null, issuedOn: '2019-03-15', targetYears: [] },
  },
  // 53 （一）-numbered measures closing with `（负责部门：…，适用范围：…）`, plus 五、切实做好组织实施 (an area
  // without items or clause). No dates and no target years anywhere.
  'guofa-ftz-2018': {
    tasks: 54, withoutLead: 1, withoutDeadline: 54, kinds: { task: 53, safeguard: 1 }, sections: 5,
    plan: { issuer: '国务院', jurisdiction: '全国', docNumber: '国发〔2018〕38号', issuedOn: '2018-11-07', targetYears: [] },
  },
  // 13 measures in 4 areas and 4 保障措施 items (each its own section, as in the qinghai worked answer);
  // every clause names `…等和各有关省级人民政府负责`. No dates.
  'guoban-xiaofei-2018': {
    tasks: 17, withoutLead: 0, withoutDeadline: 17, kinds: { task: 13, safeguard: 4 }, sections: 8,
    plan: { issuer: '国务院办公厅', jurisdiction: '全国', docNumber: '国办发〔2018〕129号', issuedOn: '2018-12-30', targetYears: [] },
  },
  // 20 items in 7 areas, 5 保障措施 items; no issue date in the text, so the first target year (2020).
  'guoban-laonian-2020': {
    tasks: 25, withoutLead: 0, withoutDeadline: 0, kinds: { task: 20, safeguard: 5 }, sections: 12,
    plan: { jurisdiction: null, docNumber: '国办发〔2020〕45号', issuedOn: null, targetYears: [2020, 2021, 2022] },
  },
  // 20 measures; the note `列第一位者为牵头单位，下同` in the first clause.
  'guofa-nongji-2018': {
    tasks: 18, withoutLead: 0, withoutDeadline: 0, kinds: { task: 17, safeguard: 1 }, sections: 7,
    plan: { issuer: '国务院', jurisdiction: '全国', docNumber: '国发〔2018〕42号', issuedOn: '2018-12-21', targetYears: [2020, 2025] },
  },
  // 27 measures, two of them glued to the clause closing the item before (`…）１０．大力培育…`).
  'jinan-zhizao-2019': {
    tasks: 27, withoutLead: 1, withoutDeadline: 27, kinds: { task: 26, safeguard: 1 }, sections: 8,
    plan: { issuer: '济南市人民政府办公厅', jurisdiction: '济南市', docNumber: '济政发〔2019〕1号', issuedOn: '2019-01-03', targetYears: [] },
  },
  // 15 items in 7 areas, 5 保障措施 items; 8 items state 到2022年, the goal section names no year.
  'shandong-gongye-bigdata-2020': {
    tasks: 20, withoutLead: 0, withoutDeadline: 12, kinds: { task: 15, safeguard: 5 }, sections: 12,
    plan: { issuer: '山东省人民政府办公厅', jurisdiction: '山东省', docNumber: '鲁政办字〔2020〕160号', issuedOn: '2020-12-10', targetYears: [] },
  },
};

describe.each([...PLAN_NAMES, ...CORPUS_NAMES])('%s', (name) => {
  const exp = EXPECTED[name];

  it('parses to the expected number of tasks', () => {
    const { tasks } = parsed(name);
    expect(tasks.length).toBe(exp.tasks);
    expect(tasks.filter((t) => t.lead.length === 0).length).toBe(exp.withoutLead);
    expect(tasks.filter((t) => t.deadline === null).length).toBe(exp.withoutDeadline);
    expect(new Set(tasks.map((t) => t.section)).size).toBe(exp.sections);
    const kinds: Record<string, number> = {};
    for (const t of tasks) kinds[t.kind] = (kinds[t.kind] ?? 0) + 1;
    expect(kinds).toEqual(exp.kinds);
  });

  it('reads the plan header', () => {
    expect(parsed(name).plan).toMatchObject(exp.plan);
    expect(parsed(name).plan.title.length).toBeGreaterThan(0);
  });

  it('produces well-formed tasks', () => {
    for (const t of parsed(name).tasks) {
      expect(t.text.length).toBeGreaterThan(0);
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.text.startsWith(t.title)).toBe(true);
      expect(t.section.length).toBeGreaterThan(0);
      expect(t.deadline === null || /^\d{4}-\d{2}-\d{2}$/.test(t.deadline)).toBe(true);
      expect(t.lead.some((n) => t.co.includes(n))).toBe(false);
      // Numbering is removed from the text and nothing of the signature leaks in.
      expect(t.text).not.toMatch(/^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．]|—)/);
      expect(t.text).not.toMatch(/抄送|印发\s*$/);
    }
  });
});

describe('document details', () => {
  it('shandong-2016: the 下同 note makes 共同负责 first-listed-leads', () => {
    expect(find('shandong-2016', '建立健全人才流动机制')).toMatchObject({
      lead: ['省教育厅'],
      co: ['省科技厅', '省人力资源社会保障厅'],
    });
    expect(find('shandong-2016', '加强政府网站建设与管理').deadline).toBe('2017-12-31');
    expect(find('shandong-2016', '提升在线政务服务水平').deadline).toBe('2016-12-31');
    expect(find('shandong-2016', '强化网络基础设施保障')).toMatchObject({ section: '完善基础支撑,提高服务能力', kind: 'safeguard' });
  });

  it('shandong-2016: 行动目标 and 行动任务 items are not tasks', () => {
    const titles = parsed('shandong-2016').tasks.map((t) => t.title);
    expect(titles).not.toContain('行动目标');
    expect(titles).not.toContain('行动任务');
  });

  it('anhui-rcep-2022: a paragraph with three clauses is three tasks', () => {
    const tasks = parsed('anhui-rcep-2022').tasks.filter((t) => t.section === '大力发展货物贸易').slice(0, 3);
    expect(tasks.map((t) => [t.title, t.lead, t.co])).toEqual([
      ['扩大优势产品出口', ['合肥海关'], []],
      ['巩固纺织、服装、鞋帽、箱包等传统产品出口优势，扩大汽车及零部件、电子信息、机械设备、家用电器等机电产品、高新技术产品出口占比', ['省商务厅'], ['合肥海关']],
      ['支持农业企业在日本、东盟等RCEP国家注册境外商标、获取专项认证，通过设立农产品直销中心等方式，深耕境外市场', ['省商务厅'], ['省农业农村厅']],
    ]);
    expect(tasks[0].text).toBe('扩大优势产品出口。建立RCEP国别商品税率对比清单，深化企业对RCEP重点国别关税减让的理解掌握。（合肥海关负责）');
  });

  it('anhui-rcep-2022: 保障措施 items sit directly under the part', () => {
    expect(find('anhui-rcep-2022', '加强组织领导')).toMatchObject({
      section: '保障措施',
      kind: 'safeguard',
      lead: ['省推进“三地一区”建设领导小组改革开放新高地执行小组成员单位'],
    });
  });

  it('guofa-2019-3-zongbao: numbering runs on across areas and the note is worded differently', () => {
    expect(find('guofa-2019-3-zongbao', '拓展两个市场')).toMatchObject({ lead: ['税务总局'], co: ['财政部', '海关总署'] });
    expect(find('guofa-2019-3-zongbao', '促进研发创新')).toMatchObject({ section: '推动创新创业，打造研发设计中心', lead: ['海关总署'], co: ['商务部'] });
    const titles = parsed('guofa-2019-3-zongbao').tasks.map((t) => t.title);
    expect(titles).not.toContain('坚持深化改革，简政放权');
  });

  it('jinan-kechuang-2021: （一） items under 一、 areas, label clauses with a comma', () => {
    expect(find('jinan-kechuang-2021', '高标准建设齐鲁科学城')).toMatchObject({
      section: '全力争创综合性国家科学中心',
      lead: ['市科技局', '市发展改革委'],
      co: ['市工业和信息化局', '市自然资源和规划局'],
    });
    expect(find('jinan-kechuang-2021', '构建大科学装置群')).toMatchObject({ lead: ['市科技局'], co: ['市发展改革委'] });
    expect(find('jinan-kechuang-2021', '培育技术经纪人队伍').deadline).toBe('2025-12-31');
    // The closing formula (本政策措施自印发之日起施行…) is not part of the last item.
    expect(find('jinan-kechuang-2021', '加强数据资源开放共享').text).not.toContain('有效期');
  });

  it('shandong-digital-2019: clauses in the middle of paragraphs close tasks; 年底前 takes the issue year', () => {
    const first = parsed('shandong-digital-2019').tasks.slice(0, 5);
    expect(first.map((t) => t.lead)).toEqual([
      ['省大数据局', '省政府办公厅'],
      ['省政府办公厅'],
      ['省财政厅', '省大数据局'],
      ['省大数据局'],
      ['省大数据局'],
    ]);
    expect(first[1].title.startsWith('加强整合共享成果应用')).toBe(true);
    expect(first[1].deadline).toBe('2019-12-31');
    expect(first[4].co).toEqual(['省政府办公厅', '省公安厅', '各有关部门', '各市政府']);
    expect(find('shandong-digital-2019', '推动城市管理智慧化')).toMatchObject({
      lead: ['省大数据局', '省委网信办'],
      co: ['省发展改革委', '省住房城乡建设厅', '各市政府'],
    });
  });

  it('shanxi-2016-news: one task per paragraph under each heading, byline excluded', () => {
    const tasks = parsed('shanxi-2016-news').tasks;
    expect(tasks[0]).toMatchObject({ section: '“互联网+”创业创新', lead: [], co: [], deadline: null });
    expect(tasks[tasks.length - 1].section).toBe('“互联网+”平安城市');
    expect(tasks.some((t) => t.text.includes('本报记者'))).toBe(false);
  });

  it('jilin-2016: full-width numbering, no clauses, heading-only safeguard areas', () => {
    expect(find('jilin-2016', '努力提升制造业智能化水平')).toMatchObject({ section: '“互联网＋”先进制造', lead: [], co: [], deadline: '2018-12-31' });
    expect(find('jilin-2016', '加强政策引导').text.startsWith('加强政策引导。\n贯彻落实')).toBe(true);
  });

  it('guofa-ftz-2018: the `负责部门：` label gives lead and co; the scope after it is no department', () => {
    expect(parsed('guofa-ftz-2018').tasks[0]).toMatchObject({ lead: ['人力资源社会保障部'], co: ['住房城乡建设部', '商务部'], deadline: null });
    const t = parsed('guofa-ftz-2018').tasks.find((x) => x.text.startsWith('推动与大宗商品出口国'))!;
    expect(t).toMatchObject({ lead: ['人民银行'], co: [] });
    expect(parsed('guofa-ftz-2018').tasks.flatMap((x) => [...x.lead, ...x.co]).some((n) => /适用|自贸试验区/.test(n))).toBe(false);
  });

  it('guoban-xiaofei-2018: `等和` separates names', () => {
    expect(find('guoban-xiaofei-2018', '打通供应链条')).toMatchObject({ lead: ['商务部'], co: ['发展改革委', '农业农村部', '各有关省级人民政府'] });
    expect(parsed('guoban-xiaofei-2018').tasks.flatMap((x) => [...x.lead, ...x.co]).some((n) => n.includes('等和'))).toBe(false);
  });

  it('guoban-laonian-2020: `及` separates names', () => {
    expect(find('guoban-laonian-2020', '优化老年人打车出行服务')).toMatchObject({ lead: ['交通运输部'], co: ['各地区'] });
    expect(find('guoban-laonian-2020', '设置必要的线下办事渠道')).toMatchObject({ lead: ['相关部门'], co: ['各地区'] });
  });

  it('jinan-zhizao-2019: an item glued to the clause closing the one before is an item of its own', () => {
    expect(find('jinan-zhizao-2019', '大力培育平台型企业和平台经济')).toMatchObject({ section: '支持创新发展', lead: ['市经济和信息化委'], co: ['市发改委', '市商务局'] });
    expect(find('jinan-zhizao-2019', '支持重点技改项目建设').section).toBe('支持技术改造和数字化转型');
    // `三年内` is a span of years, not a date in the issue year.
    expect(find('jinan-zhizao-2019', '积极引进培育行业领先领军企业').deadline).toBeNull();
  });

  it('qinghai-2017: 专栏 sub-headings are not tasks and do not end the key area', () => {
    const titles = parsed('qinghai-2017').tasks.map((t) => t.title);
    expect(titles).not.toContain('医疗领域重点工程');
    expect(titles).not.toContain('社保领域重点工程');
    expect(find('qinghai-2017', '交通资源信息共享互通工程').section).toBe('“互联网+”智慧交通物流');
  });
});
