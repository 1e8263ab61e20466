/** A finding of a check: where it is, how bad, a stable code and a plain message. */

export type Severity = "error" | "warning";

export interface Finding {
  /**
   * The sheet of a table other than the log ("Victim Leads"); absent on the log's findings, whose
   * sheet is the log's (every face names it from where it found the log).
   */
  readonly sheet?: string;
  /** The worksheet row a user sees (1-based); 0 when the finding is about the whole table. */
  readonly row: number;
  /** The log column's name as the rules name it ("Date", "POC Name"), or "" for the row. */
  readonly column: string;
  readonly severity: Severity;
  readonly code: FindingCode;
  readonly message: string;
  /** The cell's A1 address on the log's sheet, when the column is known ("C14"). */
  readonly cell?: string;
}

/** Every code a check can give, with its severity: one place to read them all. */
export const FINDING_SEVERITY = {
  "date-missing": "error",
  "date-unreadable": "error",
  "date-impossible": "error",
  "date-implausible": "error",
  "sector-missing": "error",
  "sector-unknown": "error",
  "activity-missing": "error",
  "activity-unknown": "error",
  "activity-not-for-sector": "error",
  "level-missing": "error",
  "level-unknown": "error",
  "level-not-for-ngo": "error",
  "count-missing": "error",
  "count-not-number": "error",
  "count-negative": "error",
  "count-not-whole": "error",
  "count-too-small": "error",
  "count-not-for-activity": "error",
  "agency-missing": "error",
  "content-missing": "error",
  "poc-missing": "error",
  // The optional tables (victim leads, materials, media canvass): their own fields.
  "source-missing": "error",
  "source-unknown": "error",
  "request-missing": "error",
  "request-unknown": "error",
  "responded-before-received": "error",
  "material-missing": "error",
  "material-unknown": "error",
  "language-missing": "error",
  "language-unknown": "error",
  "publication-missing": "error",
  "country-missing": "error",
  "offer-missing": "error",
  "offer-unknown": "error",
  "sent-before-ad-date": "error",
  // The annual assessment's typed answers.
  "answer-not-yes-no": "error",
  "date-outside-fiscal-year": "warning",
  "date-in-future": "warning",
  duplicate: "warning",
  "follow-up-without-new-contact": "warning",
  "formula-like-text": "warning",
  "count-implausible": "warning",
  "significant-unknown": "warning",
  "yes-no-unknown": "warning",
  "lead-open-too-long": "warning",
  "materials-without-outreach": "warning",
  "sent-not-translated": "warning",
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof FINDING_SEVERITY;

export function isError(f: Finding): boolean {
  return f.severity === "error";
}

/** Findings in the order a user reads them: by row, errors first, then by column. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.row - b.row ||
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      a.column.localeCompare(b.column)
  );
}
