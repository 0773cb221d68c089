import { findClauses, holdsClause, isClauseLine, newClauseState, parseClauseContent, type Unread } from './clauses';

function parse(inner: string, firstListedLeads = false) {
  return parseClauseContent(inner, { firstListedLeads });
}

describe('clause grammar (contract forms)', () => {
  const cases: Array<[string, string[], string[]]> = [
    // （牵头单位:A、B;责任单位:C、D）
    ['牵头单位:省农牧厅、省科技厅;责任单位:省发展改革委、省民政厅', ['省农牧厅', '省科技厅'], ['省发展改革委', '省民政厅']],
    ['牵头单位：省农牧厅、省科技厅；责任单位：省发展改革委、省民政厅', ['省农牧厅', '省科技厅'], ['省发展改革委', '省民政厅']],
    // （牵头单位：A，责任单位：B、C）
    ['牵头单位：市科技局，责任单位：市发展改革委、市教育局', ['市科技局'], ['市发展改革委', '市教育局']],
    ['牵头单位：市科技局、市发展改革委，责任单位：市工业和信息化局', ['市科技局', '市发展改革委'], ['市工业和信息化局']],
    // （责任单位：A，B、C） / （责任单位：A、B，C）: first listed leads
    ['责任单位：市科技局，市教育局、市财政局', ['市科技局'], ['市教育局', '市财政局']],
    ['责任单位：市科技局、市教育局，市财政局', ['市科技局'], ['市教育局', '市财政局']],
    ['责任单位：市科协', ['市科协'], []],
    // （A、B、C等负责，列第一位者为牵头部门，下同）
    [
      '省发展改革委、省科技厅、省商务厅等负责，列第一位者为牵头部门，下同',
      ['省发展改革委'],
      ['省科技厅', '省商务厅'],
    ],
    ['税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同', ['税务总局'], ['财政部', '海关总署']],
    // （A、B共同牵头） / （A牵头）
    ['省发展改革委、省交通运输厅共同牵头', ['省发展改革委', '省交通运输厅'], []],
    ['省发展改革委牵头', ['省发展改革委'], []],
    // （A、B、C负责） with no note: first listed leads
    ['省农业厅、省科技厅、省商务厅负责', ['省农业厅'], ['省科技厅', '省商务厅']],
    // （A牵头，B、C配合） / （A、B牵头，C参与） / （A牵头，各地区、各部门负责）
    ['省商务厅牵头，合肥海关、省贸促会配合', ['省商务厅'], ['合肥海关', '省贸促会']],
    ['省大数据局、省政府办公厅牵头，省公安厅参与', ['省大数据局', '省政府办公厅'], ['省公安厅']],
    ['省发展改革委牵头，各地区、各部门负责', ['省发展改革委'], ['各地区', '各部门']],
    ['省政府办公厅牵头，省大数据局配合，各有关部门、各市政府分工负责', ['省政府办公厅'], ['省大数据局', '各有关部门', '各市政府']],
    ['合肥海关牵头，省贸促会、省商务厅按职责分工配合', ['合肥海关'], ['省贸促会', '省商务厅']],
    ['合肥海关牵头，省港航集团、省机场集团按职责分工负责', ['合肥海关'], ['省港航集团', '省机场集团']],
    // （A、B分工负责，C配合）: no 牵头, first listed leads
    ['省委网信办、省大数据局分工负责，各部门、各市政府配合', ['省委网信办'], ['省大数据局', '各部门', '各市政府']],
    ['省委办公厅、省委组织部负责，省大数据局配合', ['省委办公厅'], ['省委组织部', '省大数据局']],
    ['各有关部门分工负责', ['各有关部门'], []],
    // （A负责）
    ['省商务厅负责', ['省商务厅'], []],
    // a date or a score inside the clause is not a department
    ['6月底完成，牵头单位：省发展改革委', ['省发展改革委'], []],
    ['省科技厅负责，0.5分', ['省科技厅'], []],
    ['牵头单位：市通信办，完成时限：长期坚持', ['市通信办'], []],
    // names keep their parentheses and are split outside them only
    ['省科技厅牵头，各市(州)政府、各县（市、区）人民政府配合', ['省科技厅'], ['各市(州)政府', '各县（市、区）人民政府']],
    // collectives containing 、 stay whole
    ['各区、市政府负责', ['各区、市政府'], []],
    ['省财政厅、各市、县(市、区)人民政府负责', ['省财政厅'], ['各市、县(市、区)人民政府']],
    // trailing 等 / 等有关部门 dropped; mixed separators
    ['省财政厅、省发展改革委,各市政府等负责', ['省财政厅'], ['省发展改革委', '各市政府']],
    ['省大数据局、省委网信办牵头，省发展改革委、省住房城乡建设厅等有关部门配合，各市政府落实', ['省大数据局', '省委网信办'], ['省发展改革委', '省住房城乡建设厅', '各市政府']],
    // 牵头 inside a name is not a role word
    ['省商务厅牵头，省十大新兴产业推进组工作专班牵头单位按职责分工负责', ['省商务厅'], ['省十大新兴产业推进组工作专班牵头单位']],
    // ASCII punctuation
    ['牵头单位:省科技厅;责任单位:省发展改革委,省商务厅', ['省科技厅'], ['省发展改革委', '省商务厅']],
    // the role marked after a name in a list
    ['责任单位：省教育厅、省人社厅（牵头）、省科技厅', ['省人社厅'], ['省教育厅', '省科技厅']],
    // other labels are not departments
    ['牵头单位：省科技厅；完成时限：长期坚持', ['省科技厅'], []],
    ['【牵头单位】省科技厅【配合单位】省财政厅', ['省科技厅'], ['省财政厅']],
  ];

  it.each(cases)('（%s）', (inner, lead, co) => {
    expect(parse(inner)).toEqual({ lead, co });
  });

  it.each(['包括牵头单位自身', '2016-2018年', '国发〔2015〕40号', 'SE', '内网、外网', '市、区、行委', '1个省级政务云平台，N个市级政务云节点'])(
    '（%s） is text, not a clause',
    (inner) => {
      expect(parse(inner)).toBeNull();
    },
  );
});

