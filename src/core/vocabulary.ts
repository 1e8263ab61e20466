/**
 * The words of the log: its columns (with the header texts accepted for each) and the values of
 * Sector, Level and Activity (with their synonyms; Y/N is in words.ts). The form's drop-downs, the
 * header matching and the value coercion all read from here.
 */
import { HeaderWords, TableColumn, tableColumn } from "./table";
import { synonyms } from "./words";

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

export { normalizeWord } from "./words";

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

export type LogColumn = TableColumn<ColumnKey>;

const column = tableColumn<ColumnKey>;

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

/** The log's header texts (case, spacing and punctuation ignored) to its columns. */
export const LOG_HEADER_WORDS = new HeaderWords(LOG_COLUMNS);

/** The column a header text names (case, spacing and punctuation ignored), or undefined. */
export function columnOfHeader(text: string): ColumnKey | undefined {
  return LOG_HEADER_WORDS.keyOf(text);
}

export const TRAINING: Activity = "Training/Seminar";
export const LAW_ENFORCEMENT: Sector = "Law Enforcement";
export const NGO: Sector = "NGO";
