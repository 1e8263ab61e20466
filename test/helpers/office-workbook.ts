/**
 * An office's own workbook, made by a real spreadsheet program: a flat ODS document written
 * here (the chart away from A1, labels as offices type them, a formula that uses a chart cell,
 * a comment, merged cells, styles, a drop-down, a defined name, another sheet) and converted to
 * .xlsx by LibreOffice. Filling it must keep everything that is not the add-in's.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FORM_ROWS } from "../../src/core/chart";
import { LOG_HEADERS } from "../../src/core/vocabulary";
import { convertWithLibreOffice } from "./libreoffice";

const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export type Cell =
  | string
  | number
  | null
  | { formula: string }
  | { text: string; comment: string }
  | { text: string; validation: string }
  | { text: string; style: string; span?: number };

export function cell(c: Cell): string {
  if (c === null) return "<table:table-cell/>";
  if (typeof c === "number")
    return `<table:table-cell office:value-type="float" office:value="${c}"><text:p>${c}</text:p></table:table-cell>`;
  if (typeof c === "string")
    return `<table:table-cell office:value-type="string"><text:p>${esc(c)}</text:p></table:table-cell>`;
  if ("formula" in c)
    return `<table:table-cell table:formula="${esc(c.formula)}" office:value-type="float" office:value="0"><text:p>0</text:p></table:table-cell>`;
  if ("comment" in c) {
    return `<table:table-cell office:value-type="string"><office:annotation><dc:creator>Analyst</dc:creator><text:p>${esc(c.comment)}</text:p></office:annotation><text:p>${esc(c.text)}</text:p></table:table-cell>`;
  }
  if ("validation" in c) {
    return `<table:table-cell table:content-validation-name="${c.validation}" office:value-type="string"><text:p>${esc(c.text)}</text:p></table:table-cell>`;
  }
  const span = c.span ? ` table:number-columns-spanned="${c.span}"` : "";
  const covered = c.span ? "<table:covered-table-cell/>".repeat(c.span - 1) : "";
  return `<table:table-cell table:style-name="${c.style}"${span} office:value-type="string"><text:p>${esc(c.text)}</text:p></table:table-cell>${covered}`;
}

export const row = (cells: Cell[]): string =>
  `<table:table-row>${cells.map(cell).join("")}</table:table-row>`;

/** The chart starts in column C, row 8 (its header row); the figure cells are D and E. */
export const OFFICE_CHART = { headerRow: 8, quarterCol: 4, cumulativeCol: 5 } as const;

export function officeWorkbookFods(): string {
  const report: Cell[][] = [
    [
      {
        text: "ICE Human Trafficking Outreach Quarterly Report 04/01/07 to 06/30/07 SAC/Attaché",
        style: "title",
        span: 4,
      },
    ],
    ["Office:", "SAC San Antonio"],
    ["Prepared by:", "J. Analyst", null, { formula: "of:=SUM([.D9:.D27])" }],
    [],
    ["Internal notes: do not delete this block"],
    [],
    [null, null, { text: "Human Trafficking Outreach", style: "bold" }, "Fiscal Year 2007"],
    [null, null, null, "Quarter", "Cumulative", "Doubled quarter (office's own formula)"],
  ];
  FORM_ROWS.forEach((r, i) => {
    const label = r.kind === "heading" ? r.label : r.line.label.replace("Follow Up", "Follow-up");
    const first: Cell = i === 1 ? { text: label, comment: "Count every first meeting" } : label;
    report.push(
      r.kind === "heading"
        ? [null, null, first]
        : [null, null, first, 7, 70, { formula: `of:=[.D${8 + i + 1}]*2` }]
    );
  });
  report.push(
    [],
    [null, null, "Significant Outreach Activity"],
    [null, null, "Office text under Significant: stays"],
    [null, null, "Outreach Activity"],
    [null, null, "Office text under Outreach: stays"]
  );

  const log: Cell[][] = [LOG_HEADERS.slice()];
  log.push([
    "2007-04-15",
    { text: "NGO", validation: "sector" },
    null,
    "New Contact",
    "Alamo Shelter",
    "Rosa Diaz",
    "Director",
    null,
    null,
    null,
    "Intro to ICE TIPS",
    "Y",
  ]);
  log.push([
    "2007-05-02",
    { text: "Law Enforcement", validation: "sector" },
    "Local",
    "New Contact",
    "San Antonio PD",
    "Sgt. Lee",
    "Vice",
    null,
    null,
    null,
    "Indicators; =cmd|' /C calc'!A0",
    "N",
  ]);
  log.push([
    "2007-06-10",
    { text: "Law Enforcement", validation: "sector" },
    "State",
    "Training/Seminar",
    "Texas DPS",
    null,
    null,
    2,
    5,
    60,
    "Roll call DVD",
    "Y",
  ]);

  const notes: Cell[][] = [
    ["Other work of the office"],
    ["Budget", 1200],
    ["Trips", 3],
    ["Total", { formula: "of:=[.B2]+[.B3]" }],
  ];

  return fodsDocument(
    [
      { name: "Quarterly Report", rows: report },
      { name: "Outreach Log", rows: log },
      { name: "Notes", rows: notes },
    ],
    `<table:content-validations><table:content-validation table:name="sector" table:condition="of:cell-content-is-in-list(&quot;NGO&quot;;&quot;Law Enforcement&quot;)" table:allow-empty-cell="true" table:base-cell-address="'Outreach Log'.B2"/></table:content-validations>`,
    `<table:named-expressions><table:named-range table:name="OfficeBudget" table:base-cell-address="$Notes.$B$2" table:cell-range-address="$Notes.$B$2"/></table:named-expressions>`
  );
}

/** A flat ODS document of these sheets (with what goes before and after them). */
export function fodsDocument(
  tables: readonly { name: string; rows: Cell[][] }[],
  before = "",
  after = ""
): string {
  const table = (name: string, rows: Cell[][]): string =>
    `<table:table table:name="${esc(name)}">${rows.map(row).join("")}</table:table>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<style:style style:name="title" style:family="table-cell"><style:text-properties fo:font-weight="bold" fo:font-size="14pt"/></style:style>
<style:style style:name="bold" style:family="table-cell"><style:table-cell-properties fo:background-color="#ffff00"/><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
${before}
${tables.map((t) => table(t.name, t.rows)).join("\n")}
${after}
</office:spreadsheet></office:body></office:document>`;
}

/** Write the flat ODS and have LibreOffice save it as .xlsx; returns the .xlsx path. */
export async function makeOfficeWorkbook(dir: string): Promise<string> {
  const fods = join(dir, "office-workbook.fods");
  writeFileSync(fods, officeWorkbookFods());
  return convertWithLibreOffice(fods, "xlsx");
}
