/**
 * Small builders for the core tests: log rows written the way an office worker types them, and
 * calendar arithmetic done by hand (Date.UTC), independent of src/core/dates.ts.
 */
import type { Figures, LineKey } from "../../src/core/chart";
import type { CellValue, LogGrid } from "../../src/core/log";

/** The log's headers in the spec's order (typed from the spec, not imported from the engine). */
export const HEADERS = [
  "Date",
  "Sector",
  "Level",
  "Activity",
  "Agency",
  "POC Name",
  "POC Title",
  "Presentations",
  "Agencies",
  "Attendees",
  "Content",
  "Significant",
] as const;
export type Header = (typeof HEADERS)[number];

/** A row as its cells, by header; absent headers are blank cells. */
export type RowSpec = Partial<Record<Header, CellValue>>;

/** The column letter of each header when the log starts in column A (A = Date ... L = Significant). */
export const LETTER: Record<Header, string> = Object.fromEntries(
  HEADERS.map((h, i) => [h, String.fromCharCode(65 + i)])
) as Record<Header, string>;

/** The 15 line keys, typed from the spec's chart table. */
export const LINES: readonly LineKey[] = [
  "ngo.newContact",
  "ngo.followUpContact",
  "ngo.requestedServices",
  "ngo.training.presentations",
  "ngo.training.agencies",
  "ngo.training.attendees",
  "le.newContact",
  "le.followUpContact",
  "le.local",
  "le.state",
  "le.federal",
  "le.foreign",
  "le.training.presentations",
  "le.training.agencies",
  "le.training.attendees",
];

/** Every line 0 except those given. */
export function figures(nonZero: Partial<Record<LineKey, number>> = {}): Figures {
  const f = {} as Figures;
  for (const k of LINES) f[k] = nonZero[k] ?? 0;
  return f;
}

export function cells(r: RowSpec, headers: readonly string[] = HEADERS): CellValue[] {
  return headers.map((h) => (h in r ? r[h as Header] : null));
}

/** A log with its header row in the spec's order. */
export function grid(rows: readonly RowSpec[], extra: Partial<LogGrid> = {}): LogGrid {
  return { values: [[...HEADERS], ...rows.map((r) => cells(r))], ...extra };
}

// ---- Calendar by hand ------------------------------------------------------------------------

/** Days since 1970-01-01 (UTC), the engine's Day, computed with the platform's own calendar. */
export function utcDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** The Excel 1900-system serial of a date on or after 1900-03-01: 25569 is 1970-01-01. */
export function serial1900(year: number, month: number, day: number): number {
  return utcDay(year, month, day) + 25569;
}

/** The 1904 system starts 1462 days later (1904-01-01 is serial 0 there, 1462 in the 1900 system). */
export function serial1904(year: number, month: number, day: number): number {
  return serial1900(year, month, day) - 1462;
}

// ---- Valid rows of every kind ----------------------------------------------------------------

const CONTACT = {
  Date: "04/15/2007",
  Agency: "Safe Harbor Shelter",
  "POC Name": "Ann Lee",
  "POC Title": "Director",
  Content: "ICE's role in trafficking cases; Continued Presence",
} satisfies RowSpec;

const TRAINING = {
  Date: "04/15/2007",
  Agency: "County Training Center",
  Presentations: 1,
  Agencies: 3,
  Attendees: 25,
  Content: "Smuggling vs trafficking indicators",
} satisfies RowSpec;

export const ngoNew = (more: RowSpec = {}): RowSpec => ({
  ...CONTACT,
  Sector: "NGO",
  Activity: "New Contact",
  ...more,
});
export const ngoFollowUp = (more: RowSpec = {}): RowSpec => ({
  ...CONTACT,
  Sector: "NGO",
  Activity: "Follow Up Contact",
  ...more,
});
export const ngoRequested = (more: RowSpec = {}): RowSpec => ({
  ...CONTACT,
  Sector: "NGO",
  Activity: "Requested Services",
  ...more,
});
export const ngoTraining = (more: RowSpec = {}): RowSpec => ({
  ...TRAINING,
  Sector: "NGO",
  Activity: "Training/Seminar",
  ...more,
});
export const leNew = (level: string, more: RowSpec = {}): RowSpec => ({
  ...CONTACT,
  Agency: "Metro Police Department",
  Sector: "Law Enforcement",
  Level: level,
  Activity: "New Contact",
  ...more,
});
export const leFollowUp = (level: string, more: RowSpec = {}): RowSpec => ({
  ...CONTACT,
  Agency: "Metro Police Department",
  Sector: "Law Enforcement",
  Level: level,
  Activity: "Follow Up Contact",
  ...more,
});
export const leTraining = (level: string, more: RowSpec = {}): RowSpec => ({
  ...TRAINING,
  Sector: "Law Enforcement",
  Level: level,
  Activity: "Training/Seminar",
  ...more,
});

/** Remove cells from a row (make them blank). */
export function without(r: RowSpec, ...headers: Header[]): RowSpec {
  const copy = { ...r };
  for (const h of headers) delete copy[h];
  return copy;
}
