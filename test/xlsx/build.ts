/**
 * Hand-made .xlsx packages for tests, zipped with fflate's own zip writer (not ours), so that a
 * test can feed the reader exactly the XML a given producer writes.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface SheetDef {
  name: string;
  /** The worksheet XML, or just its <sheetData> content (wrapped for you). */
  xml?: string;
  rows?: string;
  /** The Target written in workbook.xml.rels (default worksheets/sheetN.xml). */
  target?: string;
  /** Extra parts that belong to the sheet (e.g. its rels and tables). */
  type?: "worksheet" | "chartsheet";
}

export interface BookDef {
  sheets: SheetDef[];
  sharedStrings?: string[] | string;
  workbookPr?: string;
  definedNames?: string;
  extra?: Record<string, string | Uint8Array>;
}

export function worksheet(rows: string, before = "", after = ""): string {
  return `${DECL}<worksheet xmlns="${SML}" xmlns:r="${REL}">${before}<sheetData>${rows}</sheetData>${after}</worksheet>`;
}

/** The parts of a small workbook (name -> text). */
export function bookParts(def: BookDef): Record<string, string | Uint8Array> {
  const parts: Record<string, string | Uint8Array> = {};
  const overrides: string[] = [];
  const rels: string[] = [];
  const sheets: string[] = [];
  def.sheets.forEach((s, i) => {
    const n = i + 1;
    const kind = s.type ?? "worksheet";
    const target = s.target ?? `${kind}s/sheet${n}.xml`;
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    parts[path.replace(/^xl\/\.\//, "xl/")] = s.xml ?? worksheet(s.rows ?? "");
    overrides.push(
      `<Override PartName="/${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`
    );
    rels.push(`<Relationship Id="rId${n}" Type="${REL}/${kind}" Target="${target}"/>`);
    sheets.push(`<sheet name="${s.name}" sheetId="${n}" r:id="rId${n}"/>`);
  });
  if (def.sharedStrings !== undefined) {
    const sst =
      typeof def.sharedStrings === "string"
        ? def.sharedStrings
        : def.sharedStrings.map((t) => `<si><t>${t}</t></si>`).join("");
    parts["xl/sharedStrings.xml"] = `${DECL}<sst xmlns="${SML}">${sst}</sst>`;
    overrides.push(
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    );
    rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  parts["[Content_Types].xml"] =
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    `${overrides.join("")}</Types>`;
  parts["_rels/.rels"] =
    `${DECL}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts["xl/workbook.xml"] =
    `${DECL}<workbook xmlns="${SML}" xmlns:r="${REL}">${def.workbookPr ?? ""}<sheets>${sheets.join("")}</sheets>` +
    `${def.definedNames ? `<definedNames>${def.definedNames}</definedNames>` : ""}</workbook>`;
  parts["xl/_rels/workbook.xml.rels"] =
    `${DECL}<Relationships xmlns="${PKG_REL}">${rels.join("")}</Relationships>`;
  return { ...parts, ...def.extra };
}

export function zipParts(parts: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(parts)) {
    files[name] = typeof content === "string" ? strToU8(content) : content;
  }
  return zipSync(files);
}

export function makeBook(def: BookDef): Uint8Array {
  return zipParts(bookParts(def));
}

/** Every part of a saved package, as text (unzipped by fflate, not by us). */
export function partsOf(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}

export function rawPartsOf(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}
