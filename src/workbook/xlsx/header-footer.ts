/**
 * A sheet's page header and footer: the `<headerFooter>` element of a worksheet or chart sheet
 * part. Reading decodes its children; writing changes those children alone, or inserts the element
 * where the schema puts it, and leaves every other byte of the part as it was.
 */
import {
  ElementSpan,
  WORKSHEET_ORDER,
  appendChild,
  attrOf,
  scanElements,
  splice,
} from "./elements";
import { corrupt } from "./errors";
import { decodeText, decodeXstring, encodeXstring } from "./xml";

/** The children of `<headerFooter>`, in the schema's order (CT_HeaderFooter). */
export const HEADER_FOOTER_KEYS = [
  "oddHeader",
  "oddFooter",
  "evenHeader",
  "evenFooter",
  "firstHeader",
  "firstFooter",
] as const;
export type HeaderFooterKey = (typeof HEADER_FOOTER_KEYS)[number];

/**
 * Header/footer codes as Excel writes them ('&C&"-,Bold"TEXT'), "" where there is none. The odd
 * pair is every page's unless `differentOddEven` (then even pages have the even pair) or
 * `differentFirst` (then the first page has the first pair).
 */
export type HeaderFooter = Record<HeaderFooterKey, string> & {
  differentOddEven: boolean;
  differentFirst: boolean;
};

/**
 * The elements that come before `<headerFooter>` in a worksheet (CT_Worksheet: sheetPr ...
 * printOptions, pageMargins, pageSetup), a chart sheet (CT_Chartsheet) or a dialog sheet: a new
 * one goes after the last of these, so before rowBreaks, colBreaks, customProperties, cellWatches,
 * ignoredErrors, smartTags, drawing, legacyDrawing, legacyDrawingHF, picture, oleObjects,
 * controls, webPublishItems, tableParts, extLst and anything the schema does not name here.
 */
const BEFORE_HEADER_FOOTER = new Set(
  WORKSHEET_ORDER.slice(0, WORKSHEET_ORDER.indexOf("headerFooter"))
);

const SHEET_ROOTS = ["worksheet", "chartsheet", "dialogsheet"];

interface Located {
  root: ElementSpan;
  /** The sheet's `<headerFooter>`, when it has one. */
  element?: ElementSpan;
  /** Where a new `<headerFooter>` goes. */
  insertAt: number;
  /** Its children, offsets in the whole part. */
  children: Array<ElementSpan & { key: HeaderFooterKey }>;
}

function locate(xml: string, part: string): Located {
  const { root, elements } = scanElements(xml, part);
  if (!SHEET_ROOTS.includes(root.local)) throw corrupt(part, "is not a sheet");
  const own = elements.filter((e) => e.prefix === root.prefix);
  const element = own.find((e) => e.local === "headerFooter");
  const before = own.filter((e) => BEFORE_HEADER_FOOTER.has(e.local));
  const insertAt = before.length ? before[before.length - 1].end : root.openEnd;
  const children: Located["children"] = [];
  if (element && !element.selfClosing) {
    // Its children alone: the rest of the part was checked by the scan above.
    const inner = scanElements(xml.slice(element.start, element.end), part).elements;
    for (const c of inner) {
      const key = HEADER_FOOTER_KEYS.find((k) => k === c.local);
      if (!key || c.prefix !== element.prefix) continue;
      children.push({
        ...c,
        key,
        start: c.start + element.start,
        openEnd: c.openEnd + element.start,
        contentEnd: c.contentEnd + element.start,
        end: c.end + element.start,
      });
    }
  }
  return { root, ...(element ? { element } : {}), insertAt, children };
}

const isTrue = (v: string | undefined): boolean => v === "1" || v === "true";

/** A sheet part's header and footer codes. */
export function readHeaderFooter(xml: string, part: string): HeaderFooter {
  return codesOf(xml, locate(xml, part));
}

function codesOf(xml: string, { element, children }: Located): HeaderFooter {
  const out: HeaderFooter = {
    oddHeader: "",
    oddFooter: "",
    evenHeader: "",
    evenFooter: "",
    firstHeader: "",
    firstFooter: "",
    differentOddEven: element ? isTrue(attrOf(element, "differentOddEven")) : false,
    differentFirst: element ? isTrue(attrOf(element, "differentFirst")) : false,
  };
  const seen = new Set<HeaderFooterKey>();
  for (const c of children) {
    if (seen.has(c.key)) continue; // a repeated child (not valid): the first counts
    seen.add(c.key);
    out[c.key] = decodeXstring(decodeText(xml.slice(c.openEnd, c.contentEnd)));
  }
  return out;
}

/**
 * The part with these header/footer codes ("" removes one); codes not given, the element's
 * attributes and everything outside the element keep their exact text. A part that already
 * holds these codes comes back unchanged.
 */
export function writeHeaderFooter(
  xml: string,
  part: string,
  codes: Partial<Record<HeaderFooterKey, string>>
): string {
  const located = locate(xml, part);
  const current = codesOf(xml, located);
  const changes = HEADER_FOOTER_KEYS.filter(
    (k) => codes[k] !== undefined && codes[k] !== current[k]
  );
  if (changes.length === 0) return xml;
  const { root, element, insertAt, children } = located;
  const p = element ? element.prefix : root.prefix;
  const child = (k: HeaderFooterKey, v: string) => `<${p}${k}>${encodeXstring(v)}</${p}${k}>`;
  if (!element || element.selfClosing) {
    const inner = HEADER_FOOTER_KEYS.filter((k) => (codes[k] ?? current[k]) !== "")
      .map((k) => child(k, codes[k] ?? current[k]))
      .join("");
    if (element) {
      const open = xml.slice(element.start, element.end).replace(/\s*\/>$/, ">");
      return splice(xml, element.start, element.end, `${open}${inner}</${p}headerFooter>`);
    }
    const fragment = `<${p}headerFooter>${inner}</${p}headerFooter>`;
    return root.selfClosing
      ? appendChild(xml, root, fragment)
      : splice(xml, insertAt, insertAt, fragment);
  }
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const k of changes) {
    const value = codes[k] as string;
    const existing = children.filter((c) => c.key === k);
    if (existing.length > 0) {
      const [first, ...extra] = existing;
      if (value === "") edits.push({ start: first.start, end: first.end, text: "" });
      else if (first.selfClosing)
        edits.push({ start: first.start, end: first.end, text: child(k, value) });
      else edits.push({ start: first.openEnd, end: first.contentEnd, text: encodeXstring(value) });
      // A repeated child (not valid): only the first is read, so the rest go.
      for (const c of extra) edits.push({ start: c.start, end: c.end, text: "" });
      continue;
    }
    const rank = HEADER_FOOTER_KEYS.indexOf(k);
    const next = children.find((c) => HEADER_FOOTER_KEYS.indexOf(c.key) > rank);
    const at = next ? next.start : element.contentEnd;
    edits.push({ start: at, end: at, text: child(k, value) });
  }
  // Later offsets first, so earlier ones still hold; at one offset the later key first, so that
  // inserts there end up in key order and an insert never lands inside a span still to be cut.
  const ordered = edits.map((e, i) => ({ ...e, i }));
  ordered.sort((a, b) => b.start - a.start || b.i - a.i);
  return ordered.reduce((out, e) => splice(out, e.start, e.end, e.text), xml);
}