describe('the "first listed leads" note', () => {
  it('turns a later （A、B、C共同负责） into lead A, co B and C', () => {
    const state = newClauseState();
    expect(parseClauseContent('省教育厅、省科技厅、省人社厅共同负责', state)).toEqual({
      lead: ['省教育厅', '省科技厅', '省人社厅'],
      co: [],
    });
    parseClauseContent('省经济和信息化委、省发展改革委等负责,列第一位者为牵头部门,下同', state);
    expect(state.firstListedLeads).toBe(true);
    expect(parseClauseContent('省教育厅、省科技厅、省人社厅共同负责', state)).toEqual({
      lead: ['省教育厅'],
      co: ['省科技厅', '省人社厅'],
    });
    expect(parseClauseContent('省经济和信息化委等负责', state)).toEqual({ lead: ['省经济和信息化委'], co: [] });
  });

  it('is recognised in other wordings', () => {
    for (const note of ['列第一位者为牵头部门，下同', '排在第一位的部门为牵头部门，下同', '排名第一的为牵头单位', '第一个单位为牵头单位']) {
      const state = newClauseState();
      expect(parseClauseContent(`省发展改革委、省财政厅负责，${note}`, state)).toEqual({ lead: ['省发展改革委'], co: ['省财政厅'] });
      expect(state.firstListedLeads).toBe(true);
    }
  });
});

describe('下同 on its own', () => {
  it('marks the clause as assigning the following items too', () => {
    expect(parse('省科技厅牵头，省财政厅配合，下同')).toEqual({ lead: ['省科技厅'], co: ['省财政厅'], sticky: true });
    // …but not when it belongs to the "first listed leads" note
    expect(parse('省科技厅、省财政厅负责，列第一位者为牵头部门，下同')).toEqual({ lead: ['省科技厅'], co: ['省财政厅'] });
  });
});

describe('findClauses', () => {
  it('finds clauses in running text, with nested parentheses, in order', () => {
    const text = '建设平台（一期）。（省发展改革委牵头，各市(州)政府配合）推进共享。（省大数据局负责）';
    const clauses = findClauses(text, newClauseState());
    expect(clauses.map((c) => text.slice(c.start, c.end))).toEqual(['（省发展改革委牵头，各市(州)政府配合）', '（省大数据局负责）']);
    expect(clauses[0].co).toEqual(['各市(州)政府']);
  });

  it('reads label lines written without parentheses as one clause', () => {
    const text = '建设一体化政务服务平台。\n牵头单位：市政务服务中心\n责任单位：市大数据局、各区、市政府\n完成时限：2019年6月底前';
    const clauses = findClauses(text, newClauseState());
    expect(clauses).toHaveLength(1);
    expect(clauses[0]).toMatchObject({ lead: ['市政务服务中心'], co: ['市大数据局', '各区、市政府'] });
  });

  it('joins adjacent clauses into one assignment', () => {
    const clauses = findClauses('推进共享（省大数据局牵头）（各市政府配合）。', newClauseState());
    expect(clauses).toHaveLength(1);
    expect(clauses[0]).toMatchObject({ lead: ['省大数据局'], co: ['各市政府'] });
  });

  it('ignores an unbalanced parenthesis', () => {
    const clauses = findClauses('（未闭合的说明，推进共享（省大数据局负责）', newClauseState());
    expect(clauses).toHaveLength(1);
    expect(clauses[0].lead).toEqual(['省大数据局']);
  });
});

