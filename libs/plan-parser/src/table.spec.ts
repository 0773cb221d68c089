/** Tables (分工表): flattened text rows and structural grids are read by one reader. */
import { documentFromText, type PlanDocument } from './document';
import { parseDocument, parsePlan } from './parse';
import { cellNames } from './table-tasks';
import { columnRole, liftTextTables, readPlanTable } from './table';

const rowsOf = (lines: string[]) => {
  const blocks = liftTextTables(documentFromText(lines.join('\n')).blocks);
  const table = blocks.find((b) => b.kind === 'table');
  return table && table.kind === 'table' ? table.rows : null;
};

describe('flattened text tables', () => {
  it.each([
    ['pipes', ['序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限', '1 | 建设平台。 | 市大数据局 | 市财政局 | 2024年6月']],
    ['full-width pipes', ['序号｜重点任务｜牵头单位｜配合单位｜完成时限', '1｜建设平台。｜市大数据局｜市财政局｜2024年6月']],
    ['tabs', ['序号\t重点任务\t牵头单位\t配合单位\t完成时限', '1\t建设平台。\t市大数据局\t市财政局\t2024年6月']],
    ['markdown', ['| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |', '|---|---|---|---|---|', '| 1 | 建设平台。 | 市大数据局 | 市财政局 | 2024年6月 |']],
  ])('become a grid (%s)', (_name, lines) => {
    expect(rowsOf(lines)).toEqual([
      ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'],
      ['1', '建设平台。', '市大数据局', '市财政局', '2024年6月'],
    ]);
  });

  it('keep group lines between rows as merged rows; ignore people and remarks', () => {
    const rows = rowsOf(['重点任务 | 责任单位 | 责任领导 | 备注', '建设平台。 | 市大数据局、市财政局 | 张三 | 无', '一、其他', '推进共享。 | 市政务办 | 李四 |'])!;
    expect(rows[2]).toEqual(['一、其他', '一、其他', '一、其他', '一、其他']);
    const table = readPlanTable(rows)!;
    expect(table.items).toEqual([
      { kind: 'row', area: null, task: '建设平台。', content: [], lead: '', resp: '市大数据局、市财政局', co: '', time: '', unread: [] },
      { kind: 'group', title: '其他' },
      { kind: 'row', area: null, task: '推进共享。', content: [], lead: '', resp: '市政务办', co: '', time: '', unread: [] },
    ]);
  });

  it('leave text with bars but no table header alone', () => {
    expect(rowsOf(['一、总体要求', 'A | B | C', '1 | 2 | 3'])).toBeNull();
  });
});

describe('column roles', () => {
  it.each([
    ['序号', 'num'], ['重点任务', 'task'], ['工作任务', 'task'], ['改革举措', 'task'], ['任务名称', 'task'], ['主要内容', 'content'],
    ['具体内容', 'content'], ['工作措施', 'content'], ['牵头单位', 'lead'], ['牵头部门', 'lead'], ['主责单位', 'lead'], ['责任单位', 'resp'],
    ['配合单位', 'co'], ['参与单位', 'co'], ['协办单位', 'co'], ['指导部门', 'resp'], ['完成时限', 'deadline'], ['时间节点', 'deadline'],
    ['重点领域', 'area'], ['备注', 'other'], ['责任领导', 'other'], ['督办单位', 'other'], ['主管单位', 'resp'], ['承接单位', 'dept'],
  ])('%s → %s', (header, role) => {
    expect(columnRole(header)).toBe(role);
  });
});

describe('department cells', () => {
  it.each([
    ['省发展改革委\n省财政厅', '省发展改革委、省财政厅'],
    ['各县（市、区）\n人民政府', '各县（市、区）人民政府'],
    ['省工业和信息\n化厅', '省工业和信息化厅'],
    ['省发展改革委、\n省财政厅', '省发展改革委、省财政厅'],
    ['省发展改革委\n（牵头）', '省发展改革委（牵头）'],
    ['市发改委 市财政局', '市发改委、市财政局'],
    ['省 发展改革委', '省发展改革委'],
    ['牵头单位：市市场监管局', '牵头单位：市市场监管局'],
  ])('%j → %s', (cell, names) => {
    expect(cellNames(cell)).toBe(names);
  });
});

