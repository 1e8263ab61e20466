/**
 * The workbook's date system, for the serial numbers in a log range.
 *
 * A custom function receives serial numbers, not dates, and nothing tells it whether the workbook
 * counts them from 1900 or from 1904 (the 1904 system: old Mac workbooks; serials are 1,462 days
 * smaller). The Excel API has no "date1904" property either, so the add-in asks Excel itself:
 * DATE(1904,1,1) is 0 in the 1904 system and 1462 in the 1900 system. That takes an Excel.run, only
 * possible where the functions share the task pane's runtime (the manifest's SharedRuntime); in
 * Excel's JavaScript-only functions runtime, in tests and on the command line there is no Excel
 * API and the 1900 system is assumed.
 *
 * The functions never wait for the answer (an Excel.run from inside a calculation can stall it):
 * they use what is known, 1900 until told otherwise. The probe starts when the functions load;
 * if it finds a 1904 workbook after some function already answered with 1900 serials, it asks
 * Excel to recalculate, so every cell ends with the workbook's own date system.
 */

/** Reads the workbook's date system: true for the 1904 system. */
export type Date1904Probe = () => Promise<boolean>;

export class WorkbookDateSystem {
  private known: boolean | undefined;
  private assumed = false;

  /** @param recalculate Called when the workbook turns out to use 1904 after 1900 was assumed. */
  constructor(private readonly recalculate: () => void = () => undefined) {}

  /** The date system to read serials with now: the workbook's when known, else 1900 (false). */
  date1904(): boolean {
    if (this.known === undefined) {
      this.assumed = true;
      return false;
    }
    return this.known;
  }

  /** Whether the workbook's date system has been read (false: 1900 is being assumed). */
  get isKnown(): boolean {
    return this.known !== undefined;
  }

  /** Record what the workbook uses; recalculates when answers were given on a wrong assumption. */
  learn(date1904: boolean): void {
    const wrongAssumption = this.known === undefined && this.assumed && date1904;
    this.known = date1904;
    if (wrongAssumption) this.recalculate();
  }

  /** Run the probe once; when it fails the 1900 system stays assumed. */
  async detect(probe: Date1904Probe): Promise<void> {
    try {
      this.learn(await probe());
    } catch {
      // No Excel API after all (browser-only mode, an old host): 1900 stays assumed.
    }
  }
}

/** Serial of 1 Jan 1904 in each system. */
const SERIAL_1904_IN_1900_SYSTEM = 1462;

/** The probe through the Excel JavaScript API, or undefined where there is none. */
export function excelDate1904Probe(): Date1904Probe | undefined {
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
      await context.sync();
      if (probe.value === 0) return true;
      if (probe.value === SERIAL_1904_IN_1900_SYSTEM) return false;
      throw new Error(`DATE(1904,1,1) gave ${probe.value}`);
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
