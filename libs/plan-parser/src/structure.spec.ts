/** Contract rules on small synthetic documents: one layout feature per case. */
import { PlanParseError } from './errors';
import { parsePlan } from './parse';

const doc = (...lines: string[]) => lines.join('\n');

function tasksOf(text: string) {
  return parsePlan(text).tasks;
}

describe('what is a task', () => {
  const PLAN = doc(
    '某省人民政府关于推进某行动的实施意见',
    '一、总体要求',
    '（一）指导思想。坚持创新驱动。',
    '（二）主要目标。到2020年，基本建成。',
    '二、重点任务',
    '（一）推进基础设施建设。加快网络建设。（省通信管理局牵头，省发展改革委配合）',
    '1.建设光网城市。实现光纤全覆盖。',
    '2.加快5G部署。开展试点。（省工业和信息化厅负责）',
    '专栏1 重点工程',
    '一、网络工程',
    '——光网工程：建设光网。',
    '二、平台工程',
    '——平台工程：建设平台。',
    '（二）发展数字经济。',
    '1.行动目标。到2018年，数字经济规模翻番。',
    '2.行动任务。',
    '——培育龙头企业。支持企业做大做强。',
    '——发展平台经济。年底前出台政策。',
    '三、保障措施',
    '（一）加强组织领导。建立联席会议制度。',
    '（二）加大资金支持。',
    '加大财政投入。',
    '某省人民政府',
    '2017年3月1日',
    '抄送：省委各部门。',
  );
  const plan = parsePlan(PLAN);

  it('reads goals into targetYears, not tasks', () => {
    expect(plan.plan.targetYears).toEqual([2018, 2020]);
    expect(plan.tasks.map((t) => t.title)).toEqual([
      '建设光网城市',
      '加快5G部署',
      '光网工程',
      '平台工程',
      '培育龙头企业',
      '发展平台经济',
      '加强组织领导',
      '加大资金支持',
    ]);
  });

  it('gives items the key area clause unless they have their own', () => {
    const [a, b] = plan.tasks;
    expect(a).toMatchObject({ section: '推进基础设施建设', lead: ['省通信管理局'], co: ['省发展改革委'], kind: 'task' });
    expect(b).toMatchObject({ lead: ['省工业和信息化厅'], co: [] });
  });

  it('makes 专栏 entries projects of the key area, skipping 专栏 sub-headings', () => {
    expect(plan.tasks[2]).toMatchObject({ section: '推进基础设施建设', kind: 'project', text: '光网工程：建设光网。', lead: ['省通信管理局'] });
    expect(plan.tasks[3].kind).toBe('project');
  });

  it('takes deadlines from the item, the key area’s 行动目标, then the plan', () => {
    // Plan fallback: the first target year on or after the issue year (2017) is 2018.
    expect(plan.tasks[0].deadline).toBe('2018-12-31');
    expect(plan.tasks[4]).toMatchObject({ section: '发展数字经济', deadline: '2018-12-31' });
    expect(plan.tasks[5].deadline).toBe('2017-12-31');
  });

  it('makes a key area without items one task, heading and paragraphs included', () => {
    expect(plan.tasks[6]).toMatchObject({ section: '加强组织领导', kind: 'safeguard', text: '加强组织领导。建立联席会议制度。', lead: [], co: [] });
    expect(plan.tasks[7].text).toBe('加大资金支持。\n加大财政投入。');
  });

  it('keeps signatures and 抄送 out of tasks', () => {
    expect(plan.plan).toMatchObject({ issuer: '某省人民政府', issuedOn: '2017-03-01' });
    expect(plan.tasks[7].text).not.toContain('某省人民政府');
  });
});

