/**
 * The `tips` command line: the same engine as the task pane and the custom functions, over
 * .xlsx files, for HQ, automation and machines without Excel.
 */
import { parseArgs } from "node:util";
import { check } from "./commands/check";
import { annual } from "./commands/annual";
import { consolidate } from "./commands/consolidate";
import { CommandContext } from "./commands/context";
import { demo } from "./commands/demo";
import { fill } from "./commands/fill";
import { init } from "./commands/init";
import { initRoster } from "./commands/init-roster";
import { report } from "./commands/report";
import { EXIT, describeError } from "./errors";

export const USAGE = `tips: the Human Trafficking Outreach quarterly report over .xlsx files

  tips init FILE [--office NAME] [--period P]   a new workbook in the form's layout
  tips check FILE [--period P] [--json]         every finding in the log (exit 1 on errors)
  tips report FILE [--period P] [--json]        the chart's Quarter and Cumulative figures
  tips fill FILE [--period P] [--office NAME] [--out OUT] [--force]
                                                write the chart, title and narrative
  tips demo [DIR]                               a filled sample workbook, and its chart
  tips consolidate FILES_OR_FOLDERS... --period P --out NATIONAL.xlsx
          [--roster FILE] [--previous PREVIOUS.xlsx] [--json]
                                                HQ: the national workbook from the offices'
                                                returns (exit 1 if any is invalid or missing)
  tips annual FILES_OR_FOLDERS... --fy FY2007 --out ANNUAL.xlsx
          [--baseline PREVIOUS_ANNUAL.xlsx] [--roster FILE] [--json]
                                                HQ: the year per office and national against
                                                the baseline year (exit 1 if any is invalid
                                                or missing)
  tips init-roster FILE [RETURNS...]            a starter roster (.csv or .xlsx, "Office" column)

A period is written FY2007 Q3 (also FY07 Q3, 2007Q3, 2007-Q3, Q3 FY2007, or a date).
Without --period, the period is read from the workbook's title or settings.`;

type Command = (ctx: CommandContext) => Promise<number>;
export const COMMANDS: Record<string, Command> = {
  init,
  check,
  report,
  fill,
  demo,
  consolidate,
  "init-roster": initRoster,
  annual,
};

/** Run one command line; returns the exit code. Never throws for a user's mistake. */
export async function run(
  argv: readonly string[],
  out: (line: string) => void = (l) => process.stdout.write(l + "\n"),
  err: (line: string) => void = (l) => process.stderr.write(l + "\n")
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        period: { type: "string" },
        office: { type: "string" },
        out: { type: "string" },
        force: { type: "boolean" },
        json: { type: "boolean" },
        roster: { type: "string" },
        previous: { type: "string" },
        fy: { type: "string" },
        baseline: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    err(`tips: ${(e as Error).message}`);
    err(USAGE);
    return EXIT.failure;
  }
  const [name, ...positionals] = parsed.positionals;
  if (parsed.values.help || name === undefined || name === "help") {
    out(USAGE);
    return name === undefined && !parsed.values.help ? EXIT.failure : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`tips: unknown command "${name}".`);
    err(USAGE);
    return EXIT.failure;
  }
  const ctx = new CommandContext(positionals, parsed.values, out, err);
  try {
    return await command(ctx);
  } catch (e) {
    const line = describeError(e, positionals[0]);
    if (line === undefined) throw e;
    err(`tips ${name}: ${line}`);
    return e instanceof Error && "exitCode" in e
      ? (e as { exitCode: number }).exitCode
      : EXIT.failure;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `tips: internal error (please report it): ${(e as Error)?.stack ?? String(e)}\n`
      );
      process.exitCode = EXIT.failure;
    }
  );
}
