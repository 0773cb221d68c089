/** Test fixtures: the sample plans, the corpus documents and the two worked answers. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedPlan } from '../src/types';

export const FIXTURES_DIR = __dirname;

export const PLAN_NAMES = ['jilin-2016', 'qinghai-2017', 'shaanxi-2016', 'shandong-2016', 'shanxi-2016-news'] as const;
export const CORPUS_NAMES = [
  'anhui-rcep-2022',
  'guofa-2019-3-zongbao',
  'jinan-kechuang-2021',
  'shandong-digital-2019',
  'guofa-ftz-2018',
  'guoban-xiaofei-2018',
  'guoban-laonian-2020',
  'guofa-nongji-2018',
  'jinan-zhizao-2019',
  'shandong-gongye-bigdata-2020',
] as const;
export type DocumentName = (typeof PLAN_NAMES)[number] | (typeof CORPUS_NAMES)[number];

export function documentPath(name: DocumentName): string {
  const dir = (PLAN_NAMES as readonly string[]).includes(name) ? 'plans' : 'corpus';
  return join(FIXTURES_DIR, dir, `${name}.txt`);
}

export function readDocument(name: DocumentName): string {
  return readFileSync(documentPath(name), 'utf8');
}

export function readExpected(name: 'qinghai-2017' | 'shaanxi-2016'): ParsedPlan {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.json`), 'utf8')) as ParsedPlan;
}

/**
 * Extra documents (`extra/`): real plan excerpts and `synthetic-*` plans in other layouts, each
 * with a hand-checked `NAME.expected.json` (see extra/README.md).
 */
export const EXTRA_DIR = join(FIXTURES_DIR, 'extra');

export function extraNames(): string[] {
  return readdirSync(EXTRA_DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.slice(0, -'.expected.json'.length))
    .sort();
}

export function readExtra(name: string): { text: string; expected: ParsedPlan } {
  return {
    text: readFileSync(join(EXTRA_DIR, `${name}.txt`), 'utf8'),
    expected: JSON.parse(readFileSync(join(EXTRA_DIR, `${name}.expected.json`), 'utf8')) as ParsedPlan,
  };
}
