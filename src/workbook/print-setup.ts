/**
 * How the sheets the add-in creates or fills print, described as data so that both adapters
 * render the same setup, and the one rule that keeps an office's own page setup.
 *
 * Every setup fits the sheet to one page wide and as many pages tall as its rows need: a report
 * reads top to bottom, and a table printed in strips of columns cannot be read at all.
 */

export interface PrintSetup {
  readonly orientation: "portrait" | "landscape";
  /** Rows printed at the top of every page (the table's header row), 1-based and inclusive. */
  readonly titleRows?: { readonly first: number; readonly last: number };
}

/** The report prints like the paper form: portrait. */
export const REPORT_PRINT: PrintSetup = { orientation: "portrait" };

/** A table (the log, Prospective Training, the national tables): landscape, its header on every page. */
export function tablePrint(headerRow: number): PrintSetup {
  return { orientation: "landscape", titleRows: { first: headerRow, last: headerRow } };
}

/** The print titles as an A1 row reference, "$1:$1" (the sheet name is the caller's to add). */
export function titleRowsRef(rows: NonNullable<PrintSetup["titleRows"]>): string {
  return `$${rows.first}:$${rows.last}`;
}

/** A sheet's page setup as a program reports it, for `hasOwnPageSetup`. */
export interface PageSetupFound {
  readonly landscape: boolean;
  /** The print scale in percent; 100 when none is set. */
  readonly scale: number;
  /** Fit to a number of pages wide or tall. */
  readonly fitToPages: boolean;
  readonly printArea: boolean;
  /** Rows or columns repeated on every page. */
  readonly printTitles: boolean;
}

/**
 * The rule: filling gives the report the add-in's print setup only when the sheet has none of its
 * own, that is when nothing differs from a new sheet's defaults: portrait, 100%, no fit to
 * pages, no print area, no print titles. (Portrait cannot tell an office's choice from the
 * default; paper size and margins are never changed, so they do not count.)
 */
export function hasOwnPageSetup(found: PageSetupFound): boolean {
  return (
    found.landscape ||
    found.scale !== 100 ||
    found.fitToPages ||
    found.printArea ||
    found.printTitles
  );
}
