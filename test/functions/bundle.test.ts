/**
 * The built dist/functions.js as Excel's JavaScript-only custom functions runtime loads it: a bare
 * JavaScript context with a `CustomFunctions` global and a console, no DOM, no timers, no Office.
 * It registers every function of the generated functions.json, and each one, called with
 * Excel-shaped arguments, gives the engine's answer.
 *
 * The bundle is built first if it is missing or older than its sources (`npm test` builds it
 * before jest, so there it is fresh).
 */
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import vm from "vm";
import { FORM_ROWS, LINE_KEYS } from "../../src/core/chart";
import { checkLog } from "../../src/core/checks";
import { readLog } from "../../src/core/log";
import { parsePeriod } from "../../src/core/period";
import { analyze } from "../../src/core/report";
import { LEAD_LINES, MEDIAN_DAYS_LABEL, OPEN_AT_END_LABEL } from "../../src/core/leads";
import { MATERIAL_LINES } from "../../src/core/materials";
import { MEDIA_LINES } from "../../src/core/media";
import { FY2007_Q3, logRange, serial1900 } from "./fixtures";
import { engineTables, leadsLog, leadsRange, materialsRange, mediaRange } from "./table-fixtures";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const BUNDLE = path.join(DIST, "functions.js");
const METADATA = path.join(DIST, "functions.json");
/** Function ids are permanent once shipped: workbooks store them. */
const IDS = [
  "QUARTER",
  "CUMULATIVE",
  "CHART",
  "CHECK",
  "FISCALPERIOD",
  "LEADS",
  "MATERIALS",
  "MEDIA",
  "ANNUAL",
];

/** The newest modification time under the sources the functions bundle is built from. */
function newestSource(): number {
  const times: number[] = [fs.statSync(path.join(ROOT, "webpack.config.js")).mtimeMs];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts")) times.push(fs.statSync(file).mtimeMs);
    }
  };
  walk(path.join(ROOT, "src", "functions"));
  walk(path.join(ROOT, "src", "core"));
  return Math.max(...times);
}

function buildIfStale(): void {
  const built = [BUNDLE, METADATA].every((f) => fs.existsSync(f));
  if (
    built &&
    Math.min(...[BUNDLE, METADATA].map((f) => fs.statSync(f).mtimeMs)) >= newestSource()
  ) {
    return;
  }
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"],
    { cwd: ROOT, stdio: "pipe" }
  );
}

class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string
  ) {
    super(message);
  }
}

type Fn = (...args: unknown[]) => unknown;

interface Loaded {
  readonly functions: Map<string, Fn>;
  readonly globals: string[];
}

/** Load the bundle in a fresh context that has only what Excel's JavaScript-only runtime has. */
function loadBundle(): Loaded {
  const functions = new Map<string, Fn>();
  const sandbox = {
    CustomFunctions: {
      associate: (id: string, fn: Fn) => functions.set(id, fn),
      Error: CustomFunctionError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    },
    console,
  };
  const context = vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(BUNDLE, "utf8"), context, { filename: "functions.js" });
  return { functions, globals: Object.keys(sandbox) };
}

