/**
 * The workbook's facts (date system, opening balances): assumed until read, read through the
 * Excel API where there is one, never awaited by a function, and a recalculation when answers
 * were given with other facts.
 */
import { LINE_KEYS } from "../../src/core/chart";
import {
  ASSUMED_FACTS,
  WorkbookFacts,
  WorkbookFactsSource,
  excelFactsReader,
  excelRecalculate,
  openingFor,
  openingsFromProperties,
  sameFacts,
} from "../../src/functions/workbook-facts";

const facts = (date1904: boolean, openings: WorkbookFacts["openings"] = new Map()) => ({
  date1904,
  openings,
});
const fifteen = (n: number) => LINE_KEYS.map(() => n).join(",");

describe("openingsFromProperties", () => {
  test("reads TIPS.Opening.FY<year> as core/settings.ts writes it; ignores other properties", () => {
    const openings = openingsFromProperties([
      { key: "TIPS.Opening.FY2007", value: "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15" },
      { key: "tips.opening.fy2008", value: fifteen(0) },
      { key: "TIPS.Opening.FY2009", value: "" }, // cleared
      { key: "TIPS.Office", value: "SAC Houston" },
      { key: "TIPS.Opening.FYnext", value: fifteen(1) },
      { key: "Author", value: 7 },
    ]);
    expect([...openings.keys()]).toEqual([2007, 2008]);
    expect(openings.get(2007)).toEqual({
      figures: Object.fromEntries(LINE_KEYS.map((k, i) => [k, i + 1])),
    });
  });

  test("a balance that cannot be read is kept as its error", () => {
    const openings = openingsFromProperties([{ key: "TIPS.Opening.FY2007", value: "1,2,3" }]);
    const opening = openings.get(2007);
    expect(opening).toEqual({ error: expect.stringMatching(/should hold 15 numbers/) });
    expect(() => openingFor({ date1904: false, openings }, 2007)).toThrow(
      /^The workbook's opening balance for FY2007 cannot be used: .*should hold 15 numbers/
    );
    expect(openingFor({ date1904: false, openings }, 2008)).toBeUndefined();
  });
});

describe("sameFacts", () => {
  test("compares the date system and every opening balance by value", () => {
    const a = new Map([[2007, { figures: { "le.local": 1 } }]]);
    expect(
      sameFacts(facts(false, a), facts(false, new Map([[2007, { figures: { "le.local": 1 } }]])))
    ).toBe(true);
    expect(sameFacts(facts(false, a), facts(true, a))).toBe(false);
    expect(sameFacts(facts(false, a), facts(false))).toBe(false);
    expect(
      sameFacts(facts(false, a), facts(false, new Map([[2007, { figures: { "le.local": 2 } }]])))
    ).toBe(false);
    expect(sameFacts(facts(false, a), facts(false, new Map([[2007, { error: "x" }]])))).toBe(false);
    expect(sameFacts(facts(false), ASSUMED_FACTS)).toBe(true);
  });
});