describe('layout', () => {
  it('splits two items on one line and joins an item broken over lines', () => {
    const tasks = tasksOf(
      doc(
        '一、重点任务',
        '（一）发展电商',
        '1.发展农村电商。建设服务站。2.推动社区电商发展。建设社区电子商务综合服务站点，构建线上线下互动融合，涵盖购物、休闲、养老、',
        '家政等功能的服务体系。',
        '3.促进跨境电商。引进企业。',
        '',
        '支持企业拓展渠道。',
      ),
    );
    expect(tasks.map((t) => t.text)).toEqual([
      '发展农村电商。建设服务站。',
      '推动社区电商发展。建设社区电子商务综合服务站点，构建线上线下互动融合，涵盖购物、休闲、养老、家政等功能的服务体系。',
      '促进跨境电商。引进企业。\n支持企业拓展渠道。',
    ]);
  });

  it('does not split an enumeration inside an item', () => {
    const tasks = tasksOf(doc('一、重点任务', '1.建设平台。主要包括：1.建设A；2.建设B。', '2.完善机制。'));
    expect(tasks.map((t) => t.title)).toEqual(['建设平台', '完善机制']);
  });

  it('splits dash items written on one line', () => {
    const tasks = tasksOf(doc('一、重点任务', '（一）重点工程', '———甲工程:建设甲。———乙工程:建设乙。'));
    expect(tasks.map((t) => t.title)).toEqual(['甲工程', '乙工程']);
  });

  it('splits a paragraph at each clause; the first task starts with the heading', () => {
    const tasks = tasksOf(
      doc(
        '一、重点任务',
        '1.扩大出口。建立清单（合肥海关负责）巩固传统优势，扩大机电产品出口。（省商务厅牵头，合肥海关配合）深耕境外市场，拓展渠道（省商务厅负责）。',
      ),
    );
    expect(tasks.map((t) => [t.title, t.text, t.lead])).toEqual([
      ['扩大出口', '扩大出口。建立清单（合肥海关负责）', ['合肥海关']],
      ['巩固传统优势，扩大机电产品出口', '巩固传统优势，扩大机电产品出口。（省商务厅牵头，合肥海关配合）', ['省商务厅']],
      ['深耕境外市场，拓展渠道', '深耕境外市场，拓展渠道（省商务厅负责）。', ['省商务厅']],
    ]);
  });

  it('keeps one task for one clause wherever it stands', () => {
    const tasks = tasksOf(doc('一、重点任务', '1、发展特色产业。支持合作社发展（县农业农村局牵头，各乡镇负责）。年内新增合作社10家。'));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ lead: ['县农业农村局'], co: ['各乡镇'] });
  });

  it('splits a key area without items at its clauses, the first starting with the heading', () => {
    const tasks = tasksOf(doc('一、保障措施', '（一）加强组织领导。建立机制（省发展改革委牵头）。强化督查（省政府办公厅负责）。'));
    expect(tasks.map((t) => [t.section, t.title, t.lead[0]])).toEqual([
      ['加强组织领导', '加强组织领导', '省发展改革委'],
      ['加强组织领导', '强化督查', '省政府办公厅'],
    ]);
  });

  it('reads chapters and decimal numbering', () => {
    const plan = parsePlan(
      doc(
        '某市数字经济发展规划',
        '第一章 总体要求',
        '第一节 发展目标',
        '到2022年，规模翻番；到2025年，占比过半。',
        '第二章 重点任务',
        '一、推进产业数字化',
        '（一）推进智能制造。建设智能工厂。（市工信局、市发改委共同牵头）',
        '1.1 建设示范工厂。',
        '1.2 推广工业互联网。',
      ),
    );
    expect(plan.plan.targetYears).toEqual([2022, 2025]);
    expect(plan.tasks.map((t) => [t.section, t.title, t.lead.length])).toEqual([
      ['推进产业数字化', '推进智能制造', 2],
      ['推进产业数字化', '建设示范工厂', 2],
      ['推进产业数字化', '推广工业互联网', 2],
    ]);
  });

  it('reads a news report: one task per paragraph under each heading', () => {
    const plan = parsePlan(
      doc(
        '某省18项任务助力互联网便民惠民',
        '近日，《某省人民政府关于积极推进“互联网+”行动的实施意见》出台，明确了重点任务。',
        '“互联网+”创业创新',
        '加快推动科技创新城建设工程，促进科技成果转移转化。',
        '实施科技计划改革，支持建立众创服务平台。',
        '“互联网+”现代农业',
        '实施农业信息化示范建设工程，建设一批示范基地。',
        '本报记者　某某',
      ),
    );
    expect(plan.plan.issuer).toBe('某省人民政府');
    expect(plan.tasks.map((t) => [t.section, t.title])).toEqual([
      ['“互联网+”创业创新', '加快推动科技创新城建设工程，促进科技成果转移转化'],
      ['“互联网+”创业创新', '实施科技计划改革，支持建立众创服务平台'],
      ['“互联网+”现代农业', '实施农业信息化示范建设工程，建设一批示范基地'],
    ]);
  });

  it('does not mistake quantities or years at a line start for numbering', () => {
    const tasks = tasksOf(
      doc('一、重点任务', '1.建设网络。推进建设，', '3G网络覆盖所有乡镇，', '2017年底前完成。', '2.完善机制。'),
    );
    expect(tasks.map((t) => t.title)).toEqual(['建设网络', '完善机制']);
    expect(tasks[0].text).toBe('建设网络。推进建设，3G网络覆盖所有乡镇，2017年底前完成。');
    expect(tasks[0].deadline).toBe('2017-12-31');
  });
});

