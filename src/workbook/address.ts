/**
 * A1 addresses as both adapters meet them: Excel's sheet-qualified range addresses
 * ("'Outreach Log'!A1:L40") and a table's ref ("A1:L40"). One parser, over the package layer's.
 */
import { columnLetters, parseRange } from "./xlsx/cellref";
import { LayoutError } from "./layout";

export interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** "'Outreach Log'!A1:L40", "A1:L40" or "B3" -> its corners (1-based). */
export function parseAddress(address: string): Box {
  const box = parseRange(address.slice(address.lastIndexOf("!") + 1).trim());
  if (!box) throw new LayoutError(`"${address}" is not a cell range.`);
  return box;
}

export function formatRange(box: Box): string {
  return `${columnLetters(box.left)}${box.top}:${columnLetters(box.right)}${box.bottom}`;
}

/** A sheet name as a formula writes it: quoted (inner quotes doubled) unless it is a plain word. */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

/** "'Quarterly Report'!$A$40:$A$44" for a block of cells (absolute, as a defined name holds it). */
export function absoluteAddress(sheet: string, box: Box): string {
  const a = `$${columnLetters(box.left)}$${box.top}`;
  const b = `$${columnLetters(box.right)}$${box.bottom}`;
  return `${quoteSheet(sheet)}!${a === b ? a : `${a}:${b}`}`;
}

/** A defined name's formula when it is one block of one sheet ("Sheet!$A$1:$B$2"); else undefined. */
export function parseSheetAddress(formula: string): (Box & { sheet: string }) | undefined {
  const m =
    /^\s*=?\s*(?:'((?:[^']|'')+)'|([^'!:\s]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)\s*$/.exec(
      formula
    );
  if (!m) return undefined;
  const box = parseRange(m[3].replace(/\$/g, ""));
  if (!box) return undefined;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], ...box };
}
