/**
 * Text read from a workbook must not keep the workbook in memory. A JavaScript engine keeps a
 * substring as a pointer into its parent string, so a cell's text kept as cut from the decoded
 * part would hold the whole part: HQ's consolidation keeps every counted row's text until it
 * writes the national workbook, a hundred returns at once.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { openWorkbook } from "../../src/workbook/xlsx";
import { makeBook } from "./build";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MB = 2 ** 20;

/** Heap in use after a full collection. */
function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const ROWS = 40_000;
/** Text of 40 characters with one non-ASCII (a two-byte string: 80 bytes a cell once decoded). */
const text = (i: number): string => `Shelter for survivors – row ${String(i).padStart(10, "0")}`;

/** A workbook of 40,000 text cells, inline or shared: the part decodes to ~7 MB of text. */
function book(kind: "inline" | "shared"): Uint8Array {
  const rows: string[] = [];
  for (let i = 1; i <= ROWS; i++) {
    const cell =
      kind === "inline"
        ? `<c r="A${i}" t="inlineStr"><is><t>${text(i)}</t></is></c>`
        : `<c r="A${i}" t="s"><v>${i - 1}</v></c>`;
    rows.push(`<row r="${i}">${cell}</row>`);
  }
  return makeBook({
    sheets: [{ name: "Log", rows: rows.join("") }],
    ...(kind === "shared"
      ? { sharedStrings: Array.from({ length: ROWS }, (_, i) => text(i + 1)) }
      : {}),
  });
}

describe.each(["inline", "shared"] as const)("text of %s string cells", (kind) => {
  test("a few cells' text kept after reading do not keep the sheet's text alive", () => {
    const bytes = book(kind);
    const before = heapUsed();
    // Keep ten cells' text, as the consolidation keeps a return's rows; drop everything else.
    const kept = ((): string[] => {
      const values = openWorkbook(bytes).readSheet("Log").values();
      return values.slice(0, 10).map((row) => String(row[0]));
    })();
    const after = heapUsed();
    expect(kept[0]).toBe(text(1));
    expect(kept[9]).toBe(text(10));
    // Held as cut, they would pin the decoded part (7 MB and more); held apart, ten strings.
    expect((after - before) / MB).toBeLessThan(1);
  });
});
