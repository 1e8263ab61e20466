/**
 * The narrative sections of the form, written from the same entries as the chart's figures:
 * "Bullets under outreach activities should coincide with data reported in the Human
 * Trafficking Outreach chart."
 */
import { usDate } from "./dates";
import { LogEntry } from "./log";
import { FiscalPeriod } from "./period";
import { entriesInQuarter } from "./tally";
import { TRAINING } from "./vocabulary";

export const NARRATIVE_HEADINGS = {
  significant: "Significant Outreach Activity",
  prospective: "Prospective Training Activity",
  outreach: "Outreach Activity",
} as const;
export type NarrativeKey = keyof typeof NARRATIVE_HEADINGS;

/** The form's instructions under each heading, as the seed words them. */
export const NARRATIVE_INSTRUCTIONS: Record<NarrativeKey, string> = {
  significant:
    "Include significant outreach activity such has training provided to law enforcement agencies or presentations given at seminars. Report date, name of agencies in attendance, and content of outreach provided.",
  prospective:
    "Include prospective training seminars and session, which ICE will host or participate. Include tentative dates, estimated size and composition of audience, agenda items and cite any logistical needs and/or requested HQ participation.",
  outreach:
    "Include date of outreach, name of agency, name and title of point of contact that was established, and content of outreach provided. Bullets under outreach activities should coincide with data reported in the Human Trafficking Outreach chart.",
};

/** The sentence under a heading when the quarter has nothing for it. */
export const NOTHING_TO_REPORT = "Nothing to report this quarter.";

const SEPARATOR = " – ";

function trainingCounts(e: LogEntry): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return [
    plural(e.presentations, "presentation", "presentations"),
    plural(e.agencies, "agency", "agencies"),
    plural(e.attendees, "member in attendance", "members in attendance"),
  ].join(", ");
}

/** One Outreach Activity bullet: date, agency, point of contact (name and title), content. */
export function outreachBullet(e: LogEntry): string {
  const poc = [e.pocName, e.pocTitle].filter((s) => s !== "").join(", ");
  const parts = [
    usDate(e.date),
    `${e.activity} (${e.sector}${e.level ? `, ${e.level}` : ""})`,
    e.agency,
  ];
  if (poc) parts.push(`POC: ${poc}`);
  if (e.activity === TRAINING) parts.push(trainingCounts(e));
  parts.push(e.content);
  return parts.join(SEPARATOR);
}

/** One Significant Outreach Activity bullet: date, agencies in attendance, content. */
export function significantBullet(e: LogEntry): string {
  const attendance = e.activity === TRAINING ? `${e.agency} (${trainingCounts(e)})` : e.agency;
  return [usDate(e.date), attendance, e.content].join(SEPARATOR);
}

/** Outreach Activity: one bullet per counted row of the quarter, in date order. */
export function outreachBullets(entries: readonly LogEntry[], period: FiscalPeriod): string[] {
  return byDate(entriesInQuarter(entries, period)).map(outreachBullet);
}

/** Significant Outreach Activity: the quarter's counted rows flagged Significant. */
export function significantBullets(entries: readonly LogEntry[], period: FiscalPeriod): string[] {
  return byDate(entriesInQuarter(entries, period).filter((e) => e.significant)).map(
    significantBullet
  );
}

function byDate(entries: LogEntry[]): LogEntry[] {
  return entries.sort((a, b) => a.date - b.date || a.row - b.row);
}

/** A row of the Prospective Training Activity table. */
export interface ProspectiveTraining {
  readonly tentativeDate: string;
  readonly event: string;
  readonly audience: string;
  readonly agenda: string;
  readonly logistics: string;
  readonly hqParticipation: string;
}

export const PROSPECTIVE_HEADERS: Record<keyof ProspectiveTraining, string> = {
  tentativeDate: "Tentative Date",
  event: "Event",
  audience: "Estimated Size and Composition of Audience",
  agenda: "Agenda Items",
  logistics: "Logistical Needs",
  hqParticipation: "HQ Participation Requested",
};

export function prospectiveBullet(t: ProspectiveTraining): string {
  const parts = [t.tentativeDate, t.event];
  if (t.audience) parts.push(`Audience: ${t.audience}`);
  if (t.agenda) parts.push(`Agenda: ${t.agenda}`);
  if (t.logistics) parts.push(`Logistical needs: ${t.logistics}`);
  if (t.hqParticipation) parts.push(`HQ participation requested: ${t.hqParticipation}`);
  return parts.filter((s) => s !== "").join(SEPARATOR);
}

export interface Narrative {
  readonly significant: string[];
  readonly prospective: string[];
  readonly outreach: string[];
}

export function buildNarrative(
  entries: readonly LogEntry[],
  period: FiscalPeriod,
  prospective: readonly ProspectiveTraining[] = []
): Narrative {
  return {
    significant: significantBullets(entries, period),
    prospective: prospective.map(prospectiveBullet),
    outreach: outreachBullets(entries, period),
  };
}
