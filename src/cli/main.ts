/**
 * The `tips` command line: the same engine as the task pane and the custom functions, over
 * .xlsx files, for HQ, automation and machines without Excel.
 *
 * Each command takes its own options only: anything else is refused with that command's usage
 * (exit 2). A command's module is loaded when it runs, so `tips --help` loads none of them.
 */
import { ParseArgsConfig, parseArgs } from "node:util";
import type { CommandContext } from "./commands/context";
import { EXIT } from "./exit";

type Command = (ctx: CommandContext) => Promise<number>;

/** Every option of the command line, by name; each command takes some of them. */
const OPTIONS = {
  help: { type: "boolean", short: "h" },
  period: { type: "string" },
  office: { type: "string" },
  out: { type: "string" },
  force: { type: "boolean" },
  json: { type: "boolean" },
  roster: { type: "string" },
  previous: { type: "string" },
  fy: { type: "string" },
  baseline: { type: "string" },
} as const;
type OptionName = keyof typeof OPTIONS;

interface CommandSpec {
  /** The usage line, after "tips ". */
  readonly usage: string;
  readonly summary: string;
  readonly options: readonly OptionName[];
  readonly load: () => Promise<Command>;
}

export const COMMANDS: Record<string, CommandSpec> = {
  init: {
    usage: "init FILE [--office NAME] [--period P]",
    summary: "a new workbook in the form's layout",
    options: ["office", "period"],
    load: async () => (await import("./commands/init")).init,
  },
  check: {
    usage: "check FILE [--period P] [--json]",
    summary: "every finding in the log (exit 1 on errors)",
    options: ["period", "json"],
    load: async () => (await import("./commands/check")).check,
  },
  report: {
    usage: "report FILE [--period P] [--json]",
    summary: "the chart's Quarter and Cumulative figures",
    options: ["period", "json"],
    load: async () => (await import("./commands/report")).report,
  },
  fill: {
    usage: "fill FILE [--period P] [--office NAME] [--out OUT] [--force]",
    summary: "write the chart, title and narrative",
    options: ["period", "office", "out", "force"],
    load: async () => (await import("./commands/fill")).fill,
  },
  demo: {
    usage: "demo [DIR] [--period P]",
    summary: "a filled sample workbook, and its chart",
    options: ["period"],
    load: async () => (await import("./commands/demo")).demo,
  },
  consolidate: {
    usage:
      "consolidate FILES_OR_FOLDERS... --period P --out NATIONAL.xlsx [--roster FILE] [--previous PREVIOUS.xlsx] [--json]",
    summary:
      "HQ: the national workbook from the offices' returns (exit 1 if any is invalid or missing)",
    options: ["period", "out", "roster", "previous", "json"],
    load: async () => (await import("./commands/consolidate")).consolidate,
  },
  annual: {
    usage:
      "annual FILES_OR_FOLDERS... --fy FY2007 --out ANNUAL.xlsx [--baseline PREVIOUS_ANNUAL.xlsx] [--roster FILE] [--json]",
    summary:
      "HQ: the year per office and national against the baseline year (exit 1 if any is invalid or missing)",
    options: ["fy", "out", "baseline", "roster", "json"],
    load: async () => (await import("./commands/annual")).annual,
  },
  "init-roster": {
    usage: "init-roster FILE [RETURNS...]",
    summary: 'a starter roster (.csv or .xlsx, "Office" column)',
    options: [],
    load: async () => (await import("./commands/init-roster")).initRoster,
  },
};

const usageOf = (name: string): string => {
  const c = COMMANDS[name];
  return `usage: tips ${c.usage}\n  ${c.summary}`;
};

export const USAGE = `tips: the Human Trafficking Outreach quarterly report over .xlsx files

${Object.values(COMMANDS)
  .map((c) => `  tips ${c.usage}\n      ${c.summary}`)
  .join("\n")}

A period is written FY2007 Q3 (also FY07 Q3, 2007Q3, 2007-Q3, Q3 FY2007, or a date).
Without --period, the period is read from the workbook's title or settings.
tips COMMAND --help prints one command's usage.`;

