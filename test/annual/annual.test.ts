/**
 * HQ's year: statuses (complete, partial, superseded, missing, other fiscal year, damaged, not a
 * return), national figures (Y/N answers count the offices answering Y, counts add up), the
 * baseline chain (a year against its own annual workbook: zero change; against last year's:
 * the differences), percent blank when the baseline is 0, and the annual workbook as written:
 * strict, its chart part, the marking on every sheet, and LibreOffice's reading of it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { ANNUAL_KEYS, AnnualReport } from "../../src/core/annual";
import { LINE_KEYS } from "../../src/core/chart";
import { change } from "../../src/core/assessment";
import { parsePeriod } from "../../src/core/period";
import { ANNUAL_SHEETS, annualFiles, annualWorkbook, readBaseline } from "../../src/app/annual";
import { ReturnedFile } from "../../src/app/consolidate";
import { run } from "../../src/cli/main";
import { LES_MARKING } from "../../src/workbook/sheet-spec";
import {
  convertWithLibreOffice,
  hasLibreOffice,
  readCsvSheetsWithLibreOffice,
} from "../helpers/libreoffice";
import { NEEDS_LIBREOFFICE, testRequiring } from "../helpers/requires";
import { leFollow, ngoNew, serial, training } from "../consolidate/builders";
import { sheetXml } from "../consolidate/workbooks";
import { STRICT, officeWorkbook } from "./workbooks";

const FY07 = 2007;
const p = (s: string) => parsePeriod(s);
const file = (name: string, bytes: Uint8Array, modified = 1_000): ReturnedFile => ({
  name,
  bytes,
  modified,
});

const HOUSTON_ROWS = [
  ngoNew(serial(2006, 10, 5), "Houston Shelter"),
  ngoNew(serial(2007, 8, 9), "Casa Refugio"),
  training(serial(2007, 9, 10), "NGO", [1, 2, 30]),
];
const MIAMI_ROWS = [ngoNew(serial(2006, 12, 5), "Miami Shelter"), leFollow(serial(2007, 2, 2))];

/** The year's returns: Houston complete (sent twice), Miami partial (Q2 and Q3), Boston's
 * FY2006 return, a damaged file, a text file; Denver on the roster sends nothing. */
async function fy2007Files(): Promise<ReturnedFile[]> {
  const houstonOld = await officeWorkbook({
    office: "SAC Houston",
    period: p("FY2007 Q4"),
    rows: HOUSTON_ROWS.slice(0, 1),
    answers: { "assessment.usaoTaskForce": "N", "assessment.meetings": 1 },
    submitted: "2007-10-10T10:00:00Z",
  });
  const houston = await officeWorkbook({
    office: "SAC Houston",
    period: p("FY2007 Q4"),
    rows: HOUSTON_ROWS,
    answers: {
      "assessment.usaoTaskForce": "Y",
      "assessment.meetings": 6,
      "assessment.protocols": 2,
    },
    submitted: "2007-10-20T10:00:00Z",
  });
  const miamiQ2 = await officeWorkbook({
    office: "SAC Miami",
    period: p("FY2007 Q2"),
    rows: MIAMI_ROWS,
  });
  const miamiQ3 = await officeWorkbook({
    office: "SAC Miami",
    period: p("FY2007 Q3"),
    rows: MIAMI_ROWS,
    answers: {
      "assessment.usaoTaskForce": "yes",
      "assessment.meetings": 4,
      "assessment.bjaTaskForce": "maybe",
    },
  });
  const boston = await officeWorkbook({
    office: "SAC Boston",
    period: p("FY2006 Q4"),
    rows: [ngoNew(serial(2006, 5, 5))],
  });
  const damaged = houston.slice(0, Math.floor(houston.length / 2));
  return [
    file("houston-old.xlsx", houstonOld),
    file("houston.xlsx", houston),
    file("miami-q2.xlsx", miamiQ2),
    file("miami-q3.xlsx", miamiQ3),
    file("boston.xlsx", boston),
    file("damaged.xlsx", damaged),
    file("notes.xlsx", new TextEncoder().encode("not a workbook at all")),
  ];
}

const ROSTER = ["SAC Houston", "SAC Miami", "SAC Denver"];
const national = (a: AnnualReport, key: string) => a.national.find((l) => l.key === key)!;
const office = (a: AnnualReport, name: string) => a.offices.find((o) => o.office === name)!;
const line = (a: AnnualReport, name: string, key: string) =>
  office(a, name).lines.find((l) => l.key === key)!;

