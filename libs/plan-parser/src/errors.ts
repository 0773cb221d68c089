export type PlanParseErrorCode = 'empty' | 'binary' | 'encoding' | 'no_plan' | 'too_large';

const DEFAULT_MESSAGES: Record<PlanParseErrorCode, string> = {
  empty: '文件为空 / the file is empty',
  binary: '不是文本文件 / the file is binary, not text',
  encoding: '无法识别文本编码 / the text encoding is not UTF-8, UTF-16 or GB18030',
  no_plan: '未找到重点任务 / no plan (no key areas or tasks) found in the text',
  too_large: '文件过大 / the file is too large to parse',
};

/**
 * The only error the parser lets escape. `code` is stable for callers (HTTP mapping, CLI exit
 * reasons); `message` is a single line meant for people.
 */
export class PlanParseError extends Error {
  readonly code: PlanParseErrorCode;

  constructor(code: PlanParseErrorCode, message?: string, options?: { cause?: unknown }) {
    super(oneLine(message ?? DEFAULT_MESSAGES[code]), options);
    this.name = 'PlanParseError';
    this.code = code;
  }
}

export function isPlanParseError(e: unknown): e is PlanParseError {
  return e instanceof PlanParseError;
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