/** The first word that is not an option or an option's value: the command's name. */
function commandName(argv: readonly string[]): string | undefined {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  return tokens?.find((t) => t.kind === "positional")?.value;
}

/** Parse a command's arguments against its own options; a message for the user when they do not fit. */
function parseCommand(
  name: string,
  argv: readonly string[]
): { positionals: string[]; values: Record<string, string | boolean | undefined> } | string {
  const spec = COMMANDS[name];
  const allowed = new Set<string>([...spec.options, "help"]);
  const options: ParseArgsConfig["options"] = Object.fromEntries(
    Object.entries(OPTIONS).filter(([k]) => allowed.has(k))
  );
  const loose = parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const t of loose.tokens ?? []) {
    if (t.kind === "option" && !allowed.has(t.name)) {
      return spec.options.length === 0
        ? `${t.rawName} is not an option of tips ${name}: it takes none.`
        : `${t.rawName} is not an option of tips ${name}; it takes ${spec.options.map((o) => `--${o}`).join(", ")}.`;
    }
  }
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return {
      positionals: parsed.positionals.slice(1),
      values: parsed.values as Record<string, string | boolean | undefined>,
    };
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Why a --period cannot be meant (a notation not understood, or a quarter outside the plausible
 * range of a log's dates: core/period.ts plausiblePeriod), or undefined when it can.
 */
async function implausiblePeriod(text: string): Promise<string | undefined> {
  const { PeriodError, parsePeriod, plausiblePeriod } = await import("../core/period");
  try {
    plausiblePeriod(parsePeriod(text));
    return undefined;
  } catch (e) {
    if (e instanceof PeriodError) return e.message;
    throw e;
  }
}

/** Run one command line; returns the exit code. Never throws for a user's mistake. */
export async function run(
  argv: readonly string[],
  out: (line: string) => void = (l) => process.stdout.write(l + "\n"),
  err: (line: string) => void = (l) => process.stderr.write(l + "\n")
): Promise<number> {
  const name = commandName(argv);
  if (name === undefined || name === "help") {
    const asked = name === "help" || argv.includes("--help") || argv.includes("-h");
    (asked ? out : err)(USAGE);
    return asked ? EXIT.ok : EXIT.failure;
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, name)) {
    err(`tips: unknown command "${name}".`);
    err(USAGE);
    return EXIT.failure;
  }
  const parsed = parseCommand(name, argv);
  if (typeof parsed === "string") {
    err(`tips ${name}: ${parsed}`);
    err(usageOf(name));
    return EXIT.failure;
  }
  if (parsed.values.help) {
    out(usageOf(name));
    return EXIT.ok;
  }
  if (typeof parsed.values.period === "string") {
    const refused = await implausiblePeriod(parsed.values.period);
    if (refused) {
      err(`tips ${name}: --period: ${refused}`);
      return EXIT.failure;
    }
  }
  const [{ CommandContext }, { describeError }, command] = await Promise.all([
    import("./commands/context"),
    import("./errors"),
    COMMANDS[name].load(),
  ]);
  const ctx = new CommandContext(parsed.positionals, parsed.values, out, err);
  try {
    return await command(ctx);
  } catch (e) {
    const line = describeError(e, parsed.positionals[0]);
    if (line === undefined) throw e;
    err(`tips ${name}: ${line}`);
    return e instanceof Error && "exitCode" in e
      ? (e as { exitCode: number }).exitCode
      : EXIT.failure;
  }
}

/**
 * The process around `run`: its exit code, and a bug reported in one line (the stack only with
 * TIPS_DEBUG=1, for the report). bin/tips.js calls this from the built bundle.
 */
export function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const detail = process.env.TIPS_DEBUG ? ((e as Error)?.stack ?? String(e)) : String(e);
      process.stderr.write(`tips: internal error (please report it): ${detail}\n`);
      process.exitCode = EXIT.failure;
    }
  );
}

// `npm run tips:dev -- ARGS` runs this file from the sources, through tsx.
if (require.main === module) void main();
