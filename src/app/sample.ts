/**
 * A realistic sample log for `tips demo` and the benchmarks: a few hundred activities over a
 * fiscal year, every kind of activity, seeded so that every run makes the same workbook.
 */
import { Day, serialFromDay } from "../core/dates";
import { FiscalPeriod, fiscalYearEnd, fiscalYearStart } from "../core/period";
import { LEVELS, Level } from "../core/vocabulary";
import { LogRowValues } from "../workbook/seed-layout";

/** A small deterministic random generator (mulberry32): the same seed gives the same log. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NGOS = [
  "Houston Area Women's Center",
  "Catholic Charities",
  "YMCA International Services",
  "Boat People SOS",
  "Coalition to Abolish Slavery and Trafficking",
  "Polaris Project",
  "Safe Horizon",
  "International Rescue Committee",
  "Tapestri",
  "Mosaic Family Services",
];
const LE_AGENCIES: Record<Level, string[]> = {
  Local: [
    "Houston Police Department",
    "Harris County Sheriff's Office",
    "Pasadena Police Department",
    "Baytown Police Department",
  ],
  State: [
    "Texas Department of Public Safety",
    "Texas Attorney General's Office",
    "Texas Alcoholic Beverage Commission",
  ],
  Federal: [
    "FBI Houston Field Office",
    "U.S. Attorney's Office, Southern District of Texas",
    "Department of Labor OIG",
    "Diplomatic Security Service",
  ],
  Foreign: [
    "Mexican Consulate General",
    "Policía Federal Preventiva",
    "Honduran National Police",
    "Royal Thai Police liaison",
  ],
};
const POCS = [
  ["Maria Gonzalez", "Executive Director"],
  ["James Carter", "Lieutenant, Vice Division"],
  ["Linh Nguyen", "Case Manager"],
  ["Robert Hayes", "Sergeant"],
  ["Ana Morales", "Program Coordinator"],
  ["David Kim", "Assistant U.S. Attorney"],
  ["Sarah O'Neil", "Victim Services Director"],
  ["Carlos Reyes", "Consul"],
];
const CONTENTS = [
  "Presented ICE's role in human trafficking investigations and the ICE TIPS lead line.",
  "Discussed Continued Presence and short-term immigration relief for victims.",
  "Distributed laminated wallet cards (English/Spanish) and trafficking indicators brochures.",
  "Reviewed the distinctions between human smuggling and human trafficking.",
  "Established protocol for referring potential victims to ICE for interview.",
  "Showed the ICE TIPS roll call/muster DVD at shift briefing.",
  "Coordinated information exchange on a suspected forced-labor operation.",
  "Victim-centered approach training for outreach staff.",
];

/** Up to this many rows, the sample's agencies are the plain names above. */
const SMALL_LOG = 1000;

/** Log rows (values in LOG_HEADERS order) spread over the period's fiscal year. */
export function sampleLog(
  period: FiscalPeriod,
  count: number,
  seed = 2007,
  date1904 = false
): LogRowValues[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const start: Day = fiscalYearStart(period.fiscalYear);
  const span = fiscalYearEnd(period.fiscalYear) - start + 1;
  const contacted = new Set<string>();
  const units = Math.ceil(count / SMALL_LOG);
  // Dates first, in order, so that a Follow Up always comes after its agency's New Contact.
  const days = Array.from({ length: count }, () => start + Math.floor(random() * span)).sort(
    (a, b) => a - b
  );
  const rows: LogRowValues[] = [];
  for (const day of days) {
    const le = random() < 0.55;
    const level: Level | undefined = le ? pick(LEVELS) : undefined;
    // A large log reaches many more agencies than the short lists: give them units, so that
    // a big sample looks like a big office's log rather than thousands of duplicates.
    const base = le ? pick(LE_AGENCIES[level as Level]) : pick(NGOS);
    const agency = units > 1 ? `${base}, unit ${1 + Math.floor(random() * units)}` : base;
    const r = random();
    const training = r < 0.15;
    const requested = !le && !training && r < 0.25;
    const activity = training
      ? "Training/Seminar"
      : requested
        ? "Requested Services"
        : contacted.has(agency) && r < 0.7
          ? "Follow Up Contact"
          : "New Contact";
    if (activity === "New Contact") contacted.add(agency);
    const [pocName, pocTitle] =
      activity === "New Contact" || random() < 0.3 ? pick(POCS) : ["", ""];
    rows.push([
      serialFromDay(day, date1904),
      le ? "Law Enforcement" : "NGO",
      level ?? "",
      activity,
      agency,
      pocName,
      pocTitle,
      training ? 1 + Math.floor(random() * 3) : "",
      training ? 1 + Math.floor(random() * 12) : "",
      training ? 5 + Math.floor(random() * 120) : "",
      pick(CONTENTS),
      training && random() < 0.5 ? "Y" : "N",
    ]);
  }
  return rows;
}
