/**
 * The "Victim Leads" table (leads-materials-assessment.md): one row = one lead an office received.
 * Its columns, values, row rules, checks and figures, in one place. No victim's name or
 * identifying details go in it: the sheet says so above the table.
 */
import { Coercer, coerceText, dateCoercer, wordCoercer, yesNoCoercer } from "./cells";
import { Day, usDate } from "./dates";
import { Finding, FindingCode } from "./findings";
import { Partners } from "./partners";
import { FiscalPeriod, fiscalYearEnd, fiscalYearStart, formatPeriod, quarterEnd } from "./period";
import {
  FigureLine,
  QuarterCumulative,
  TableFigures,
  columnsOf,
  median,
  sumTableFigures,
  tallyTable,
} from "./table-figures";
import {
  Fields,
  HeaderWords,
  ParsedTable,
  ReportIssue,
  TableColumn,
  TableGrid,
  TableSpec,
  headersOf,
  tableColumn,
  readTable,
  tableRowSchema,
  tableFinding,
} from "./table";
import { tableFindings } from "./table-checks";
import { agencyKey, synonyms } from "./words";

export const LEADS_SHEET = "Victim Leads";
export const LEADS_TABLE = "VictimLeads";
/** Written above the table on the sheet `tips init` makes. */
export const LEADS_NOTE =
  "Do not enter a victim's name or any identifying details on this sheet: record the lead, its source and the response only.";

// ---- Values -----------------------------------------------------------------------------------

/** The eight sources of the victim-leads memo, in its order: key, label, other words for it. */
export const LEAD_SOURCES = [
  {
    key: "stateLocal",
    label: "State/Local Law Enforcement",
    words: ["State/Local", "State and Local Law Enforcement", "State or Local Law Enforcement"],
  },
  { key: "federal", label: "Federal Agency", words: ["Federal", "Federal Law Enforcement"] },
  { key: "tipLine", label: "DHS/DOJ/HHS Tip Line", words: ["Tip Line", "Tipline", "Hotline"] },
  {
    key: "ngo",
    label: "NGO",
    words: ["Non-Government Organization", "Non-Governmental Organization"],
  },
  { key: "informant", label: "Confidential Informant", words: ["Informant", "CI"] },
  { key: "cooperatingDefendant", label: "Cooperating Defendant", words: ["Defendant", "CD"] },
  { key: "foreign", label: "Foreign Source", words: ["Foreign"] },
  {
    key: "otherPublic",
    label: "Other Public Source",
    words: ["Public Source", "Other Public", "Public"],
  },
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number]["key"];
export const LEAD_SOURCE_LABELS: readonly string[] = LEAD_SOURCES.map((s) => s.label);

/** Labels, keys (`stateLocal`, `leads.stateLocal`) and other words, any case, to the key. */
const SOURCE_WORDS = synonyms<LeadSource>(
  Object.fromEntries(
    LEAD_SOURCES.map((s) => [s.key, [s.label, `leads.${s.key}`, ...s.words]])
  ) as Record<LeadSource, string[]>
);

export const LEAD_REQUESTS = ["Interview Request", "Victim Information", "Other Lead"] as const;
export type LeadRequest = (typeof LEAD_REQUESTS)[number];
export const INTERVIEW_REQUEST: LeadRequest = "Interview Request";
const REQUEST_WORDS = synonyms<LeadRequest>({
  "Interview Request": ["Interview", "Request to Interview", "Interview a Victim"],
  "Victim Information": ["Victim Info", "Information", "Identified Victim"],
  "Other Lead": ["Other"],
});

// ---- Columns ----------------------------------------------------------------------------------

/** A row's fields, by column key. */
export interface LeadFields {
  received: Day;
  source: LeadSource;
  referringAgency: string;
  request: LeadRequest;
  responded: Day;
  caseOpened: boolean;
  notes: string;
}
export type LeadColumnKey = keyof LeadFields;

const column = tableColumn<LeadColumnKey>;

/** The columns in the order `tips init` writes them. */
export const LEAD_COLUMNS: readonly TableColumn<LeadColumnKey>[] = [
  column("received", "Date Received", ["Received", "Received Date", "Date Lead Received"]),
  column("source", "Source", ["Lead Source", "Source of Lead"]),
  column("referringAgency", "Referring Agency", ["Referred By", "Referring Partner", "Agency"]),
  column("request", "Request", ["Request Type", "Type of Request", "Lead Type"]),
  column("responded", "Date Responded", ["Responded", "Response Date", "Date of Response"], true),
  column("caseOpened", "Case Opened", ["Case Initiated", "Case"], true),
  column("notes", "Notes", ["Comments", "Remarks"], true),
];
export const LEAD_HEADERS: readonly string[] = LEAD_COLUMNS.map((c) => c.header);
const H = headersOf(LEAD_COLUMNS);

