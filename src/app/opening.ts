/**
 * Opening balances: an office that starts logging mid-year records, once, its totals for the
 * fiscal year so far; the Cumulative figures add them (core/tally.ts). Kept in the workbook's
 * settings, one per fiscal year (core/settings.ts).
 */
import { Figures, LINE_KEYS, LineKey } from "../core/chart";
import { decodeOpening, encodeOpening, openingKey } from "../core/settings";
import { WorkbookPort } from "../workbook/port";

export async function readOpening(
  port: WorkbookPort,
  fiscalYear: number
): Promise<Partial<Figures> | undefined> {
  const key = openingKey(fiscalYear);
  const text = await port.getSetting(key);
  return text && text.trim() !== "" ? decodeOpening(text, key) : undefined;
}

export interface OpeningIssue {
  readonly key: LineKey;
  readonly message: string;
}

/** The 15 numbers as typed: blank is 0; anything but a whole number >= 0 is an issue. */
export function parseOpeningForm(
  values: Partial<Record<LineKey, string>>
): { ok: true; figures: Figures } | { ok: false; issues: OpeningIssue[] } {
  const figures = {} as Figures;
  const issues: OpeningIssue[] = [];
  for (const key of LINE_KEYS) {
    const text = (values[key] ?? "").trim().replace(/,/g, "");
    const n = text === "" ? 0 : Number(text);
    if (!Number.isInteger(n) || n < 0) {
      issues.push({ key, message: `"${values[key]?.trim()}" is not a whole number of 0 or more.` });
    } else figures[key] = n;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, figures };
}

/** Record the opening balance (all zeros removes it: an office with none records nothing). */
export async function saveOpening(
  port: WorkbookPort,
  fiscalYear: number,
  figures: Figures
): Promise<"saved" | "cleared"> {
  const empty = LINE_KEYS.every((k) => figures[k] === 0);
  await port.setSetting(openingKey(fiscalYear), empty ? "" : encodeOpening(figures));
  return empty ? "cleared" : "saved";
}
