/**
 * TIPS.LEADS, TIPS.MATERIALS and TIPS.MEDIA called as Excel calls them (a fresh copy of each range,
 * blanks as null / "" / 0, serial dates), against the engine's analyzeTables on the same cells:
 * the spill is the report's block, label, Quarter, Cumulative.
 */
import { ExcelError, excelError } from "./custom-functions-mock";
import { LEAD_LINES, MEDIAN_DAYS_LABEL, OPEN_AT_END_LABEL } from "../../src/core/leads";
import { MATERIAL_LINES } from "../../src/core/materials";
import { MEDIA_LINES } from "../../src/core/media";
import {
  leads,
  logCache,
  materials,
  media,
  tableCache,
  workbook,
} from "../../src/functions/functions";
import { ASSUMED_FACTS } from "../../src/functions/workbook-facts";
import {
  Blanks,
  engineTables,
  leadsLog,
  leadsRange,
  materialsRange,
  mediaRange,
} from "./table-fixtures";

beforeEach(() => {
  logCache.clear();
  tableCache.clear();
  workbook.learn(ASSUMED_FACTS);
});

const BLANKS: Blanks[] = ["null", "empty", "zero"];

describe("TIPS.LEADS", () => {
  test.each(["FY2007 Q2", "FY2007 Q3"])("spills the engine's leads block, %s", (period) => {
    const f = engineTables(period).leads!.figures!;
    const expected = [
      ...LEAD_LINES.map((l) => [l.label, f.quarter[l.key], f.cumulative[l.key]]),
      [
        MEDIAN_DAYS_LABEL,
        f.medianDaysToRespond.quarter ?? "",
        f.medianDaysToRespond.cumulative ?? "",
      ],
      [OPEN_AT_END_LABEL, f.openAtPeriodEnd, ""],
    ];
    for (const b of BLANKS) expect(leads(leadsRange(b), leadsLog(), period)).toEqual(expected);
  });

  test("the block's figures, FY2007 Q3: the invalid lead not counted, the median of 4, 8, 20 (and 2)", () => {
    const rows = leads(leadsRange(), leadsLog(), "FY07 Q3");
    const line = (label: string) => rows.find((r) => r[0] === label)!.slice(1);
    expect(rows).toHaveLength(LEAD_LINES.length + 2);
    expect(line("Total")).toEqual([4, 6]);
    expect(line("NGO")).toEqual([1, 2]);
    expect(line("Responded to")).toEqual([3, 4]);
    // Safe Harbor reached 3/1, its lead came 4/10 (the one of 2/5 came before); Metro PD 4/12, 6/3.
    expect(line("From outreach partners")).toEqual([2, 2]);
    expect(line(MEDIAN_DAYS_LABEL)).toEqual([8, 6]);
    expect(line(OPEN_AT_END_LABEL)).toEqual([2, ""]);
  });

  test("without the log (an omitted argument is null) no lead is from an outreach partner", () => {
    const rows = leads(leadsRange(), null as never, "FY2007 Q3");
    expect(rows.find((r) => r[0] === "From outreach partners")).toEqual([
      "From outreach partners",
      0,
      0,
    ]);
    expect(rows.find((r) => r[0] === "Total")).toEqual(["Total", 4, 6]);
  });

  test("no response by the period's end: the median is blank, never 0", () => {
    const rows = leads(leadsRange(), leadsLog(), "FY2006 Q4");
    expect(rows.find((r) => r[0] === MEDIAN_DAYS_LABEL)).toEqual([MEDIAN_DAYS_LABEL, "", ""]);
  });

  test("a fresh copy of the same cells is parsed once; other cells again", () => {
    leads(leadsRange(), leadsLog(), "FY2007 Q3");
    leads(leadsRange(), leadsLog(), "FY2007 Q2");
    expect([tableCache.parses, tableCache.hits]).toEqual([1, 1]);
    const changed = leadsRange();
    changed[1][2] = "Other Shelter";
    leads(changed, leadsLog(), "FY2007 Q3");
    expect(tableCache.parses).toBe(2);
  });

  test("wrong arguments are #VALUE! with what to fix", () => {
    const cases: [() => unknown, RegExp][] = [
      [() => leads(leadsRange(), leadsLog(), null), /^The period is missing: write it as/],
      [() => leads(leadsRange(), null as never, "next quarter"), /is not a reporting period/],
      [
        () =>
          leads(
            leadsRange().map((r) => r.slice(1)),
            null as never,
            "FY2007 Q3"
          ),
        /^The Victim Leads table's header row \(row 1\) has no "Date Received" column/,
      ],
      [() => leads([[null, ""]], null as never, "FY2007 Q3"), /^The Victim Leads range is empty/],
      [() => leads("A1" as never, null as never, "FY2007 Q3"), /must be a range of cells/],
    ];
    for (const [call, message] of cases) {
      const e: ExcelError = excelError(call);
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toMatch(message);
    }
  });
});

describe("TIPS.MATERIALS and TIPS.MEDIA", () => {
  test.each(["FY2007 Q2", "FY2007 Q3"])("spill the engine's blocks, %s", (period) => {
    const a = engineTables(period);
    const m = a.materials!.figures!;
    const d = a.media!.figures!;
    for (const b of BLANKS) {
      expect(materials(materialsRange(b), period)).toEqual(
        MATERIAL_LINES.map((l) => [l.label, m.quarter[l.key], m.cumulative[l.key]])
      );
      expect(media(mediaRange(b), period)).toEqual(
        MEDIA_LINES.map((l) => [l.label, d.quarter[l.key], d.cumulative[l.key]])
      );
    }
  });

  test("their figures, FY2007 Q3: quantities summed, the wallet card without a language not counted", () => {
    const rows = materials(materialsRange(), "FY2007 Q3");
    const line = (label: string) => rows.find((r) => r[0] === label)!.slice(1);
    expect(line("Wallet cards, all languages")).toEqual([140, 140]);
    expect(line("Wallet cards, Spanish")).toEqual([100, 100]);
    expect(line("Brochures")).toEqual([0, 20]);
    const ads = media(mediaRange(), "FY2007 Q3");
    expect(ads.find((r) => r[0] === "Total")).toEqual(["Total", 2, 3]);
  });

  test("a missing period is #VALUE!, as in TIPS.QUARTER", () => {
    expect(excelError(() => materials(materialsRange(), null)).message).toMatch(
      /^The period is missing/
    );
    expect(excelError(() => media(mediaRange(), undefined)).code).toBe("#VALUE!");
  });
});
