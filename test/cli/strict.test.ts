/**
 * The command line refuses what it does not understand, and a failure to write is one plain line:
 * each command takes its own options only (anything else: the command's usage, exit 2); a write
 * that fails names the path and the cause, exit 2, and leaves nothing behind; a --period no log
 * could hold is refused with the plausible range.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS, run } from "../../src/cli/main";
import { writeError } from "../../src/cli/workbook-file";
import { UserError } from "../../src/cli/errors";

let dir: string;
let book: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tips-strict-"));
  await run([`demo`, join(dir, "demo")], () => undefined);
  book = join(dir, "demo", "tips-demo.xlsx");
});
afterAll(() => {
  for (const d of cleanups) d();
  rmSync(dir, { recursive: true, force: true });
});
const cleanups: (() => void)[] = [];

async function tips(...args: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    args,
    (l) => out.push(l),
    (l) => err.push(...l.split("\n"))
  );
  return { code, out: out.join("\n"), err };
}

/** A fresh empty folder under the test's folder. */
function folder(name: string): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
}

const ALL_OPTIONS: Record<string, string[]> = {
  period: ["--period", "FY2007 Q3"],
  office: ["--office", "SAC Houston"],
  out: ["--out", "x.xlsx"],
  force: ["--force"],
  json: ["--json"],
  roster: ["--roster", "roster.csv"],
  previous: ["--previous", "previous.xlsx"],
};

describe("each command takes its own options only", () => {
  const cases = Object.entries(COMMANDS).flatMap(([name, spec]) =>
    Object.keys(ALL_OPTIONS)
      .filter((o) => !(spec.options as readonly string[]).includes(o))
      .map((o) => [name, o] as const)
  );
  test.each(cases)("tips %s refuses --%s with its usage, exit 2", async (name, option) => {
    const r = await tips(name, "some.xlsx", ...ALL_OPTIONS[option]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err[0]).toMatch(
      new RegExp(`^tips ${name}: --${option} is not an option of tips ${name}`)
    );
    expect(r.err[1]).toBe(`usage: tips ${COMMANDS[name].usage}`);
  });

  test("an option no command knows is refused, exit 2", async () => {
    const r = await tips("report", book, "--bogus");
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain("--bogus is not an option of tips report");
  });

  test("tips check FILE --roster x.csv --out y.xlsx is refused and writes nothing", async () => {
    const out = join(dir, "y.xlsx");
    const r = await tips("check", book, "--roster", "x.csv", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain("--roster is not an option of tips check");
    expect(existsSync(out)).toBe(false);
  });

  test("a string option without its value is refused, exit 2", async () => {
    const r = await tips("report", book, "--period");
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^tips report: .*--period/);
  });

  test("tips COMMAND --help prints that command's usage, exit 0", async () => {
    const r = await tips("fill", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain(`usage: tips ${COMMANDS.fill.usage}`);
  });

  test("the options a command takes still work", async () => {
    const r = await tips("report", book, "--period", "FY2007 Q3", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).period).toBe("FY2007 Q3");
  });
});

describe("a --period no log could hold is refused with the range", () => {
  test.each(["FY1899 Q1", "FY2101 Q1", "1999-Q4"])(
    "%s: exit 2, the range, nothing else",
    async (p) => {
      const out = join(dir, "never.xlsx");
      const r = await tips("fill", book, "--period", p, "--out", out);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toContain(
        "outside the plausible range of a log's dates (01/01/2000 to 12/31/2099)"
      );
      expect(r.err[0]).toContain("from FY2000 Q2 to FY2100 Q1");
      expect(existsSync(out)).toBe(false);
    }
  );

  test("the first and last quarters of the range are accepted", async () => {
    for (const p of ["FY2000 Q2", "FY2100 Q1"]) {
      const r = await tips("report", book, "--period", p, "--json");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).period).toBe(p);
    }
  });

  test("consolidate and init refuse it the same way", async () => {
    for (const args of [
      ["consolidate", folder("returns"), "--period", "FY1899 Q1", "--out", join(dir, "n.xlsx")],
      ["init", join(dir, "new.xlsx"), "--period", "FY1899 Q1"],
    ]) {
      const r = await tips(...args);
      expect(r.code).toBe(2);
      expect(r.err[0]).toContain("outside the plausible range");
    }
    expect(existsSync(join(dir, "n.xlsx"))).toBe(false);
    expect(existsSync(join(dir, "new.xlsx"))).toBe(false);
  });
});

/**
 * A folder the process cannot write in. chmod is enough for a normal user; root ignores it, so
 * there the folder is made immutable (chattr +i), else a folder of the read-only /sys.
 */
function readOnlyFolder(): string {
  const d = folder("read-only");
  if (process.getuid?.() !== 0) {
    chmodSync(d, 0o555);
    cleanups.push(() => chmodSync(d, 0o755));
    return d;
  }
  if (spawnSync("chattr", ["+i", d]).status === 0) {
    cleanups.push(() => spawnSync("chattr", ["-i", d]));
    return d;
  }
  return "/sys/kernel";
}

