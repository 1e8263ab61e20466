/**
 * The "Media Canvass" table (leads-materials-assessment.md): one row = an advertisement an
 * Attaché found in local print media offering labor, education or travel in the United States,
 * whether it was translated and when it went to HQ. Columns, rules, checks and figures.
 */
import { Coercer, coerceText, dateCoercer, wordCoercer, yesNoCoercer } from "./cells";
import { Day, usDate } from "./dates";
import { Finding } from "./findings";
import { FiscalPeriod, quarterEnd } from "./period";
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
import { FigureLine, TableFigures, tallyTable } from "./table-figures";
import { synonyms } from "./words";

export const MEDIA_SHEET = "Media Canvass";
export const MEDIA_TABLE = "MediaCanvass";

export const OFFERS = ["Labor", "Education", "Travel"] as const;
export type Offer = (typeof OFFERS)[number];
const OFFER_WORDS = synonyms<Offer>({
  Labor: ["Labour", "Work", "Employment", "Job", "Jobs"],
  Education: ["Study", "School", "Studies"],
  Travel: ["Tourism", "Visa"],
});

export interface MediaFields {
  date: Day;
  publication: string;
  country: string;
  offer: Offer;
  translated: boolean;
  sentToHq: Day;
}
export type MediaColumnKey = keyof MediaFields;

const column = tableColumn<MediaColumnKey>;

/** The columns in the order `tips init` writes them. */
export const MEDIA_COLUMNS: readonly TableColumn<MediaColumnKey>[] = [
  column("date", "Date", ["Ad Date", "Date of Ad", "Publication Date"]),
  column("publication", "Publication", ["Newspaper", "Magazine", "Newspaper or Magazine"]),
  column("country", "Country", ["Country of Publication"]),
  column("offer", "Offer", ["Offer Type", "Type of Offer", "Opportunity"]),
  column("translated", "Translated", ["Ad Translated", "Translation"], true),
  column("sentToHq", "Sent to HQ", ["Sent to Headquarters", "Date Sent to HQ", "Sent"], true),
];
export const MEDIA_HEADERS: readonly string[] = MEDIA_COLUMNS.map((c) => c.header);
const H = headersOf(MEDIA_COLUMNS);

const MEDIA_COERCERS: { readonly [K in MediaColumnKey]: Coercer<MediaFields[K]> } = {
  date: dateCoercer(H.date),
  publication: coerceText,
  country: coerceText,
  offer: wordCoercer(H.offer, OFFER_WORDS, OFFERS, "offer-unknown"),
  translated: yesNoCoercer(H.translated, "yes-no-unknown"),
  sentToHq: dateCoercer(H.sentToHq),
};

export function mediaRules(f: Fields<MediaFields>, report: ReportIssue<MediaColumnKey>): void {
  if (f.date === undefined) report("date", "date-missing", `${H.date} (of the ad) is missing.`);
  if (f.publication === undefined)
    report("publication", "publication-missing", `${H.publication} is missing.`);
  if (f.country === undefined) report("country", "country-missing", `${H.country} is missing.`);
  if (f.offer === undefined)
    report("offer", "offer-missing", `${H.offer} is missing: ${OFFERS.join(", ")}.`);
  if (f.date !== undefined && f.sentToHq !== undefined && f.sentToHq < f.date) {
    report(
      "sentToHq",
      "sent-before-ad-date",
      `${H.sentToHq} ${usDate(f.sentToHq)} is before the ad's date ${usDate(f.date)}.`
    );
  }
}

/** A valid row, ready to count. */
export interface MediaAd {
  readonly row: number;
  readonly date: Day;
  readonly publication: string;
  readonly country: string;
  readonly offer: Offer;
  readonly translated: boolean;
  readonly sentToHq?: Day;
}

export const MEDIA_SPEC: TableSpec<MediaColumnKey, MediaFields, MediaAd> = {
  sheet: MEDIA_SHEET,
  words: new HeaderWords(MEDIA_COLUMNS),
  coercers: MEDIA_COERCERS,
  rules: mediaRules,
  entry: (f, row) => ({
    row,
    date: f.date as Day,
    publication: f.publication as string,
    country: f.country as string,
    offer: f.offer as Offer,
    translated: f.translated ?? false,
    ...(f.sentToHq !== undefined ? { sentToHq: f.sentToHq } : {}),
  }),
};

export type ParsedMedia = ParsedTable<MediaColumnKey, MediaAd>;

export function readMedia(grid: TableGrid): ParsedMedia {
  return readTable(MEDIA_SPEC, grid);
}

/** The zod schema of one row (the task pane's form). */
export function mediaRowSchema(date1904 = false) {
  return tableRowSchema(MEDIA_SPEC, date1904);
}

// ---- Figures ----------------------------------------------------------------------------------

export type MediaLineKey =
  | "media.labor"
  | "media.education"
  | "media.travel"
  | "media.total"
  | "media.translated"
  | "media.sentToHq";

export const MEDIA_BLOCK_HEADING = "Media Canvass";

const OFFER_LINE: Record<Offer, MediaLineKey> = {
  Labor: "media.labor",
  Education: "media.education",
  Travel: "media.travel",
};

export const MEDIA_LINES: readonly FigureLine<MediaLineKey>[] = [
  { key: "media.labor", label: "Ads offering labor" },
  { key: "media.education", label: "Ads offering education" },
  { key: "media.travel", label: "Ads offering travel" },
  { key: "media.total", label: "Total" },
  { key: "media.translated", label: "Translated" },
  { key: "media.sentToHq", label: "Sent to HQ" },
];
export const MEDIA_LINE_KEYS: readonly MediaLineKey[] = MEDIA_LINES.map((l) => l.key);

export type MediaFigures = TableFigures<MediaLineKey>;

/** An ad that went to HQ on or before `day`. */
export function sentBy(ad: MediaAd, day: Day): boolean {
  return ad.sentToHq !== undefined && ad.sentToHq <= day;
}

/**
 * Counts of ads, Quarter and Cumulative by the ad's Date. Sent to HQ counts the ads sent on or
 * before the period's last day (as a lead's response: a later date has not happened yet).
 */
export function mediaFigures(ads: readonly MediaAd[], period: FiscalPeriod): MediaFigures {
  const end = quarterEnd(period);
  return tallyTable(
    ads,
    period,
    MEDIA_LINE_KEYS,
    (a) => a.date,
    (f, a) => {
      f[OFFER_LINE[a.offer]]++;
      f["media.total"]++;
      if (a.translated) f["media.translated"]++;
      if (sentBy(a, end)) f["media.sentToHq"]++;
    }
  );
}

// ---- Checks -----------------------------------------------------------------------------------

/** Every finding: the row errors, an ad sent to HQ but not translated, formula-like text. */
export function checkMedia(parsed: ParsedMedia): Finding[] {
  const warnings: Finding[] = [];
  for (const a of parsed.entries) {
    if (a.sentToHq !== undefined && !a.translated) {
      warnings.push(
        tableFinding(
          parsed,
          a.row,
          "translated",
          "sent-not-translated",
          `The ad went to HQ on ${usDate(a.sentToHq)} but is not marked Translated: HQ asks for translated ads.`
        )
      );
    }
  }
  return tableFindings(parsed, warnings, ["publication", "country"]);
}
