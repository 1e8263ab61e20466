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

// ---- The optional tables: victim leads, materials, the media canvass ---------------------------

/** Referring agencies outside the office's outreach (leads that did not come from a partner). */
const OTHER_REFERRERS = [
  "National Human Trafficking Resource Center",
  "DHS Tip Line",
  "Galveston County Sheriff's Office",
  "Attaché Mexico City",
];
const LEAD_NOTES = [
  "Partner asked for an interview of a potential victim at its shelter.",
  "Information on an identified potential victim passed on by phone.",
  "Referred to the Victim Witness Coordinator.",
  "Forced-labor indicators at a restaurant; case agent assigned.",
  "",
];
const SOURCES_BY_SECTOR = {
  ngo: "NGO",
  Local: "State/Local Law Enforcement",
  State: "State/Local Law Enforcement",
  Federal: "Federal Agency",
  Foreign: "Foreign Source",
} as const;
const OTHER_SOURCES = [
  "DHS/DOJ/HHS Tip Line",
  "Confidential Informant",
  "Cooperating Defendant",
  "Other Public Source",
];
const PUBLICATIONS: readonly (readonly [string, string])[] = [
  ["El Universal", "Mexico"],
  ["La Prensa", "Honduras"],
  ["Thai Rath", "Thailand"],
  ["Prensa Libre", "Guatemala"],
];

/**
 * Rows of the three optional tables over the period's fiscal year, consistent with a sample log
 * (values in LEAD_HEADERS, MATERIAL_HEADERS and MEDIA_HEADERS order): most leads come from
 * agencies the log reached before, and materials go out on days of outreach. No victim's name.
 */
export function sampleTables(
  period: FiscalPeriod,
  log: readonly LogRowValues[],
  seed = 2007,
  date1904 = false
): { leads: LogRowValues[]; materials: LogRowValues[]; media: LogRowValues[] } {
  const random = seededRandom(seed + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const end = fiscalYearEnd(period.fiscalYear);
  const serial = (d: Day): number => serialFromDay(d, date1904);
  // The log's rows as (day, sector, level, agency); its serials are back to days by the offset.
  const offset = serialFromDay(0, date1904);
  const contacts = log.map((r) => ({
    day: (r[0] as number) - offset,
    le: r[1] !== "NGO",
    level: r[2] === "" ? ("ngo" as const) : (r[2] as Level),
    agency: r[4] as string,
  }));
  const leads: LogRowValues[] = [];
  const leadCount = Math.max(4, Math.round(log.length / 12));
  for (let i = 0; i < leadCount; i++) {
    const partner = random() < 0.7 && contacts.length > 0;
    const c = pick(
      contacts.length > 0
        ? contacts
        : [{ day: end - 90, le: false, level: "ngo" as const, agency: NGOS[0] }]
    );
    const received = Math.min(end, c.day + Math.floor(random() * 40));
    const source = partner ? SOURCES_BY_SECTOR[c.level] : pick(OTHER_SOURCES);
    const wait = Math.floor(random() * 45);
    const responded = random() < 0.8 && received + wait <= end ? serial(received + wait) : "";
    leads.push([
      serial(received),
      source,
      partner ? c.agency : pick(OTHER_REFERRERS),
      pick(["Interview Request", "Victim Information", "Other Lead"]),
      responded,
      responded !== "" && random() < 0.3 ? "Y" : "N",
      pick(LEAD_NOTES),
    ]);
  }
  leads.sort((a, b) => (a[0] as number) - (b[0] as number));
  const materials: LogRowValues[] = [];
  for (const c of contacts) {
    if (random() > 0.25) continue;
    const wallet = random() < 0.6;
    materials.push([
      serial(c.day),
      c.agency,
      wallet ? "Wallet Card" : pick(["Brochure", "Roll Call DVD", "Presentation"]),
      wallet ? pick(["English", "Spanish", "Spanish", "Chinese", "Russian"]) : "",
      wallet ? 25 * (1 + Math.floor(random() * 8)) : 1 + Math.floor(random() * 30),
    ]);
  }
  const media: LogRowValues[] = [];
  const start = fiscalYearStart(period.fiscalYear);
  for (let i = 0; i < Math.max(3, Math.round(log.length / 30)); i++) {
    const day = start + Math.floor(random() * (end - start + 1));
    const [publication, country] = pick(PUBLICATIONS);
    const translated = random() < 0.7;
    const sent =
      translated && random() < 0.8 && day + 10 <= end
        ? serial(day + 3 + Math.floor(random() * 7))
        : "";
    media.push([
      serial(day),
      publication,
      country,
      pick(["Labor", "Labor", "Education", "Travel"]),
      translated ? "Y" : "N",
      sent,
    ]);
  }
  media.sort((a, b) => (a[0] as number) - (b[0] as number));
  return { leads, materials, media };
}
