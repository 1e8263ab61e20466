/**
 * The optional tables through `tips consolidate` and back through `tips report`, on real .xlsx
 * files: the national figures are the offices' sums (the median from the combined rows), a return
 * whose leads table has an error is invalid, a return without the tables contributes nothing, the
 * combined sheets carry every counted row with its office and source row, as text, and `tips
 * report` on the national workbook gives the same national figures again.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { COMBINED_TABLE_SHEETS } from "../../src/core/consolidate";
import { dayFromYmd, serialFromDay } from "../../src/core/dates";
import { parsePeriod } from "../../src/core/period";
import { SETTING } from "../../src/core/settings";
import { COMBINED_TABLE_HEADERS } from "../../src/app/consolidate";
import { findOptionalTables } from "../../src/workbook/layout";
import { LES_MARKING } from "../../src/workbook/sheet-spec";
import {
  LogRowValues,
  TableRowValues,
  leadsSheet,
  logSheet,
  materialsSheet,
  mediaSheet,
  prospectiveSheet,
  reportSheet,
} from "../../src/workbook/seed-layout";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { hasLibreOffice, readCsvSheetsWithLibreOffice } from "../helpers/libreoffice";
import { NEEDS_LIBREOFFICE, testRequiring } from "../helpers/requires";
import { leNew, ngoNew } from "./builders";
import { packageParts, sheetXml } from "./workbooks";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tips-hq-tables-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tips(...args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await run(
    args,
    (l) => out.push(l),
    () => undefined
  );
  return { code, out: out.join("\n") };
}

const d = (y: number, m: number, day: number): number =>
  serialFromDay(dayFromYmd(y, m, day), false);
const PERIOD = parsePeriod("FY2007 Q3");
const INJECTION = '=HYPERLINK("http://example.invalid/x","click me")';

interface OfficeSpec {
  office: string;
  log: LogRowValues[];
  leads?: TableRowValues[];
  materials?: TableRowValues[];
  media?: TableRowValues[];
}

async function office(file: string, spec: OfficeSpec): Promise<string> {
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(PERIOD, spec.office));
  await book.addSheet(logSheet(spec.log));
  await book.addSheet(prospectiveSheet());
  await book.setSetting(SETTING.period, "FY2007 Q3");
  if (spec.leads) await book.addSheet(leadsSheet(spec.leads));
  if (spec.materials) await book.addSheet(materialsSheet(spec.materials));
  if (spec.media) await book.addSheet(mediaSheet(spec.media));
  const path = join(dir, file);
  writeFileSync(path, book.save());
  return path;
}

const HOUSTON: OfficeSpec = {
  office: "SAC Houston",
  log: [
    ngoNew(d(2007, 3, 1), "Safe Harbor Shelter"),
    leNew(d(2007, 4, 12), "Local", "Metro Police Department"),
  ],
  leads: [
    [d(2007, 4, 10), "ngo", "SAFE HARBOR shelter.", "interview request", d(2007, 4, 14), "y", ""],
    [d(2007, 5, 2), "Tip Line", "NHTRC", "Victim Information", d(2007, 5, 10), "N", INJECTION],
    [d(2007, 5, 1), "Federal Agency", "FBI", "Other Lead", "", "", ""], // open at the end
  ],
  materials: [
    [d(2007, 4, 12), "Metro Police Department", "Wallet Card", "Spanish", 100],
    [d(2007, 2, 1), "Safe Harbor Shelter", "Brochure", "", 20],
  ],
  media: [[d(2007, 5, 3), "El Diario", "Mexico", "Labor", "Y", d(2007, 5, 9)]],
};

const MIAMI: OfficeSpec = {
  office: "SAC Miami",
  log: [ngoNew(d(2007, 4, 1), "Casa Esperanza")],
  leads: [
    // Houston's log reached Metro PD on 4/12, Miami's never: not from Miami's outreach partners.
    [
      d(2007, 4, 20),
      "State/Local Law Enforcement",
      "Metro Police Department",
      "Other Lead",
      d(2007, 5, 10),
      "N",
      "",
    ],
    [d(2007, 5, 5), "NGO", "casa esperanza", "Interview Request", d(2007, 5, 7), "Y", ""],
  ],
  materials: [[d(2007, 4, 1), "Casa Esperanza", "Wallet Card", "English", 50]],
};

/** A leads table with an error (an unknown Source): the whole return is invalid. */
const DENVER: OfficeSpec = {
  office: "SAC Denver",
  log: [ngoNew(d(2007, 4, 2), "Mile High Shelter")],
  leads: [[d(2007, 4, 3), "Neighbour", "Mile High Shelter", "Other Lead", "", "", ""]],
};

