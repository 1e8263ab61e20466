/**
 * What the add-in owns on the report sheet, and how a fill replaces exactly that: the one rule
 * both adapters follow (they only carry out the steps planned here).
 *
 * The add-in owns the chart's Quarter and Cumulative cells, the title, "Fiscal Year" and the
 * Office cell (all found by their labels), and its own blocks of bullets: one block a narrative
 * section, recorded in the workbook as a workbook-scoped defined name (`TIPS_Outreach`, ...)
 * over the block's cells. A defined name survives Excel, Excel on the web and LibreOffice, and
 * moves with its rows when the office inserts or deletes rows above it. Everything else on the
 * sheet is the office's: text under the headings (before or after the block), instructions,
 * notes beside the chart, footer and marking lines. A block that needs more rows inserts whole
 * rows, so what is below moves down with its section; a block that needs fewer deletes its own
 * spare rows when nothing else stands in them. Filling twice plans the same cells again, so the
 * second fill changes nothing.
 */
import { CellValue, isBlank } from "../core/log";
import { NARRATIVE_INSTRUCTIONS, NOTHING_TO_REPORT, NarrativeKey } from "../core/narrative";
import { normalizeLabel } from "../core/chart";
import { ChartLayout } from "./layout";
import { CellWrite, SheetGrid } from "./port";
import { BULLET, CONTINUATION, NARRATIVE_ORDER, STYLE, wrappedRowHeight } from "./seed-layout";

/** The defined name that records a section's block of bullets. */
export const BLOCK_NAMES: Readonly<Record<NarrativeKey, string>> = {
  significant: "TIPS_Significant",
  prospective: "TIPS_Prospective",
  outreach: "TIPS_Outreach",
};
/** Every name the add-in records its blocks under starts so. */
export const BLOCK_NAME_PREFIX = "TIPS_";

/**
 * Where a recorded block stands now, rows and columns inclusive: its text is in the left column,
 * each bullet merged across to the chart's last figure column so that it wraps at the chart's
 * width, as on the paper form.
 */
export interface Block {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export type BlockStep =
  /** Insert `count` blank rows before row `at` (count < 0: delete rows at..at-count-1). */
  | { readonly kind: "shift"; readonly at: number; readonly count: number }
  | {
      readonly kind: "write";
      readonly writes: readonly CellWrite[];
      readonly heights: readonly { row: number; height: number }[];
      /** Each bullet's cells, merged (already merged cells stay as they are). */
      readonly merges: readonly Block[];
    }
  /** Record the block under the name (or forget the name when the block is gone). */
  | { readonly kind: "name"; readonly name: string; readonly block?: Block };

export interface BlockPlanInput {
  readonly grid: SheetGrid;
  readonly chart: ChartLayout;
  /** The blocks the workbook records now (absent when none, or when its rows were deleted). */
  readonly blocks: Partial<Record<NarrativeKey, Block>>;
  /** Filled by an earlier version of the add-in, which recorded no blocks and hard-wrapped. */
  readonly legacy: boolean;
  readonly bullets: Readonly<Record<NarrativeKey, readonly string[]>>;
  /** The width in characters of each column of the sheet the blocks may span. */
  readonly columnWidths: ReadonlyMap<number, number>;
}

/** The office's marking or distribution lines under the report end its last section. */
const MARKING = /law\s*enforcement\s*sensitive|limited\s*distribution/i;
/**
 * An earlier version's bullet: "• ", its fields joined by " – ", hard-wrapped at 85 characters
 * (its continuation lines begin with three spaces). An office's own bullets are not in that shape.
 */
const LEGACY_LINE_CHARS = 85;
const LEGACY_SEPARATOR = " – ";

const text = (v: CellValue): string =>
  typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);

function cellAt(grid: SheetGrid, row: number, col: number): CellValue {
  return grid.values[row - grid.top]?.[col - grid.left] ?? null;
}

/** Is the row empty, but for the columns from..to (a block's own)? */
function rowIsBlank(grid: SheetGrid, row: number, from = 0, to = from): boolean {
  const cells = grid.values[row - grid.top];
  if (!cells) return true;
  return cells.every((v, j) => (grid.left + j >= from && grid.left + j <= to) || isBlank(v));
}

const INSTRUCTIONS = Object.values(NARRATIVE_INSTRUCTIONS).map(normalizeLabel);

/** The form's own instruction text (whole, or a hard-wrapped piece of it) is not office text. */
function isInstruction(row: readonly CellValue[]): boolean {
  const t = normalizeLabel(row.map(text).join(" "));
  return t.length > 0 && INSTRUCTIONS.some((i) => i.includes(t));
}

interface Section {
  readonly key: NarrativeKey;
  readonly heading: number;
  readonly col: number;
  /** The last row that belongs to the section. */
  readonly end: number;
}

