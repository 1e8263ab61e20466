/**
 * `tips init-roster FILE [RETURNS...]`: a starter roster (.csv or .xlsx, by FILE's name) with a
 * column headed "Office". Given returned files or folders, it lists the offices they name;
 * otherwise two example rows to replace.
 */
import { existsSync } from "node:fs";
import { readReturn } from "../../app/consolidate";
import { RosterError, starterRoster, starterRows } from "../../app/roster";
import { UserError } from "../errors";
import { progressBar } from "../progress";
import { writeOutput } from "../workbook-file";
import { expandInputs, loadFile } from "./consolidate";
import { CommandContext } from "./context";

export async function initRoster(ctx: CommandContext): Promise<number> {
  const [file, ...returns] = ctx.positionals;
  if (!file) {
    throw new UserError(
      "tips init-roster needs the roster file to write: tips init-roster ROSTER.csv [RETURNS...]"
    );
  }
  if (!/\.(csv|xlsx)$/i.test(file)) {
    throw new UserError("a roster is a .csv or .xlsx file: name it so.", file);
  }
  if (existsSync(file)) {
    throw new UserError("already exists: choose another name, or move the file away first.", file);
  }
  const offices: string[] = [];
  if (returns.length > 0) {
    // The roster does not exist yet (refused above), so it cannot be among the returns.
    const { files } = expandInputs(returns);
    const progress = progressBar(files.length, ctx.options.json);
    try {
      for (const f of files) {
        const loaded = await loadFile(f);
        const input = "bytes" in loaded ? await readReturn(loaded) : loaded;
        if (input.office && input.kind !== "national-workbook") offices.push(input.office);
        progress.tick(f);
      }
    } finally {
      progress.finish();
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await starterRoster(file, offices);
  } catch (e) {
    if (e instanceof RosterError) throw new UserError(e.message, file);
    throw e;
  }
  await writeOutput(file, bytes);
  const rows = starterRows(offices);
  if (offices.length > 0) {
    ctx.out(
      `Created ${file}: ${rows.length} office${rows.length === 1 ? "" : "s"} named in the returns given. Check it: one expected office per row under "Office".`
    );
  } else {
    ctx.out(
      `Created ${file} with two example offices: replace them with the offices you expect a return from, one per row under "Office".`
    );
  }
  return 0;
}
