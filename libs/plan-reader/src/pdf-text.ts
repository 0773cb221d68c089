const CJK = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f';
const CJK_THEN_LATIN = new RegExp(`([${CJK}]) (?=[\\x21-\\x7e])|([\\x21-\\x7e]) (?=[${CJK}])`, 'g');

/** The gap CJK typesetting puts between Han and Latin (`2020 年`) is not a space in the text. */
export function unspaceCjk(text: string): string {
  return text.replace(CJK_THEN_LATIN, '$1$2');
}
