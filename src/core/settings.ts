/**
 * The workbook's own settings (stored in the workbook, never in the browser): which office it
 * reports for, the reporting period, opening balances and when it was submitted.
 */
import { Figures, LINE_KEYS } from "./chart";

export const SETTING = {
  office: "TIPS.Office",
  period: "TIPS.Period",
  submitted: "TIPS.Submitted",
  /** One per fiscal year: "TIPS.Opening.FY2007". */
  openingPrefix: "TIPS.Opening.FY",
} as const;

export function openingKey(fiscalYear: number): string {
  return `${SETTING.openingPrefix}${fiscalYear}`;
}

/**
 * An opening balance as text: the 15 line figures in the chart's order, comma-separated
 * (short enough for a document property, readable in File > Properties).
 */
export function encodeOpening(figures: Partial<Figures>): string {
  return LINE_KEYS.map((k) => figures[k] ?? 0).join(",");
}

export class SettingError extends Error {
  override name = "SettingError";
}

export function decodeOpening(text: string, key: string): Partial<Figures> {
  const parts = text.split(",").map((s) => s.trim());
  if (parts.length !== LINE_KEYS.length) {
    throw new SettingError(
      `the setting ${key} should hold ${LINE_KEYS.length} numbers, one per chart line; it holds ${parts.length}.`
    );
  }
  const figures: Partial<Figures> = {};
  parts.forEach((p, i) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 0) {
      throw new SettingError(
        `the setting ${key} has "${p}" for ${LINE_KEYS[i]}: it should be a whole number >= 0.`
      );
    }
    figures[LINE_KEYS[i]] = n;
  });
  return figures;
}