describe("a failure to write is one line naming the path and the cause, exit 2, nothing left", () => {
  /** Every command that writes a file, writing it to `target`. */
  const writers: [string, (target: string) => string[]][] = [
    ["fill --out", (t) => ["fill", book, "--out", t]],
    ["init", (t) => ["init", t]],
    ["consolidate --out", (t) => ["consolidate", book, "--period", "FY2007 Q3", "--out", t]],
    ["init-roster", (t) => ["init-roster", t.replace(/\.xlsx$/, ".csv")]],
  ];

  async function expectOneLine(args: string[], path: string, cause: RegExp): Promise<void> {
    const r = await tips(...args);
    expect(r.code).toBe(2);
    const lines = r.err.filter((l) => l !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${path}: cannot write: `);
    expect(lines[0]).toMatch(cause);
    expect(lines[0]).not.toContain("internal error");
  }

  test.each(writers)("%s into a folder that does not exist", async (_, argsFor) => {
    const target = join(dir, "no-such-folder", "x.xlsx");
    const args = argsFor(target);
    const path = args[0] === "init-roster" ? args[1] : target;
    await expectOneLine(args, path, /no such folder: .*no-such-folder\.$/);
    expect(existsSync(join(dir, "no-such-folder"))).toBe(false);
  });

  test.each(writers)("%s where a file stands for a folder", async (_, argsFor) => {
    const file = join(dir, "a-file");
    writeFileSync(file, "not a folder");
    const target = join(file, "x.xlsx");
    const args = argsFor(target);
    const path = args[0] === "init-roster" ? args[1] : target;
    await expectOneLine(args, path, /a part of the path is a file, not a folder\.$/);
  });

  test.each(writers)("%s into a read-only folder", async (_, argsFor) => {
    const ro = readOnlyFolder();
    const target = join(ro, "x.xlsx");
    const args = argsFor(target);
    const path = args[0] === "init-roster" ? args[1] : target;
    await expectOneLine(args, path, /(no permission|not allowed) to write in /);
    expect(ro === "/sys/kernel" ? [] : readdirSync(ro)).toEqual([]);
  });

  test("fill in place in a read-only folder keeps the workbook, and no temporary file", async () => {
    const ro = readOnlyFolder();
    if (ro === "/sys/kernel") return; // nothing of ours can be put there
    const inside = join(ro, "report.xlsx");
    spawnSync("chattr", ["-i", ro]);
    chmodSync(ro, 0o755);
    copyFileSync(book, inside);
    if (process.getuid?.() === 0) spawnSync("chattr", ["+i", ro]);
    else chmodSync(ro, 0o555);
    await expectOneLine(["fill", inside], inside, /(no permission|not allowed) to write in /);
    expect(readdirSync(ro)).toEqual(["report.xlsx"]);
  });

  test("demo into a path that is a file", async () => {
    const file = join(dir, "demo-file");
    writeFileSync(file, "x");
    await expectOneLine(["demo", file], file, /a file of that name is in the way\.$/);
  });

  test("a full disk and a file open elsewhere are said so", () => {
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
    });
    const busy = Object.assign(new Error("EBUSY: resource busy or locked"), { code: "EBUSY" });
    expect((writeError(full, "/x/n.xlsx") as UserError).message).toBe(
      "cannot write: the disk is full."
    );
    expect((writeError(busy, "/x/n.xlsx") as UserError).message).toBe(
      "cannot write: the file is open in another program: close it there first."
    );
    const bug = new TypeError("not a file system error");
    expect(writeError(bug, "/x")).toBe(bug);
  });
});

describe("the returns a command is given", () => {
  test("a folder with nothing to read says what it skipped there, in annual as in consolidate", async () => {
    const empty = folder("returns-locked");
    writeFileSync(join(empty, "~$houston.xlsx"), "lock");
    const annual = await tips("annual", empty, "--fy", "FY2007", "--out", join(dir, "a.xlsx"));
    const national = await tips(
      "consolidate",
      empty,
      "--period",
      "FY2007 Q3",
      "--out",
      join(dir, "n.xlsx")
    );
    for (const [r, verb] of [
      [annual, "read"],
      [national, "consolidate"],
    ] as const) {
      expect(r.code).toBe(2);
      expect(r.err.join("\n")).toContain(
        `no files to ${verb} in ${empty} (skipped: ${join(empty, "~$houston.xlsx")}: a lock or hidden file).`
      );
    }
    expect(existsSync(join(dir, "a.xlsx")) || existsSync(join(dir, "n.xlsx"))).toBe(false);
  });

  test("one of the command's own files among them is named for what it is: the --out or the --baseline workbook", async () => {
    const returns = folder("returns-own");
    copyFileSync(book, join(returns, "houston.xlsx"));
    // Last year's annual workbook, given as the baseline and among the returns.
    const baseline = join(dir, "annual-FY2007.xlsx");
    expect((await tips("annual", returns, "--fy", "FY2007", "--out", baseline)).code).toBe(0);
    const annual = await tips(
      "annual",
      returns,
      baseline,
      "--fy",
      "FY2008",
      "--baseline",
      baseline,
      "--out",
      join(dir, "annual-FY2008.xlsx")
    );
    expect(annual.code).toBe(2);
    expect(annual.err.join("\n")).toContain("is also the --baseline workbook: give it only once.");
    expect(existsSync(join(dir, "annual-FY2008.xlsx"))).toBe(false);
    // Last quarter's national workbook, to be replaced, given among the returns too.
    const out = join(dir, "national.xlsx");
    copyFileSync(book, out);
    const national = await tips("consolidate", returns, out, "--period", "FY2007 Q3", "--out", out);
    expect(national.code).toBe(2);
    expect(national.err.join("\n")).toContain("is also the --out workbook: give it only once.");
  });
});
