/**
 * Offices' workbooks in the form's own layout, with the office's words in them: text typed
 * under each of the three narrative headings, a note beside the chart, the form's marking line
 * and a second footer line of the office's, and a print setup of its own. One is typed in
 * LibreOffice (a flat ODS converted to .xlsx), one is made by `tips init` and typed into by the
 * project's own writer. The ownership tests fill both, in both adapters.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FORM_ROWS } from "../../src/core/chart";
import { NARRATIVE_HEADINGS, NARRATIVE_INSTRUCTIONS } from "../../src/core/narrative";
import { LOG_HEADERS } from "../../src/core/vocabulary";
import { run } from "../../src/cli/main";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { Cell, fodsDocument } from "./office-workbook";
import { convertWithLibreOffice } from "./libreoffice";
import { editSheetXml } from "./package-parts";

/** The office's own words: each must be on the report sheet after every fill. */
export const OFFICE_TEXT = {
  significant: "Office: the June task force meeting with the USAO counts as significant.",
  prospective:
    "Planned: Q4 roll-call training at Houston PD, about 60 officers; HQ speaker requested.",
  outreach: "Office note: two more NGO contacts are waiting for a POC to be named.",
  beside: "Checked against the sign-in sheets by J. Analyst",
  marking: "LAW ENFORCEMENT SENSITIVE/OFFICIAL USE ONLY",
  footer: "Prepared by the SAC Houston outreach coordinator; questions to the ASAC.",
} as const;

/** Log rows: three in FY2007 Q3 (one significant), two in Q4. */
export const FORM_LOG: readonly (readonly (string | number | null)[])[] = [
  [
    "2007-04-15",
    "NGO",
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
  ],
  [
    "2007-05-02",
    "Law Enforcement",
    "Local",
    "New Contact",
    "San Antonio PD",
    "Sgt. Lee",
    "Vice",
    null,
    null,
    null,
    "Trafficking indicators",
    "N",
  ],
  [
    "2007-06-10",
    "Law Enforcement",
    "State",
    "Training/Seminar",
    "Texas DPS",
    null,
    null,
    2,
    5,
    60,
    "Roll call DVD",
    "N",
  ],
  [
    "2007-07-20",
    "NGO",
    null,
    "Follow Up Contact",
    "Alamo Shelter",
    null,
    null,
    null,
    null,
    null,
    "Continued Presence questions",
    "N",
  ],
  [
    "2007-08-03",
    "Law Enforcement",
    "Federal",
    "New Contact",
    "FBI San Antonio",
    "SA Ortiz",
    "Coordinator",
    null,
    null,
    null,
    "De-confliction",
    "Y",
  ],
];

/** The form as an office types it in LibreOffice; returns the .xlsx LibreOffice saved. */
export async function makeFormWorkbookWithLibreOffice(dir: string): Promise<string> {
  const report: Cell[][] = [
    ["ICE Human Trafficking Outreach Quarterly Report 04/01/07 to 06/30/07 SAC/Attaché"],
    ["Office:", "SAC Houston"],
    [],
    ["Human Trafficking Outreach", "Fiscal Year 2007"],
    [null, "Quarter", "Cumulative"],
  ];
  FORM_ROWS.forEach((r, i) =>
    report.push(
      r.kind === "heading"
        ? [r.label]
        : i === 1
          ? [r.line.label, null, null, null, OFFICE_TEXT.beside]
          : [r.line.label]
    )
  );
  report.push(
    [],
    [NARRATIVE_HEADINGS.significant],
    [NARRATIVE_INSTRUCTIONS.significant],
    [OFFICE_TEXT.significant],
    [],
    [NARRATIVE_HEADINGS.prospective],
    [NARRATIVE_INSTRUCTIONS.prospective],
    [OFFICE_TEXT.prospective],
    [],
    [NARRATIVE_HEADINGS.outreach],
    [NARRATIVE_INSTRUCTIONS.outreach],
    [OFFICE_TEXT.outreach],
    [],
    [OFFICE_TEXT.marking],
    [OFFICE_TEXT.footer]
  );
  const log: Cell[][] = [LOG_HEADERS.slice(), ...FORM_LOG.map((r) => [...r])];
  const fods = join(dir, "form-libreoffice.fods");
  writeFileSync(
    fods,
    fodsDocument([
      { name: "Quarterly Report", rows: report },
      { name: "Outreach Log", rows: log },
    ])
  );
  const xlsx = await convertWithLibreOffice(fods, "xlsx");
  return withOwnPrintSetup(xlsx);
}

/** A workbook from `tips init`, the log and a planned training added, the office's words typed in. */
export async function makeFormWorkbookWithInit(dir: string): Promise<string> {
  const file = join(dir, "form-init.xlsx");
  const code = await run(
    ["init", file, "--office", "SAC Houston", "--period", "FY2007 Q3"],
    () => undefined,
    () => undefined
  );
  if (code !== 0) throw new Error("tips init failed");
  const book = XlsxAdapter.fromBytes(readFileSync(file));
  await book.appendTableRows("OutreachLog", FORM_LOG);
  await book.appendTableRows("ProspectiveTraining", [
    [
      "08/15/2007",
      "Regional LE seminar",
      "40 detectives",
      "Indicators; victim interviews",
      "Projector",
      "Yes",
    ],
  ]);
  const grid = await book.readSheet("Quarterly Report");
  const rowOf = (t: string) => grid.values.findIndex((r) => r[0] === t) + 1;
  const lastRow = grid.values.length;
  // Typed on the blank row that ends each section, and below the form's marking lines.
  await book.writeCells("Quarterly Report", [
    { row: rowOf(NARRATIVE_HEADINGS.significant) + 2, col: 1, value: OFFICE_TEXT.significant },
    { row: rowOf(NARRATIVE_HEADINGS.prospective) + 2, col: 1, value: OFFICE_TEXT.prospective },
    { row: rowOf(NARRATIVE_HEADINGS.outreach) + 2, col: 1, value: OFFICE_TEXT.outreach },
    { row: 7, col: 5, value: OFFICE_TEXT.beside },
    { row: lastRow + 1, col: 1, value: OFFICE_TEXT.marking },
    { row: lastRow + 2, col: 1, value: OFFICE_TEXT.footer },
  ]);
  writeFileSync(file, book.save());
  return withOwnPrintSetup(file);
}

/** The office's own page setup on the report sheet: landscape at 85%. */
export const OWN_PAGE_SETUP = '<pageSetup orientation="landscape" scale="85"/>';

/** Puts OWN_PAGE_SETUP on the report sheet (replacing any), where the schema wants it. */
function withOwnPrintSetup(file: string): string {
  editSheetXml(file, "Quarterly Report", (xml) =>
    xml
      .replace(/<pageSetup\b[^>]*\/>/, "")
      .replace(
        /(<headerFooter\b|<rowBreaks\b|<colBreaks\b|<drawing\b|<legacyDrawing\b|<tableParts\b|<extLst\b|<\/worksheet>)/,
        `${OWN_PAGE_SETUP}$1`
      )
  );
  return file;
}
