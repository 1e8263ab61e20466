/**
 * Builders for the optional tables' tests: rows as an office worker types them, under headers
 * typed from the spec (leads-materials-assessment.md), not imported from the engine.
 */
import type { CellValue } from "../../src/core/log";
import type { TableGrid } from "../../src/core/table";

export const LEAD_HEADERS = [
  "Date Received",
  "Source",
  "Referring Agency",
  "Request",
  "Date Responded",
  "Case Opened",
  "Notes",
] as const;
export const MATERIAL_HEADERS = ["Date", "Agency", "Material", "Language", "Quantity"] as const;
export const MEDIA_HEADERS = [
  "Date",
  "Publication",
  "Country",
  "Offer",
  "Translated",
  "Sent to HQ",
] as const;

export type Row<H extends string> = Partial<Record<H, CellValue>>;
export type LeadRow = Row<(typeof LEAD_HEADERS)[number]>;
export type MaterialRow = Row<(typeof MATERIAL_HEADERS)[number]>;
export type MediaRow = Row<(typeof MEDIA_HEADERS)[number]>;

/** A table with its header row first (row `top`), columns from A unless `left` says. */
export function tableGrid<H extends string>(
  headers: readonly H[],
  rows: readonly Row<H>[],
  extra: Partial<TableGrid> = {}
): TableGrid {
  return {
    ...extra,
    values: [[...headers], ...rows.map((r) => headers.map((h) => (h in r ? r[h] : null)))],
  };
}

export const lead = (more: LeadRow = {}): LeadRow => ({
  "Date Received": "04/10/2007",
  Source: "NGO",
  "Referring Agency": "Safe Harbor Shelter",
  Request: "Interview Request",
  ...more,
});
export const material = (more: MaterialRow = {}): MaterialRow => ({
  Date: "04/10/2007",
  Agency: "Metro Police Department",
  Material: "Brochure",
  Quantity: 40,
  ...more,
});
export const ad = (more: MediaRow = {}): MediaRow => ({
  Date: "04/10/2007",
  Publication: "El Diario",
  Country: "Mexico",
  Offer: "Labor",
  ...more,
});

export function without<R extends object>(r: R, ...keys: (keyof R)[]): R {
  const copy = { ...r };
  for (const k of keys) delete copy[k];
  return copy;
}