function sectionsOf(grid: SheetGrid, chart: ChartLayout): Section[] {
  const lastRow = grid.top + grid.values.length - 1;
  const found = NARRATIVE_ORDER.flatMap((key) => {
    const ref = chart.narrative[key];
    return ref ? [{ key, heading: ref.row, col: ref.col }] : [];
  }).sort((a, b) => a.heading - b.heading);
  return found.map((s, i) => {
    let end = i + 1 < found.length ? found[i + 1].heading - 1 : lastRow;
    if (i + 1 === found.length) {
      for (let row = s.heading + 1; row <= lastRow; row++) {
        const cells = grid.values[row - grid.top] ?? [];
        if (cells.some((v) => typeof v === "string" && MARKING.test(v))) {
          end = row - 1;
          break;
        }
      }
    }
    return { ...s, end: Math.max(end, s.heading) };
  });
}

/** Rows an earlier version wrote in a section: its bullets, their continuations, "Nothing to report". */
function legacyRows(grid: SheetGrid, s: Section): number[] {
  const rows: number[] = [];
  let inBullet = false;
  for (let row = s.heading + 1; row <= s.end; row++) {
    const v = text(cellAt(grid, row, s.col));
    const own: boolean =
      (v.startsWith(BULLET) && v.includes(LEGACY_SEPARATOR) && v.length <= LEGACY_LINE_CHARS) ||
      v.trim() === NOTHING_TO_REPORT ||
      (inBullet && v.startsWith(CONTINUATION) && v.trim() !== "");
    inBullet = own && v.trim() !== NOTHING_TO_REPORT;
    if (own && rowIsBlank(grid, row, s.col, s.col)) rows.push(row);
  }
  return rows;
}

/** What the add-in writes in a block: a bullet, "Nothing to report", or nothing. */
function isOwnText(v: CellValue): boolean {
  const t = text(v);
  return t.trim() === "" || t.startsWith(BULLET) || t.trim() === NOTHING_TO_REPORT;
}

/** The text of a section's bullets: the log's, or "Nothing to report" when the office wrote none. */
function bulletTexts(bullets: readonly string[], officeText: boolean): string[] {
  if (bullets.length > 0) return bullets.map((b) => BULLET + b);
  return officeText ? [] : [NOTHING_TO_REPORT];
}

/**
 * The steps of a fill, bottom section first, so that the rows each step names are still where
 * the grid saw them. Sections whose heading the sheet lacks get no block (a report without a
 * heading is the office's choice; `tips init` and Set up write the headings).
 */
export function planBlocks(input: BlockPlanInput): BlockStep[] {
  const { grid, blocks } = input;
  const steps: BlockStep[] = [];
  for (const s of sectionsOf(grid, input.chart).reverse()) {
    // Bullets span from the heading's column to the chart's last figure column.
    const right = Math.max(s.col, input.chart.cumulativeCol, input.chart.quarterCol);
    let width = 0;
    for (let c = s.col; c <= right; c++) width += input.columnWidths.get(c) ?? 0;
    const recorded = blocks[s.key];
    const block =
      recorded && recorded.left === s.col && recorded.top > s.heading && recorded.bottom <= s.end
        ? recorded
        : undefined;
    const old = new Set<number>();
    if (block) {
      // A cell of the block the office typed over is the office's now: it stays, outside.
      for (let r = block.top; r <= block.bottom; r++)
        if (isOwnText(cellAt(grid, r, s.col))) old.add(r);
    } else if (input.legacy) for (const r of legacyRows(grid, s)) old.add(r);
    let lastContent = s.heading;
    let officeText = false;
    for (let row = s.heading + 1; row <= s.end; row++) {
      if (old.has(row) || rowIsBlank(grid, row)) continue;
      lastContent = row;
      if (!isInstruction(grid.values[row - grid.top])) officeText = true;
    }
    const texts = bulletTexts(input.bullets[s.key], officeText);
    // Old rows other than the block's first run are an earlier version's: they go.
    const oldRows = [...old].sort((a, b) => a - b);
    const top = oldRows.length > 0 ? oldRows[0] : lastContent + 1;
    let run = 0;
    while (run < oldRows.length && oldRows[run] === top + run) run++;
    for (const r of oldRows.slice(run).reverse()) steps.push({ kind: "shift", at: r, count: -1 });
    const have = run;
    let size = texts.length;
    if (texts.length > have) {
      steps.push({ kind: "shift", at: top + have, count: texts.length - have });
    } else if (texts.length < have) {
      const spare: number[] = [];
      for (let r = top + texts.length; r < top + have; r++) spare.push(r);
      if (spare.every((r) => rowIsBlank(grid, r, s.col, right)))
        steps.push({ kind: "shift", at: top + texts.length, count: texts.length - have });
      else size = have; // something of the office's stands beside: clear, keep the rows
    }
    const writes: CellWrite[] = [];
    const heights: { row: number; height: number }[] = [];
    const merges: Block[] = [];
    for (let i = 0; i < size; i++) {
      const value = i < texts.length ? texts[i] : null;
      writes.push({ row: top + i, col: s.col, value, style: STYLE.bullet });
      if (value === null) continue;
      heights.push({ row: top + i, height: wrappedRowHeight(value, width) });
      if (right > s.col) merges.push({ top: top + i, bottom: top + i, left: s.col, right });
    }
    if (writes.length > 0) steps.push({ kind: "write", writes, heights, merges });
    steps.push({
      kind: "name",
      name: BLOCK_NAMES[s.key],
      ...(size > 0 ? { block: { top, bottom: top + size - 1, left: s.col, right } } : {}),
    });
  }
  return steps;
}
