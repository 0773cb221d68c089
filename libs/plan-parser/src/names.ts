/**
 * Department names inside a clause: what a body's name looks like, what is never one (dates,
 * scores, placeholders, instructions), collectives that contain `、`, and the joiners that separate
 * two names (`等和`, `及`, `以及`). Pure string tests, linear in their input.
 */
import { asciiDigits, isCloseParen, isOpenParen } from './text';

/** Leftmost match wins, so the longest role phrase at the end of a token is the one taken. */
export const ROLE_SUFFIX_RE =
  /(按职责分工负责|按职能分工负责|按职责分工配合|按职责分工落实|按职责配合|按职责负责|分工负责|共同负责|分别负责|分头负责|负总责|牵头负责|共同牵头|分别牵头|牵头(?:推进|落实|实施)|牵头|负责(?:推进|落实|实施)|组织实施|负责|分头落实|配合|参与|协助|协同|落实)$/;

/**
 * A department or collective holder ends with an organisational word; this keeps explanatory
 * parentheses such as `（具体方案另行制定）` from being read as clauses.
 */
const ORG_SUFFIX_RE =
  /(厅|局|委|办|部|院|府|会|行|司|室|中心|单位|部门|组|处|所|馆|队|区|市|县|州|旗|盟|镇|乡|村|集团|公司|海关|机构|企业|高校|学校|大学|协会|协|联|社|站|台|署|总局|分局|支行|分行|党委|政府|园区|各地|地区|各级|省|团|军|办公室)$/;

/** Text that is never a department: dates, scores, amounts (`6月底完成`, `0.5分`). */
export function isNotDepartment(token: string): boolean {
  return (
    // A placeholder in an empty table cell.
    /^(?:无|暂无|空|不涉及|[\/／\\—\-－_＿]+)$/.test(token) ||
    /[0-9]/.test(asciiDigits(token)) ||
    /^(年内|年底前?|年末|上半年|下半年|近期|长期|持续|常态|适时|定期|每|逐步|及时|按期|全年)/.test(token) ||
    // A schedule (`每半年通报一次`): departments never end in a verb, unless it follows a role
    // word (`市住建局负责实施`).
    (/(推进|坚持|启动|出台|通报|开展|上线|建成|实施|一次)$/.test(token) && !/牵头|负责|配合|参与|协助|协同|落实/.test(token)) ||
    token.includes('完成')
  );
}

const LEVEL = '(?:自治区|自治州|自治县|地区|街道|省|市|州|县|区|旗|盟|乡|镇)';
const LEVEL_PAREN = `${LEVEL}+(?:[（(][^（()）]*[）)])?`;
/** `各区` `各市、县` `各县(市、区)`: a list of administrative levels still waiting for its noun. */
const LEVELS_ONLY_RE = new RegExp(`^各${LEVEL_PAREN}(?:、${LEVEL_PAREN})*$`);
const LEVEL_ONLY_RE = new RegExp(`^${LEVEL_PAREN}$`);
/** `市政府` `县(市、区)人民政府`: the noun that completes such a list. */
const LEVEL_GOVT_RE = new RegExp(`^${LEVEL_PAREN}(?:人民)?(?:政府|党委|管委会)$`);

/**
 * A collective holder may itself contain 、 (`各区、市政府`, `各市、县(市、区)人民政府`): glue a
 * bare list of levels to the level or government noun that follows it.
 */
export function mergeCollectives(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out.length > 0 ? out[out.length - 1] : undefined;
    const bare = t.replace(ROLE_SUFFIX_RE, '').replace(/等$/, '');
    if (prev !== undefined && LEVELS_ONLY_RE.test(prev) && (LEVEL_GOVT_RE.test(bare) || LEVEL_ONLY_RE.test(bare))) {
      out[out.length - 1] = `${prev}、${t}`;
    } else out.push(t);
  }
  return out;
}

export function cleanName(raw: string): string {
  let s = raw.trim();
  s = s.replace(/^(?:由|请|均由)/, '');
  s = s.replace(/等(?:有关|相关)?(?:部门|单位)?$/, '');
  s = s.replace(/^(?:和|及|与)/, '');
  return s.trim();
}

/** Words of an instruction, never of a name (`各有关部门按照职责分工做好配合工作`). */
const INSTRUCTION_RE = /按照|做好|确保|切实|积极|加强|进行|开展/;

export function plausibleName(name: string): boolean {
  return name.length >= 2 && name.length <= 48 && !/[。！？!?：:]/.test(name) && !INSTRUCTION_RE.test(name) && !ACTION_START_RE.test(name);
}

/** Names never start with what is to be done (`推进平台建设` is work, whatever its last character). */
const ACTION_START_RE = /^(?:推进|加强|完善|推动|开展|实施|建立|健全|打造|提升|加快|深化|优化|促进|鼓励|引导|制定|探索|强化|扩大|做好|实现|培育)/;

export function looksLikeOrg(name: string): boolean {
  if (ACTION_START_RE.test(name)) return false;
  // `各县(市、区)` and `各市(州)政府`: test the word before a trailing parenthesis too.
  return ORG_SUFFIX_RE.test(name) || ORG_SUFFIX_RE.test(name.replace(/[（(][^（()）]*[）)]$/, ''));
}

/**
 * `等和` and `以及` between two names separate them like `、` (`A、B等和各有关省级人民政府负责`);
 * `和` alone never does: it is part of names (`工业和信息化部`, `省文化和旅游厅`).
 */
export function joinersAsSeparators(s: string): string {
  return s.includes('等和') || s.includes('以及') ? s.replace(/等和|以及/g, '、') : s;
}

/**
 * `及` separates two names when what precedes it is a body (`交通运输部及各地区`, `相关部门及各地区`);
 * `及其` (`各级政府及其有关部门`) and `及时` are not joiners.
 */
export function splitAtJi(token: string): string[] {
  if (!token.includes('及')) return [token];
  const out: string[] = [];
  let from = 0;
  let depth = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token[i];
    if (isOpenParen(c)) depth++;
    else if (isCloseParen(c) && depth > 0) depth--;
    else if (c === '及' && depth === 0 && i + 2 < token.length && !'其时早'.includes(token[i + 1])) {
      const left = cleanName(token.slice(from, i));
      if (left.length >= 2 && looksLikeOrg(left)) {
        out.push(token.slice(from, i));
        from = i + 1;
      }
    }
  }
  out.push(token.slice(from));
  return out;
}