describe("WorkbookFactsSource", () => {
  test("without an Excel API: the 1900 system and no opening balance, never read", async () => {
    const source = new WorkbookFactsSource(undefined);
    expect(source.current()).toBe(ASSUMED_FACTS);
    await source.refresh();
    expect(source.isKnown).toBe(false);
  });

  test("a read that finds other facts than the answers used asks for one recalculation", async () => {
    const recalculate = jest.fn();
    const source = new WorkbookFactsSource(async () => facts(true), recalculate);
    expect(source.current().date1904).toBe(false); // answered on the assumption; read started
    await source.refresh();
    expect(source.isKnown).toBe(true);
    expect(source.current().date1904).toBe(true);
    expect(recalculate).toHaveBeenCalledTimes(1);
  });

  test("no recalculation when nothing was answered yet, or the facts are the same", async () => {
    const recalculate = jest.fn();
    const source = new WorkbookFactsSource(async () => facts(true), recalculate);
    await source.refresh(); // before any answer
    source.current();
    source.learn(facts(true));
    expect(recalculate).not.toHaveBeenCalled();
  });

  test("re-reads in the background when the last read is a few seconds old, one read at a time", async () => {
    let now = 0;
    let reads = 0;
    let answer = facts(false);
    const recalculate = jest.fn();
    const source = new WorkbookFactsSource(
      async () => {
        reads++;
        return answer;
      },
      recalculate,
      () => now
    );
    await source.refresh();
    expect(reads).toBe(1);
    source.current();
    source.current();
    expect(reads).toBe(1); // read just now
    now += 3000;
    answer = facts(false, new Map([[2007, { figures: { "le.local": 4 } }]])); // saved meanwhile
    source.current();
    source.current(); // the first re-read is still going
    expect(reads).toBe(2);
    await source.refresh();
    expect(recalculate).toHaveBeenCalledTimes(1);
    expect(openingFor(source.current(), 2007)).toEqual({ "le.local": 4 });
  });

  test("a failed read changes nothing", async () => {
    const source = new WorkbookFactsSource(async () => {
      throw new Error("no Excel");
    });
    source.current();
    await source.refresh();
    expect(source.isKnown).toBe(false);
    expect(source.current()).toBe(ASSUMED_FACTS);
  });
});

describe("the Excel API reader", () => {
  const globals = globalThis as { Office?: unknown; Excel?: unknown };
  afterEach(() => {
    delete globals.Office;
    delete globals.Excel;
  });

  /** Office and Excel globals: DATE(1904,1,1) gives `serial`; the custom properties given. */
  function fakeExcel(
    serial: number,
    properties: { key: string; value: unknown }[] = [],
    host = "Excel"
  ) {
    const asked: string[] = [];
    const probe = {
      value: undefined as number | undefined,
      load: (p: string) => asked.push(`load ${p}`),
    };
    const custom = {
      items: [] as { key: string; value: unknown }[],
      load: (p: string) => asked.push(`load ${p}`),
    };
    const context = {
      workbook: {
        functions: {
          date: (y: number, m: number, d: number) => {
            asked.push(`DATE(${y},${m},${d})`);
            return probe;
          },
        },
        properties: { custom },
        application: { calculate: (type: string) => asked.push(`calculate ${type}`) },
      },
      sync: async () => {
        asked.push("sync");
        probe.value = serial;
        custom.items = properties;
      },
    };
    globals.Office = { onReady: async () => ({ host }), HostType: { Excel: "Excel" } };
    globals.Excel = {
      CalculationType: { full: "Full" },
      run: async (batch: (c: unknown) => Promise<unknown>) => batch(context),
    };
    return asked;
  }

  test("none without the Excel API (JavaScript-only runtime, tests, command line)", () => {
    expect(excelFactsReader()).toBeUndefined();
    expect(() => excelRecalculate()).not.toThrow();
  });

  test.each([
    [0, true],
    [1462, false],
  ])(
    "DATE(1904,1,1) = %i: date1904 %p; opening balances from the custom properties, one sync",
    async (serial, date1904) => {
      const asked = fakeExcel(serial, [{ key: "TIPS.Opening.FY2007", value: fifteen(2) }]);
      const read = await excelFactsReader()!();
      expect(read.date1904).toBe(date1904);
      expect(openingFor(read, 2007)).toEqual(Object.fromEntries(LINE_KEYS.map((k) => [k, 2])));
      expect(asked).toEqual(["DATE(1904,1,1)", "load value", "load items/key,items/value", "sync"]);
    }
  );

  test("an unexpected answer or another host is a failed read", async () => {
    fakeExcel(5);
    await expect(excelFactsReader()!()).rejects.toThrow("DATE(1904,1,1) gave 5");
    fakeExcel(0, [], "Word");
    await expect(excelFactsReader()!()).rejects.toThrow("not running in Excel");
  });

  test("a recalculation is a full one", async () => {
    const asked = fakeExcel(0);
    excelRecalculate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual(["calculate Full", "sync"]);
  });
});
