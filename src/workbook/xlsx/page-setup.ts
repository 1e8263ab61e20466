/**
 * A worksheet's print setup in its XML: `<sheetPr><pageSetUpPr fitToPage/>` (fit to pages on or
 * off) and `<pageSetup orientation scale fitToWidth fitToHeight>`. Reading gives what the rule of
 * print-setup.ts looks at; writing sets those attributes alone, or inserts the elements where the
 * schema puts them, and leaves every other byte of the part as it was.
 */
import { PrintSetup } from "../print-setup";
import {
  ElementSpan,
  WORKSHEET_ORDER,
  appendChild,
  attrOf,
  scanElements,
  setAttributes,
  splice,
} from "./elements";
import { corrupt } from "./errors";

/** The pieces of a new sheet's XML for a print setup (sheet-writer.ts puts them in order). */
export function printSetupXml(setup: PrintSetup): { sheetPr: string; pageSetup: string } {
  return {
    sheetPr: '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    pageSetup: `<pageSetup orientation="${setup.orientation}" fitToWidth="1" fitToHeight="0"/>`,
  };
}

export interface SheetPageSetup {
  readonly landscape: boolean;
  /** In percent; 100 when the sheet sets none. */
  readonly scale: number;
  readonly fitToPages: boolean;
}

const isTrue = (v: string | undefined): boolean => v === "1" || v === "true";

interface Located {
  root: ElementSpan;
  sheetPr?: ElementSpan;
  /** sheetPr's pageSetUpPr child, offsets in the whole part. */
  pageSetUpPr?: ElementSpan;
  pageSetup?: ElementSpan;
  /** Where a new pageSetup goes: after the last element the schema puts before it. */
  pageSetupAt: number;
}

function locate(xml: string, part: string): Located {
  const { root, elements } = scanElements(xml, part);
  if (root.local !== "worksheet") throw corrupt(part, "is not a worksheet");
  const own = elements.filter((e) => e.prefix === root.prefix);
  const sheetPr = own.find((e) => e.local === "sheetPr");
  const pageSetup = own.find((e) => e.local === "pageSetup");
  const rank = WORKSHEET_ORDER.indexOf("pageSetup");
  const before = own.filter((e) => {
    const k = WORKSHEET_ORDER.indexOf(e.local);
    return k >= 0 && k < rank;
  });
  const pageSetupAt = before.length ? before[before.length - 1].end : root.openEnd;
  let pageSetUpPr: ElementSpan | undefined;
  if (sheetPr && !sheetPr.selfClosing) {
    // Its children alone: the rest of the part was checked by the scan above.
    const inner = scanElements(xml.slice(sheetPr.start, sheetPr.end), part).elements;
    const c = inner.find((e) => e.local === "pageSetUpPr" && e.prefix === sheetPr.prefix);
    if (c) {
      const at = sheetPr.start;
      pageSetUpPr = {
        ...c,
        start: c.start + at,
        openEnd: c.openEnd + at,
        contentEnd: c.contentEnd + at,
        end: c.end + at,
      };
    }
  }
  return { root, sheetPr, pageSetUpPr, pageSetup, pageSetupAt };
}

export function readPageSetup(xml: string, part: string): SheetPageSetup {
  const { pageSetUpPr, pageSetup } = locate(xml, part);
  const scale = pageSetup ? Number(attrOf(pageSetup, "scale") ?? 100) : 100;
  return {
    landscape: pageSetup ? attrOf(pageSetup, "orientation") === "landscape" : false,
    scale: Number.isFinite(scale) ? scale : 100,
    fitToPages: pageSetUpPr ? isTrue(attrOf(pageSetUpPr, "fitToPage")) : false,
  };
}

/**
 * The part with this print setup: fit to one page wide and as many tall as needed, in the
 * setup's orientation. Other attributes of the two elements (paper size, a printer's settings)
 * and everything else keep their exact text. Print titles are a defined name (workbook.ts).
 */
export function writePrintSetup(xml: string, part: string, setup: PrintSetup): string {
  const { root, sheetPr, pageSetUpPr, pageSetup, pageSetupAt } = locate(xml, part);
  const p = root.prefix;
  const fresh = printSetupXml(setup);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const attrs = { orientation: setup.orientation, fitToWidth: "1", fitToHeight: "0" };
  if (pageSetup) {
    const tag = xml.slice(pageSetup.start, pageSetup.openEnd);
    edits.push({ start: pageSetup.start, end: pageSetup.openEnd, text: setAttributes(tag, attrs) });
  } else {
    const text = p ? fresh.pageSetup.replace("<", `<${p}`) : fresh.pageSetup;
    edits.push({ start: pageSetupAt, end: pageSetupAt, text });
  }
  const fitChild = `<${p}pageSetUpPr fitToPage="1"/>`;
  if (pageSetUpPr) {
    const tag = xml.slice(pageSetUpPr.start, pageSetUpPr.openEnd);
    const text = setAttributes(tag, { fitToPage: "1" });
    edits.push({ start: pageSetUpPr.start, end: pageSetUpPr.openEnd, text });
  } else if (sheetPr) {
    // pageSetUpPr is sheetPr's last child (CT_SheetPr: tabColor, outlinePr, pageSetUpPr).
    const element = xml.slice(sheetPr.start, sheetPr.end);
    const local = { ...sheetPr, start: 0, openEnd: sheetPr.openEnd - sheetPr.start };
    local.contentEnd = sheetPr.contentEnd - sheetPr.start;
    local.end = sheetPr.end - sheetPr.start;
    edits.push({
      start: sheetPr.start,
      end: sheetPr.end,
      text: appendChild(element, local, fitChild),
    });
  } else {
    edits.push({
      start: root.openEnd,
      end: root.openEnd,
      text: `<${p}sheetPr>${fitChild}</${p}sheetPr>`,
    });
  }
  let out = xml;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = splice(out, e.start, e.end, e.text);
  return out;
}
