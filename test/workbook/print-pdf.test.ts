/**
 * The demo workbook printed as an office would print it: `tips demo`, then LibreOffice to PDF,
 * then each page's text (pdftotext -layout). What a reader of the paper would notice: a page
 * with nothing on it but the marking, a page of line ends cut off the page before, a log page
 * without its header row. The checks are about those properties, not about the narrative's
 * exact wording or how it wraps.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { DEMO_FILE, DEMO_ROWS } from "../../src/cli/commands/demo";
import { PROSPECTIVE_HEADERS } from "../../src/core/narrative";
import { LOG_HEADERS } from "../../src/core/vocabulary";
import { LEAD_HEADERS } from "../../src/core/leads";
import { MATERIAL_HEADERS } from "../../src/core/materials";
import { MEDIA_HEADERS } from "../../src/core/media";
import { REPORT_SHEET } from "../../src/workbook/layout";
import { LES_MARKING } from "../../src/workbook/sheet-spec";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { readWorkbookFile } from "../../src/workbook/xlsx/files";
import { hasLibreOffice, hasPdftotext, printedPages } from "../helpers/libreoffice";
import { NEEDS_LIBREOFFICE, NEEDS_PDFTOTEXT, describeRequiring } from "../helpers/requires";

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

const lines = (page: string): string[] => page.split("\n").filter((l) => l.trim() !== "");

/** A page's lines but its header (the first) and its footer (the last). */
const body = (page: string): string[] => lines(page).slice(1, -1);

/** One line holding every header, in order (a page's header row, printed whole). */
function headerLine(lines: readonly string[], headers: readonly string[]): boolean {
  return lines.some((line) => {
    let at = 0;
    for (const h of headers) {
      const i = line.indexOf(h, at);
      if (i < 0) return false;
      at = i + h.length;
    }
    return true;
  });
}

/** A line that starts with a log row: its date, then its sector. */
const LOG_ROW = /^\s*\d\d\/\d\d\/\d{4}\s+(NGO|Law Enforcement)\b/;
/** The optional tables' header rows (a page of one prints its header row). */
const TABLE_HEADERS: Record<string, readonly string[]> = {
  leads: LEAD_HEADERS,
  materials: MATERIAL_HEADERS,
  media: MEDIA_HEADERS,
};

/** Which optional table a page prints, by the header row it carries (undefined: none). */
function kindOf(page: string): string | undefined {
  const lines = body(page);
  return Object.keys(TABLE_HEADERS).find((name) => headerLine(lines, TABLE_HEADERS[name]));
}

describeRequiring(hasLibreOffice() && hasPdftotext(), `${NEEDS_LIBREOFFICE}; ${NEEDS_PDFTOTEXT}`)(
  "the demo workbook, printed by LibreOffice",
  () => {
    let dir: string;
    let pages: string[];
    let reportTexts: string[];
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "tips-print-"));
      const out: string[] = [];
      const code = await run(
        ["demo", dir],
        (l) => out.push(l),
        (l) => out.push(l)
      );
      if (code !== 0) throw new Error(`tips demo failed: ${out.join("\n")}`);
      const file = join(dir, DEMO_FILE);
      pages = await printedPages(file);
      // The report sheet's texts, as the workbook holds them.
      const grid = await XlsxAdapter.fromBytes(await readWorkbookFile(file)).readSheet(
        REPORT_SHEET
      );
      reportTexts = grid.values.flatMap((row) =>
        row.flatMap((v) => (typeof v === "string" && v.trim() !== "" ? [collapse(v)] : []))
      );
    }, 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test("every page carries the LES/FOUO marking in its header and footer, and its number", () => {
      expect(pages.length).toBeGreaterThan(2);
      const unmarked = pages.flatMap((page, i) => {
        const l = lines(page);
        const ok =
          l.length >= 2 &&
          l[0].includes(LES_MARKING) &&
          l[l.length - 1].includes(LES_MARKING) &&
          l[l.length - 1].includes(`Page ${i + 1} of ${pages.length}`);
        return ok ? [] : [i + 1];
      });
      expect(unmarked).toEqual([]);
    });

    test("no page is empty: each has something between its header and footer", () => {
      const empty = pages.flatMap((p, i) => (body(p).length === 0 ? [i + 1] : []));
      expect(empty).toEqual([]);
    });

    test("every text of the report sheet prints whole, on one page (none cut at the page's edge)", () => {
      const printed = pages.map((p) => collapse(body(p).join(" ")));
      const cut = reportTexts.filter((t) => !printed.some((p) => p.includes(t)));
      expect(cut).toEqual([]);
      expect(reportTexts.length).toBeGreaterThan(30);
    });

    test("every page is a page of the report, of the log with its header row, or of a table with its header row", () => {
      const prospective = Object.values(PROSPECTIVE_HEADERS).flatMap((h) => h.split(/\s+/));
      const kinds = pages.map(kindOf).map((kind, i) => {
        if (kind !== undefined) return kind;
        const lines = body(pages[i]);
        const text = collapse(lines.join(" "));
        if (lines.some((l) => LOG_ROW.test(l)))
          return headerLine(lines, LOG_HEADERS) ? "log" : `page ${i + 1}: log rows, no header row`;
        // A page of the report holds at least one of its texts whole (a strip of cut-off line
        // ends holds only pieces).
        if (reportTexts.some((t) => t.length >= 12 && text.includes(t))) return "report";
        if (prospective.every((w) => text.includes(w))) return "prospective";
        return `page ${i + 1}: neither report, log nor table: ${text.slice(0, 120)}`;
      });
      expect(kinds.filter((k) => k.startsWith("page "))).toEqual([]);
      // One page wide: the 360-row log takes a few pages, not four strips of columns each.
      const logPages = kinds.filter((k) => k === "log").length;
      expect(logPages).toBeGreaterThanOrEqual(2);
      expect(logPages).toBeLessThanOrEqual(8);
      expect(kinds.filter((k) => k === "prospective")).toHaveLength(1);
      // The optional tables of the demo: each on pages of its own, its header on every one.
      for (const name of Object.keys(TABLE_HEADERS))
        expect([name, kinds.filter((k) => k === name).length > 0]).toEqual([name, true]);
    });

    test("every log row prints whole across: its date and its last column on the same line", () => {
      const rows = pages
        .filter((p) => kindOf(p) === undefined)
        .flatMap((p) => body(p).filter((l) => LOG_ROW.test(l)));
      expect(rows).toHaveLength(DEMO_ROWS);
      // The Significant column (the last) ends every row: Y or N.
      expect(rows.filter((l) => !/(Y|N)\s*$/.test(l))).toEqual([]);
    });
  }
);
