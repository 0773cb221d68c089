import { getMetadataStorage, type ValidationError } from 'class-validator';

/** Anything a person reads carries at least one CJK character: the test of "said in Chinese". */
export const CJK = /[\u3400-\u9fff]/;

type Template = (constraints: unknown[]) => string;

/**
 * class-validator's rules in the words the API answers with, one per rule name. The field is
 * named by the problem's `errors[].field`, so a message is what is wrong with it (the console
 * puts the field's Chinese label in front: 完成进度 + 不能大于 100). A rule a DTO declares must
 * be listed here unless its own message is Chinese (validation-messages.spec walks every DTO).
 */
export const VALIDATION_MESSAGES: Record<string, Template> = {
  isDefined: () => '必填',
  isNotEmpty: () => '不能为空',
  isString: () => '须为文本',
  isInt: () => '须为整数',
  isBoolean: () => '须为 true 或 false',
  isArray: () => '须为列表',
  isEmail: () => '须为有效的邮箱地址',
  isUuid: () => '须为有效的编号（UUID）',
  isUrl: () => '须为以 http:// 或 https:// 开头的网址',
  isIn: (c) => `须为以下取值之一：${Array.isArray(c[0]) ? c[0].join('、') : ''}`,
  isDateString: () => '须为日期，格式 YYYY-MM-DD',
  isIso8601: () => '须为日期或时间，格式 YYYY-MM-DD 或 YYYY-MM-DDTHH:mm:ssZ',
  min: (c) => `不能小于 ${c[0]}`,
  max: (c) => `不能大于 ${c[0]}`,
  minLength: (c) => `至少 ${c[0]} 个字符`,
  maxLength: (c) => `不能超过 ${c[0]} 个字符`,
  arrayMinSize: (c) => `至少 ${c[0]} 项`,
  arrayMaxSize: (c) => `最多 ${c[0]} 项`,
  arrayUnique: () => '不能有重复项',
  matches: () => '格式不正确',
  nestedValidation: () => '须为对象',
  whitelistValidation: () => '不是可提交的字段',
  isEscalationLadder: () => '不是有效的预警规则',
};

interface RuleMetadata {
  type: string;
  name?: string;
  propertyName: string;
  constraints?: unknown[];
}

/**
 * One failed rule of one field, in Chinese: the rule's own message when it is Chinese (a DTO or
 * a domain rule said it so), else the template for the rule with the bounds the DTO declared.
 */
export function validationMessage(error: ValidationError, rule: string, given: string): string {
  if (CJK.test(given)) return given;
  const template = VALIDATION_MESSAGES[rule];
  if (!template) return '取值不符合要求';
  const meta = ruleMetadata(error, rule);
  const constraints = meta?.constraints ?? boundsIn(given);
  // a rule on each entry of a list reads the same (邮箱须为有效的邮箱地址): the field names the list
  return template(constraints);
}

function ruleMetadata(error: ValidationError, rule: string): RuleMetadata | undefined {
  const target = error.target as object | undefined;
  if (!target) return undefined;
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false) as RuleMetadata[];
  return metadatas.find((m) => m.propertyName === error.property && (m.name ?? m.type) === rule);
}

/** Without the DTO at hand (no target), the bound is the number in class-validator's English. */
function boundsIn(message: string): unknown[] {
  const number = /-?\d+(?:\.\d+)?/.exec(message);
  return number ? [number[0]] : [];
}
