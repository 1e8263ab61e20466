/** What every command gets: its arguments and where to print. */
import { UserError } from "../errors";

export interface CommandOptions {
  readonly period?: string;
  readonly office?: string;
  readonly out?: string;
  readonly force?: boolean;
  readonly json?: boolean;
  readonly roster?: string;
  readonly previous?: string;
  readonly fy?: string;
  readonly baseline?: string;
}

export class CommandContext {
  constructor(
    readonly positionals: readonly string[],
    readonly options: CommandOptions,
    readonly out: (line: string) => void,
    readonly err: (line: string) => void
  ) {}

  /** The command's one FILE argument. */
  file(command: string): string {
    const [file, ...extra] = this.positionals;
    if (!file)
      throw new UserError(`tips ${command} needs a workbook file: tips ${command} FILE.xlsx`);
    if (extra.length > 0)
      throw new UserError(`tips ${command} takes one file; also given: ${extra.join(" ")}`);
    return file;
  }
}