describe('clause forms met in responsibility-breakdown plans (分工方案, 责任分解)', () => {
  const cases: Array<[string, string[], string[]]> = [
    // `分别牵头` under a label makes every name of the label a lead
    ['责任单位：市人力社保局、市农业农村局分别牵头', ['市人力社保局', '市农业农村局'], []],
    ['责任单位：市发展改革委、市财政局共同牵头，市税务局配合', ['市发展改革委', '市财政局'], ['市税务局']],
    // compound labels; a person (牵头负责领导) is never a department
    ['牵头责任单位：市财政局；协同责任单位：市税务局、滁州海关', ['市财政局'], ['市税务局', '滁州海关']],
    ['牵头负责领导：金力；牵头责任单位：市发展改革委', ['市发展改革委'], []],
    ['主要责任单位：市商务局、市发展改革委', ['市商务局'], ['市发展改革委']],
    ['牵头部门：省科技厅；配合部门：省财政厅、省教育厅', ['省科技厅'], ['省财政厅', '省教育厅']],
    // remarks after the assignment are not departments
    [
      '责任单位：省发展改革委、省市场监管局按职责分工负责。具体任务均涉及相关市(州)人民政府，不再做分工，下同。',
      ['省发展改革委'],
      ['省市场监管局'],
    ],
    // A会同B: A leads
    ['发展改革委会同财政部、商务部负责', ['发展改革委'], ['财政部', '商务部']],
    // schedules are not departments
    ['市政府督查室负责，每半年通报一次', ['市政府督查室'], []],
    ['国务院各部门分别负责，年内持续推进', ['国务院各部门'], []],
    ['市住建局负责实施', ['市住建局'], []],
    // the table form a flattened row is rewritten to
    ['牵头单位：市政务服务局；配合单位：市大数据局，各县（市、区）政府；完成时限：持续推进', ['市政务服务局'], ['市大数据局', '各县（市、区）政府']],
  ];

  it.each(cases)('（%s）', (inner, lead, co) => {
    expect(parse(inner)).toEqual({ lead, co });
  });

  it('reads a note in parentheses after the last name of a label line', () => {
    const state = newClauseState();
    expect(
      parseClauseContent('责任单位:市发改委、市经信局、市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)', state),
    ).toEqual({ lead: ['市发改委'], co: ['市经信局', '市卫生健康委'] });
    expect(state.firstListedLeads).toBe(true);
  });

  it('reads clauses in tortoise-shell brackets, but not document numbers', () => {
    const text = '优化市场准入环境。〔责任单位：省市场监管局〕依据国发〔2019〕3号文件。';
    const clauses = findClauses(text, newClauseState());
    expect(clauses.map((c) => text.slice(c.start, c.end))).toEqual(['〔责任单位：省市场监管局〕']);
  });
});

describe('clause lines', () => {
  it.each([
    ['(责任单位:市直各有关单位、各县(市、区)人民政府)', true],
    ['（牵头部门：省科技厅；配合部门：省财政厅、省教育厅）', true],
    ['责任单位：市发改委', true],
    ['牵头单位：区发改局', true],
    ['（省发展改革委牵头）。', true],
    ['推进共享。（省大数据局负责）', false],
    ['（2016-2018年）', false],
    ['（省大数据局负责）推进共享', false],
  ])('%s → %s', (line, expected) => {
    expect(isClauseLine(line)).toBe(expected);
  });

  it('tells text holding a clause from text without one', () => {
    expect(holdsClause('推进共享。（省大数据局负责）')).toBe(true);
    expect(holdsClause('由各部门负责推进共享。')).toBe(false);
  });
});