const LEAD_COERCERS: { readonly [K in LeadColumnKey]: Coercer<LeadFields[K]> } = {
  received: dateCoercer(H.received),
  source: wordCoercer(H.source, SOURCE_WORDS, LEAD_SOURCE_LABELS, "source-unknown"),
  referringAgency: coerceText,
  request: wordCoercer(H.request, REQUEST_WORDS, LEAD_REQUESTS, "request-unknown"),
  responded: dateCoercer(H.responded),
  caseOpened: yesNoCoercer(H.caseOpened, "yes-no-unknown"),
  notes: coerceText,
};

/** The rules that tie a lead's fields together (errors: the lead is not counted). */
export function leadRules(f: Fields<LeadFields>, report: ReportIssue<LeadColumnKey>): void {
  if (f.received === undefined) report("received", "date-missing", `${H.received} is missing.`);
  if (f.source === undefined)
    report("source", "source-missing", `${H.source} is missing: ${LEAD_SOURCE_LABELS.join(", ")}.`);
  if (f.referringAgency === undefined)
    report("referringAgency", "agency-missing", `${H.referringAgency} is missing.`);
  if (f.request === undefined)
    report("request", "request-missing", `${H.request} is missing: ${LEAD_REQUESTS.join(", ")}.`);
  if (f.received !== undefined && f.responded !== undefined && f.responded < f.received) {
    report(
      "responded",
      "responded-before-received",
      `${H.responded} ${usDate(f.responded)} is before ${H.received} ${usDate(f.received)}.`
    );
  }
}

/** A valid lead, ready to count. */
export interface Lead {
  /** The worksheet row. */
  readonly row: number;
  readonly received: Day;
  readonly source: LeadSource;
  readonly referringAgency: string;
  readonly request: LeadRequest;
  readonly responded?: Day;
  readonly caseOpened: boolean;
  readonly notes: string;
}

export const LEADS_SPEC: TableSpec<LeadColumnKey, LeadFields, Lead> = {
  sheet: LEADS_SHEET,
  words: new HeaderWords(LEAD_COLUMNS),
  coercers: LEAD_COERCERS,
  rules: leadRules,
  entry: (f, row) => ({
    row,
    received: f.received as Day,
    source: f.source as LeadSource,
    referringAgency: f.referringAgency as string,
    request: f.request as LeadRequest,
    ...(f.responded !== undefined ? { responded: f.responded } : {}),
    caseOpened: f.caseOpened ?? false,
    notes: f.notes ?? "",
  }),
};

export type ParsedLeads = ParsedTable<LeadColumnKey, Lead>;

export function readLeads(grid: TableGrid): ParsedLeads {
  return readTable(LEADS_SPEC, grid);
}

/** The zod schema of one lead (the task pane's form). */
export function leadRowSchema(date1904 = false) {
  return tableRowSchema(LEADS_SPEC, date1904);
}

// ---- Figures ----------------------------------------------------------------------------------

export type LeadLineKey =
  | `leads.${LeadSource}`
  | "leads.total"
  | "leads.interviewRequests"
  | "leads.responded"
  | "leads.casesOpened"
  | "leads.fromOutreachPartners";

export const LEADS_BLOCK_HEADING = "Victim Leads";
export const LEAD_TOTAL_LABEL = "Total";

/** The block's lines in the report's order: a line per source, the Total, then the rest. */
export const LEAD_LINES: readonly FigureLine<LeadLineKey>[] = [
  ...LEAD_SOURCES.map((s) => ({ key: `leads.${s.key}` as LeadLineKey, label: s.label })),
  { key: "leads.total", label: LEAD_TOTAL_LABEL },
  { key: "leads.interviewRequests", label: "Interview requests" },
  { key: "leads.responded", label: "Responded to" },
  { key: "leads.casesOpened", label: "Cases opened" },
  { key: "leads.fromOutreachPartners", label: "From outreach partners" },
];
export const LEAD_LINE_KEYS: readonly LeadLineKey[] = LEAD_LINES.map((l) => l.key);
export const MEDIAN_DAYS_LABEL = "Median days to respond";
export const OPEN_AT_END_LABEL = "Open at period end";

export interface LeadFigures extends TableFigures<LeadLineKey> {
  /** Days from Date Received to Date Responded over the column's leads answered by the period's end. */
  readonly medianDaysToRespond: QuarterCumulative<number | null>;
  /** Leads of the fiscal year received by the period's end with no response by then. */
  readonly openAtPeriodEnd: number;
}

/** A lead answered on or before `day`. */
export function respondedBy(lead: Lead, day: Day): boolean {
  return lead.responded !== undefined && lead.responded <= day;
}

/** A lead received on or before `day` with no response by then. */
export function isOpenAt(lead: Lead, day: Day): boolean {
  return lead.received <= day && !respondedBy(lead, day);
}

/** The days each of these leads waited, for those answered by `day`. */
export function daysToRespond(leads: readonly Lead[], day: Day): number[] {
  return leads.filter((l) => respondedBy(l, day)).map((l) => (l.responded as Day) - l.received);
}

