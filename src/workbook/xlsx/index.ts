/**
 * The .xlsx package layer: read and edit Excel workbooks as bytes, in Node and in the browser,
 * without Office. fflate for the zip (Node's zlib compresses, when there is one); hand-written
 * scanning for the XML; edits rewrite only the cells and parts they must, and every other part
 * keeps its exact bytes.
 *
 *   openWorkbook(bytes): XlsxWorkbook            throws WorkbookFileError (kind: not-a-workbook |
 *                                                 password-protected | corrupt | missing-sheet;
 *                                                 message reads after the file name)
 *   createWorkbook(): XlsxWorkbook                a blank package; add a sheet before save()
 *
 *   XlsxWorkbook
 *     date1904: boolean                           the workbook's date system
 *     sheetNames(): string[]                      in workbook order
 *     hasSheet(name): boolean                     case-insensitive, as Excel
 *     readSheet(name): SheetCells                  cached values (formulas are not evaluated)
 *     tables(): TableInfo[]                       {name, sheet, ref, headerRowCount, totalsRowCount, columns}
 *     definedNames(): DefinedName[]               {name, ref, localSheet?, hidden}
 *     setDefinedName(name, formula, localSheet?)  add or replace a name in the workbook's scope or
 *                                                 one sheet's ("_xlnm.Print_Titles" for built-ins)
 *     deleteDefinedName(name, localSheet?)        remove it; returns whether there was one
 *     styleId(spec: StyleSpec): number            a cell format index, appended to styles.xml if new
 *     patchCells(sheet, CellUpdate[])             {row, col, value, style?}: only those cells change;
 *                                                 text is stored as text, never as a formula; the
 *                                                 workbook recalculates on open (fullCalcOnLoad) and
 *                                                 loses calcChain.xml if a formula was overwritten
 *     addSheet(spec: WorksheetSpec)                   a new worksheet at the end (cells, styles, widths,
 *                                                 merges, drop-downs, a table, header/footer, freeze);
 *                                                 linear in its cells; its text goes to the shared
 *                                                 strings (appended: no existing index changes),
 *                                                 stored as text, never as a formula
 *     setTableRef(name, ref)                      grow or shrink a table's last row
 *     getHeaderFooter(sheet): HeaderFooter?       the page header/footer codes of a worksheet or
 *                                                 chart sheet ({oddHeader, oddFooter, evenHeader,
 *                                                 evenFooter, firstHeader, firstFooter, "" for none;
 *                                                 differentOddEven, differentFirst}); undefined for
 *                                                 other kinds of sheet
 *     setHeaderFooter(sheet, codes)               set some of those codes ("" removes one): only the
 *                                                 sheet's <headerFooter> changes, inserted in schema
 *                                                 order when it has none
 *     getCustomProperty(name) / setCustomProperty(name, value)   docProps/custom.xml
 *     save(): Uint8Array
 *
 *   SheetCells: name, rows, cols (extent of the cells with values), cell(row, col) 1-based,
 *     rowValues(row), values() (dense from A1), forEachCell(fn), cellCount.
 *
 * Mistakes of the caller (a row outside the sheet, a style index that does not exist, a sheet
 * name Excel refuses) throw RangeError; problems of the file throw WorkbookFileError.
 * Files: ./files (Node only) has readWorkbookFile(path) and writeFileAtomic(path, bytes).
 */
export { WorkbookFileError } from "./errors";
export type { WorkbookFileErrorKind } from "./errors";
export { SheetCells } from "./grid";
export type { CellUpdate } from "./patch";
export type { WorksheetSpec, WorksheetCell, TableSpec } from "./sheet-writer";
export type { StyleSpec } from "./styles";
export type { HeaderFooter, HeaderFooterKey } from "./header-footer";
export { XlsxWorkbook, checkSheetName } from "./workbook";
export type { DefinedName, TableInfo } from "./workbook";
export { cellRef, columnLetters, parseCellRef, parseRange } from "./cellref";

import { XlsxWorkbook } from "./workbook";

/** Opens .xlsx bytes. Throws WorkbookFileError with a message that reads after the file name. */
export function openWorkbook(bytes: Uint8Array): XlsxWorkbook {
  return XlsxWorkbook.open(bytes);
}

/** A blank, valid package with no sheets yet (add one with addSheet before save). */
export function createWorkbook(): XlsxWorkbook {
  return XlsxWorkbook.create();
}
