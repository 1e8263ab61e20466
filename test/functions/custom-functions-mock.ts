/**
 * The `CustomFunctions` global as Excel's runtime provides it, enough for the functions module:
 * import this before src/functions/functions.ts.
 */

/** CustomFunctions.Error: what a thrown error shows in the cell (code) and its callout (message). */
export class ExcelError extends Error {
  constructor(
    readonly code: string,
    message?: string
  ) {
    super(message);
  }
}

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export const associated = new Map<string, (...args: unknown[]) => unknown>();

(globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
  associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
  Error: ExcelError,
  ErrorCode,
};

/** The Excel error `fn` throws; fails the test when it returns or throws anything else. */
export function excelError(fn: () => unknown): ExcelError {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    if (e instanceof ExcelError) return e;
    throw new Error(`threw ${String(e)} instead of a CustomFunctions.Error`);
  }
  throw new Error(`returned ${JSON.stringify(result)} instead of throwing`);
}
