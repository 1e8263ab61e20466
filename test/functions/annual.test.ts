/**
 * =TIPS.ANNUAL(log, [fy]): the year's 15 chart lines, each the fiscal-year cumulative of Q4 (the
 * latest quarter the log reaches), the same figures `tips report` gives for Q4 and `tips annual`
 * takes for a complete office.
 */
import { excelError } from "./custom-functions-mock";
import { LINE_KEYS } from "../../src/core/chart";
import { parsePeriod } from "../../src/core/period";
import { analyze } from "../../src/core/report";
import { annual, logCache, workbook } from "../../src/functions/functions";
import { READABLE_LINE_NAMES } from "../../src/functions/arguments";
import { ASSUMED_FACTS } from "../../src/functions/workbook-facts";
import { logRange, serial1900 } from "./fixtures";

beforeEach(() => {
  logCache.clear();
  workbook.learn(ASSUMED_FACTS);
});

const q4 = (fy: number) =>
  analyze({ log: { values: logRange(), header: "required" }, period: parsePeriod(`FY${fy} Q4`) })
    .figures.cumulative;

describe("TIPS.ANNUAL", () => {
  test("spills the 15 lines by name with the Q4 cumulative, whatever notation names the year", () => {
    const expected = LINE_KEYS.map((k, i) => [READABLE_LINE_NAMES[i], q4(2007)[k]]);
    for (const fy of ["FY2007", "fy07", 2007, "2007", "FY2007 Q2", serial1900(2007, 3, 1)]) {
      expect([fy, annual(logRange(), fy)]).toEqual([fy, expected]);
    }
    expect(expected.some(([, n]) => (n as number) > 0)).toBe(true);
  });

  test("without a year: the fiscal year of the log's latest row", () => {
    const rows = logRange();
    const latest = Math.max(...rows.slice(1).map((r) => (typeof r[0] === "number" ? r[0] : 0)));
    const fy = parsePeriod(latest).fiscalYear;
    expect(annual(logRange())).toEqual(
      LINE_KEYS.map((k, i) => [READABLE_LINE_NAMES[i], q4(fy)[k]])
    );
  });

  test("a year that is not one is #VALUE! saying how to write it", () => {
    const e = excelError(() => annual(logRange(), "next year"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/not a fiscal year: write it as FY2007/);
  });
});