let year: AnnualReport;
beforeAll(async () => {
  year = await annualFiles(FY07, await fy2007Files(), { roster: ROSTER });
});

describe("statuses", () => {
  test("each file and each roster office gets one, with the reason", () => {
    const byFile = Object.fromEntries(year.files.map((f) => [f.file ?? f.office, f.status]));
    expect(byFile).toEqual({
      "houston.xlsx": "complete",
      "houston-old.xlsx": "superseded",
      "miami-q3.xlsx": "partial",
      "miami-q2.xlsx": "superseded",
      "boston.xlsx": "other-fiscal-year",
      "damaged.xlsx": "invalid",
      "notes.xlsx": "not-a-return",
      "SAC Denver": "missing",
    });
    const reason = (f: string) => year.files.find((x) => x.file === f)!.reason;
    expect(reason("boston.xlsx")).toContain("FY2006 Q4");
    expect(reason("miami-q3.xlsx")).toContain("FY2007 Q3");
    expect(reason("damaged.xlsx")).not.toBe("");
    expect(office(year, "SAC Miami")).toMatchObject({ status: "partial", quarter: 3 });
    expect(office(year, "SAC Houston")).toMatchObject({
      status: "complete",
      quarter: 4,
      file: "houston.xlsx",
    });
    expect(office(year, "SAC Denver").status).toBe("missing");
    expect(office(year, "SAC Boston").status).toBe("other-fiscal-year");
  });

  test("an office's year is the cumulative of the latest quarter it reached", () => {
    expect(line(year, "SAC Houston", "ngo.newContact").fy).toBe(2);
    expect(line(year, "SAC Houston", "ngo.training.attendees").fy).toBe(30);
    expect(line(year, "SAC Miami", "ngo.newContact").fy).toBe(1);
    expect(line(year, "SAC Miami", "le.local").fy).toBe(1);
    expect(line(year, "SAC Denver", "ngo.newContact").fy).toBeNull();
  });
});

describe("national", () => {
  test("chart lines add up over the counted offices only", () => {
    for (const key of LINE_KEYS) {
      const sum = ["SAC Houston", "SAC Miami"].reduce(
        (n, o) => n + (line(year, o, key).fy ?? 0),
        0
      );
      expect([key, national(year, key).fy]).toEqual([key, sum]);
    }
    expect(national(year, "ngo.newContact").fy).toBe(3); // not Boston's, not the old Houston copy
  });

  test("Y/N answers count the offices answering Y; counts add up; a bad answer is left out and said", () => {
    expect(national(year, "assessment.usaoTaskForce").fy).toBe(2);
    expect(national(year, "assessment.meetings").fy).toBe(10);
    expect(national(year, "assessment.bjaTaskForce").fy).toBe(0);
    expect(line(year, "SAC Miami", "assessment.bjaTaskForce").fy).toBeNull();
    expect(office(year, "SAC Miami").notes.join(" ")).toMatch(/"maybe" is not Y or N/);
    expect(office(year, "SAC Houston").surveyAnswered).toBe(true);
    expect(office(year, "SAC Denver").surveyAnswered).toBe(false);
  });
});

