/**
 * The team's strict SpreadsheetML reader (shared/tools/xlsx-strict.py): what Excel would repair
 * and LibreOffice forgives. shared/ stands beside the project's clone (on a developer's machine
 * and in CI alike); the nearest one up from the clone is used.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const TOOL = join("shared", "tools", "xlsx-strict.py");

export function strictReader(): string {
  for (let dir = resolve(__dirname, "../.."); ; dir = dirname(dir)) {
    if (existsSync(join(dir, TOOL))) return join(dir, TOOL);
    if (dirname(dir) === dir) break;
  }
  if (existsSync(join("/work", TOOL))) return join("/work", TOOL);
  throw new Error(`no ${TOOL} beside the project's clone`);
}

/** The reader's verdict on files: its exit status and its last line ("N files, N problems"). */
export function readStrictly(...files: string[]): { status: number | null; summary: string } {
  const run = spawnSync("python3", [strictReader(), ...files], { encoding: "utf8" });
  return { status: run.status, summary: run.stdout.trim().split("\n").pop() ?? run.stderr };
}
