/**
 * The words of the log: its columns (with the header texts accepted for each) and the values of
 * Sector, Level, Activity and Significant (with their synonyms). The form's drop-downs, the
 * header matching and the value coercion all read from here.
 */

export const SECTORS = ["NGO", "Law Enforcement"] as const;
export type Sector = (typeof SECTORS)[number];

export const LEVELS = ["Local", "State", "Federal", "Foreign"] as const;
export type Level = (typeof LEVELS)[number];

export const ACTIVITIES = [
  "New Contact",
  "Follow Up Contact",
  "Requested Services",
  "Training/Seminar",
] as const;
export type Activity = (typeof ACTIVITIES)[number];

export const SIGNIFICANT_VALUES = ["Y", "N"] as const;

/** Case, spacing and punctuation ignored: "Follow-up Contact" = "follow up contact". */
export function normalizeWord(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

function synonyms<T extends string>(entries: Record<T, string[]>): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, string[]][]) {
    map.set(normalizeWord(value), value);
    for (const w of words) map.set(normalizeWord(w), value);
  }
  return map;
}

export const SECTOR_WORDS = synonyms<Sector>({
  NGO: [
    "Non-Government Organization",
    "Non-Governmental Organization",
    "Nongovernmental Organization",
  ],
  "Law Enforcement": ["LE"],
});

export const LEVEL_WORDS = synonyms<Level>({ Local: [], State: [], Federal: [], Foreign: [] });

export const ACTIVITY_WORDS = synonyms<Activity>({
  "New Contact": [],
  "Follow Up Contact": ["Follow-up Contact", "Followup Contact"],
  "Requested Services": [],
  "Training/Seminar": ["Training", "Seminar", "Training Seminar"],
});

export const SIGNIFICANT_WORDS = synonyms<"Y" | "N">({
  Y: ["Yes", "True", "X", "1"],
  N: ["No", "False", "0"],
});

export const COLUMN_KEYS = [
  "date",
  "sector",
  "level",
  "activity",
  "agency",
  "pocName",
  "pocTitle",
  "presentations",
  "agencies",
  "attendees",
  "content",
  "significant",
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export interface LogColumn {
  readonly key: ColumnKey;
  /** The header `tips init` writes and messages name. */
  readonly header: string;
  /** Other header texts that mean the same column. */
  readonly aliases: readonly string[];
  /** A log may leave this column out altogether. */
  readonly optional: boolean;
}

const column = (
  key: ColumnKey,
  header: string,
  aliases: string[] = [],
  optional = false
): LogColumn => ({
  key,
  header,
  aliases,
  optional,
});

/** The log's columns in the spec's order: the order used when a range has no header row. */
export const LOG_COLUMNS: readonly LogColumn[] = [
  column("date", "Date", ["Date of Outreach", "Outreach Date", "Activity Date"]),
  column("sector", "Sector"),
  column("level", "Level", ["LE Level", "Law Enforcement Level"]),
  column("activity", "Activity", ["Activity Type", "Type of Activity"]),
  column("agency", "Agency", ["Agency Name", "Organization", "Name of Agency"]),
  column("pocName", "POC Name", ["Point of Contact", "POC", "Point of Contact Name"]),
  column("pocTitle", "POC Title", ["Point of Contact Title", "Title"]),
  column("presentations", "Presentations", ["Number of Presentations"]),
  column("agencies", "Agencies", ["Number of Agencies", "Agencies in Attendance"]),
  column("attendees", "Attendees", ["Members in Attendance", "Number of Attendees"]),
  column("content", "Content", ["Content of Outreach", "Content of Outreach Provided"]),
  column(
    "significant",
    "Significant",
    ["Significant Outreach", "Significant Outreach Activity"],
    true
  ),
];

export const LOG_COLUMN: Readonly<Record<ColumnKey, LogColumn>> = Object.fromEntries(
  LOG_COLUMNS.map((c) => [c.key, c])
) as Record<ColumnKey, LogColumn>;

export const LOG_HEADERS: readonly string[] = LOG_COLUMNS.map((c) => c.header);

const HEADER_WORDS: ReadonlyMap<string, ColumnKey> = (() => {
  const map = new Map<string, ColumnKey>();
  for (const c of LOG_COLUMNS)
    for (const h of [c.header, ...c.aliases]) map.set(normalizeWord(h), c.key);
  return map;
})();

/** The column a header text names (case, spacing and punctuation ignored), or undefined. */
export function columnOfHeader(text: string): ColumnKey | undefined {
  return HEADER_WORDS.get(normalizeWord(text));
}

export const TRAINING: Activity = "Training/Seminar";
export const LAW_ENFORCEMENT: Sector = "Law Enforcement";
export const NGO: Sector = "NGO";
