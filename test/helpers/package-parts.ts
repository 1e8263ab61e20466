/** The parts of an .xlsx file, for tests that look at (or hand-edit) its XML. */
import { readFileSync, writeFileSync } from "node:fs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export const parts = (file: string): Record<string, Uint8Array> => unzipSync(readFileSync(file));

/** The worksheet part that holds a sheet, by name, from workbook.xml and its rels. */
export function sheetPart(files: Record<string, Uint8Array>, name: string): string {
  const workbook = strFromU8(files["xl/workbook.xml"]);
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]);
  const sheet = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const target =
    new RegExp(`<Relationship [^>]*Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels) ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${sheet[1]}"`).exec(rels);
  return target![1].replace(/^\/?(xl\/)?/, "xl/");
}

/** Rewrites one sheet's XML in the file (a test's stand-in for what an office does by hand). */
export function editSheetXml(file: string, sheet: string, edit: (xml: string) => string): void {
  const files = parts(file);
  const part = sheetPart(files, sheet);
  files[part] = strToU8(edit(strFromU8(files[part])));
  writeFileSync(file, zipSync(files));
}
