/**
 * Cell addresses as a worksheet names them, for every layer: a finding's cell (core), the .xlsx
 * layer's A1 references (workbook/xlsx/cellref.ts), the Excel adapter's ranges.
 */

/** "A", "B", ... "Z", "AA": the column letters of a 1-based column number. */
export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
