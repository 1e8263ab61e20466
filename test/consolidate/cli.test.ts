/**
 * `tips consolidate` and `tips init-roster` end to end, on real files in a folder: what HQ types,
 * what it sees, what the national workbook holds.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { LINE_KEYS, zeroFigures } from "../../src/core/chart";
import { encodeOpening, openingKey } from "../../src/core/settings";
import { Progress, progressBar } from "../../src/cli/progress";
import { Q2, broken, leFollow, leNew, ngoNew, serial, training } from "./builders";
import { returnWorkbook, submittedAt } from "./workbooks";

const APR = serial(2007, 4, 10);
const MAY = serial(2007, 5, 15);
const NOV = serial(2006, 11, 3);

let dir: string;
let returns: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tips-consolidate-"));
  returns = join(dir, "returns");
  mkdirSync(returns);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tips(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    args,
    (l) => out.push(l),
    (l) => err.push(l)
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function put(name: string, bytes: Uint8Array | string, mtime: Date): Promise<string> {
  const path = join(returns, name);
  writeFileSync(path, bytes);
  utimesSync(path, mtime, mtime);
  return path;
}

const JULY = (day: number): Date => new Date(Date.UTC(2007, 6, day, 12));

describe("tips consolidate over a folder of returns", () => {
  let national: string;
  let json: {
    period: string;
    lines: Record<string, { quarter: number; cumulative: number }>;
    offices: { office: string | null; file: string | null; status: string; rows: number }[];
    rows: number;
    notes: string[];
  };
  let result: { code: number; out: string; err: string };

  beforeAll(async () => {
    const opening = { ...zeroFigures(), "le.local": 10 };
    await put(
      "houston.xlsx",
      await returnWorkbook({
        office: "SAC Houston",
        rows: [ngoNew(APR), leFollow(MAY), training(MAY, "Law Enforcement", [1, 4, 25])],
        fill: true,
        settings: { [openingKey(2007)]: encodeOpening(opening) },
      }),
      JULY(3)
    );
    // Houston sends a correction: older by its file time, but it records a later submission.
    await put(
      "houston-corrected.xlsx",
      await returnWorkbook({
        office: "sac houston",
        rows: [
          ngoNew(APR),
          leFollow(MAY),
          leNew(MAY),
          training(MAY, "Law Enforcement", [1, 4, 25]),
        ],
        fill: true,
        settings: {
          ...submittedAt("2007-07-08T09:00:00Z"),
          [openingKey(2007)]: encodeOpening(opening),
        },
      }),
      JULY(1)
    );
    await put(
      "miami.xlsx",
      await returnWorkbook({
        office: "SAC Miami",
        rows: [ngoNew(APR, "Safe Harbor"), leFollow(NOV, "Federal")],
        fill: true,
        edits: [{ row: 16, col: 2, value: 9 }], // LE Follow Up Contact, Quarter
      }),
      JULY(4)
    );
    await put("miami-copy.xlsx", readFileSync(join(returns, "miami.xlsx")), JULY(2));
    await put(
      "rome.xlsx",
      await returnWorkbook({ office: "Attaché Rome", rows: [ngoNew(NOV)], fill: true }),
      JULY(5)
    );
    await put(
      "boston.xlsx",
      await returnWorkbook({ office: "SAC Boston", rows: [ngoNew(APR), broken(MAY)] }),
      JULY(5)
    );
    await put(
      "denver-q2.xlsx",
      await returnWorkbook({ office: "SAC Denver", period: Q2, rows: [ngoNew(NOV)] }),
      JULY(5)
    );
    await put("cover-letter.txt", "Please find attached our returns.", JULY(5));
    await put(
      "damaged.xlsx",
      (await returnWorkbook({ office: "SAC Tampa", rows: [ngoNew(APR)] })).slice(0, 2000),
      JULY(5)
    );
    await put("~$houston.xlsx", "lock", JULY(5));
    mkdirSync(join(returns, "archive"));
    writeFileSync(
      join(dir, "roster.csv"),
      'Office,Type\r\nSAC Houston,SAC\r\nSAC Miami,SAC\r\n"Attaché Rome",Attaché\r\nSAC Boston,SAC\r\nSAC Denver,SAC\r\nSAC Seattle,SAC\r\n'
    );
    national = join(dir, "national.xlsx");
    result = await tips(
      "consolidate",
      returns,
      "--period",
      "FY2007 Q3",
      "--out",
      national,
      "--roster",
      join(dir, "roster.csv"),
      "--json"
    );
    json = JSON.parse(result.out);
  }, 120_000);

  test("exit 1 (something needs HQ's attention), and the national workbook is written", () => {
    expect(result.err).toBe("");
    expect(result.code).toBe(1);
    expect(existsSync(national)).toBe(true);
  });

  test("--json: one entry per file given and per missing roster office", () => {
    const f = (name: string) => join(returns, name);
    expect(json.period).toBe("FY2007 Q3");
    expect(json.offices).toEqual([
      { office: "Attaché Rome", file: f("rome.xlsx"), status: "nothing-to-report", rows: 1 },
      { office: "SAC Boston", file: f("boston.xlsx"), status: "invalid", rows: 2 },
      { office: "SAC Denver", file: f("denver-q2.xlsx"), status: "other-period", rows: 1 },
      { office: "SAC Denver", file: null, status: "missing", rows: 0 },
      { office: "SAC Houston", file: f("houston-corrected.xlsx"), status: "received", rows: 4 },
      { office: "SAC Houston", file: f("houston.xlsx"), status: "superseded", rows: 3 },
      { office: "SAC Miami", file: f("miami.xlsx"), status: "received", rows: 2 },
      { office: "SAC Miami", file: f("miami-copy.xlsx"), status: "superseded", rows: 2 },
      { office: "SAC Seattle", file: null, status: "missing", rows: 0 },
      { office: null, file: f("damaged.xlsx"), status: "invalid", rows: 0 },
      { office: null, file: f("cover-letter.txt"), status: "not-a-return", rows: 0 },
    ]);
  });

  test("--json: the lines as tips report gives them, and the combined log's row count", () => {
    expect(Object.keys(json.lines)).toEqual([...LINE_KEYS]);
    expect(json.rows).toBe(4 + 2 + 1);
    expect(json.lines["le.local"]).toEqual({ quarter: 1, cumulative: 11 });
    expect(json.lines["le.federal"]).toEqual({ quarter: 0, cumulative: 1 });
    expect(json.lines["ngo.newContact"]).toEqual({ quarter: 2, cumulative: 3 });
    expect(json.notes.join("\n")).toMatch(/miami\.xlsx: its hand-entered chart differs/);
    expect(json.notes.join("\n")).toMatch(/archive: a subfolder/);
    expect(json.notes.join("\n")).toMatch(/~\$houston\.xlsx: a lock or hidden file/);
  });

  test("tips report on the national workbook gives the same lines", async () => {
    const r = await tips("report", national, "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.office).toBe("National");
    expect(report.lines).toEqual(json.lines);
  });

  test("without --json: the status table, the chart, where it was written", async () => {
    const r = await tips(
      "consolidate",
      returns,
      "--period",
      "FY07 Q3",
      "--out",
      join(dir, "national-2.xlsx"),
      "--roster",
      join(dir, "roster.csv")
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FY2007 Q3: 9 files read; 2 received, 1 nothing-to-report, 2 superseded/);
    expect(r.out).toMatch(/SAC Seattle\s+missing/);
    expect(r.out).toMatch(/Human Trafficking Outreach: National, FY2007 Q3/);
    expect(r.out).toMatch(/Wrote .*national-2\.xlsx/);
    expect(r.err).toBe(""); // no progress bar when stderr is not a terminal
  });

  test("--previous: a cumulative lower than last quarter's is flagged", async () => {
    const previous = join(dir, "national.xlsx");
    const lower = join(dir, "lower");
    mkdirSync(lower);
    writeFileSync(
      join(lower, "houston.xlsx"),
      await returnWorkbook({
        office: "SAC Houston",
        period: { fiscalYear: 2007, quarter: 4 },
        rows: [ngoNew(APR)],
      })
    );
    const r = await tips(
      "consolidate",
      lower,
      "--period",
      "FY2007 Q4",
      "--out",
      join(dir, "q4.xlsx"),
      "--previous",
      previous,
      "--json"
    );
    const out = JSON.parse(r.out);
    expect(r.code).toBe(0);
    expect(out.notes.join("\n")).toMatch(
      /houston\.xlsx: its cumulative is lower than in FY2007 Q3 \(national\.xlsx\) on \d+ lines?: .*LE Local 0 \(was 11\)/
    );
    expect(out.notes.join("\n")).toMatch(/SAC Miami reported in FY2007 Q3/);
  });
});

describe("tips consolidate: mistakes", () => {
  test("no --period, no --out, no files: exit 2 and what to do", async () => {
    expect((await tips("consolidate", returns, "--out", "x.xlsx")).err).toMatch(/needs --period/);
    expect((await tips("consolidate", returns, "--period", "FY2007 Q3")).err).toMatch(
      /needs --out/
    );
    const none = await tips("consolidate", "--period", "FY2007 Q3", "--out", "x.xlsx");
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/needs the returned files or folders/);
  });

  test("a path that does not exist stops before anything is written", async () => {
    const out = join(dir, "never.xlsx");
    const r = await tips("consolidate", join(dir, "nope"), "--period", "FY2007 Q3", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope: no such file or folder/);
    expect(existsSync(out)).toBe(false);
  });

  test("--out naming one of the returns is refused", async () => {
    const h = join(returns, "houston.xlsx");
    const before = readFileSync(h);
    const r = await tips("consolidate", h, "--period", "FY2007 Q3", "--out", h);
    expect(r.code).toBe(2);
    expect(readFileSync(h)).toEqual(before);
  });

  test("a bad period and a roster without an Office column say so", async () => {
    const bad = await tips("consolidate", returns, "--period", "Q5", "--out", join(dir, "y.xlsx"));
    expect(bad.err).toMatch(/--period: "Q5" is not a reporting period/);
    writeFileSync(join(dir, "bad-roster.csv"), "Name\nSAC Houston\n");
    const r = await tips(
      "consolidate",
      returns,
      "--period",
      "FY2007 Q3",
      "--out",
      join(dir, "y.xlsx"),
      "--roster",
      join(dir, "bad-roster.csv")
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad-roster\.csv: .*no column headed "Office"/);
    // The file is named once, by the command: the roster's message does not repeat it.
    expect(r.err.split("bad-roster.csv")).toHaveLength(2);
  });
});

describe("tips init-roster", () => {
  test("from the returns given: one row per office they name", async () => {
    const file = join(dir, "starter.csv");
    const r = await tips("init-roster", file, returns);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/5 offices named in the returns given/);
    const text = readFileSync(file, "utf8");
    expect(text.split("\r\n")[0]).toBe("Office,Type,Notes");
    expect(text).toMatch(/^SAC Houston,SAC,$/m);
    expect(text).not.toMatch(/sac houston/);
    // And it works as a roster.
    const again = await tips(
      "consolidate",
      returns,
      "--period",
      "FY2007 Q3",
      "--out",
      join(dir, "z.xlsx"),
      "--roster",
      file,
      "--json"
    );
    expect(
      JSON.parse(again.out).offices.filter((o: { status: string }) => o.status === "missing")
    ).toEqual([{ office: "SAC Denver", file: null, status: "missing", rows: 0 }]);
  });

  test("without returns: two examples to replace; .xlsx too; never overwrites", async () => {
    const file = join(dir, "starter.xlsx");
    expect((await tips("init-roster", file)).code).toBe(0);
    const again = await tips("init-roster", file);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
    const r = await tips(
      "consolidate",
      returns,
      "--period",
      "FY2007 Q3",
      "--out",
      join(dir, "w.xlsx"),
      "--roster",
      file,
      "--json"
    );
    const missing = JSON.parse(r.out).offices.filter(
      (o: { status: string }) => o.status === "missing"
    );
    expect(missing.map((o: { office: string }) => o.office)).toEqual([
      "Attaché Example Country",
      "SAC Example City",
    ]);
    expect((await tips("init-roster", join(dir, "roster.txt"))).err).toMatch(/\.csv or \.xlsx/);
  });
});

describe("the progress bar", () => {
  test("drawn only on a terminal, and not with --json", () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 60, write: (s: string) => written.push(s) };
    expect(progressBar(3, false, tty).visible).toBe(true);
    expect(progressBar(3, true, tty).visible).toBe(false);
    expect(progressBar(3, false, { isTTY: false, write: () => true }).visible).toBe(false);
    let now = 0;
    const p = new Progress(3, tty, () => (now += 100));
    p.tick("a.xlsx");
    p.tick("b.xlsx");
    p.tick("returns/a-very-long-folder-name/and-a-very-long-file-name-indeed.xlsx");
    p.finish();
    expect(written[0]).toMatch(/^\r\[#{8}-{16}\] 1\/3 {2}a\.xlsx/);
    expect(written[2]).toMatch(/\[#{24}\] 3\/3 {2}…/);
    const ERASE = "\x1b[K";
    for (const w of written) expect(w.split(ERASE).join("").length).toBeLessThanOrEqual(61);
    expect(written[written.length - 1]).toBe("\r\x1b[K");
  });
});
