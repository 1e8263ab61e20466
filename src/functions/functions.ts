/*
 * Custom functions (=TIPS.*). Each one is a few lines of argument handling around a core call.
 *
 * The JSDoc `@customfunction` tags are the single source of the function metadata: at build time
 * CustomFunctionsMetadataPlugin generates dist/functions.json from them and appends the
 * `CustomFunctions.associate(id, fn)` calls to this module. Never write either by hand, and never
 * change a function id once shipped (workbooks store it).
 *
 * This file is loaded both by the task pane page (shared runtime) and, outside Excel, by the
 * browser-only mode and the bundle tests: it must not touch `window` or `document` at load time.
 */

/*
 * Outside Excel (browser-only mode, tests) there is no `CustomFunctions` global. Give the
 * generated `associate` calls at the end of this module a harmless target so the page still loads.
 */
if (typeof CustomFunctions === "undefined") {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

/** Excel's 1900 date system: the last valid serial, 9999-12-31. */
const MAX_SERIAL = 2958465;
const MS_PER_DAY = 86400000;

/*
 * Placeholder until this delegates to src/core/period.ts: kept self-contained so the build
 * pipeline can be proved on its own.
 */
function periodOfSerial(serial: number): string {
  // Serial 60 is Excel's phantom 29 February 1900; serials before it are one day off from the
  // 1899-12-30 epoch that is right for every serial after it.
  const whole = Math.floor(serial);
  const epochOffset = whole < 60 ? 1 : 0;
  const date = new Date(Date.UTC(1899, 11, 30) + (whole + epochOffset) * MS_PER_DAY);
  const year = whole === 60 ? 1900 : date.getUTCFullYear();
  const month = whole === 60 ? 2 : date.getUTCMonth() + 1;
  const fiscalYear = month >= 10 ? year + 1 : year;
  const quarter = month >= 10 ? 1 : Math.floor((month - 1) / 3) + 2;
  return `FY${fiscalYear} Q${quarter}`;
}

/**
 * The federal fiscal year and quarter of a date, as text such as "FY2007 Q3".
 * Fiscal year N runs from 1 October of N-1 to 30 September of N; Q1 is October to December.
 * @customfunction FISCALPERIOD
 * @param date A date (an Excel date serial number).
 * @returns The fiscal period, for example "FY2007 Q3".
 */
export function fiscalPeriod(date: number): string {
  if (typeof date !== "number" || !Number.isFinite(date) || date < 1 || date > MAX_SERIAL) {
    throw new CustomFunctions.Error(
      CustomFunctions.ErrorCode.invalidValue,
      "FISCALPERIOD needs a date (a serial number from 1 to 2958465)."
    );
  }
  return periodOfSerial(date);
}