describe("the baseline", () => {
  test("percent change is blank when the baseline is 0 or missing", () => {
    expect(change(5, 0)).toEqual({ absolute: 5, percent: null });
    expect(change(0, 0)).toEqual({ absolute: 0, percent: null });
    expect(change(5, null)).toEqual({ absolute: null, percent: null });
    expect(change(3, 2)).toEqual({ absolute: 1, percent: 50 });
    expect(change(1, 3)).toEqual({ absolute: -2, percent: -66.7 });
  });

  test("a year against its own annual workbook shows zero change everywhere", async () => {
    const baseline = await readBaseline(await annualWorkbook(year), "a2007.xlsx");
    expect(baseline.fiscalYear).toBe(FY07);
    const again = await annualFiles(FY07, await fy2007Files(), { roster: ROSTER, baseline });
    expect(again.baseline).toEqual({ fiscalYear: FY07, file: "a2007.xlsx" });
    expect(again.national.map((l) => l.key)).toEqual(ANNUAL_KEYS);
    for (const l of again.national) {
      expect([l.key, l.baseline, l.change.absolute]).toEqual([l.key, l.fy, 0]);
      if (l.fy !== 0) expect([l.key, l.change.percent]).toEqual([l.key, 0]);
    }
    for (const o of again.offices) {
      for (const l of o.lines) {
        expect([o.office, l.key, l.baseline]).toEqual([o.office, l.key, l.fy]);
        if (l.fy !== null)
          expect([o.office, l.key, l.change.absolute]).toEqual([o.office, l.key, 0]);
      }
    }
  });

  test("next year against this year's annual workbook: the differences, per office and national", async () => {
    const baseline = await readBaseline(await annualWorkbook(year));
    const next = await annualFiles(
      2008,
      [
        file(
          "houston-2008.xlsx",
          await officeWorkbook({
            office: "SAC Houston",
            period: p("FY2008 Q4"),
            rows: [
              ngoNew(serial(2008, 1, 5)),
              ngoNew(serial(2008, 2, 5), "B"),
              ngoNew(serial(2008, 3, 5), "C"),
            ],
            answers: { "assessment.meetings": 9 },
          })
        ),
      ],
      { baseline }
    );
    expect(national(next, "ngo.newContact")).toEqual({
      key: "ngo.newContact",
      fy: 3,
      baseline: 3,
      change: { absolute: 0, percent: 0 },
    });
    expect(line(next, "SAC Houston", "ngo.newContact")).toMatchObject({
      fy: 3,
      baseline: 2,
      change: { absolute: 1, percent: 50 },
    });
    expect(line(next, "SAC Houston", "assessment.meetings")).toMatchObject({
      fy: 9,
      baseline: 6,
      change: { absolute: 3, percent: 50 },
    });
    // A baseline of 0: the change, and no percent.
    expect(line(next, "SAC Houston", "le.local")).toMatchObject({
      fy: 0,
      baseline: 0,
      change: { absolute: 0, percent: null },
    });
    // Miami is in the baseline but sent nothing this year (no roster): not listed.
    expect(next.offices.map((o) => o.office)).toEqual(["SAC Houston"]);
  });

  test("a file that is not an annual workbook is refused as the baseline, saying why", async () => {
    const returnBytes = await officeWorkbook({
      office: "SAC Houston",
      period: p("FY2007 Q4"),
      rows: [],
    });
    await expect(readBaseline(returnBytes)).rejects.toThrow(/not an annual workbook/);
  });
});

describe("the annual workbook", () => {
  let dir: string;
  let path: string;
  let bytes: Uint8Array;
  beforeAll(async () => {
    const baseline = await readBaseline(await annualWorkbook(year));
    bytes = await annualWorkbook(
      await annualFiles(FY07, await fy2007Files(), { roster: ROSTER, baseline })
    );
    dir = mkdtempSync(join(tmpdir(), "tips-annual-"));
    path = join(dir, "annual.xlsx");
    writeFileSync(path, bytes);
  });

  test("passes the strict reader; has a clustered bar chart of this year against the baseline", () => {
    const strict = spawnSync("python3", [STRICT, path], { encoding: "utf8" });
    expect(strict.stdout + strict.stderr).toMatch(/0 problems/);
    const parts = unzipSync(bytes);
    const chart = strFromU8(parts["xl/charts/chart1.xml"]);
    expect(chart).toMatch(/<c:barChart><c:barDir val="bar"\/><c:grouping val="clustered"\/>/);
    expect(chart.match(/<c:ser>/g)).toHaveLength(2);
    expect(chart).toContain("'Annual Summary'!$C$4:$C$18");
    expect(chart).toContain("'Annual Summary'!$D$4:$D$18");
    const types = strFromU8(parts["[Content_Types].xml"]);
    expect(types).toContain("drawingml.chart+xml");
    expect(types).toContain("drawing+xml");
    expect(sheetXml(bytes, ANNUAL_SHEETS.summary)).toMatch(/<drawing r:id="rId\d+"\/>/);
  });

  test("every sheet is marked LES/FOUO and prints one page wide", () => {
    for (const sheet of Object.values(ANNUAL_SHEETS)) {
      const xml = sheetXml(bytes, sheet);
      expect([sheet, xml.includes(`<oddHeader>&amp;C&amp;"-,Bold"${LES_MARKING}`)]).toEqual([
        sheet,
        true,
      ]);
      expect([sheet, /fitToWidth="1"/.test(xml)]).toEqual([sheet, true]);
    }
  });

  testRequiring(hasLibreOffice(), NEEDS_LIBREOFFICE)(
    "LibreOffice reads its figures and its chart, and keeps the marking on every sheet",
    async () => {
      const sheets = await readCsvSheetsWithLibreOffice(path);
      expect(Object.keys(sheets).sort()).toEqual(Object.values(ANNUAL_SHEETS).sort());
      const summary = sheets[ANNUAL_SHEETS.summary];
      const row = summary.find((r) => r[0] === "ngo.newContact")!;
      expect(row.slice(2, 6)).toEqual(["3", "3", "0", "0"]);
      for (const s of Object.values(sheets)) expect(s.flat()).toContain(LES_MARKING);
      // Saved again by LibreOffice: the chart survives (it read it as a chart), and so does the
      // marking in every sheet's header.
      const out = join(dir, "lo");
      mkdirSync(out, { recursive: true });
      const again = await convertWithLibreOffice(path, "xlsx", { outDir: out });
      const saved = readFileSync(again);
      const parts = unzipSync(saved);
      const chart = Object.keys(parts).find((k) => /^xl\/charts\/chart\d+\.xml$/.test(k));
      expect(chart).toBeDefined();
      expect(strFromU8(parts[chart!])).toMatch(/<c:barChart>[\s\S]*<c:barDir val="bar"\/>/);
      for (const sheet of Object.values(ANNUAL_SHEETS))
        expect(sheetXml(saved, sheet)).toContain(LES_MARKING);
    },
    180_000
  );
});