describe('more layouts', () => {
  it('reads 第X条 articles, label lines, a closing 注 and a signature dated in Chinese numerals', () => {
    const plan = parsePlan(
      doc(
        '某省人民政府关于加快推进某项工作的若干措施',
        '第一条 加大财政支持力度。省级财政每年安排专项资金。（省财政厅牵头，各市、县（市、区）人民政府负责）',
        '第二条 强化人才保障。引进高层次人才。',
        '责任单位：省人力资源社会保障厅（牵头）、省教育厅、省科技厅',
        '完成时限：2018年',
        '第三条 优化营商环境。到“十三五”末，营商环境进入全国前列。（省发展改革委、省商务厅共同负责）',
        '注：各项措施中列第一位的为牵头单位。',
        '某省人民政府',
        '二〇一七年一月二十四日',
      ),
    );
    expect(plan.plan).toMatchObject({ issuer: '某省人民政府', issuedOn: '2017-01-24' });
    expect(plan.tasks.map((t) => [t.title, t.kind, t.lead, t.co, t.deadline])).toEqual([
      ['加大财政支持力度', 'task', ['省财政厅'], ['各市、县（市、区）人民政府'], null],
      ['强化人才保障', 'task', ['省人力资源社会保障厅'], ['省教育厅', '省科技厅'], '2018-12-31'],
      // the closing 注 states the "first listed leads" rule for the whole document
      ['优化营商环境', 'task', ['省发展改革委'], ['省商务厅'], '2020-12-31'],
    ]);
    expect(plan.tasks[2].text).not.toContain('注：');
  });

  it('skips a table of contents and lets 下同 carry an item’s clause to the following items', () => {
    const tasks = tasksOf(
      doc(
        '目  录',
        '一、总体要求……………………1',
        '二、重点任务……………………2',
        '一、总体要求',
        '到2020年，全面完成。',
        '二、重点任务',
        '（一）推进甲工作（市发改委牵头）',
        '1.推进甲一。（市科技局牵头，市财政局配合，下同）',
        '2.推进甲二。',
        '（二）推进乙工作（市商务局牵头）',
        '1.推进乙一。',
      ),
    );
    expect(tasks.map((t) => [t.title, t.lead[0]])).toEqual([
      ['推进甲一', '市科技局'],
      ['推进甲二', '市科技局'],
      ['推进乙一', '市商务局'],
    ]);
  });

  it('makes an item with sub-items a task only when it says more than its heading', () => {
    const tasks = tasksOf(
      doc(
        '一、重点任务',
        '（一）推进基础设施建设',
        '1.建设网络。',
        '（1）光纤到户。',
        '（2）5G试点。',
        '2.推进平台建设。统筹建设全省统一的政务云平台，推动部门系统迁移上云。',
        '（1）建设政务云。',
      ),
    );
    expect(tasks.map((t) => t.title)).toEqual(['光纤到户', '5G试点', '推进平台建设', '建设政务云']);
  });
});

