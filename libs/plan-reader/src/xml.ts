/**
 * A minimal view over the DOM cheerio builds in XML mode: the OOXML readers walk elements by
 * qualified name (`w:p`, `w:tc`) in document order, which is simpler than CSS selectors with
 * escaped namespace prefixes.
 */
import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export type XmlElement = Element;

export function parseXml(bytes: Uint8Array | undefined): XmlElement | null {
  if (!bytes) return null;
  const $ = load(new TextDecoder('utf-8').decode(bytes), { xml: true });
  const root = $.root()[0];
  return (root.children.find((n) => n.type === 'tag') as XmlElement | undefined) ?? null;
}

export function isElement(node: AnyNode): node is XmlElement {
  return node.type === 'tag';
}

export function kids(el: XmlElement | null | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter((n): n is XmlElement => isElement(n) && (name === undefined || n.name === name));
}

export function kid(el: XmlElement | null | undefined, name: string): XmlElement | null {
  return kids(el, name)[0] ?? null;
}

/** The first element at a path of child names, e.g. `path(p, 'w:pPr', 'w:numPr', 'w:ilvl')`. */
export function path(el: XmlElement | null | undefined, ...names: string[]): XmlElement | null {
  let cur: XmlElement | null = el ?? null;
  for (const n of names) cur = kid(cur, n);
  return cur;
}

export function val(el: XmlElement | null | undefined, attr = 'w:val'): string | undefined {
  return el?.attribs[attr];
}

/** Every descendant with this name, in document order. */
export function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (n: XmlElement) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export function textContent(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += c.type === 'text' ? (c as unknown as { data: string }).data : isElement(c) ? textContent(c) : '';
  return s;
}
