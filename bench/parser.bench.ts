/**
 * Plan parser throughput: documents/second over the sample plans and corpus documents, and the
 * time to parse a synthetic ~10 MB plan built by repeating key areas, items, 专栏 entries and
 * clauses. Prints numbers only; the parser must stay roughly linear in the input size.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument, parsePlan, type PlanDocument } from '../libs/plan-parser/src';
import { benchFormats } from './formats.bench';

const FIXTURES = 'libs/plan-parser/test-fixtures';

/** The fixtures directory, from the source tree or from dist/ (the bench runs compiled). */
function fixturesDir(): string {
  for (const base of [join(__dirname, '..'), join(__dirname, '..', '..'), process.cwd()]) {
    const dir = join(base, FIXTURES);
    if (existsSync(join(dir, 'plans'))) return dir;
  }
  throw new Error(`cannot find ${FIXTURES}`);
}

function sampleDocuments(): Array<{ name: string; text: string }> {
  const root = fixturesDir();
  return ['plans', 'corpus'].flatMap((sub) =>
    readdirSync(join(root, sub))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => ({ name: f, text: readFileSync(join(root, sub, f), 'utf8') })),
  );
}

const CN = '零一二三四五六七八九';
function cn(n: number): string {
  if (n < 10) return CN[n];
  if (n < 20) return `十${n > 10 ? CN[n - 10] : ''}`;
  return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
}

/** A plan of about `bytes` UTF-8 bytes: parts of up to 99 key areas, each with items and a 专栏. */
export function syntheticPlan(bytes: number): string {
  const lines = [
    '某省人民政府关于积极推进“互联网+”行动的实施意见',
    '某政发〔2018〕1号',
    '一、总体要求',
    '（一）主要目标。到2020年，互联网与经济社会各领域的融合发展进一步深化。',
  ];
  let size = 0;
  let part = 1;
  let area = 0;
  let item = 0;
  while (size < bytes) {
    if (area % 99 === 0) lines.push(`${cn(++part)}、重点任务`);
    const a = (area++ % 99) + 1;
    const block = [
      `（${cn(a)}）“互联网+”重点领域${area}（牵头单位：省发展改革委、省科技厅；责任单位：省工业和信息化厅、省商务厅，各市(州)政府）`,
      '推动互联网与各领域深度融合，提升发展质量和效益，培育新业态新模式，打造经济发展新引擎。',
    ];
    for (let i = 1; i <= 6; i++) {
      item++;
      block.push(
        `${i}.推进重点工作${item}。加强统筹协调，完善工作机制，推进信息资源开放共享，2019年底前完成平台建设。` +
          `（省大数据局牵头，各有关部门、各市政府配合）深化应用推广，扩大覆盖范围，提升服务能力和水平。（省通信管理局负责）`,
      );
    }
    block.push(`专栏${cn(a)}:“互联网+”重点领域${area}重点工程`);
    block.push(`———示范工程${item}:建设一批示范项目，到2020年形成可复制推广的经验。———推广工程${item}:扩大应用范围。`);
    for (const l of block) size += Buffer.byteLength(l) + 1;
    lines.push(...block);
  }
  lines.push(`${cn(part + 1)}、保障措施`, '（一）加强组织领导。建立联席会议制度，统筹推进各项工作。', '某省人民政府', '2018年3月1日');
  return lines.join('\n');
}

/** A 分工表 of `rows` rows as a format reader delivers it: a grid with group rows and repeated headers. */
export function syntheticTable(rows: number): PlanDocument {
  const header = ['序号', '重点任务', '主要内容', '牵头单位', '配合单位', '完成时限'];
  const grid: string[][] = [header];
  for (let i = 1; i <= rows; i++) {
    if (i % 500 === 1) grid.push(Array(header.length).fill(`${cn(Math.min(99, Math.ceil(i / 500)))}、重点领域${i}（共500项）`));
    if (i % 40 === 0) grid.push(header);
    grid.push([String(i), `推进第${i}项改革任务`, `完成第${i}项工作，建立长效机制。`, '省发展改革委', '省财政厅\n各市（州）\n人民政府', '2025年底前']);
  }
  return { blocks: [{ kind: 'heading', text: '某省重点任务分工方案' }, { kind: 'table', rows: grid }] };
}

export async function benchParser(): Promise<void> {
  const docs = sampleDocuments();
  for (const d of docs) parsePlan(d.text); // warm up
  const rounds = 20;
  let t0 = performance.now();
  let tasks = 0;
  for (let r = 0; r < rounds; r++) for (const d of docs) tasks += parsePlan(d.text).tasks.length;
  let ms = performance.now() - t0;
  const n = rounds * docs.length;
  console.log(`plan-parser samples: ${docs.length} documents x ${rounds} rounds, ${(n / (ms / 1000)).toFixed(0)} documents/s, ${(ms / n).toFixed(2)} ms/document, ${(tasks / rounds).toFixed(0)} tasks/round`);

  const text = syntheticPlan(10 * 1024 * 1024);
  const mb = Buffer.byteLength(text) / (1024 * 1024);
  t0 = performance.now();
  const plan = parsePlan(text);
  ms = performance.now() - t0;
  console.log(`plan-parser synthetic: ${mb.toFixed(1)} MB (${text.length} characters, ${plan.tasks.length} tasks) parsed in ${ms.toFixed(0)} ms (${(mb / (ms / 1000)).toFixed(2)} MB/s)`);

  const table = syntheticTable(10_000);
  t0 = performance.now();
  const fromTable = parseDocument(table);
  ms = performance.now() - t0;
  console.log(`plan-parser table: 10,000-row 分工表 grid (${fromTable.tasks.length} tasks) parsed in ${ms.toFixed(0)} ms`);

  await benchFormats();
}

if (require.main === module) {
  benchParser().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
