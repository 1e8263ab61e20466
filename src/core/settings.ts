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
  /** How many days a victim lead may wait for a response before the check warns. */
  leadResponseDays: "TIPS.LeadResponseDays",
} as const;

/**
 * The lead response threshold when the workbook records none. The victim-leads memo's own
 * guidance is redacted: this is a policy choice, so it is a setting, not a rule.
 */
export const DEFAULT_LEAD_RESPONSE_DAYS = 30;

/** The setting's days: a whole number >= 0; blank or absent is the default. */
export function decodeLeadResponseDays(text: string | undefined): number {
  if (text === undefined || text.trim() === "") return DEFAULT_LEAD_RESPONSE_DAYS;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 0) {
    throw new SettingError(
      `the setting ${SETTING.leadResponseDays} is "${text.trim()}": it should be a whole number of days >= 0 (default ${DEFAULT_LEAD_RESPONSE_DAYS}).`
    );
  }
  return n;
}

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