describe('notices', () => {
  it('takes the plan after a 印发 notice that numbers its own requirements and signs off', () => {
    const plan = parsePlan(
      doc(
        '某省人民政府关于印发某省数字政府建设行动方案的通知',
        '某政发〔2019〕8号',
        '现将《某省数字政府建设行动方案》印发给你们，并提出以下要求：',
        '一、提高认识。各地各部门要充分认识重要意义。',
        '二、抓好落实。要细化任务分工，按期完成任务。',
        '某省人民政府',
        '2019年3月1日',
        '某省数字政府建设行动方案',
        '一、主要目标',
        '到2021年，基本建成数字政府。',
        '二、重点任务',
        '（一）建设政务云。统一建设全省政务云平台。（省大数据局牵头，各市政府配合）',
        '（二）推进数据共享。建成共享交换平台。（省大数据局负责）',
      ),
    );
    expect(plan.plan).toMatchObject({ title: '某省数字政府建设行动方案', issuedOn: '2019-03-01', targetYears: [2021] });
    expect(plan.tasks.map((t) => t.title)).toEqual(['建设政务云', '推进数据共享']);
  });
});

describe('plan header', () => {
  it('derives a title from the preamble when the document states none', () => {
    const plan = parsePlan(
      doc(
        '各设区市人民政府，省人民政府各工作部门：',
        '为贯彻落实《国务院关于积极推进“互联网+”行动的指导意见》（国发〔2015〕40号），制定本实施意见。',
        '一、重点任务',
        '（一）发展众创空间。',
        '某省人民政府',
        '2016年3月20日',
      ),
    );
    expect(plan.plan).toEqual({
      title: '某省人民政府关于积极推进“互联网+”行动的实施意见',
      issuer: '某省人民政府',
      jurisdiction: null,
      docNumber: null,
      issuedOn: '2016-03-20',
      targetYears: [],
    });
  });

  it('takes the attached plan’s title from a 关于印发…的通知 and the document number', () => {
    const plan = parsePlan(
      doc('山东省人民政府关于印发山东省“互联网+”行动计划(2016-2018年)的通知', '鲁政发〔2016〕14号', '一、重点任务', '（一）发展众创空间。'),
    );
    expect(plan.plan).toMatchObject({ title: '山东省“互联网+”行动计划(2016-2018年)', docNumber: '鲁政发〔2016〕14号', jurisdiction: '山东省' });
  });

  it('names the State Council’s plans national', () => {
    const plan = parsePlan(doc('国务院关于促进某项工作的若干意见', '一、主要任务', '（一）发展众创空间。', '国务院', '2019年1月12日'));
    expect(plan.plan).toMatchObject({ issuer: '国务院', jurisdiction: '全国', issuedOn: '2019-01-12' });
  });
});

describe('errors', () => {
  function codeOf(text: string): string | undefined {
    try {
      parsePlan(text);
    } catch (e) {
      expect(e).toBeInstanceOf(PlanParseError);
      return (e as PlanParseError).code;
    }
    return undefined;
  }

  it.each([
    ['', 'empty'],
    [' \n\u3000\n', 'empty'],
    ['a\u0000b', 'binary'],
    ['这是一段没有任何计划内容的普通文字。', 'no_plan'],
    ['一、指导思想\n坚持创新驱动。\n二、基本原则\n坚持统筹推进。', 'no_plan'],
  ])('%j → %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it('rejects non-strings', () => {
    expect(() => parsePlan(undefined as unknown as string)).toThrow(PlanParseError);
  });
});

