const CJK = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f';
const CJK_THEN_LATIN = new RegExp(`([${CJK}]) (?=[\\x21-\\x7e])|([\\x21-\\x7e]) (?=[${CJK}])`, 'g');

/** The gap CJK typesetting puts between Han and Latin (`2020 年`) is not a space in the text. */
export function unspaceCjk(text: string): string {
  return text.replace(CJK_THEN_LATIN, '$1$2');
}

/** Simplified-form CJK radicals that stand for whole characters (no NFKC mapping of their own). */
const RADICAL_CHARS: Record<string, string> = {
  '\u2ea0': '民', '\u2e9f': '母', '\u2ec5': '见', '\u2ec6': '角', '\u2ec9': '贝', '\u2ecb': '车', '\u2ed3': '长', '\u2ed4': '门',
  '\u2ed8': '青', '\u2ed9': '韦', '\u2eda': '页', '\u2edb': '风', '\u2edc': '飞', '\u2ee0': '饣', '\u2ee2': '马', '\u2ee3': '骨',
  '\u2ee4': '鬼', '\u2ee5': '鱼', '\u2ee6': '鸟', '\u2ee7': '卤', '\u2ee8': '麦', '\u2ee9': '黄', '\u2eec': '齐', '\u2eee': '齿',
  '\u2ef0': '龙', '\u2ef3': '龟',
};

/**
 * PDFs printed by Chromium/Skia (and some Word exports) map common Han glyphs to the Kangxi
 * radical code points (`⼯作` for 工作, `⻓期` for 长期): those are read as the characters they draw.
 */
export function ideographs(text: string): string {
  return /[\u2e80-\u2fdf]/.test(text) ? text.replace(/[\u2f00-\u2fd5]/g, (c) => c.normalize('NFKC')).replace(/[\u2e80-\u2eff]/g, (c) => RADICAL_CHARS[c] ?? c) : text;
}