describe('a plan laid out as a table', () => {
  it('gives one task per row, with the task cell as text and the other cells as assignment', () => {
    const plan = parsePlan(
      [
        '某市2024年工作要点',
        '某市人民政府办公室',
        '2024年2月20日',
        '序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限',
        '一、提升政务服务效能',
        '1 | 推行“高效办成一件事”。 | 市政务服务局 | 市市场监管局、市人社局 | 2024年12月底前',
        '2 | 深化“一网通办”。 | 市政务服务局 |  | 持续推进',
        '二、优化市场环境',
        '3 | 开展案例排查。 | 市发展改革委 | 市商务局 | 2024年6月',
      ].join('\n'),
    );
    expect(plan.tasks.map((t) => [t.section, t.text, t.lead, t.co, t.deadline])).toEqual([
      ['提升政务服务效能', '推行“高效办成一件事”。', ['市政务服务局'], ['市市场监管局', '市人社局'], '2024-12-31'],
      ['提升政务服务效能', '深化“一网通办”。', ['市政务服务局'], [], null],
      ['优化市场环境', '开展案例排查。', ['市发展改革委'], ['市商务局'], '2024-06-30'],
    ]);
  });
});

describe('a 分工表 read from a document grid', () => {
  const doc: PlanDocument = {
    blocks: [
      { kind: 'heading', text: '某省2025年知识产权强省建设重点任务分工方案' },
      { kind: 'paragraph', text: '某省人民政府办公厅' },
      { kind: 'paragraph', text: '2025年3月1日' },
      { kind: 'paragraph', text: '为加快知识产权强省建设，现将重点任务分工如下。各地区、各部门要按照分工抓好落实。' },
      { kind: 'paragraph', text: '附件' },
      { kind: 'paragraph', text: '重点任务分工表' },
      {
        kind: 'table',
        rows: [
          ['重点任务分工表', '重点任务分工表', '重点任务分工表', '重点任务分工表', '重点任务分工表', '重点任务分工表'],
          ['序号', '重点领域', '工作任务', '主要内容', '牵头单位', '责任单位'],
          ['', '', '', '', '', '完成时限'].map((c, i) => (i === 5 ? '参与单位' : ['序号', '重点领域', '工作任务', '主要内容', '牵头单位'][i])),
          ['一、知识产权保护方面（共3项）', '一、知识产权保护方面（共3项）', '一、知识产权保护方面（共3项）', '一、知识产权保护方面（共3项）', '一、知识产权保护方面（共3项）', '一、知识产权保护方面（共3项）'],
          ['1', '司法保护', '1.完善知识产权审判机制', '推进知识产权案件“三合一”审判。', '省法院', '省检察院\n省公安厅'],
          ['2', '司法保护', '加强快速维权', '建设维权援助中心。', '省知识产权局', '各市（州）\n人民政府'],
          ['序号', '重点领域', '工作任务', '主要内容', '牵头单位', '参与单位'],
          ['3', '行政保护', '开展专项执法', '2025年6月底前完成专项行动。', '', '省市场监管局'],
        ],
      },
    ],
  };

  it('reads header, merged group rows, a repeated header, merged cells and multi-line cells', () => {
    const plan = parseDocument(doc);
    expect(plan.plan).toMatchObject({ issuer: '某省人民政府办公厅', issuedOn: '2025-03-01' });
    expect(plan.tasks.map((t) => [t.section, t.title, t.text, t.lead, t.co, t.deadline])).toEqual([
      ['司法保护', '完善知识产权审判机制', '完善知识产权审判机制\n推进知识产权案件“三合一”审判。', ['省法院'], ['省检察院', '省公安厅'], null],
      ['司法保护', '加强快速维权', '加强快速维权\n建设维权援助中心。', ['省知识产权局'], ['各市（州）人民政府'], null],
      // the lead cell a page break left empty holds the lead of the row above
      ['行政保护', '开展专项执法', '开展专项执法\n2025年6月底前完成专项行动。', ['省知识产权局'], ['省市场监管局'], '2025-06-30'],
    ]);
  });

  it('takes the tasks from the 分工表 only when the body is prose with numbered measures', () => {
    const withBody: PlanDocument = {
      blocks: [
        ...doc.blocks.slice(0, 4),
        { kind: 'paragraph', text: '一、加强知识产权保护' },
        { kind: 'paragraph', text: '（一）完善审判机制。推进知识产权案件审判改革。（省法院负责）' },
        { kind: 'paragraph', text: '（二）加强快速维权。建设维权援助中心。（省知识产权局负责）' },
        ...doc.blocks.slice(4),
      ],
    };
    expect(parseDocument(withBody).tasks.map((t) => t.title)).toEqual(['完善知识产权审判机制', '加强快速维权', '开展专项执法']);
  });

  it('uses the time column, and 长期坚持 gives no date of its own', () => {
    const plan = parseDocument({
      blocks: [
        { kind: 'paragraph', text: '某市2024年重点工作任务分工' },
        { kind: 'paragraph', text: '某市人民政府办公室2024年1月5日印发' },
        {
          kind: 'table',
          rows: [
            ['序号', '改革举措', '牵头部门', '配合部门', '时间节点', '督办单位'],
            ['1', '推行证照分离', '市市场监管局', '市政务办', '2024年底前', '市政府督查室'],
            ['2', '深化一网通办', '市政务办', '', '长期坚持', ''],
          ],
        },
      ],
    });
    expect(plan.tasks.map((t) => [t.section, t.lead, t.co, t.deadline, t.unread])).toEqual([
      ['某市2024年重点工作任务分工', ['市市场监管局'], ['市政务办'], '2024-12-31', undefined],
      ['某市2024年重点工作任务分工', ['市政务办'], [], null, undefined],
    ]);
  });
});

