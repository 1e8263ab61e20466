/**
 * A user's mistake is one line naming the file and the problem, never a stack trace
 * (exit codes: ./exit.ts).
 */
import { LogLayoutError } from "../core/log";
import { PeriodError } from "../core/period";
import { SettingError } from "../core/settings";
import { TableLayoutError } from "../core/table";
import { FillRefusedError, NoPeriodError } from "../app/quarterly";
import { LayoutError } from "../workbook/layout";
import { WorkbookFileError } from "../workbook/xlsx";

import { EXIT } from "./exit";

export { EXIT };

/** A problem the user can fix; `file` is named in the message when given. */
export class UserError extends Error {
  override name = "UserError";
  constructor(
    message: string,
    readonly file?: string,
    readonly exitCode: number = EXIT.failure
  ) {
    super(message);
  }
}

const USER_ERRORS = [
  WorkbookFileError,
  LayoutError,
  LogLayoutError,
  TableLayoutError,
  PeriodError,
  SettingError,
  NoPeriodError,
  FillRefusedError,
];

/** The one line to print for an error, or undefined when it is a bug (print the stack). */
export function describeError(e: unknown, file?: string): string | undefined {
  if (e instanceof UserError) return e.file ? `${e.file}: ${e.message}` : e.message;
  if (USER_ERRORS.some((cls) => e instanceof cls)) {
    // The engine's message names no face; on the command line the way to give a period is this.
    const hint =
      e instanceof NoPeriodError ? ' Pass --period, for example --period "FY2007 Q3".' : "";
    const message = (e as Error).message + hint;
    return file ? `${file}: ${message}` : message;
  }
  return undefined;
}
