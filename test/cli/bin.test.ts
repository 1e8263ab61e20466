/**
 * The installed command as a user runs it: `node bin/tips.js ...`, a whole process over the
 * built bundle (build/tips.js), not the TypeScript sources.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describeRequiring, NEEDS_CLI_BUILD } from "../helpers/requires";

const ROOT = resolve(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "tips.js");
const built = existsSync(join(ROOT, "build", "tips.js"));

function tips(args: string[], cwd = ROOT): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describeRequiring(built, NEEDS_CLI_BUILD)("bin/tips.js (the built command)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tips-bin-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("--help prints the usage and exits 0", () => {
    const r = tips(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("tips report FILE");
    expect(r.err).toBe("");
  });

  test("demo writes a filled workbook that report reads back", () => {
    const demo = tips(["demo", dir]);
    expect(demo.err).toBe("");
    expect(demo.code).toBe(0);
    const file = join(dir, "tips-demo.xlsx");
    expect(existsSync(file)).toBe(true);
    const report = tips(["report", file, "--json"]);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.out);
    expect(json.period).toBe("FY2007 Q3");
    expect(json.office).toBe("SAC Houston");
    expect(Object.keys(json.lines)).toHaveLength(15);
  });

  test("a user's mistake is one line on stderr and exit 2", () => {
    const r = tips(["report", join(dir, "nowhere.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toEqual([
      `tips report: ${join(dir, "nowhere.xlsx")}: no such file.`,
    ]);
  });
});