describe('a plan mixing a policy list, numbered items, label lines, 专栏 boxes and an indicator appendix', () => {
  const text = [
    '某省人民政府关于加快数字经济发展的实施意见',
    '一、总体要求',
    '（一）发展目标。到2025年，数字经济核心产业增加值占比达到10%。',
    '二、重点任务',
    '（一）夯实数字基础设施',
    '1.加快5G网络建设。推进5G基站建设，2024年底前实现乡镇全覆盖。（省通信管理局牵头，省工业和信息化厅配合）',
    '2.建设算力枢纽。布局数据中心集群。',
    '牵头单位：省发展改革委',
    '责任单位：省大数据局、各市政府',
    '专栏1 数字基础设施重点工程',
    '——5G精品网络工程：新建5G基站2万个。（省通信管理局负责）',
    '——算力枢纽工程：建设省级算力调度平台。（省大数据局负责）',
    '（二）推动产业数字化',
    '3.实施制造业数字化转型行动。支持企业上云用数赋智（省工业和信息化厅负责）。推动中小企业数字化改造，2025年底前完成5000家。（省工业和信息化厅、省财政厅负责）',
    '4.发展智慧农业。推广物联网技术应用。',
    '（三）支持政策',
    '——对新认定的国家级工业互联网平台给予一次性奖励500万元。（省工业和信息化厅负责）',
    '——对数字化改造项目按投资额的10%给予补助。（省财政厅负责）',
    '三、保障措施',
    '（一）加强组织领导。建立省数字经济发展联席会议制度。（省发展改革委负责）',
    '附件：主要指标',
    '序号 | 指标名称 | 2022年 | 2025年 | 责任单位',
    '1 | 数字经济核心产业增加值占比 | 8% | 10% | 省统计局',
  ].join('\n');

  it('attaches each clause to the item it closes; the indicator table gives no tasks', () => {
    expect(parsePlan(text).tasks.map((t) => [t.kind, t.section, t.title, t.lead, t.co, t.deadline])).toEqual([
      ['task', '夯实数字基础设施', '加快5G网络建设', ['省通信管理局'], ['省工业和信息化厅'], '2024-12-31'],
      ['task', '夯实数字基础设施', '建设算力枢纽', ['省发展改革委'], ['省大数据局', '各市政府'], '2025-12-31'],
      ['project', '夯实数字基础设施', '5G精品网络工程', ['省通信管理局'], [], '2025-12-31'],
      ['project', '夯实数字基础设施', '算力枢纽工程', ['省大数据局'], [], '2025-12-31'],
      ['task', '推动产业数字化', '实施制造业数字化转型行动', ['省工业和信息化厅'], [], '2025-12-31'],
      ['task', '推动产业数字化', '推动中小企业数字化改造，2025年底前完成5000家', ['省工业和信息化厅'], ['省财政厅'], '2025-12-31'],
      ['task', '推动产业数字化', '发展智慧农业', [], [], '2025-12-31'],
      ['task', '支持政策', '对新认定的国家级工业互联网平台给予一次性奖励500万元', ['省工业和信息化厅'], [], '2025-12-31'],
      ['task', '支持政策', '对数字化改造项目按投资额的10%给予补助', ['省财政厅'], [], '2025-12-31'],
      ['safeguard', '加强组织领导', '加强组织领导', ['省发展改革委'], [], '2025-12-31'],
    ]);
  });
});