/** No tables at all: it counts for the chart and contributes nothing to the tables. */
const MEXICO: OfficeSpec = {
  office: "Attaché Mexico City",
  log: [leNew(d(2007, 5, 20), "Foreign", "Policía Federal")],
};

interface TableJson {
  sheet: string;
  lines: { key: string; quarter: number; cumulative: number }[];
  medianDaysToRespond?: { quarter: number | null; cumulative: number | null };
  openAtPeriodEnd?: number;
  findings: unknown[];
}

function sumLines(tables: TableJson[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const t of tables)
    for (const l of t.lines) {
      const [q, c] = out[l.key] ?? [0, 0];
      out[l.key] = [q + l.quarter, c + l.cumulative];
    }
  return out;
}
const linesOf = (t: TableJson): Record<string, [number, number]> => sumLines([t]);

describe("tips consolidate with the leads, materials and media tables", () => {
  let national: string;
  let consolidated: Record<string, unknown>;
  let offices: Record<string, Record<string, TableJson>>;
  let code: number;

  beforeAll(async () => {
    const files = {
      houston: await office("houston.xlsx", HOUSTON),
      miami: await office("miami.xlsx", MIAMI),
      denver: await office("denver.xlsx", DENVER),
      mexico: await office("mexico.xlsx", MEXICO),
    };
    offices = {};
    for (const [k, f] of Object.entries(files))
      offices[k] = JSON.parse((await tips("report", f, "--json")).out);
    national = join(dir, "national.xlsx");
    const r = await tips(
      "consolidate",
      ...Object.values(files),
      "--period",
      "FY2007 Q3",
      "--out",
      national,
      "--json"
    );
    code = r.code;
    consolidated = JSON.parse(r.out);
  });

  test("a return whose leads table has an error is invalid, and says where", () => {
    expect(code).toBe(1);
    const statuses = consolidated.offices as { office: string; status: string }[];
    expect(statuses.map((s) => [s.office, s.status])).toEqual([
      ["Attaché Mexico City", "received"],
      ["SAC Denver", "invalid"],
      ["SAC Houston", "received"],
      ["SAC Miami", "received"],
    ]);
    expect(consolidated.notes).toContainEqual(
      expect.stringMatching(
        /denver\.xlsx: its leads, materials or media tables have 1 error: its rows are not counted/
      )
    );
    expect(consolidated.notes).toContainEqual(
      expect.stringMatching(/denver\.xlsx: row 4, Source \(B4\): Source "Neighbour" is not one of/)
    );
  });

  test("--json: the national figures are the counted offices' sums, the median from the combined rows", () => {
    const leads = consolidated.leads as TableJson;
    const materials = consolidated.materials as TableJson;
    const media = consolidated.media as TableJson;
    expect(leads.sheet).toBe("Combined Leads");
    expect(linesOf(leads)).toEqual(sumLines([offices.houston.leads, offices.miami.leads]));
    expect(linesOf(materials)).toEqual(
      sumLines([offices.houston.materials, offices.miami.materials])
    );
    expect(linesOf(media)).toEqual(linesOf(offices.houston.media));
    // Houston waited 4 and 8 days (median 6), Miami 20 and 2 (median 11): the combined rows
    // 2, 4, 8, 20 give 6, not the offices' mean 8.5.
    expect(offices.houston.leads.medianDaysToRespond).toEqual({ quarter: 6, cumulative: 6 });
    expect(offices.miami.leads.medianDaysToRespond).toEqual({ quarter: 11, cumulative: 11 });
    expect(leads.medianDaysToRespond).toEqual({ quarter: 6, cumulative: 6 });
    expect(leads.openAtPeriodEnd).toBe(1);
    expect(linesOf(leads)["leads.total"]).toEqual([5, 5]);
    // Safe Harbor (Houston's log) and Casa Esperanza (Miami's); Metro PD is Houston's, not Miami's.
    expect(linesOf(leads)["leads.fromOutreachPartners"]).toEqual([2, 2]);
    expect(linesOf(materials)["materials.walletCard"]).toEqual([150, 150]);
    expect(linesOf(materials)["materials.brochure"]).toEqual([0, 20]);
  });

  test("tips report on the national workbook gives the same national figures again", async () => {
    const r = await tips("report", national, "--json");
    expect(r.code).toBe(0);
    const again = JSON.parse(r.out);
    expect(again.office).toBe("National");
    for (const t of ["leads", "materials", "media"] as const) {
      const was = consolidated[t] as TableJson;
      expect(again[t].sheet).toBe(COMBINED_TABLE_SHEETS[t]);
      expect(again[t].lines).toEqual(was.lines);
    }
    expect(again.leads.medianDaysToRespond).toEqual({ quarter: 6, cumulative: 6 });
    expect(again.leads.openAtPeriodEnd).toBe(1);
    // And the text report shows the blocks.
    const text = (await tips("report", national)).out;
    expect(text).toMatch(/Victim Leads\n(.*\n)* {2}Total\s+5\s+5/);
    expect(text).toMatch(/Median days to respond\s+6\s+6/);
  });

  test("the combined sheets: Excel tables with the office headers plus Office, Source File, Source Row, LES/FOUO, landscape with print titles", async () => {
    const bytes = new Uint8Array(readFileSync(national));
    const book = XlsxAdapter.fromBytes(bytes);
    const names = await book.sheetNames();
    for (const sheet of Object.values(COMBINED_TABLE_SHEETS)) expect(names).toContain(sheet);
    const tables = await book.tables();
    const found = await findOptionalTables(book);
    for (const t of ["leads", "materials", "media"] as const) {
      const sheet = COMBINED_TABLE_SHEETS[t];
      const table = tables.find((x) => x.sheet === sheet)!;
      expect(table).toBeDefined();
      expect(found[t]!.sheet).toBe(sheet);
      expect(found[t]!.grid.values[0]).toEqual(COMBINED_TABLE_HEADERS[t]);
      const xml = sheetXml(bytes, sheet);
      expect(xml).toContain(LES_MARKING);
      expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
      expect(xml).not.toMatch(/<f[ >]/);
    }
    const workbook = packageParts(bytes)["xl/workbook.xml"];
    expect(workbook).toMatch(/_xlnm\.Print_Titles[^>]*>'?Combined Leads'?!\$3:\$3</);
  });

  testRequiring(hasLibreOffice(), NEEDS_LIBREOFFICE)(
    "LibreOffice reads back every counted row with its office and source row, the formula-like note as text",
    async () => {
      const sheets = await readCsvSheetsWithLibreOffice(national);
      const leads = sheets[COMBINED_TABLE_SHEETS.leads];
      const header = leads.findIndex((r) => r[0] === "Date Received");
      expect(leads[header]).toEqual([...COMBINED_TABLE_HEADERS.leads]);
      const rows = leads.slice(header + 1).filter((r) => r.some((c) => c !== ""));
      const col = (name: string) => COMBINED_TABLE_HEADERS.leads.indexOf(name);
      expect(rows.map((r) => r[col("Office")])).toEqual([
        "SAC Houston",
        "SAC Houston",
        "SAC Houston",
        "SAC Miami",
        "SAC Miami",
      ]);
      // The note is the office's text, never run: LibreOffice recalculates formulas on load.
      const nhtrc = rows.find((r) => r[col("Referring Agency")] === "NHTRC")!;
      expect(nhtrc[col("Notes")]).toBe(INJECTION);
      expect(rows.flat()).not.toContain("click me");
      expect(nhtrc[col("Source")]).toBe("DHS/DOJ/HHS Tip Line");
      // Its source row is where the office typed it.
      const houston = await findOptionalTables(
        XlsxAdapter.fromBytes(new Uint8Array(readFileSync(join(dir, "houston.xlsx"))))
      );
      const top = houston.leads!.grid.top!;
      expect(Number(nhtrc[col("Source Row")])).toBe(top + 2);
      expect(nhtrc[col("Source File")]).toMatch(/houston\.xlsx$/);
      const materials = sheets[COMBINED_TABLE_SHEETS.materials];
      expect(materials.flat()).toContain("Casa Esperanza");
      // Denver (invalid) and Mexico City (no tables) left nothing on the combined sheets.
      for (const s of Object.values(COMBINED_TABLE_SHEETS)) {
        const cells = sheets[s].flat();
        expect(cells).not.toContain("SAC Denver");
        expect(cells).not.toContain("Attaché Mexico City");
      }
    },
    120_000
  );
});
