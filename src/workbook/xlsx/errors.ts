/** The one error type of the .xlsx layer for problems with the file itself. */

export type WorkbookFileErrorKind =
  "not-a-workbook" | "password-protected" | "corrupt" | "missing-sheet";

/**
 * A problem with the workbook file, worded for the user. The message is one plain line that
 * reads after the file's name ("report.xlsx is damaged: ..."); the caller adds the name.
 * `part` names the package part at fault when there is one; `detail` is for developers.
 */
export class WorkbookFileError extends Error {
  override readonly name = "WorkbookFileError";

  constructor(
    readonly kind: WorkbookFileErrorKind,
    message: string,
    readonly part?: string,
    readonly detail?: string
  ) {
    super(message);
  }
}

export function corrupt(part: string, what: string, detail?: string): WorkbookFileError {
  return new WorkbookFileError("corrupt", `is damaged: ${part} ${what}`, part, detail);
}
