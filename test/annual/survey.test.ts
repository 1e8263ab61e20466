/**
 * The office's annual assessment: the sheet tips init and Set up create, the computed answers
 * (equal to the log's and the tables' figures, filled only into the add-in's cells), the typed
 * answers found under label variants, and a finding naming the cell for a bad answer.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ASSESSMENT_SHEET,
  QUESTION,
  QUESTIONS,
  computedAnswers,
  readSurvey,
  surveyQuestions,
} from "../../src/core/assessment";
import { CellValue } from "../../src/core/log";
import { parsePeriod } from "../../src/core/period";
import { readLog } from "../../src/core/log";
import { loadTables } from "../../src/app/tables";
import { fillSurvey, findSurvey } from "../../src/app/survey";
import { setUpWorkbook } from "../../src/app/setup";
import { run } from "../../src/cli/main";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { logSheet } from "../../src/workbook/seed-layout";
import { LES_MARKING } from "../../src/workbook/sheet-spec";
import { leFollow, leNew, ngoNew, serial, training } from "../consolidate/builders";
import { sheetXml } from "../consolidate/workbooks";
import { STRICT, officeBook } from "./workbooks";

const Q4 = parsePeriod("FY2007 Q4");
const Q2 = parsePeriod("FY2007 Q2");

const ROWS = [
  ngoNew(serial(2006, 10, 5), "Houston Shelter"),
  ngoNew(serial(2007, 1, 9), "houston  shelter"), // the same agency, spelled otherwise
  ngoNew(serial(2007, 2, 1), "Casa Refugio"),
  ngoNew(serial(2006, 9, 29), "Old Year Shelter"), // FY2006: not this year's
  leNew(serial(2006, 11, 2), "State", "Texas DPS"),
  leFollow(serial(2007, 3, 3), "Local", "Houston PD"),
  leFollow(serial(2007, 4, 3), "Local", "Pasadena PD"),
  training(serial(2007, 5, 10), "NGO", [2, 3, 40]),
  training(serial(2007, 8, 10), "Law Enforcement", [1, 1, 25], "FBI Houston"),
];
const MATERIALS = [
  [serial(2007, 1, 9), "houston shelter", "Wallet Card", "Spanish", 200],
  [serial(2007, 2, 1), "Casa Refugio", "Wallet Card", "English", 50],
  [serial(2007, 2, 1), "Casa Refugio", "Brochure", null, 30],
  [serial(2007, 5, 10), "Training Host", "Roll Call DVD", null, 4],
];
const LEADS = [
  [serial(2007, 2, 3), "NGO", "Casa Refugio", "Interview Request", serial(2007, 2, 4), "Y", null],
  [serial(2007, 6, 3), "Tip Line", "DHS Tip Line", "Victim Information", null, "N", null],
  [serial(2007, 7, 3), "State/Local Law Enforcement", "Houston PD", "Other Lead", null, "Y", null],
];

async function answerCells(book: XlsxAdapter): Promise<Map<string, CellValue>> {
  const grid = (await findSurvey(book))!;
  return new Map(grid.values.map((r) => [String(r[0]), r[1] ?? null]));
}

describe("the Annual Assessment sheet", () => {
  test("tips init creates it for the fiscal year: marked, one page wide, Y/N drop-downs, the Attaché questions for an Attaché", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tips-survey-"));
    const file = join(dir, "attache.xlsx");
    const out: string[] = [];
    const code = await run(
      ["init", file, "--office", "Attaché Mexico City", "--period", "FY2008 Q1"],
      (l) => out.push(l),
      (l) => out.push(l)
    );
    expect(code).toBe(0);
    const bytes = readFileSync(file);
    const book = XlsxAdapter.fromBytes(bytes);
    expect(await book.sheetNames()).toContain(ASSESSMENT_SHEET);
    const cells = await answerCells(book);
    expect(cells.has("Annual Assessment, FY2008")).toBe(true);
    expect(cells.has(LES_MARKING)).toBe(true);
    for (const q of QUESTIONS) expect(cells.has(q.label)).toBe(true);
    const xml = sheetXml(bytes, ASSESSMENT_SHEET);
    expect(xml).toContain(LES_MARKING); // the header and footer
    expect(xml).toMatch(/fitToWidth="1"/);
    expect(xml).toMatch(/<dataValidation\b[^>]*sqref="B\d+"/);
    expect(spawnSync("python3", [STRICT, file], { encoding: "utf8" }).status).toBe(0);
    // A SAC office is not asked the Attaché questions.
    expect(surveyQuestions("SAC Houston").some((q) => q.section === "attache")).toBe(false);
  });

  test("Set up adds it to a workbook that has none, once", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet(logSheet([]));
    const first = await setUpWorkbook(book, { office: "SAC Houston", period: Q4 });
    expect(first.added).toContain(ASSESSMENT_SHEET);
    const again = await setUpWorkbook(book, {});
    expect(again.added).toEqual([]);
  });
});

describe("computed answers", () => {
  test("from the log: distinct NGOs, distinct LE agencies by level, training events and attendance in the fiscal year", () => {
    const log = readLog({
      values: [
        [
          "Date",
          "Sector",
          "Level",
          "Activity",
          "Agency",
          "POC Name",
          "POC Title",
          "Number of Presentations",
          "Number of Agencies",
          "Members in Attendance",
          "Content",
          "Significant",
        ],
        ...ROWS,
      ],
      top: 1,
      left: 1,
    } as never);
    const a = computedAnswers(log.entries, Q4, {});
    // Houston Shelter (twice, spelled otherwise), Casa Refugio, the NGO training host.
    expect(a["assessment.ngosContacted"]).toBe(3);
    expect(a["assessment.leAgencies.local"]).toBe(2);
    expect(a["assessment.leAgencies.state"]).toBe(1);
    expect(a["assessment.leAgencies.federal"]).toBe(1); // the LE training's host
    expect(a["assessment.trainingEvents"]).toBe(2);
    expect(a["assessment.trainingAttendees"]).toBe(65);
    // Through Q2 only: the spring and summer rows are not yet in.
    const q2 = computedAnswers(log.entries, Q2, {});
    expect([q2["assessment.trainingEvents"], q2["assessment.leAgencies.local"]]).toEqual([0, 1]);
    // Without the tables, their answers are absent, not 0.
    expect(a["materials.walletCard.spanish"]).toBeUndefined();
  });

  test("fill writes the tables' figures into the computed cells and leaves every typed answer as typed", async () => {
    const book = await officeBook({
      office: "SAC Houston",
      period: Q4,
      rows: ROWS,
      materials: MATERIALS,
      leads: LEADS,
      answers: { "assessment.usaoTaskForce": "y", "assessment.meetings": 12 },
    });
    const cells = await answerCells(book);
    const log = (await import("../../src/app/quarterly")).loadQuarterly;
    const q = await log(book, { period: "FY2007 Q4" });
    const { analysis } = await loadTables(book, { period: Q4, log: q.report.log.entries });
    const tableFigure = (key: string): number =>
      ({ ...analysis.materials!.figures!.cumulative, ...analysis.leads!.figures!.cumulative })[
        key as never
      ];
    for (const question of QUESTIONS.filter((x) => x.from === "materials" || x.from === "leads")) {
      expect([question.key, cells.get(question.label)]).toEqual([
        question.key,
        tableFigure(question.key),
      ]);
    }
    expect(cells.get(QUESTION["materials.walletCard.spanish"].label)).toBe(200);
    expect(cells.get(QUESTION["leads.casesOpened"].label)).toBe(2);
    expect(cells.get(QUESTION["assessment.ngosContacted"].label)).toBe(3);
    // The office's typed answers, untouched by the fill.
    expect(cells.get(QUESTION["assessment.usaoTaskForce"].label)).toBe("y");
    expect(cells.get(QUESTION["assessment.meetings"].label)).toBe(12);
    // No media canvass: its answer is blank.
    expect(cells.get(QUESTION["media.sentToHq"].label) ?? null).toBeNull();
    // Filling again changes nothing.
    const before = JSON.stringify([...cells]);
    await fillSurvey(book, Q4, q.report.log.entries);
    expect(JSON.stringify([...(await answerCells(book))])).toBe(before);
  });
});

describe("typed answers", () => {
  const grid = (rows: CellValue[][]) => ({ sheet: "My Survey", values: rows, top: 4, left: 2 });

  test("found under label variants: case, spacing, leading numbering, without (Y/N); the answer to the right", () => {
    const s = readSurvey(
      grid([
        ["Coordination", null],
        ["1.  MEMBER of a u.s. attorney-led   human trafficking task force", "Yes"],
        ["2) member of a BJA-funded state or local task force (y/n)", "n"],
        ["3. Dedicated points  of contact established", "1,200"],
        ["   periodic coordination meetings held ", 7],
        ["Long-term partnerships (agreements or standing arrangements)", null],
        ["JOINT INVESTIGATIONS with partner agencies", 1], // not a label: too short to be sure
        ["Host-government trainings provided", null],
      ])
    );
    expect(s.typed).toEqual({
      "assessment.usaoTaskForce": 1,
      "assessment.bjaTaskForce": 0,
      "assessment.pointsOfContact": 1200,
      "assessment.meetings": 7,
    });
    expect(s.unanswered).toEqual(["assessment.partnerships", "assessment.hostGovernmentTrainings"]);
    // Without its parenthesis, or by its key, a question is still found.
    const short = readSurvey(
      grid([
        ["Long-term partnerships", 3],
        ["assessment.ilea", "Y"],
      ])
    );
    expect(short.typed).toEqual({ "assessment.partnerships": 3, "assessment.ilea": 1 });
    expect(s.findings).toEqual([]);
    // Row and column of the answer cell, from the grid's position on the sheet.
    const usao = s.found.find((f) => f.key === "assessment.usaoTaskForce")!;
    expect([usao.row, usao.labelCol, usao.answerCol]).toEqual([5, 2, 3]);
  });

  test("bad answers give findings with sheet, row, column and code, and are left out", () => {
    const s = readSurvey(
      grid([
        ["Member of a U.S. Attorney-led human trafficking task force (Y/N)", "maybe"],
        ["Agencies with a protocol for information exchange and lead dissemination", -2],
        ["Dedicated points of contact established", 2.5],
        ["Periodic coordination meetings held", "lots"],
        ["Host-government trainings provided", 3],
      ])
    );
    expect(s.typed).toEqual({ "assessment.hostGovernmentTrainings": 3 });
    expect(s.findings.map((f) => [f.sheet, f.row, f.column, f.cell, f.code])).toEqual([
      ["My Survey", 4, "C", "C4", "answer-not-yes-no"],
      ["My Survey", 5, "C", "C5", "count-negative"],
      ["My Survey", 6, "C", "C6", "count-not-whole"],
      ["My Survey", 7, "C", "C7", "count-not-number"],
    ]);
    expect(s.findings.every((f) => f.severity === "error")).toBe(true);
    expect(s.findings[0].message).toContain('"maybe" is not Y or N');
  });
});