describe('clauses on a line of their own', () => {
  it('assign every sub-item of the item they follow', () => {
    const tasks = tasksOf(
      doc(
        '某市应急体系建设责任分解',
        '一、“一案三制”建设',
        '1.完善应急预案体系',
        '(1)加强应急预案管理，规范应急预案编制。',
        '(2)加强应急预案演练，完善演练管理制度。',
        '(责任单位:市应急局、各县(市、区)人民政府)',
        '2.健全应急管理体制',
        '(1)深入推进应急管理办事机构建设。',
        '(2)加强专项预案牵头部门的应急机构建设。',
        '(责任单位:市编办、市应急局)',
      ),
    );
    expect(tasks.map((t) => [t.title, t.lead, t.co])).toEqual([
      ['加强应急预案管理，规范应急预案编制', ['市应急局'], ['各县(市、区)人民政府']],
      ['加强应急预案演练，完善演练管理制度', ['市应急局'], ['各县(市、区)人民政府']],
      ['深入推进应急管理办事机构建设', ['市编办'], ['市应急局']],
      ['加强专项预案牵头部门的应急机构建设', ['市编办'], ['市应急局']],
    ]);
  });

  it('close only their own item when each item has one', () => {
    const tasks = tasksOf(
      doc(
        '某区重点工作任务分解',
        '一、主要预期目标',
        '1.地区生产总值增长6%。',
        '牵头单位：区发改局',
        '责任单位：各街道',
        '2.规模以上工业增加值增长5%。',
        '牵头单位：区工信局',
      ),
    );
    expect(tasks.map((t) => [t.title, t.lead, t.co])).toEqual([
      ['地区生产总值增长6%', ['区发改局'], ['各街道']],
      ['规模以上工业增加值增长5%', ['区工信局'], []],
    ]);
  });
});

describe('kinds', () => {
  it('does not take a policy field ending in 保障 (民生保障) for safeguards', () => {
    const tasks = tasksOf(doc('某区工作要点', '一、经济发展', '1.实施项目攻坚。', '二、民生保障', '2.新建托育机构。', '三、组织保障', '3.加强领导。'));
    expect(tasks.map((t) => t.kind)).toEqual(['task', 'task', 'safeguard']);
  });
});

describe('goal sections whose items are assigned', () => {
  it('makes the numbered items of 主要目标 tasks when they carry clauses, with the heading year as their date', () => {
    const tasks = tasksOf(
      doc('一、主要目标', '1.地区生产总值增长6%。（牵头单位：县发展和改革局）', '2.一般公共预算收入增长3.5%。（牵头单位：县财政局）', '二、重点任务', '3.修编园区规划。（牵头单位：县园区服务中心）'),
    );
    expect(tasks.map((t) => [t.section, t.lead])).toEqual([
      ['主要目标', ['县发展和改革局']],
      ['主要目标', ['县财政局']],
      ['重点任务', ['县园区服务中心']],
    ]);
    const dated = tasksOf(doc('一、2025年主要预期目标', '1.地区生产总值增长6%。（牵头单位：县发展和改革局）', '二、重点任务', '2.修编园区规划。（牵头单位：县园区服务中心）'));
    expect(dated.map((t) => t.deadline)).toEqual(['2025-12-31', null]);
  });

  it('keeps a 主要目标 section whose items name no department a goal', () => {
    const plan = parsePlan(doc('一、主要目标', '1.到2025年，建成示范社区100个。', '2.到2027年，全面推开。', '二、重点任务', '（一）推进改造。改造小区30个。（市住建局负责）'));
    expect(plan.tasks.map((t) => t.title)).toEqual(['推进改造']);
    expect(plan.plan.targetYears).toEqual([2025, 2027]);
  });
});

