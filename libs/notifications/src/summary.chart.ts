import { existsSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { LadderStep, LocalDate } from '@duban/domain';

/** Overdue open tasks of one lead department at one escalation level (`none`: not on the ladder yet). */
export interface OverdueCell {
  department: string;
  level: string;
  count: number;
}

/** CJK fonts the project installs (Debian fonts-wqy-microhei; fonts-noto-cjk comes with Chromium), first found wins. */
const CJK_FONTS = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', family: 'Droid Sans Fallback' },
];
const LATIN_FONTS = [{ file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', family: 'DejaVu Sans' }];

export const findCjkFont = (): { file: string; family: string } | undefined => CJK_FONTS.find((f) => existsSync(f.file));

const COLORS: Record<string, string> = { none: '#909399', yellow: '#e6a23c', orange: '#f56c2d', red: '#d9001b' };
const MAX_DEPARTMENTS = 15;

export interface ChartPicture {
  png: Buffer;
  /** Without a CJK font the axis shows numbers; this says which department each number is. */
  key: string[] | null;
}

/**
 * A stacked bar per lead department (the worst 15): its overdue tasks by escalation level.
 * ECharts renders SVG on the server, resvg turns it into a PNG a mail client shows inline. With
 * no CJK font on the machine, names would come out as boxes, so the chart numbers the
 * departments and levels and the caller prints the key beside it.
 */
export function renderOverdueChart(cells: OverdueCell[], ladder: ReadonlyArray<Pick<LadderStep, 'level' | 'label'>>, title: string): ChartPicture | null {
  if (!cells.length) return null;
  const totals = new Map<string, number>();
  for (const c of cells) totals.set(c.department, (totals.get(c.department) ?? 0) + c.count);
  const departments = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
    .slice(0, MAX_DEPARTMENTS)
    .map(([name]) => name);
  const cjk = findCjkFont();
  const font = cjk ?? LATIN_FONTS.find((f) => existsSync(f.file));
  const levels = [{ level: 'none', label: cjk ? '未预警' : 'none' }, ...ladder.map((s) => ({ level: s.level, label: cjk ? `${s.label}牌` : s.level }))];
  const count = (department: string, level: string) => cells.find((c) => c.department === department && c.level === level)?.count ?? 0;

  const height = 90 + departments.length * 28;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 720, height });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: font?.family ?? 'sans-serif' },
    title: { text: cjk ? title : 'Overdue tasks by lead department', left: 'center', top: 8, textStyle: { fontSize: 15 } },
    legend: { top: 34, data: levels.map((l) => l.label) },
    grid: { left: cjk ? 150 : 50, right: 30, top: 64, bottom: 20, containLabel: false },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: departments.map((d, i) => (cjk ? d : `#${i + 1}`)), axisLabel: { width: 140, overflow: 'truncate' } },
    series: levels.map((l) => ({
      name: l.label,
      type: 'bar',
      stack: 'overdue',
      itemStyle: { color: COLORS[l.level] ?? '#606266' },
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      data: departments.map((d) => count(d, l.level)),
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: 1440 },
    font: { fontFiles: font ? [font.file] : [], loadSystemFonts: !font, defaultFontFamily: font?.family ?? 'sans-serif' },
  })
    .render()
    .asPng();
  return { png, key: cjk ? null : departments.map((d, i) => `#${i + 1} ${d}`) };
}

/** Reads the overdue counts and draws the nightly summary's chart; a drawing failure leaves the mail without it. */
@Injectable()
export class SummaryChart {
  private readonly logger = new Logger('summary-chart');

  constructor(private readonly em: EntityManager) {}

  async draw(jurisdictionId: string, date: LocalDate, ladder: readonly LadderStep[]): Promise<ChartPicture | null> {
    const cells = await this.em.execute<OverdueCell[]>(
      `select d.name as department, coalesce(t.escalation_level, 'none') as level, count(*)::int as count
         from task t
         join assignment a on a.task_id = t.id and a.role = 'lead'
         join department d on d.id = a.department_id
        where t.jurisdiction_id = ? and t.removed_at is null and t.status <> 'completed' and t.deadline < ?::date
        group by d.name, coalesce(t.escalation_level, 'none')`,
      [jurisdictionId, date],
    );
    try {
      return renderOverdueChart(cells, ladder, `逾期任务分布（${date}）`);
    } catch (error) {
      // the text and the tables say the same: a mail without its picture beats no mail
      this.logger.warn(`chart not drawn: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