/** Results cross from the bundle's context: compare them as plain data. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

interface Metadata {
  functions: {
    id: string;
    name: string;
    description?: string;
    options?: Record<string, boolean>;
    parameters: {
      name: string;
      description?: string;
      type?: string;
      dimensionality?: string;
      optional?: boolean;
    }[];
    result: { type?: string; dimensionality?: string };
  }[];
}

let loaded: Loaded;
let metadata: Metadata;

beforeAll(() => {
  buildIfStale();
  loaded = loadBundle();
  metadata = JSON.parse(fs.readFileSync(METADATA, "utf8")) as Metadata;
}, 180_000);

const fn = (id: string): Fn => loaded.functions.get(id) as Fn;

describe("functions.json, generated from the JSDoc", () => {
  test("holds exactly the eight permanent ids, each associated by the bundle", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual([...IDS].sort());
    expect([...loaded.functions.keys()].sort()).toEqual([...IDS].sort());
    expect(loaded.globals).toEqual(["CustomFunctions", "console"]);
  });

  test("every function and parameter has the help text Excel's autocomplete shows", () => {
    for (const f of metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description?.length).toBeGreaterThan(30);
      for (const p of f.parameters) expect(p.description?.length).toBeGreaterThan(15);
    }
  });

  test("the log is a range (any[][]); figures are numbers; spills are matrices; nothing volatile", () => {
    const byId = Object.fromEntries(metadata.functions.map((f) => [f.id, f]));
    for (const id of ["QUARTER", "CUMULATIVE", "CHART", "CHECK"]) {
      expect(byId[id].parameters[0]).toMatchObject({
        name: "log",
        type: "any",
        dimensionality: "matrix",
      });
    }
    expect(byId.QUARTER.parameters.map((p) => p.name)).toEqual(["log", "line", "period"]);
    expect(byId.CUMULATIVE.parameters.map((p) => p.name)).toEqual(["log", "line", "period"]);
    expect(byId.CHART.parameters.map((p) => p.name)).toEqual(["log", "period"]);
    // period was added later, optional (an older =TIPS.CHECK(log) keeps working); the id stays.
    expect(byId.CHECK.parameters.map((p) => p.name)).toEqual(["log", "period"]);
    expect(byId.CHECK.parameters[1]).toMatchObject({ type: "any", optional: true });
    expect(byId.FISCALPERIOD.parameters.map((p) => p.name)).toEqual(["date"]);
    expect(byId.QUARTER.result).toEqual({ type: "number" });
    expect(byId.CUMULATIVE.result).toEqual({ type: "number" });
    expect(byId.CHART.result).toEqual({ dimensionality: "matrix" });
    expect(byId.CHECK.result).toEqual({ dimensionality: "matrix" });
    expect(byId.FISCALPERIOD.result).toEqual({ type: "string" });
    expect(byId.CHECK.options).toEqual({ requiresParameterAddresses: true });
    // The table functions: each table a range, the log and the period optional (omitted: null).
    const matrix = { type: "any", dimensionality: "matrix" };
    expect(byId.LEADS.parameters).toMatchObject([
      { name: "leads", ...matrix },
      { name: "log", ...matrix, optional: true },
      { name: "period", type: "any", optional: true },
    ]);
    expect(byId.LEADS.parameters[0].optional).toBeUndefined();
    for (const id of ["MATERIALS", "MEDIA"]) {
      expect(byId[id].parameters).toMatchObject([
        { name: id.toLowerCase(), ...matrix },
        { name: "period", type: "any", optional: true },
      ]);
      expect(byId[id].parameters[0].optional).toBeUndefined();
    }
    for (const id of ["LEADS", "MATERIALS", "MEDIA"])
      expect(byId[id].result).toEqual({ dimensionality: "matrix" });
    for (const f of metadata.functions) expect(f.options?.volatile).toBeUndefined();
  });
});

describe("dist/functions.js, called as Excel calls it", () => {
  const engine = (period: string) =>
    analyze({ log: { values: logRange(), header: "required" }, period: parsePeriod(period) })
      .figures;

  test.each(["FY2007 Q2", "FY2007 Q3", "FY2007 Q4"])(
    "QUARTER and CUMULATIVE = the engine, %s",
    (period) => {
      const figures = engine(period);
      for (const line of LINE_KEYS) {
        expect(fn("QUARTER")(logRange({ blanks: "zero" }), line, period)).toBe(
          figures.quarter[line]
        );
        expect(fn("CUMULATIVE")(logRange(), line, period)).toBe(figures.cumulative[line]);
      }
    }
  );

  test("CHART spills the engine's figures in the form's rows", () => {
    const figures = engine("FY2007 Q3");
    expect(figures).toEqual(FY2007_Q3);
    const expected = FORM_ROWS.map((r) =>
      r.kind === "heading"
        ? ["", ""]
        : [figures.quarter[r.line.key], figures.cumulative[r.line.key]]
    );
    expect(plain(fn("CHART")(logRange({ blanks: "empty" }), "FY07 Q3"))).toEqual(expected);
    expect(plain(fn("CHART")(logRange({ header: false }), serial1900(2007, 5, 1)))).toEqual(
      expected
    );
  });

  test("CHECK spills the engine's findings with worksheet rows", () => {
    const findings = checkLog(readLog({ values: logRange(), header: "required", top: 3 }));
    const at = { parameterAddresses: ["'Outreach Log'!B3:M31"] };
    const spill = fn("CHECK")(logRange(), null, at);
    expect(plain(spill)).toEqual(findings.map((f) => [f.row, f.column, f.severity, f.message]));
    // With a period: the same rows, and one note for the rows of other fiscal years.
    expect(plain(fn("CHECK")(logRange(), "FY2007 Q3", at))).toEqual([
      ...(plain(spill) as unknown[]),
      [
        "",
        "",
        "note",
        "2 rows fall outside FY2007 (1 in FY2006, 1 in FY2008) and are not counted in this report.",
      ],
    ]);
  });

  test("LEADS, MATERIALS and MEDIA spill the engine's blocks (arguments as JSON crosses to the runtime)", () => {
    // The runtime hands the function JSON-parsed arguments: plain arrays, null for an omitted one.
    const json = <T>(v: T): T => JSON.parse(JSON.stringify(v ?? null));
    for (const period of ["FY2007 Q2", "FY2007 Q3"]) {
      const a = engineTables(period);
      const l = a.leads!.figures!;
      expect(plain(fn("LEADS")(json(leadsRange("zero")), json(leadsLog()), json(period)))).toEqual([
        ...LEAD_LINES.map((x) => [x.label, l.quarter[x.key], l.cumulative[x.key]]),
        [
          MEDIAN_DAYS_LABEL,
          l.medianDaysToRespond.quarter ?? "",
          l.medianDaysToRespond.cumulative ?? "",
        ],
        [OPEN_AT_END_LABEL, l.openAtPeriodEnd, ""],
      ]);
      const m = a.materials!.figures!;
      expect(plain(fn("MATERIALS")(json(materialsRange("empty")), json(period)))).toEqual(
        MATERIAL_LINES.map((x) => [x.label, m.quarter[x.key], m.cumulative[x.key]])
      );
      const d = a.media!.figures!;
      expect(plain(fn("MEDIA")(json(mediaRange()), json(period)))).toEqual(
        MEDIA_LINES.map((x) => [x.label, d.quarter[x.key], d.cumulative[x.key]])
      );
    }
    // The log omitted (null): no lead from an outreach partner.
    const noLog = plain(fn("LEADS")(json(leadsRange()), null, "FY2007 Q3")) as unknown[][];
    expect(noLog.find((r) => r[0] === "From outreach partners")).toEqual([
      "From outreach partners",
      0,
      0,
    ]);
  });

  test("FISCALPERIOD", () => {
    expect(fn("FISCALPERIOD")(serial1900(2007, 4, 1))).toBe("FY2007 Q3");
    expect(fn("FISCALPERIOD")(serial1900(2007, 10, 1))).toBe("FY2008 Q1");
  });

  test("wrong arguments throw the runtime's CustomFunctions.Error, #VALUE!, with the message", () => {
    const cases: [() => unknown, RegExp][] = [
      [() => fn("QUARTER")(logRange(), "LE Lokal", "FY2007 Q3"), /did you mean "LE Local"/],
      [
        () => fn("CHART")(logRange(), "next quarter"),
        /is not a reporting period: write it as FY2007 Q3/,
      ],
      [
        () => fn("CHECK")([[null]], null, { parameterAddresses: ["A1"] }),
        /^The log range is empty/,
      ],
      [() => fn("FISCALPERIOD")("soon"), /is not a date/],
      [() => fn("LEADS")(leadsRange(), null, null), /^The period is missing/],
      [
        () => fn("MATERIALS")([["Date", "Agency"]], "FY2007 Q3"),
        /header row \(row 1\) has no "Material" column/,
      ],
      [() => fn("MEDIA")("A1", "FY2007 Q3"), /must be a range of cells/],
    ];
    for (const [call, message] of cases) {
      let thrown: unknown;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(CustomFunctionError);
      expect((thrown as CustomFunctionError).code).toBe("#VALUE!");
      expect((thrown as CustomFunctionError).message).toMatch(message);
    }
  });
});