describe("tips annual", () => {
  test("writes the workbook and prints the JSON the spec gives; strict about its options", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tips-annual-cli-"));
    const returns = join(dir, "returns");
    mkdirSync(returns);
    for (const f of await fy2007Files()) writeFileSync(join(returns, f.name), f.bytes);
    writeFileSync(join(dir, "roster.csv"), "Office\nSAC Houston\nSAC Miami\nSAC Denver\n");
    const out: string[] = [];
    const err: string[] = [];
    const annualPath = join(dir, "a2007.xlsx");
    const args = [
      returns,
      "--fy",
      "FY2007",
      "--out",
      annualPath,
      "--roster",
      join(dir, "roster.csv"),
    ];
    const code = await run(
      ["annual", ...args, "--json"],
      (l) => out.push(l),
      (l) => err.push(l)
    );
    expect(code).toBe(1); // Denver missing, a damaged file
    const json = JSON.parse(out.join("\n"));
    expect(json.fy).toBe("FY2007");
    expect(json.baseline).toBeNull();
    expect(json.national.lines[0]).toEqual({
      key: "ngo.newContact",
      fy: 3,
      baseline: null,
      change: { absolute: null, percent: null },
    });
    expect(
      json.offices.map((o: { office: string; status: string }) => [o.office, o.status])
    ).toEqual([
      ["SAC Boston", "other-fiscal-year"],
      ["SAC Denver", "missing"],
      ["SAC Houston", "complete"],
      ["SAC Miami", "partial"],
    ]);
    // Next run: this year's workbook as its own baseline.
    out.length = 0;
    const chain = await run(
      [
        "annual",
        ...args.map((a) => (a === annualPath ? join(dir, "again.xlsx") : a)),
        "--baseline",
        annualPath,
        "--json",
      ],
      (l) => out.push(l),
      (l) => err.push(l)
    );
    expect(chain).toBe(1);
    const j2 = JSON.parse(out.join("\n"));
    expect(j2.baseline).toBe("FY2007");
    expect(
      j2.national.lines.every((l: { change: { absolute: number } }) => l.change.absolute === 0)
    ).toBe(true);
    // Options of other commands are refused, not ignored.
    err.length = 0;
    expect(
      await run(
        ["annual", ...args, "--period", "FY2007 Q4"],
        () => {},
        (l) => err.push(l)
      )
    ).toBe(2);
    expect(err.join(" ")).toMatch(/--period is not an option of tips annual/);
    expect(
      await run(
        ["annual", ...args, "--bogus"],
        () => {},
        () => {}
      )
    ).toBe(2);
    expect(
      await run(
        ["annual", returns, "--out", annualPath],
        () => {},
        () => {}
      )
    ).toBe(2);
  }, 120_000);
});
