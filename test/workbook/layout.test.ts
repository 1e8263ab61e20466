import { CHART_LINES, FORM_ROWS, LINE_KEYS } from "../../src/core/chart";
import { CellValue } from "../../src/core/log";
import { HEADERS } from "../core/builders";
import { LayoutError, findChart, findLog } from "../../src/workbook/layout";
import { SheetGrid, WorkbookPort } from "../../src/workbook/port";

/** A report sheet laid out as an office might have it: the chart starting at (top, left). */
function chartGrid(
  top: number,
  left: number,
  relabel: (label: string) => string = (l) => l
): SheetGrid {
  const rows: CellValue[][] = [];
  const put = (r: number, c: number, v: CellValue): void => {
    while (rows.length <= r) rows.push([]);
    rows[r][c] = v;
  };
  put(0, 0, "ICE Human Trafficking Outreach Quarterly Report 04/01/07 to 06/30/07 SAC/Attaché");
  put(1, 0, "Office:");
  put(1, 1, "SAC Houston");
  put(top - 2, left, "Human Trafficking Outreach");
  put(top - 2, left + 1, "Fiscal Year 2007");
  put(top - 1, left + 1, "Quarter");
  put(top - 1, left + 2, "Cumulative");
  FORM_ROWS.forEach((r, i) => {
    put(top + i, left, relabel(r.kind === "heading" ? r.label : r.line.label));
    if (r.kind === "line") {
      put(top + i, left + 1, i);
      put(top + i, left + 2, 100 + i);
    }
  });
  put(top + FORM_ROWS.length + 2, 0, "Significant Outreach Activity");
  put(top + FORM_ROWS.length + 6, 0, "Outreach Activity");
  return {
    sheet: "Report",
    values: rows.map((r) => Array.from(r, (v) => v ?? null)),
    top: 1,
    left: 1,
  };
}

describe("findChart", () => {
  test.each([
    ["the seed's place", 6, 0],
    ["further down and right", 12, 3],
  ])("finds every line by its label at %s", (_, top, left) => {
    const layout = findChart(chartGrid(top, left));
    expect(layout.quarterCol).toBe(left + 2);
    expect(layout.cumulativeCol).toBe(left + 3);
    FORM_ROWS.forEach((r, i) => {
      if (r.kind === "line") expect(layout.lineRows[r.line.key]).toBe(top + i + 1);
    });
    // The two "New Contact" lines are told apart by their section.
    expect(layout.lineRows["ngo.newContact"]).not.toBe(layout.lineRows["le.newContact"]);
    expect(layout.written["ngo.newContact"]).toEqual({ quarter: 1, cumulative: 101 });
    expect(layout.title?.text).toMatch(/04\/01\/07 to 06\/30\/07/);
    expect(layout.office).toEqual({ row: 2, col: 2, text: "SAC Houston" });
    expect(layout.fiscalYear?.text).toBe("Fiscal Year 2007");
    expect(layout.narrative.significant?.row).toBe(top + FORM_ROWS.length + 3);
    expect(layout.narrative.outreach).toBeDefined();
  });

  test.each([
    ["upper case", (l: string) => l.toUpperCase()],
    ["Follow-up", (l: string) => l.replace("Follow Up", "Follow-up")],
    ["numbering dropped", (l: string) => l.replace(/^\d\.\s*/, "")],
    ["numbering added", (l: string) => (/^Number of/.test(l) ? `1) ${l}` : l)],
    ["extra spaces", (l: string) => `  ${l.replace(/ /g, "  ")} `],
  ])("matches labels with %s", (_, relabel) => {
    const layout = findChart(chartGrid(6, 0, relabel));
    expect(Object.keys(layout.lineRows).sort()).toEqual([...LINE_KEYS].sort());
  });

  test("names the missing line and the sheet", () => {
    const grid = chartGrid(6, 0, (l) => (l === "Foreign" ? "Overseas" : l));
    expect(() => findChart(grid)).toThrow(LayoutError);
    expect(() => findChart(grid)).toThrow(/sheet "Report".*Law Enforcement \/ Foreign/);
  });

  test("says when there is no Quarter/Cumulative header at all", () => {
    const grid: SheetGrid = { sheet: "Notes", values: [["hello"]], top: 1, left: 1 };
    expect(() => findChart(grid)).toThrow(/sheet "Notes" has no chart.*Quarter.*Cumulative/);
  });

  test("every line of the spec is on the form exactly once", () => {
    const keys = FORM_ROWS.flatMap((r) => (r.kind === "line" ? [r.line.key] : []));
    expect(keys).toEqual(CHART_LINES.map((l) => l.key));
    expect(FORM_ROWS).toHaveLength(19);
  });
});

/** A port over grids in memory: enough for the finders, which only read. */
function memoryPort(
  sheets: Record<string, CellValue[][]>,
  tables: Awaited<ReturnType<WorkbookPort["tables"]>> = []
): WorkbookPort {
  const unused = (): never => {
    throw new Error("read-only port");
  };
  return {
    date1904: async () => false,
    sheetNames: async () => Object.keys(sheets),
    readSheet: async (sheet) => ({ sheet, values: sheets[sheet], top: 1, left: 1 }),
    tables: async () => tables,
    writeCells: unused,
    shiftRows: unused,
    columnWidth: unused,
    mergeCells: unused,
    setRowHeights: unused,
    namedRanges: unused,
    setNamedRange: unused,
    addSheet: unused,
    appendTableRows: unused,
    getSetting: async () => undefined,
    setSetting: unused,
    markSheets: unused,
  };
}

describe("findLog", () => {
  const header = HEADERS.filter((h) => h !== "Significant"); // the optional column left out
  const row = [
    "04/15/2007",
    "NGO",
    "",
    "New Contact",
    "Shelter",
    "Ann",
    "Director",
    "",
    "",
    "",
    "Intro",
  ];

  test("finds a plain range under a header row anywhere near the top, columns in any order", async () => {
    const reversed = [...header].reverse();
    const values: CellValue[][] = [
      ["Outreach log, SAC Houston"],
      [],
      [null, null, ...reversed],
      [null, null, ...[...row].reverse()],
    ];
    const log = await findLog(memoryPort({ Notes: [["x"]], "Outreach Log": values }));
    expect(log.sheet).toBe("Outreach Log");
    expect(log.grid.top).toBe(3);
    expect(log.grid.left).toBe(3);
    expect(log.grid.values[1][reversed.indexOf("Agency")]).toBe("Shelter");
  });

  test("prefers the OutreachLog table", async () => {
    const values: CellValue[][] = [["other"], header, row];
    const log = await findLog(
      memoryPort({ Data: values }, [
        { name: "OutreachLog", sheet: "Data", top: 2, left: 1, bottom: 3, right: 11 },
      ])
    );
    expect(log.table).toBe("OutreachLog");
    expect(log.grid.values).toHaveLength(2);
  });

  test("says what it looked for when there is no log", async () => {
    await expect(findLog(memoryPort({ Sheet1: [["a", "b"]] }))).rejects.toThrow(
      /no outreach log found.*"Outreach Log"/
    );
  });
});
