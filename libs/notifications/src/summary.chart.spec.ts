import { findCjkFont, renderOverdueChart } from './summary.chart';

const LADDER = [
  { level: 'yellow', label: '黄' },
  { level: 'orange', label: '橙' },
  { level: 'red', label: '红' },
];
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the nightly summary chart', () => {
  it('draws nothing when nothing is overdue', () => {
    expect(renderOverdueChart([], LADDER, '逾期任务分布')).toBeNull();
  });

  it('renders a PNG of overdue tasks by department and level, taller with more departments', () => {
    const one = renderOverdueChart([{ department: '省发展改革委', level: 'red', count: 3 }], LADDER, '逾期任务分布');
    const many = renderOverdueChart(
      Array.from({ length: 20 }, (_, i) => ({ department: `部门${i}`, level: i % 2 ? 'yellow' : 'none', count: i + 1 })),
      LADDER,
      '逾期任务分布',
    );
    for (const picture of [one, many]) expect(picture!.png.subarray(0, 8)).toEqual(PNG);
    const height = (png: Buffer) => png.readUInt32BE(20);
    expect(height(many!.png)).toBeGreaterThan(height(one!.png));
    // with a CJK font the names are on the axis; without one the chart numbers them and says which is which
    if (findCjkFont()) expect(many!.key).toBeNull();
    else expect(many!.key?.[0]).toBe('#1 部门19');
  });
});
