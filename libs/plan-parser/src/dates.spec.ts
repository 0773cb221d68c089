import { findDates, findTargetYears, headingYear, isoDate, latestDate, parseFullDate } from './dates';

const issued2017 = { issueYear: 2017 };
const noYear = { issueYear: null };

describe('deadline grammar', () => {
  it.each([
    ['到2020年，建成…', '2020-12-31'],
    ['力争到2020年实现', '2020-12-31'],
    ['至2025年', '2025-12-31'],
    ['2017年底前，基本完成', '2017-12-31'],
    ['2017年年底前建成', '2017-12-31'],
    ['2016年底', '2016-12-31'],
    ['2018年6月底前完成', '2018-06-30'],
    ['2019年2月底', '2019-02-28'],
    ['2020年2月底', '2020-02-29'],
    ['2019年3月15日前', '2019-03-15'],
    ['到２０１８年', '2018-12-31'],
    ['２０１７年底前', '2017-12-31'],
    ['2020年前完成', '2020-12-31'],
    ['2018年上半年', '2018-06-30'],
    ['2018年第三季度', '2018-09-30'],
    ['（完成时限：2018年）', '2018-12-31'],
    ['完成时间：2019年6月', '2019-06-30'],
    ['2018年完成', '2018-12-31'],
    ['到“十三五”末，全面建成', '2020-12-31'],
  ])('%s → %s', (text, iso) => {
    expect(latestDate(text, noYear)).toBe(iso);
  });

  it.each([
    ['年底前完成', '2017-12-31'],
    ['年内培育50家', '2017-12-31'],
    ['今年底前', '2017-12-31'],
    ['6月底完成', '2017-06-30'],
    ['12月底前', '2017-12-31'],
    ['上半年', '2017-06-30'],
    ['一季度', '2017-03-31'],
  ])('%s takes the issue year → %s', (text, iso) => {
    expect(latestDate(text, issued2017)).toBe(iso);
    expect(latestDate(text, noYear)).toBeNull();
  });

  it.each(['2015年以来', '3年内建成', '1月12日出台', '健全12316信息服务', '对当年牵头制定', '2016年1月12日，方案出台'])(
    'no deadline in %s',
    (text) => {
      expect(findDates(text, issued2017)).toEqual([]);
    },
  );

  it('takes the latest of several dates', () => {
    expect(latestDate('2017年底前完成试点，到2020年全面推广，2018年6月底前验收', noYear)).toBe('2020-12-31');
  });
});

describe('target years', () => {
  it('collects 到YYYY年 targets in ascending order', () => {
    expect(findTargetYears('发展目标:到2025年，…。到2018年，…')).toEqual([2018, 2025]);
    expect(findTargetYears('到２０１８年，我省…')).toEqual([2018]);
  });

  it('reads 到“十三五”末 as 2020', () => {
    expect(findTargetYears('到“十三五”末，基本建成')).toEqual([2020]);
  });

  it('does not count a period such as (2016-2018年)', () => {
    expect(findTargetYears('山东省“互联网+”行动计划(2016-2018年)')).toEqual([]);
  });
});

describe('date helpers', () => {
  it('formats ISO dates and rejects impossible ones', () => {
    expect(isoDate(2018, 6)).toBe('2018-06-30');
    expect(isoDate(2018, 13)).toBeNull();
    expect(isoDate(2018, 2, 30)).toBeNull();
  });

  it.each([
    ['2016年3月20日', '2016-03-20'],
    ['２０１６年４月１３日', '2016-04-13'],
    ['2017-01-24', '2017-01-24'],
    ['二〇一七年一月二十四日', '2017-01-24'],
    ['二○一六年十二月三十一日', '2016-12-31'],
  ])('parseFullDate(%s)', (s, iso) => expect(parseFullDate(s)).toBe(iso));
});

describe('deadline forms of breakdown plans and tables', () => {
  it.each([
    // a bare month closing a clause is its deadline; in running text it is not
    ['（国家网信办、公安部按职责分工负责，2024年6月）', '2024-06-30'],
    ['（牵头单位：市司法局；完成时限：2024年6月）', '2024-06-30'],
    ['2024年6月召开了推进会', null],
    // a period ends with its last year
    ['2023—2025年每年拓展一批事项', '2025-12-31'],
    ['2016年-2018年', '2018-12-31'],
    ['2023至2025年', '2025-12-31'],
    // recurring or open-ended schedules are not dates
    ['持续推进', null],
    ['长期坚持', null],
    ['每季度', null],
  ])('%s → %s', (text, iso) => {
    expect(latestDate(text, noYear)).toBe(iso);
  });

  it('reads 每年年底前 as the issue year, and 2018年年底前 as 2018', () => {
    expect(latestDate('每年年底前报送落实情况', issued2017)).toBe('2017-12-31');
    expect(latestDate('今年底前完成', issued2017)).toBe('2017-12-31');
    expect(latestDate('2018年年底前完成', issued2017)).toBe('2018-12-31');
  });
});

describe('a bare year opening what is to be done', () => {
  const issued2022 = { issueYear: 2022 };

  it.each([
    ['2023年新增社区嵌入式服务设施20个', '2023-12-31'],
    ['推动外网延伸，2025年实现全覆盖', '2025-12-31'],
    ['2024年打通城区断头路15条', '2024-12-31'],
    ['2022年，全市新建5G基站2600个以上', '2022-12-31'],
    ['2023年全市累计建成充电桩1万个', '2023-12-31'],
  ])('%s → %s', (text, iso) => {
    expect(latestDate(text, issued2022)).toBe(iso);
  });

  it.each([
    '比2020年下降13.5%',
    '公布2016年版权力清单',
    '2019年以来累计建成',
    '巩固2021年创建成果',
    '2021年建成的平台继续运行', // before the plan was issued: a report, not a deadline
    '2023年度考核结果',
    '自2023年起实施',
  ])('no date: %s', (text) => {
    expect(latestDate(text, issued2022)).toBeNull();
  });

  it('counts such years as goal-section targets', () => {
    expect(findTargetYears('2022年启动老旧小区改造项目30个；到2025年，取得明显成效。')).toEqual([2022, 2025]);
  });

  it.each([
    ['2025年主要预期目标', '2025-12-31'],
    ['2023年全区经济社会发展的主要预期目标', '2023-12-31'],
    ['2021年工作回顾', null],
    ['2023年度重点工作', null],
    ['2024年6月底前完成', null],
    ['推进老旧小区改造', null],
  ])('key-area heading %s → %s', (title, iso) => {
    expect(headingYear(title, issued2022)).toBe(iso);
  });
});
