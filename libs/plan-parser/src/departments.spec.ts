import { canonicalDepartment, expandDepartmentAbbreviation, normalizeDepartmentName } from './departments';

describe('normalizeDepartmentName', () => {
  it.each([
    ['各市（州）政府', '各市(州)政府'],
    ['各市(州) 政府', '各市(州)政府'],
    ['省发展改革委等', '省发展改革委'],
    ['ＸＸ市科技局', 'XX市科技局'],
    ['省推进“三地一区”建设领导小组', '省推进三地一区建设领导小组'],
    ['各县〔市、区〕政府', '各县(市、区)政府'],
  ])('%s → %s', (name, key) => expect(normalizeDepartmentName(name)).toBe(key));
});

describe('canonicalDepartment', () => {
  const qinghai = { 省经信委: '省经济和信息化委员会', 省经济和信息化委: '省经济和信息化委员会', 人行西宁中心支行: '中国人民银行西宁中心支行' };

  it('maps through the caller’s alias table, whatever the spelling', () => {
    expect(canonicalDepartment('省经信委', qinghai)).toBe('省经济和信息化委员会');
    expect(canonicalDepartment(' 省经济和信息化委 ', qinghai)).toBe('省经济和信息化委员会');
    expect(canonicalDepartment('人行西宁中心支行', qinghai)).toBe('中国人民银行西宁中心支行');
    expect(canonicalDepartment('省经济和信息化委员会', qinghai)).toBe('省经济和信息化委员会');
  });

  it('falls back to the built-in short forms, then to the name as written', () => {
    expect(canonicalDepartment('省发展改革委')).toBe('省发展和改革委员会');
    expect(canonicalDepartment('市人社局')).toBe('市人力资源和社会保障局');
    expect(canonicalDepartment('省发展改革委', {}, { builtin: false })).toBe('省发展改革委');
    expect(canonicalDepartment('各市(州)政府')).toBe('各市(州)政府');
  });

  it('expands abbreviations only when known', () => {
    expect(expandDepartmentAbbreviation('省卫生计生委')).toBe('省卫生和计划生育委员会');
    expect(expandDepartmentAbbreviation('省科技厅')).toBeNull();
  });
});
