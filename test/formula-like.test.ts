/**
 * One formula-like rule for every face: each payload that begins with a character FORMULA_LIKE
 * names (=, +, -, @, tab, CR) goes through the roster, a log entry appended, the Excel adapter's
 * write and consolidation, and comes out as the same text, never a formula.
 */
import { FORMULA_LIKE } from "../src/core/checks";
import { parsePeriod } from "../src/core/period";
import { SETTING } from "../src/core/settings";
import { parseRoster, starterRoster } from "../src/app/roster";
import { appendEntry, findLogTarget, validateEntry } from "../src/app/log-entry";
import { NATIONAL_SHEETS, consolidateFiles, nationalWorkbook } from "../src/app/consolidate";
import { OfficeAdapter } from "../src/workbook/office-adapter";
import { LOG_SHEET } from "../src/workbook/layout";
import { logSheet, prospectiveSheet, reportSheet } from "../src/workbook/seed-layout";
import { XlsxAdapter } from "../src/workbook/xlsx-adapter";
import { openWorkbook } from "../src/workbook/xlsx";
import { serialFromDay, dayFromYmd } from "../src/core/dates";
import { FakeExcel } from "./office/fake-excel";
import { packageParts } from "./consolidate/workbooks";

const PAYLOADS = [
  '=HYPERLINK("http://example.invalid/x","click")',
  "+1 555 0100",
  "-2+3",
  "@SUM(A1)",
  "\t=1+1",
  "\r=1+1",
];

/** No part of the package holds a formula. */
function expectNoFormula(bytes: Uint8Array): void {
  for (const [name, part] of Object.entries(packageParts(bytes))) {
    expect([name, /<f[ >]/.test(part)]).toEqual([name, false]);
  }
}

test("the payloads are exactly the first characters FORMULA_LIKE names", () => {
  const starts = new Set(PAYLOADS.map((p) => p[0]));
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    expect([c, FORMULA_LIKE.test(ch)]).toEqual([c, starts.has(ch)]);
  }
});

test("roster: a starter roster (.csv and .xlsx) reads back each office as written", async () => {
  // A roster's office names are trimmed (a leading tab or CR goes): still formula-like text.
  const offices = PAYLOADS.map((p, i) => `${p} office ${i}`);
  const expected = offices.map((o) => o.trim()).sort();
  const csv = await starterRoster("r.csv", offices);
  const text = new TextDecoder().decode(csv);
  const lines = text.split(/\r?\n/).filter((l) => l.includes(" office"));
  expect(lines).toHaveLength(offices.length);
  for (const line of lines) expect(line).toMatch(/^"?'/); // a spreadsheet opening it sees text
  expect((await parseRoster("r.csv", csv)).sort()).toEqual(expected);
  const xlsx = await starterRoster("r.xlsx", offices);
  expectNoFormula(xlsx);
  expect((await parseRoster("r.xlsx", xlsx)).sort()).toEqual(expected);
});

const form = (agency: string) => ({
  date: "2007-04-15",
  sector: "NGO",
  activity: "New Contact",
  agency,
  pocName: "Maria Gonzalez",
  pocTitle: "Director",
  content: "Discussed Continued Presence.",
});

test("log append (.xlsx): each payload is a text cell", async () => {
  const book = XlsxAdapter.blank();
  await book.addSheet(logSheet());
  for (const p of PAYLOADS) {
    const check = validateEntry(form(`${p} agency`));
    if (!check.ok) throw new Error(JSON.stringify(check.issues));
    expect(check.notes.map((n) => n.code)).toContain("formula-like-text");
    await appendEntry(book, await findLogTarget(book), check.fields);
  }
  const bytes = book.save();
  expectNoFormula(bytes);
  const agencies = openWorkbook(bytes)
    .readSheet(LOG_SHEET)
    .values()
    .map((r) => r[4]);
  // The log trims a field (a leading tab or CR goes); what is left is still the text, as text.
  for (const p of PAYLOADS) expect(agencies).toContain(`${p} agency`.trim());
});

test.each([true, false])(
  "Excel adapter (typed values %s): each payload appended to the log is text, never a formula",
  async (typedValues) => {
    const excel = new FakeExcel();
    const adapter = new OfficeAdapter({ run: excel.run, typedValues });
    await adapter.addSheet(logSheet());
    for (const p of PAYLOADS) {
      const check = validateEntry(form(`${p} agency`));
      if (!check.ok) throw new Error(JSON.stringify(check.issues));
      await appendEntry(adapter, await findLogTarget(adapter), check.fields);
    }
    const log = excel.sheet(LOG_SHEET);
    PAYLOADS.forEach((p, i) => {
      expect(log.cell(i + 2, 5)?.formula).toBeUndefined();
      expect(log.value(i + 2, 5)).toBe(`${p} agency`.trim());
    });
  }
);

test("consolidation: a return's payloads reach the Combined Log as text", async () => {
  const period = parsePeriod("FY2007 Q3");
  const day = serialFromDay(dayFromYmd(2007, 4, 2), false);
  const rows = PAYLOADS.map((p) => [
    day,
    "NGO",
    "",
    "New Contact",
    `${p} agency`,
    "Ann Lee",
    "Director",
    "",
    "",
    "",
    `${p} content`,
    "N",
  ]);
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(period, "SAC Houston"));
  await book.addSheet(logSheet(rows));
  await book.addSheet(prospectiveSheet());
  await book.setSetting(SETTING.office, "SAC Houston");
  const national = await consolidateFiles(period, [
    { name: "houston.xlsx", bytes: book.save(), modified: 0 },
  ]);
  expect(national.log).toHaveLength(PAYLOADS.length);
  const bytes = await nationalWorkbook(national);
  expectNoFormula(bytes);
  const cells = openWorkbook(bytes).readSheet(NATIONAL_SHEETS.log).values().flat();
  for (const p of PAYLOADS) {
    expect(cells).toContain(`${p} agency`.trim());
    expect(cells).toContain(`${p} content`.trim());
  }
});