/**
 * Every lead figure of the period. `partners` is the outreach log's agencies (partners.ts): a
 * lead is from an outreach partner when the log reached its Referring Agency on or before the
 * lead's Date Received.
 */
export function leadFigures(
  leads: readonly Lead[],
  period: FiscalPeriod,
  partners: Partners<Lead>
): LeadFigures {
  const end = quarterEnd(period);
  const counted = tallyTable(
    leads,
    period,
    LEAD_LINE_KEYS,
    (l) => l.received,
    (f, l) => {
      f[`leads.${l.source}`]++;
      f["leads.total"]++;
      if (l.request === INTERVIEW_REQUEST) f["leads.interviewRequests"]++;
      if (respondedBy(l, end)) f["leads.responded"]++;
      if (l.caseOpened) f["leads.casesOpened"]++;
      if (partners.reachedBy(l.referringAgency, l.received, l)) f["leads.fromOutreachPartners"]++;
    }
  );
  const columns = columnsOf(leads, period, (l) => l.received);
  const fyStart = fiscalYearStart(period.fiscalYear);
  return {
    ...counted,
    medianDaysToRespond: {
      quarter: median(daysToRespond(columns.quarter, end)),
      cumulative: median(daysToRespond(columns.cumulative, end)),
    },
    openAtPeriodEnd: leads.filter((l) => l.received >= fyStart && isOpenAt(l, end)).length,
  };
}

/** One office's leads and its figures, as the national figures are made of them. */
export interface OfficeLeads {
  readonly entries: readonly Lead[];
  readonly figures: LeadFigures;
}

/**
 * The national lead figures: every line and the open leads summed over the offices, the medians
 * recomputed from the combined rows (a median of medians is not the median).
 */
export function combineLeadFigures(
  parts: readonly OfficeLeads[],
  period: FiscalPeriod
): LeadFigures {
  const end = quarterEnd(period);
  const days = { quarter: [] as number[], cumulative: [] as number[] };
  for (const p of parts) {
    const columns = columnsOf(p.entries, period, (l) => l.received);
    days.quarter.push(...daysToRespond(columns.quarter, end));
    days.cumulative.push(...daysToRespond(columns.cumulative, end));
  }
  return {
    ...sumTableFigures(
      LEAD_LINE_KEYS,
      parts.map((p) => p.figures)
    ),
    medianDaysToRespond: { quarter: median(days.quarter), cumulative: median(days.cumulative) },
    openAtPeriodEnd: parts.reduce((n, p) => n + p.figures.openAtPeriodEnd, 0),
  };
}

// ---- Checks -----------------------------------------------------------------------------------

export interface LeadCheckOptions {
  /** The period being reported: the open-lead and fiscal-year warnings need it. */
  readonly period?: FiscalPeriod;
  /** The workbook's setting TIPS.LeadResponseDays (settings.ts): how long a lead may wait. */
  readonly responseDays: number;
}

/**
 * Every finding of the leads table: its row errors, and the warnings: a lead open at the period's
 * end received more than `responseDays` days before it, the same date + source + agency twice,
 * a Date Received outside the period's fiscal year, text that starts like a formula.
 */
export function checkLeads(parsed: ParsedLeads, options: LeadCheckOptions): Finding[] {
  const warnings: Finding[] = [];
  const warn = (lead: Lead, column: LeadColumnKey, code: FindingCode, message: string): void => {
    warnings.push(tableFinding(parsed, lead.row, column, code, message));
  };
  const { period, responseDays } = options;
  if (period) {
    const end = quarterEnd(period);
    const fy = period.fiscalYear;
    const [start, last] = [fiscalYearStart(fy), fiscalYearEnd(fy)];
    for (const l of parsed.entries) {
      if (isOpenAt(l, end) && end - l.received > responseDays) {
        warn(
          l,
          "responded",
          "lead-open-too-long",
          `Lead received ${usDate(l.received)} from ${l.referringAgency} has no response by ${usDate(end)}: ${end - l.received} days, more than the ${responseDays} allowed (setting TIPS.LeadResponseDays).`
        );
      }
      if (l.received < start || l.received > last) {
        warn(
          l,
          "received",
          "date-outside-fiscal-year",
          `${H.received} ${usDate(l.received)} is outside fiscal year ${fy} (${formatPeriod(period)} is being reported): it is not counted in this report.`
        );
      }
    }
  }
  const first = new Map<string, number>();
  for (const l of parsed.entries) {
    const key = `${l.received}|${l.source}|${agencyKey(l.referringAgency)}`;
    const row = first.get(key);
    if (row === undefined) first.set(key, l.row);
    else
      warn(
        l,
        "referringAgency",
        "duplicate",
        `Same ${H.received}, ${H.source} and ${H.referringAgency} as row ${row} (${usDate(l.received)}, ${l.referringAgency}): entered twice?`
      );
  }
  return tableFindings(parsed, warnings, ["referringAgency", "notes"]);
}
