/** Locating elements in small parts (workbook.xml, rels, styles, ...) for surgical edits. */
import { CLOSE, END, OPEN, XmlScanner, escapeAttr } from "./xml";

/** CT_Worksheet's children, in the schema's order (Excel repairs a sheet out of this order). */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export interface ElementSpan {
  local: string;
  /** Namespace prefix with its colon ("x:"), or "". */
  prefix: string;
  /** Offsets: `<` of the start tag, after its `>`, `<` of the end tag, after the end tag's `>`.
   * For a self-closing element contentEnd = openEnd = end. */
  start: number;
  openEnd: number;
  contentEnd: number;
  end: number;
  selfClosing: boolean;
  attrs: Array<[string, string]>;
}

function spanOf(x: XmlScanner): ElementSpan {
  return {
    local: x.localName(),
    prefix: x.prefix(),
    start: x.tagStart,
    openEnd: x.tagEnd,
    contentEnd: x.tagEnd,
    end: x.tagEnd,
    selfClosing: x.selfClosing,
    attrs: x.attributes(),
  };
}

/**
 * The root element and its descendants down to `maxDepth` (1 = the root's children), in
 * document order, each with its offsets. Checks the whole part for well-formedness.
 */
export function scanElements(
  text: string,
  part: string,
  maxDepth = 1
): { root: ElementSpan; elements: Array<ElementSpan & { depth: number }> } {
  const x = new XmlScanner(text, part);
  let root: ElementSpan | undefined;
  const elements: Array<ElementSpan & { depth: number }> = [];
  const open: Array<ElementSpan | undefined> = [];
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t === OPEN) {
      const depth = x.depth - (x.selfClosing ? 0 : 1);
      let span: ElementSpan | undefined;
      if (depth === 0) span = root = spanOf(x);
      else if (depth <= maxDepth) {
        span = spanOf(x);
        elements.push({ ...span, depth });
        span = elements[elements.length - 1];
      }
      if (!x.selfClosing) open.push(span);
    } else if (t === CLOSE) {
      const span = open.pop();
      if (span) {
        span.contentEnd = x.tagStart;
        span.end = x.tagEnd;
      }
    }
  }
  return { root: root as ElementSpan, elements };
}

export function attrOf(span: ElementSpan, name: string, anyPrefix = false): string | undefined {
  for (const [n, v] of span.attrs) {
    if (n === name || (anyPrefix && n.slice(n.indexOf(":") + 1) === name)) return v;
  }
  return undefined;
}

/** Replaces text[start, end) with `insert`. */
export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Inserts `fragment` as the last child of an element (expanding a self-closing one). */
export function appendChild(text: string, root: ElementSpan, fragment: string): string {
  if (!root.selfClosing) return splice(text, root.contentEnd, root.contentEnd, fragment);
  const open = text.slice(root.start, root.end).replace(/\s*\/>$/, ">");
  return splice(text, root.start, root.end, `${open}${fragment}</${root.prefix}${root.local}>`);
}

/** Sets attributes on a start tag text (`<x a="1"/>` or `<x a="1">`), replacing or appending. */
export function setAttributes(startTag: string, values: Record<string, string>): string {
  let tag = startTag;
  for (const [name, value] of Object.entries(values)) {
    const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)(["'])[\\s\\S]*?\\2`);
    const v = escapeAttr(value);
    if (re.test(tag)) tag = tag.replace(re, (_m, head: string) => `${head}"${v}"`);
    else tag = tag.replace(/\s*(\/?>)$/, (_m, close: string) => ` ${name}="${v}"${close}`);
  }
  return tag;
}

/**
 * The prefix the root element binds to namespace `ns`; when none does, declares one on the root
 * (`preferred`, or a variant of it if that prefix is taken) and returns the changed text.
 */
export function ensureNamespace(
  text: string,
  part: string,
  ns: string,
  preferred: string
): { text: string; prefix: string } {
  const { root } = scanElements(text, part);
  const bound = root.attrs.find(([n, v]) => n.startsWith("xmlns:") && v === ns);
  if (bound) return { text, prefix: bound[0].slice(6) };
  let prefix = preferred;
  for (let k = 1; root.attrs.some(([n]) => n === `xmlns:${prefix}`); k++)
    prefix = `${preferred}${k}`;
  const tag = setAttributes(text.slice(root.start, root.openEnd), { [`xmlns:${prefix}`]: ns });
  return { text: splice(text, root.start, root.openEnd, tag), prefix };
}
