/**
 * What the functions need from the workbook besides their arguments, so that their figures are
 * exactly those of `tips report` on the same workbook:
 *
 * - its date system, for the serial numbers in a log range (1904: old Mac workbooks, serials
 *   1,462 days smaller). The Excel API has no "date1904" property, so the add-in asks Excel
 *   itself: DATE(1904,1,1) is 0 in the 1904 system and 1462 in the 1900 system;
 * - the opening balances recorded in its settings (custom document properties
 *   "TIPS.Opening.FY2007", see core/settings.ts), which Cumulative figures include.
 *
 * Both are read with one Excel.run, possible only where the functions share the task pane's
 * runtime (the manifest's SharedRuntime). In Excel's JavaScript-only functions runtime, in tests
 * and on the command line there is no Excel API: the 1900 system and no opening balance are assumed.
 *
 * The functions never wait for a read (an Excel.run awaited inside a calculation can stall it):
 * they answer with what is known, re-reading in the background when the last read is a few
 * seconds old. When a read finds something else than the answers were given with (a 1904
 * workbook found after the first calculation, an opening balance saved since), it asks Excel to
 * recalculate, so every cell ends with the workbook's own facts.
 */
import { Figures } from "../core/chart";
import { SETTING, decodeOpening } from "../core/settings";

/** An opening balance as recorded, or why the recorded text cannot be used. */
export type Opening = { readonly figures: Partial<Figures> } | { readonly error: string };

export interface WorkbookFacts {
  readonly date1904: boolean;
  /** Opening balances by fiscal year. */
  readonly openings: ReadonlyMap<number, Opening>;
}

/** What is assumed where the workbook cannot be asked. */
export const ASSUMED_FACTS: WorkbookFacts = { date1904: false, openings: new Map() };

/** Reads the facts from the workbook. */
export type FactsReader = () => Promise<WorkbookFacts>;

/** The opening balances in a workbook's custom properties (key -> value), by fiscal year. */
export function openingsFromProperties(
  properties: readonly { readonly key: string; readonly value: unknown }[]
): Map<number, Opening> {
  const prefix = SETTING.openingPrefix.toLowerCase();
  const openings = new Map<number, Opening>();
  for (const { key, value } of properties) {
    if (!key.toLowerCase().startsWith(prefix)) continue;
    const year = key.slice(prefix.length);
    if (!/^\d{4}$/.test(year)) continue;
    const text = value === null || value === undefined ? "" : String(value);
    if (text.trim() === "") continue; // a cleared balance: as `tips report` reads it, none
    try {
      openings.set(Number(year), { figures: decodeOpening(text, key) });
    } catch (e) {
      openings.set(Number(year), { error: e instanceof Error ? e.message : String(e) });
    }
  }
  return openings;
}

function sameOpening(a: Opening | undefined, b: Opening | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if ("error" in a || "error" in b) return "error" in a && "error" in b && a.error === b.error;
  const keys = new Set([...Object.keys(a.figures), ...Object.keys(b.figures)]);
  return [...keys].every((k) => a.figures[k as keyof Figures] === b.figures[k as keyof Figures]);
}

export function sameFacts(a: WorkbookFacts, b: WorkbookFacts): boolean {
  if (a.date1904 !== b.date1904) return false;
  const years = new Set([...a.openings.keys(), ...b.openings.keys()]);
  return [...years].every((y) => sameOpening(a.openings.get(y), b.openings.get(y)));
}

/** Seconds between background re-reads, at most. */
const REREAD_AFTER_MS = 3000;

export class WorkbookFactsSource {
  private facts: WorkbookFacts = ASSUMED_FACTS;
  private known = false;
  /** Whether an answer has been given with the current facts. */
  private used = false;
  private reading: Promise<void> | undefined;
  private lastRead = -Infinity;

  /**
   * @param reader Reads the workbook; undefined where there is no Excel API.
   * @param recalculate Asks Excel to recalculate every formula.
   */
  constructor(
    private readonly reader: FactsReader | undefined,
    private readonly recalculate: () => void = () => undefined,
    private readonly now: () => number = () => Date.now()
  ) {}

  /** The facts to answer with now; starts a background re-read when the last one is old. */
  current(): WorkbookFacts {
    this.used = true;
    if (this.reader && !this.reading && this.now() - this.lastRead >= REREAD_AFTER_MS) {
      void this.refresh();
    }
    return this.facts;
  }

  /** Whether the facts have been read from the workbook (false: they are assumed). */
  get isKnown(): boolean {
    return this.known;
  }

  /** Read the workbook now (one read at a time); a failed read changes nothing. */
  refresh(): Promise<void> {
    if (!this.reader) return Promise.resolve();
    this.reading ??= this.reader()
      .then(
        (facts) => this.learn(facts),
        () => undefined
      )
      .finally(() => {
        this.reading = undefined;
        this.lastRead = this.now();
      });
    return this.reading;
  }

  /** Record the workbook's facts; recalculate when answers were given with other ones. */
  learn(facts: WorkbookFacts): void {
    this.known = true;
    if (sameFacts(facts, this.facts)) return;
    this.facts = facts;
    if (this.used) {
      this.used = false;
      this.recalculate();
    }
  }
}

/** Serial of 1 Jan 1904 in the 1900 date system (it is 0 in the 1904 system). */
const SERIAL_1904_IN_1900_SYSTEM = 1462;

/** The reader through the Excel JavaScript API, or undefined where there is none. */
export function excelFactsReader(): FactsReader | undefined {
  if (
    typeof Office === "undefined" ||
    typeof Excel === "undefined" ||
    typeof Excel.run !== "function"
  ) {
    return undefined;
  }
  return async () => {
    const info = await Office.onReady();
    if (info.host !== Office.HostType.Excel) throw new Error("not running in Excel");
    return Excel.run(async (context) => {
      const probe = context.workbook.functions.date(1904, 1, 1);
      probe.load("value");
      const properties = context.workbook.properties.custom;
      properties.load("items/key,items/value");
      await context.sync();
      if (probe.value !== 0 && probe.value !== SERIAL_1904_IN_1900_SYSTEM) {
        throw new Error(`DATE(1904,1,1) gave ${probe.value}`);
      }
      return {
        date1904: probe.value === 0,
        openings: openingsFromProperties(properties.items),
      };
    });
  };
}

/** Ask Excel to recalculate every formula (custom functions included); best effort. */
export function excelRecalculate(): void {
  if (typeof Excel === "undefined") return;
  Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  }).catch(() => undefined);
}

/** A fact of the workbook that cannot be used: shown as #VALUE! with what to fix. */
export class WorkbookFactError extends Error {
  override name = "WorkbookFactError";
}

/** The opening balance recorded for a fiscal year, if any; throws when it cannot be read. */
export function openingFor(facts: WorkbookFacts, fiscalYear: number): Partial<Figures> | undefined {
  const opening = facts.openings.get(fiscalYear);
  if (opening === undefined) return undefined;
  if ("error" in opening) {
    throw new WorkbookFactError(
      `The workbook's opening balance for FY${fiscalYear} cannot be used: ${opening.error} ` +
        "Enter it again in the task pane's Opening balance."
    );
  }
  return opening.figures;
}