describe('time cells', () => {
  it.each([
    ['2024.12', '2024-12-31'],
    ['2024-06-30', '2024-06-30'],
    ['2024/6', '2024-06-30'],
    ['2024年6月30日', '2024-06-30'],
    ['2024年第三季度', '2024-09-30'],
    ['2024年6月\n2025年底前', '2025-12-31'],
    ['年底前', '2024-12-31'],
    ['2024年起持续推进', null],
    ['每季度', null],
  ])('%j → %s', (time, deadline) => {
    const plan = parseDocument({
      blocks: [
        { kind: 'paragraph', text: '某市2024年重点工作任务分工' },
        { kind: 'paragraph', text: '2024年1月5日' },
        { kind: 'table', rows: [['重点任务', '责任单位', '完成时限'], ['推行证照分离', '市市场监管局', time]] },
      ],
    });
    expect(plan.tasks[0].deadline).toBe(deadline);
  });
});

describe('placeholder and unreadable department cells', () => {
  it.each([['无'], ['/'], ['—'], ['不涉及']])('a co cell %j is empty', (co) => {
    const plan = parseDocument({ blocks: [{ kind: 'table', rows: [['重点任务', '牵头单位', '配合单位'], ['推行证照分离', '市市场监管局', co]] }] });
    expect(plan.tasks[0]).toMatchObject({ lead: ['市市场监管局'], co: [] });
    expect(plan.tasks[0].unread).toBeUndefined();
  });

  it('keeps the lead when a co cell holds a sentence, and notes the sentence', () => {
    const plan = parseDocument({
      blocks: [{ kind: 'table', rows: [['重点任务', '牵头单位', '配合单位'], ['推行证照分离', '市市场监管局', '各有关部门按照职责分工做好配合工作，确保按期完成。']] }],
    });
    expect(plan.tasks[0]).toMatchObject({ lead: ['市市场监管局'], co: [] });
    expect(plan.tasks[0].unread).toEqual(['各有关部门按照职责分工做好配合工作']);
  });
});

describe('a department cell that labels its own names', () => {
  it('reads the labels in the cell', () => {
    const plan = parseDocument({
      blocks: [{ kind: 'table', rows: [['重点任务', '责任单位', '完成时限'], ['推行证照分离', '牵头单位：市市场监管局\n配合单位：市政务办、市司法局', '2024年底前']] }],
    });
    expect(plan.tasks[0]).toMatchObject({ lead: ['市市场监管局'], co: ['市政务办', '市司法局'] });
  });

  it('reads role words in the cell', () => {
    const plan = parseDocument({
      blocks: [{ kind: 'table', rows: [['重点任务', '责任单位'], ['推行证照分离', '市市场监管局牵头，市政务办、市司法局配合']] }],
    });
    expect(plan.tasks[0]).toMatchObject({ lead: ['市市场监管局'], co: ['市政务办', '市司法局'] });
  });
});

describe('a task cell merged over several rows', () => {
  it('gives one task per row, each with its own content, also where a page break left it empty', () => {
    const plan = parseDocument({
      blocks: [
        {
          kind: 'table',
          rows: [
            ['序号', '重点任务', '具体措施', '牵头单位', '完成时限'],
            ['1', '优化营商环境', '推行证照分离。', '市市场监管局', '2024年底前'],
            ['2', '优化营商环境', '深化一网通办。', '市政务办', '2024年6月底前'],
            ['3', '', '推进跨省通办。', '市政务办', '2025年底前'],
          ],
        },
      ],
    });
    expect(plan.tasks.map((t) => [t.title, t.text, t.lead, t.deadline])).toEqual([
      ['优化营商环境', '优化营商环境\n推行证照分离。', ['市市场监管局'], '2024-12-31'],
      ['优化营商环境', '优化营商环境\n深化一网通办。', ['市政务办'], '2024-06-30'],
      ['优化营商环境', '优化营商环境\n推进跨省通办。', ['市政务办'], '2025-12-31'],
    ]);
  });
});