describe('assignments written as the closing sentence of a line (no parentheses)', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['整合机房资源。由市大数据局会同市财政局负责。', ['市大数据局'], ['市财政局']],
    ['整合机房资源。市大数据局会同市财政局、市发展改革委负责', ['市大数据局'], ['市财政局', '市发展改革委']],
    ['推动外网延伸。市大数据局牵头，各县（市、区）人民政府配合。', ['市大数据局'], ['各县（市、区）人民政府']],
    ['新增停车泊位。市城管局、市公安局牵头，各区人民政府参与。', ['市城管局', '市公安局'], ['各区人民政府']],
    ['纳入年度预算。由市财政局负责。', ['市财政局'], []],
    ['市住建局牵头，市自然资源和规划局、市市场监管局配合。', ['市住建局'], ['市自然资源和规划局', '市市场监管局']],
  ];

  it.each(cases)('%s', (text, lead, co) => {
    const found = findClauses(text, newClauseState());
    expect(found).toHaveLength(1);
    expect({ lead: found[0].lead, co: found[0].co }).toEqual({ lead, co });
  });

  it.each([
    '各地区、各部门要加强协同配合。',
    '由各部门负责推进共享。',
    '市政府办公室负责统筹协调。',
    '企业、高校和科研院所共同参与。',
    '推进数据共享，市大数据局牵头，提升服务水平。',
    '建立健全部门协同配合机制。',
  ])('no clause: %s', (text) => {
    expect(findClauses(text, newClauseState())).toEqual([]);
  });

  it('reads only the last sentence of a line, not one already in parentheses', () => {
    const found = findClauses('加强领导。（市委组织部牵头，市人力资源社会保障局配合）', newClauseState());
    expect(found).toHaveLength(1);
    expect(found[0].lead).toEqual(['市委组织部']);
    expect(isClauseLine('由市交通运输局负责。')).toBe(true);
  });
});

describe('open label families and name joiners (contract v1.5)', () => {
  const cases: Array<[string, string[], string[]]> = [
    // any label naming shared responsibility follows the clause rules; a scope label is no department
    ['负责部门：人力资源社会保障部、住房城乡建设部、商务部；适用范围：所有自贸试验区', ['人力资源社会保障部'], ['住房城乡建设部', '商务部']],
    ['负责部门：发展改革委、粮食和储备局，适用范围：浙江自贸试验区', ['发展改革委'], ['粮食和储备局']],
    ['负责部门：人民银行等部门，适用范围：浙江自贸试验区', ['人民银行'], []],
    ['主责单位：市数据局；协办单位：市财政局', ['市数据局'], ['市财政局']],
    ['牵头处室：规划处；参与处室：财务处、法规处', ['规划处'], ['财务处', '法规处']],
    ['实施主体：各区县政府', ['各区县政府'], []],
    ['责任单位：市科技局；完成时限：2025年底前', ['市科技局'], []],
    // 等和 / 及 / 以及 separate names; 和 inside a name never does
    ['商务部、发展改革委、农业农村部等和各有关省级人民政府负责', ['商务部'], ['发展改革委', '农业农村部', '各有关省级人民政府']],
    ['交通运输部及各地区按职责分工负责', ['交通运输部'], ['各地区']],
    ['国家卫生健康委等相关部门及各地区按职责分工负责', ['国家卫生健康委'], ['各地区']],
    ['工业和信息化部以及各省级人民政府负责', ['工业和信息化部'], ['各省级人民政府']],
    ['省文化和旅游厅、省人力资源和社会保障厅负责', ['省文化和旅游厅'], ['省人力资源和社会保障厅']],
    ['各级政府及其有关部门负责', ['各级政府及其有关部门'], []],
  ];

  it.each(cases)('（%s）', (inner, lead, co) => {
    expect(parse(inner)).toEqual({ lead, co });
  });

  it('reads a label that names no role as no departments, and notes it', () => {
    const notes: string[] = [];
    expect(parseClauseContent('牵头单位：市数据局；督办单位：市政府督查室', newClauseState(), notes)).toEqual({ lead: ['市数据局'], co: [] });
    expect(notes).toEqual(['督办单位：市政府督查室']);
  });

  it('reads a bare label clause in the middle of a paragraph up to its full stop', () => {
    const text = '建设平台。负责部门：市数据局、市财政局。推进数据共享，提升服务能力。';
    const clauses = findClauses(text, newClauseState());
    expect(clauses).toHaveLength(1);
    expect(text.slice(clauses[0].start, clauses[0].end)).toBe('负责部门：市数据局、市财政局');
    expect(clauses[0]).toMatchObject({ lead: ['市数据局'], co: ['市财政局'] });
  });

  it('reports a parenthesis that looks like an assignment but cannot be read', () => {
    const unread: Unread[] = [];
    findClauses('建设平台（省发展改革委牵头，另行制定具体办法）。推进共享（包括牵头单位自身）。', newClauseState(), unread);
    expect(unread.map((u) => u.text)).toEqual(['另行制定具体办法']);
  });
});
