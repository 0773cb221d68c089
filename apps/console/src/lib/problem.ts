/**
 * problem+json (RFC 9457) → one readable Chinese message naming the fields. The API speaks
 * English in `detail` and class-validator messages; the people using the console read Chinese.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

export const FIELD_LABELS: Record<string, string> = {
  email: '邮箱',
  password: '密码',
  refreshToken: '登录凭据',
  percent: '完成进度',
  summary: '进展情况',
  nextSteps: '下一步计划',
  evidenceUrls: '佐证材料链接',
  reason: '理由',
  newDeadline: '申请延期至',
  deadline: '完成时限',
  emails: '邮箱',
  recipients: '收件人',
  alias: '别名',
  into: '合并到的单位',
  lead: '牵头单位',
  co: '配合单位',
  text: '方案文本',
  file: '文件',
  sourceName: '文件名',
  draft: '草稿',
  role: '角色',
  departmentId: '单位',
  jurisdiction: '辖区',
  planId: '方案',
  page: '页码',
  pageSize: '每页条数',
  minDaysOverdue: '最少逾期天数',
  status: '状态',
  disabled: '停用',
  reminderOffsets: '到期提醒提前天数',
  reportCycleDay: '月度报送日',
  ladder: '预警规则',
  summaryTime: '日报发送时间',
};

/** `evidenceUrls.0` → 佐证材料链接（第1项）; unknown names are shown as they are. */
export function fieldLabel(field: string): string {
  const [head, ...rest] = field.split('.');
  const base = FIELD_LABELS[head] ?? head;
  const index = rest.find((p) => /^\d+$/.test(p));
  return index === undefined ? base : `${base}（第${Number(index) + 1}项）`;
}

const RULES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/should not be empty|must not be empty/, () => '不能为空'],
  [/must be after the current deadline (\S+)/, (m) => `须晚于当前完成时限 ${m[1]}`],
  [/must not be greater than (\d+)/, (m) => `不能大于 ${m[1]}`],
  [/must not be less than (\d+)/, (m) => `不能小于 ${m[1]}`],
  [/must be shorter than or equal to (\d+) characters/, (m) => `不能超过 ${m[1]} 个字符`],
  [/must be longer than or equal to (\d+) characters/, (m) => `至少 ${m[1]} 个字符`],
  [/must contain no more than (\d+) elements/, (m) => `最多 ${m[1]} 项`],
  [/must contain at least (\d+) elements/, (m) => `至少 ${m[1]} 项`],
  [/must be a URL address/, () => '须为以 http:// 或 https:// 开头的网址'],
  [/must be an email/, () => '须为有效的邮箱地址'],
  [/must be an integer number/, () => '须为整数'],
  [/must be a number/, () => '须为数字'],
  [/must be a UUID/, () => '须为有效的编号'],
  [/must be a date as YYYY-MM-DD|must be a YYYY-MM-DD date|must be a valid ISO 8601 date string/, () => '须为日期，格式 YYYY-MM-DD'],
  [/must be an array/, () => '须为列表'],
  [/must be a string/, () => '须为文本'],
  [/must be a boolean value|must be true or false/, () => '须为是或否'],
  [/must be one of the following values/, () => '取值无效'],
  [/should not exist/, () => '不是可提交的字段'],
  [/is required/, () => '必填'],
];

/** A class-validator or domain message about one field, in Chinese. */
export function translateFieldMessage(message: string): string {
  for (const [re, say] of RULES) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return message;
}

const DETAILS: Array<[RegExp, string]> = [
  [/wrong email or password/i, '邮箱或密码错误'],
  [/disabled/i, '账号已停用'],
  [/token/i, '登录已过期，请重新登录'],
  [/has passed; an extension/i, '完成时限已过，延期须在到期前申请'],
  [/while completion is under review/i, '办结审核中，不能申请延期'],
  [/no deadline/i, '该任务没有完成时限'],
  [/already (approved|rejected)/i, '该延期申请已处理'],
  [/not allowed in status|in status|not open|is completed/i, '任务当前状态不允许此操作，请刷新后重试'],
  [/changed by someone else|reload/i, '记录已被他人修改，请刷新后重试'],
  [/pending extension|already pending/i, '已有待审批的延期申请'],
  [/does not hold|not yours|your department/i, '该任务不属于本单位'],
  [/dropped by a revision/i, '该任务已在方案修订中删除'],
  [/too large/i, '提交的内容过大'],
  [/not valid JSON/i, '提交的内容格式不正确'],
];

const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容有误',
  401: '登录已过期，请重新登录',
  403: '无权执行此操作',
  404: '记录不存在或已被删除',
  409: '操作与当前状态冲突，请刷新后重试',
  412: '任务已被他人修改，请刷新后重试',
  413: '提交的内容过大',
  415: '不支持的文件格式（支持 .txt .docx .doc .pdf .html .xlsx）',
  422: '文件中没有可识别的方案内容',
  429: '操作过于频繁，请稍后再试',
};

/** The message the console shows for a failed request. */
export function problemMessage(p: Problem): string {
  if (p.errors?.length) {
    const seen = new Set<string>();
    const parts: string[] = [];
    for (const e of p.errors) {
      const line = `${fieldLabel(e.field)}${translateFieldMessage(e.message)}`;
      if (!seen.has(line)) parts.push(line), seen.add(line);
    }
    return parts.join('；');
  }
  const detail = p.detail ?? '';
  if (p.status === 401 && !/wrong email or password|disabled/i.test(detail)) return STATUS_MESSAGES[401];
  if (p.status >= 400 && p.status < 500) {
    const known = DETAILS.find(([re]) => re.test(detail));
    if (known && p.status !== 404 && p.status !== 412) return known[1];
    return STATUS_MESSAGES[p.status] ?? `请求失败（${p.status}）`;
  }
  if (p.status === 0) return '无法连接服务器，请检查网络';
  return `服务器出错（${p.status}），请稍后再试`;
}

/** Whatever came back (problem+json, other JSON, nothing) as a Problem. */
export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && 'status' in body) return body as Problem;
  return { status, detail: typeof body === 'string' ? body : undefined };
}
