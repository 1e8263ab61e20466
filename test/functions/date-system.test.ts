/**
 * The workbook's date system: 1900 until known, read through the Excel API where there is one,
 * and a recalculation when answers were given on the wrong assumption.
 */
import {
  WorkbookDateSystem,
  excelDate1904Probe,
  excelRecalculate,
} from "../../src/functions/date-system";

describe("WorkbookDateSystem", () => {
  test("assumes 1900 until told", () => {
    const system = new WorkbookDateSystem();
    expect(system.isKnown).toBe(false);
    expect(system.date1904()).toBe(false);
  });

  test("a 1904 workbook found after answers on the 1900 assumption asks for a recalculation", () => {
    const recalculate = jest.fn();
    const system = new WorkbookDateSystem(recalculate);
    system.date1904();
    system.learn(true);
    expect(system.date1904()).toBe(true);
    expect(recalculate).toHaveBeenCalledTimes(1);
  });

  test.each([
    ["no answer was given before", false, true],
    ["the workbook uses 1900, as assumed", true, false],
  ])("no recalculation when %s", (_, answered, date1904) => {
    const recalculate = jest.fn();
    const system = new WorkbookDateSystem(recalculate);
    if (answered) system.date1904();
    system.learn(date1904);
    expect(system.date1904()).toBe(date1904);
    expect(recalculate).not.toHaveBeenCalled();
  });

  test("detect() learns the probe's answer; a failing probe keeps 1900", async () => {
    const system = new WorkbookDateSystem();
    await system.detect(async () => true);
    expect(system.date1904()).toBe(true);
    const other = new WorkbookDateSystem();
    await other.detect(async () => {
      throw new Error("no Excel");
    });
    expect(other.isKnown).toBe(false);
    expect(other.date1904()).toBe(false);
  });
});

describe("the Excel API probe", () => {
  const globals = globalThis as { Office?: unknown; Excel?: unknown };
  afterEach(() => {
    delete globals.Office;
    delete globals.Excel;
  });

  /** Office and Excel globals whose DATE(1904,1,1) gives `serial`; records what was asked. */
  function fakeExcel(serial: number, host = "Excel") {
    const asked: string[] = [];
    const context = {
      workbook: {
        functions: {
          date: (y: number, m: number, d: number) => {
            asked.push(`DATE(${y},${m},${d})`);
            const result = {
              value: undefined as number | undefined,
              load: (p: string) => asked.push(`load ${p}`),
            };
            return result;
          },
        },
        application: { calculate: (type: string) => asked.push(`calculate ${type}`) },
      },
      sync: async () => undefined,
    };
    globals.Office = { onReady: async () => ({ host }), HostType: { Excel: "Excel" } };
    globals.Excel = {
      CalculationType: { full: "Full" },
      run: async (batch: (c: unknown) => Promise<unknown>) => {
        const original = context.workbook.functions.date;
        context.workbook.functions.date = (y, m, d) => {
          const r = original(y, m, d);
          context.sync = async () => {
            r.value = serial;
          };
          return r;
        };
        return batch(context);
      },
    };
    return asked;
  }

  test("none without the Excel API (JavaScript-only runtime, tests, command line)", () => {
    expect(excelDate1904Probe()).toBeUndefined();
    expect(() => excelRecalculate()).not.toThrow();
  });

  test.each([
    [0, true],
    [1462, false],
  ])("DATE(1904,1,1) = %i means date1904 = %p", async (serial, date1904) => {
    const asked = fakeExcel(serial);
    const probe = excelDate1904Probe();
    expect(probe).toBeDefined();
    await expect(probe!()).resolves.toBe(date1904);
    expect(asked).toEqual(["DATE(1904,1,1)", "load value"]);
  });

  test("an unexpected answer or another host is a failure (1900 stays assumed)", async () => {
    fakeExcel(5);
    await expect(excelDate1904Probe()!()).rejects.toThrow("DATE(1904,1,1) gave 5");
    fakeExcel(0, "Word");
    await expect(excelDate1904Probe()!()).rejects.toThrow("not running in Excel");
  });

  test("a recalculation is a full one", async () => {
    const asked = fakeExcel(0);
    excelRecalculate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual(["calculate Full"]);
  });
});