describe('deeper numbering', () => {
  it('reads 1 → 1.1 → 1.1.1 outlines: 1.1 areas hold 1.1.1 tasks', () => {
    const tasks = tasksOf(
      doc(
        '1 总体要求',
        '1.1 主要目标',
        '到2023年，基本建成数字政府。',
        '2 重点任务',
        '2.1 夯实数字基础设施',
        '2.1.1 建设政务云平台。2021年完成迁移上云。由市大数据局会同市财政局负责。',
        '2.1.2 完善电子政务外网。市大数据局牵头，各县（市、区）人民政府配合。',
        '2.2 提升政务服务能力',
        '2.2.1 推进“一网通办”。（牵头单位：市政务服务中心）',
      ),
    );
    expect(tasks.map((t) => [t.section, t.title, t.lead, t.co, t.deadline])).toEqual([
      ['夯实数字基础设施', '建设政务云平台', ['市大数据局'], ['市财政局'], '2021-12-31'],
      ['夯实数字基础设施', '完善电子政务外网', ['市大数据局'], ['各县（市、区）人民政府'], '2023-12-31'],
      ['提升政务服务能力', '推进“一网通办”', ['市政务服务中心'], [], '2023-12-31'],
    ]);
  });

  it('reads （一） → 1. → （1） → ①, a clause sentence after ① items assigning them all', () => {
    const tasks = tasksOf(
      doc(
        '一、重点任务',
        '（一）推进老旧小区改造',
        '1.完善小区基础设施。',
        '（1）改造供排水管网。对老化管网进行更新。由市住建局会同市水务局负责。',
        '（2）加装电梯。',
        '①开展居民意愿摸底。逐楼开展意愿调查。',
        '②简化审批流程。实行联合审批。',
        '市住建局牵头，市市场监管局配合。',
        '2.提升小区服务功能。建设养老服务设施。市民政局牵头，市卫生健康委配合。',
      ),
    );
    expect(tasks.map((t) => [t.title, t.lead, t.co])).toEqual([
      ['改造供排水管网', ['市住建局'], ['市水务局']],
      ['开展居民意愿摸底', ['市住建局'], ['市市场监管局']],
      ['简化审批流程', ['市住建局'], ['市市场监管局']],
      ['提升小区服务功能', ['市民政局'], ['市卫生健康委']],
    ]);
  });
});

describe('clauses wherever they sit in an item', () => {
  const head = '某省人民政府关于推进数字政府建设的实施意见\n二、重点任务\n（一）建设一体化平台\n';
  it.each([
    ['at its start', '1.（牵头单位：省大数据局；责任单位：省财政厅）建设平台。推进共享。', null],
    ['mid-sentence after 由', '1.建设平台，由省大数据局牵头、省财政厅配合，2024年底前完成。', '2024-12-31'],
    ['as bare labels mid-paragraph', '1.建设平台。责任单位：省大数据局、省财政厅。完成时限：2024年底前。', '2024-12-31'],
    ['inside the sentence', '1.建设平台（主责单位：省大数据局，协办单位：省财政厅，完成时限：2024年6月）。', '2024-06-30'],
  ])('%s', (_where, item, deadline) => {
    const [task] = parsePlan(`${head}${item}\n2.推进共享。（省财政厅负责）`).tasks;
    expect(task).toMatchObject({ title: '建设平台', lead: ['省大数据局'], co: ['省财政厅'], deadline });
  });
});

describe('unread clause notes on tasks', () => {
  it('lists clause-like text the grammar could not read, on the task it sits in', () => {
    const plan = parsePlan(
      doc(
        '某省人民政府关于推进数字政府建设的实施意见',
        '二、重点任务',
        '（一）建设一体化平台',
        '1.建设平台。（督办单位：省政府督查室）',
        '2.推进共享。（省大数据局牵头，另行制定具体办法）',
        '3.完善制度。（省司法厅负责）',
      ),
    );
    expect(plan.tasks.map((t) => [t.lead, t.unread])).toEqual([
      [[], ['（督办单位：省政府督查室）']],
      [['省大数据局'], ['另行制定具体办法']],
      [['省司法厅'], undefined],
    ]);
  });
});
