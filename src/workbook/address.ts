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
