/**
 * Properties of the whole engine over random logs: valid and invalid rows over a fiscal year and
 * its edges, every sector/activity/level spelling, dates in every form. The expected figures come
 * from a model written here (quarter of a date by hand), not from the engine.
 */
import fc from "fast-check";
import { Figures, LineKey } from "../../src/core/chart";
import { CellValue, LogGrid, logRowSchema, readLog } from "../../src/core/log";
import { outreachBullets, significantBullets } from "../../src/core/narrative";
import { FiscalPeriod } from "../../src/core/period";
import { tally } from "../../src/core/tally";
import {
  HEADERS,
  Header,
  LINES,
  RowSpec,
  cells,
  figures,
  serial1900,
  serial1904,
  utcDay,
} from "./builders";

const RUNS = { numRuns: 150 };

type Kind =
  "ngo.new" | "ngo.follow" | "ngo.req" | "ngo.train" | "le.new" | "le.follow" | "le.train";
type LevelName = "Local" | "State" | "Federal" | "Foreign";
type DateForm = "us" | "iso" | "short" | "serial" | "serialTime" | "date";
type Breakage =
  | "noDate"
  | "badDate"
  | "oldDate"
  | "noAgency"
  | "noContent"
  | "badSector"
  | "levelForNgo"
  | "noLevelForLe"
  | "leRequested"
  | "countMissing"
  | "countNegative"
  | "countOnContact"
  | "noPoc"
  | "badActivity";

interface GenRow {
  kind: Kind;
  level: LevelName;
  y: number;
  m: number;
  d: number;
  dateForm: DateForm;
  sectorWord: number;
  activityWord: number;
  levelCase: number;
  agency: string;
  presentations: number;
  agencies: number;
  attendees: number;
  countsAsText: boolean;
  significant: CellValue;
  breakage: Breakage | null;
}

const SECTOR_WORDS = {
  ngo: ["NGO", "ngo", "Non-Government Organization", "non-government organization"],
  le: ["LE", "Law Enforcement", "law enforcement", "le"],
};
const ACTIVITY_WORDS: Record<"new" | "follow" | "req" | "train", string[]> = {
  new: ["New Contact", "new contact", "NEW CONTACT"],
  follow: ["Follow Up Contact", "Follow-up Contact", "follow-up contact", "FOLLOW UP CONTACT"],
  req: ["Requested Services", "requested services"],
  train: ["Training/Seminar", "Training", "Seminar", "training"],
};
const SIGNIFICANT_YES: readonly CellValue[] = ["Y", "yes", true];

const isValid = (g: GenRow) => g.breakage === null;
const isSignificant = (g: GenRow) => SIGNIFICANT_YES.includes(g.significant);

/** The fiscal period of a date, by hand: Oct-Dec is Q1 of the next year's FY. */
function periodOf(y: number, m: number): FiscalPeriod {
  if (m >= 10) return { fiscalYear: y + 1, quarter: 1 };
  return { fiscalYear: y, quarter: m <= 3 ? 2 : m <= 6 ? 3 : 4 };
}

/** What one valid row adds to the chart, per the spec's table. */
function modelLines(g: GenRow): Partial<Record<LineKey, number>> {
  const level = `le.${g.level.toLowerCase()}` as LineKey;
  switch (g.kind) {
    case "ngo.new":
      return { "ngo.newContact": 1 };
    case "ngo.follow":
      return { "ngo.followUpContact": 1 };
    case "ngo.req":
      return { "ngo.requestedServices": 1 };
    case "ngo.train":
      return {
        "ngo.training.presentations": g.presentations,
        "ngo.training.agencies": g.agencies,
        "ngo.training.attendees": g.attendees,
      };
    case "le.new":
      return { "le.newContact": 1, [level]: 1 };
    case "le.follow":
      return { "le.followUpContact": 1, [level]: 1 };
    case "le.train":
      return {
        "le.training.presentations": g.presentations,
        "le.training.agencies": g.agencies,
        "le.training.attendees": g.attendees,
      };
  }
}

function modelFigures(rows: GenRow[], p: FiscalPeriod): { quarter: Figures; cumulative: Figures } {
  const quarter = figures();
  const cumulative = figures();
  for (const g of rows.filter(isValid)) {
    const at = periodOf(g.y, g.m);
    if (at.fiscalYear !== p.fiscalYear || at.quarter > p.quarter) continue;
    for (const [k, n] of Object.entries(modelLines(g)) as [LineKey, number][]) {
      cumulative[k] += n;
      if (at.quarter === p.quarter) quarter[k] += n;
    }
  }
  return { quarter, cumulative };
}

const pad = (n: number) => String(n).padStart(2, "0");

function dateCell(g: GenRow, date1904: boolean): CellValue {
  switch (g.dateForm) {
    case "us":
      return `${pad(g.m)}/${pad(g.d)}/${g.y}`;
    case "iso":
      return `${g.y}-${pad(g.m)}-${pad(g.d)}`;
    case "short":
      return `${g.m}/${g.d}/${pad(g.y % 100)}`;
    case "serial":
      return date1904 ? serial1904(g.y, g.m, g.d) : serial1900(g.y, g.m, g.d);
    case "serialTime":
      return (date1904 ? serial1904(g.y, g.m, g.d) : serial1900(g.y, g.m, g.d)) + 0.7;
    case "date":
      return new Date(g.y, g.m - 1, g.d, 9, 30);
  }
}

/** The row as an office worker would have typed it. */
function render(g: GenRow, date1904: boolean): RowSpec {
  const [sector, activity] = g.kind.split(".") as [
    "ngo" | "le",
    "new" | "follow" | "req" | "train",
  ];
  const words = ACTIVITY_WORDS[activity];
  const level = [g.level, g.level.toLowerCase(), g.level.toUpperCase()][g.levelCase];
  const count = (n: number): CellValue => (g.countsAsText ? String(n) : n);
  const r: RowSpec = {
    Date: dateCell(g, date1904),
    Sector: SECTOR_WORDS[sector][g.sectorWord % 4],
    Activity: words[g.activityWord % words.length],
    Agency: g.agency,
    Content: `Outreach to ${g.agency}`,
    Significant: g.significant,
  };
  if (sector === "le") r.Level = level;
  if (activity === "new" || g.agency.length % 2 === 0) {
    r["POC Name"] = "Pat Doe";
    r["POC Title"] = "Coordinator";
  }
  if (activity === "train") {
    r.Presentations = count(g.presentations);
    r.Agencies = count(g.agencies);
    r.Attendees = count(g.attendees);
  }
  switch (g.breakage) {
    case null:
      break;
    case "noDate":
      delete r.Date;
      break;
    case "badDate":
      r.Date = `02/30/${g.y}`;
      break;
    case "oldDate":
      r.Date = `${pad(g.m)}/${pad(g.d)}/1999`;
      break;
    case "noAgency":
      r.Agency = "  ";
      break;
    case "noContent":
      delete r.Content;
      break;
    case "badSector":
      r.Sector = "Police";
      break;
    case "levelForNgo":
      r.Sector = "NGO";
      r.Level = "Local";
      break;
    case "noLevelForLe":
      r.Sector = "Law Enforcement";
      delete r.Level;
      break;
    case "leRequested":
      r.Sector = "LE";
      r.Level = "State";
      r.Activity = "Requested Services";
      break;
    case "countMissing":
      r.Activity = "Training/Seminar";
      r.Presentations = 1;
      r.Agencies = 2;
      delete r.Attendees;
      break;
    case "countNegative":
      r.Activity = "Training/Seminar";
      r.Presentations = 1;
      r.Agencies = -2;
      r.Attendees = 5;
      break;
    case "countOnContact":
      r.Activity = "Follow Up Contact";
      r.Attendees = 12;
      break;
    case "noPoc":
      r.Activity = "New Contact";
      delete r["POC Name"];
      break;
    case "badActivity":
      r.Activity = "Meeting";
      break;
  }
  return r;
}

const BREAKAGES: Breakage[] = [
  "noDate",
  "badDate",
  "oldDate",
  "noAgency",
  "noContent",
  "badSector",
  "levelForNgo",
  "noLevelForLe",
  "leRequested",
  "countMissing",
  "countNegative",
  "countOnContact",
  "noPoc",
  "badActivity",
];

/** A day in or near fiscal year `fy`, with the boundary days much more likely than chance. */
function dayArb(fy: number): fc.Arbitrary<[number, number, number]> {
  const boundaries: [number, number, number][] = [
    [fy - 1, 9, 30],
    [fy - 1, 10, 1],
    [fy - 1, 12, 31],
    [fy, 1, 1],
    [fy, 2, 28],
    [fy, 3, 31],
    [fy, 4, 1],
    [fy, 6, 30],
    [fy, 7, 1],
    [fy, 9, 30],
    [fy, 10, 1],
  ];
  if (fy % 4 === 0) boundaries.push([fy, 2, 29]);
  const from = utcDay(fy - 1, 10, 1) - 40;
  const to = utcDay(fy, 9, 30) + 40;
  const random = fc.integer({ min: from, max: to }).map((day): [number, number, number] => {
    const date = new Date(day * 86_400_000);
    return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  });
  return fc.oneof(fc.constantFrom(...boundaries), random);
}

function rowArb(fy: number, invalid: fc.Arbitrary<Breakage | null>): fc.Arbitrary<GenRow> {
  return fc
    .record({
      kind: fc.constantFrom<Kind>(
        "ngo.new",
        "ngo.follow",
        "ngo.req",
        "ngo.train",
        "le.new",
        "le.follow",
        "le.train"
      ),
      level: fc.constantFrom<LevelName>("Local", "State", "Federal", "Foreign"),
      ymd: dayArb(fy),
      dateForm: fc.constantFrom<DateForm>("us", "iso", "short", "serial", "serialTime", "date"),
      sectorWord: fc.nat(3),
      activityWord: fc.nat(3),
      levelCase: fc.nat(2),
      agency: fc.constantFrom(
        "Safe Harbor",
        "Metro PD",
        "State Police",
        "Casa Nueva",
        "FBI Field Office"
      ),
      presentations: fc.integer({ min: 1, max: 20 }),
      agencies: fc.integer({ min: 1, max: 40 }),
      attendees: fc.integer({ min: 0, max: 600 }),
      countsAsText: fc.boolean(),
      significant: fc.constantFrom<CellValue>("Y", "N", "", "yes", "no", true, false, null),
      breakage: invalid,
    })
    .map(({ ymd: [y, m, d], ...rest }) => ({ ...rest, y, m, d }));
}

interface GenLog {
  fy: number;
  date1904: boolean;
  rows: GenRow[];
}

const logArb = (invalidShare: "mixed" | "none" = "mixed"): fc.Arbitrary<GenLog> =>
  fc
    .record({ fy: fc.constantFrom(2007, 2008, 2012, 2016), date1904: fc.boolean() })
    .chain(({ fy, date1904 }) =>
      fc.record({
        fy: fc.constant(fy),
        date1904: fc.constant(date1904),
        rows: fc.array(
          rowArb(
            fy,
            invalidShare === "none"
              ? fc.constant(null)
              : fc.oneof(
                  { arbitrary: fc.constant(null), weight: 3 },
                  { arbitrary: fc.constantFrom(...BREAKAGES), weight: 1 }
                )
          ),
          { maxLength: 40 }
        ),
      })
    );

function gridOf(
  log: GenLog,
  rows: RowSpec[] = log.rows.map((g) => render(g, log.date1904))
): LogGrid {
  return { values: [[...HEADERS], ...rows.map((r) => cells(r))], date1904: log.date1904 };
}

const QUARTERS = [1, 2, 3, 4] as const;
const allFigures = (g: LogGrid, fy: number) => {
  const entries = readLog(g).entries;
  return QUARTERS.map((quarter) => tally(entries, { fiscalYear: fy, quarter }));
};
const sum = (fs: Figures[]) => {
  const total = figures();
  for (const f of fs) for (const k of LINES) total[k] += f[k];
  return total;
};

describe("properties of the figures over random logs", () => {
  test("the figures are the model's: quarter and cumulative, every quarter", () => {
    fc.assert(
      fc.property(logArb(), (log) => {
        const parsed = readLog(gridOf(log));
        expect(parsed.entries).toHaveLength(log.rows.filter(isValid).length);
        expect(parsed.invalidRows).toBe(log.rows.length - parsed.entries.length);
        for (const quarter of QUARTERS) {
          const p = { fiscalYear: log.fy, quarter };
          expect(tally(parsed.entries, p)).toEqual(modelFigures(log.rows, p));
        }
      }),
      RUNS
    );
  });

  test("Q1+Q2+Q3+Q4 quarter figures = the Q4 cumulative, for every line", () => {
    fc.assert(
      fc.property(logArb(), (log) => {
        const all = allFigures(gridOf(log), log.fy);
        expect(sum(all.map((f) => f.quarter))).toEqual(all[3].cumulative);
        // and each cumulative is the sum of the quarters so far
        for (const q of QUARTERS)
          expect(sum(all.slice(0, q).map((f) => f.quarter))).toEqual(all[q - 1].cumulative);
      }),
      RUNS
    );
  });

  test("le.local + le.state + le.federal + le.foreign = le.newContact + le.followUpContact", () => {
    fc.assert(
      fc.property(logArb(), (log) => {
        for (const f of allFigures(gridOf(log), log.fy)) {
          for (const w of [f.quarter, f.cumulative]) {
            expect(w["le.local"] + w["le.state"] + w["le.federal"] + w["le.foreign"]).toBe(
              w["le.newContact"] + w["le.followUpContact"]
            );
          }
        }
      }),
      RUNS
    );
  });

  test("shuffling the rows changes no figure", () => {
    fc.assert(
      fc.property(
        logArb().chain((log) =>
          fc.tuple(fc.constant(log), fc.shuffledSubarray(log.rows, { minLength: log.rows.length }))
        ),
        ([log, shuffled]) => {
          expect(allFigures(gridOf({ ...log, rows: shuffled }), log.fy)).toEqual(
            allFigures(gridOf(log), log.fy)
          );
        }
      ),
      RUNS
    );
  });

  test("permuting the columns (each header moving with its column), plus extra columns, changes no figure", () => {
    const withExtra: string[] = [...HEADERS, "Notes", "Office"];
    fc.assert(
      fc.property(
        logArb().chain((log) =>
          fc.tuple(
            fc.constant(log),
            fc.shuffledSubarray(withExtra, { minLength: withExtra.length })
          )
        ),
        ([log, order]) => {
          const rows = log.rows.map((g) => render(g, log.date1904));
          const extra = (h: string, i: number): CellValue =>
            h === "Notes" ? `note ${i}` : h === "Office" ? "Miami" : undefined;
          const values: CellValue[][] = [
            order,
            ...rows.map((r, i) =>
              order.map((h) => (h in r ? r[h as Header] : extra(h, i)) ?? null)
            ),
          ];
          const permuted: LogGrid = { values, date1904: log.date1904 };
          expect(allFigures(permuted, log.fy)).toEqual(allFigures(gridOf(log), log.fy));
          expect(
            readLog(permuted)
              .findings.map((f) => [f.row, f.code])
              .sort()
          ).toEqual(
            readLog(gridOf(log))
              .findings.map((f) => [f.row, f.code])
              .sort()
          );
        }
      ),
      RUNS
    );
  });

  test("adding an invalid row anywhere changes no figure", () => {
    fc.assert(
      fc.property(
        logArb().chain((log) =>
          fc.tuple(
            fc.constant(log),
            rowArb(log.fy, fc.constantFrom(...BREAKAGES)),
            fc.nat(log.rows.length)
          )
        ),
        ([log, bad, at]) => {
          const rows = [...log.rows];
          rows.splice(at, 0, bad);
          const g = gridOf({ ...log, rows });
          expect(readLog(g).invalidRows).toBe(rows.filter((r) => !isValid(r)).length);
          expect(allFigures(g, log.fy)).toEqual(allFigures(gridOf(log), log.fy));
        }
      ),
      RUNS
    );
  });

  test("adding blank rows anywhere changes nothing", () => {
    const blankRow = fc.constantFrom<CellValue[]>(
      HEADERS.map(() => null),
      HEADERS.map(() => ""),
      HEADERS.map((_, i) => [" ", "\t", "\r\n", undefined][i % 4]),
      []
    );
    fc.assert(
      fc.property(
        logArb().chain((log) =>
          fc.tuple(
            fc.constant(log),
            fc.array(fc.tuple(fc.nat(log.rows.length), blankRow), { minLength: 1, maxLength: 5 })
          )
        ),
        ([log, blanks]) => {
          const base = gridOf(log);
          const values = [...base.values];
          // insert from the bottom up so each position refers to the original rows
          for (const [at, blank] of [...blanks].sort((a, b) => b[0] - a[0]))
            values.splice(1 + at, 0, blank);
          const padded: LogGrid = { ...base, values };
          const before = readLog(base);
          const after = readLog(padded);
          expect(allFigures(padded, log.fy)).toEqual(allFigures(base, log.fy));
          expect([after.dataRows, after.invalidRows]).toEqual([
            before.dataRows,
            before.invalidRows,
          ]);
          expect(after.findings.map((f) => f.code)).toEqual(before.findings.map((f) => f.code));
        }
      ),
      RUNS
    );
  });

  test("zeroIsBlank: a valid log with its empty cells handed over as 0 has the same figures", () => {
    fc.assert(
      fc.property(logArb("none"), (log) => {
        const base = gridOf(log);
        const zeroed: LogGrid = {
          ...base,
          values: [
            base.values[0],
            ...base.values.slice(1).map((r) => r.map((v) => (v === null || v === "" ? 0 : v))),
            HEADERS.map(() => 0),
          ],
          zeroIsBlank: true,
        };
        expect(readLog(zeroed).findings.filter((f) => f.severity === "error")).toEqual([]);
        expect(allFigures(zeroed, log.fy)).toEqual(allFigures(base, log.fy));
      }),
      RUNS
    );
  });

  test("the opening balance is added to every cumulative figure and to no quarter figure", () => {
    const openingArb = fc.record(
      Object.fromEntries(LINES.map((k) => [k, fc.nat(1000)])) as Record<
        LineKey,
        fc.Arbitrary<number>
      >
    );
    fc.assert(
      fc.property(logArb(), openingArb, fc.constantFrom(...QUARTERS), (log, opening, quarter) => {
        const entries = readLog(gridOf(log)).entries;
        const p = { fiscalYear: log.fy, quarter };
        const without = tally(entries, p);
        const withOpening = tally(entries, p, opening);
        expect(withOpening.quarter).toEqual(without.quarter);
        expect(withOpening.cumulative).toEqual(sum([without.cumulative, opening]));
      }),
      RUNS
    );
  });
});

describe("properties of the narrative and the form", () => {
  test("one Outreach Activity bullet per counted row of the quarter; Significant for flagged ones", () => {
    fc.assert(
      fc.property(logArb(), fc.constantFrom(...QUARTERS), (log, quarter) => {
        const entries = readLog(gridOf(log)).entries;
        const p = { fiscalYear: log.fy, quarter };
        const inQuarter = log.rows.filter((g) => {
          const at = periodOf(g.y, g.m);
          return isValid(g) && at.fiscalYear === p.fiscalYear && at.quarter === p.quarter;
        });
        expect(outreachBullets(entries, p)).toHaveLength(inQuarter.length);
        expect(significantBullets(entries, p)).toHaveLength(inQuarter.filter(isSignificant).length);
        const dates = outreachBullets(entries, p).map((b) => {
          const [m, d, y] = b.slice(0, 10).split("/").map(Number);
          return utcDay(y, m, d);
        });
        expect(dates).toEqual([...dates].sort((a, b) => a - b));
      }),
      RUNS
    );
  });

  test("logRowSchema accepts exactly the rows readLog counts", () => {
    const KEYS = [
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
    ];
    fc.assert(
      fc.property(
        fc
          .record({ fy: fc.constantFrom(2007, 2012), date1904: fc.boolean() })
          .chain(({ fy, date1904 }) =>
            fc.tuple(
              fc.constant(date1904),
              rowArb(fy, fc.option(fc.constantFrom(...BREAKAGES), { freq: 2 }))
            )
          ),
        ([date1904, g]) => {
          const r = render(g, date1904);
          const form = Object.fromEntries(HEADERS.map((h, i) => [KEYS[i], h in r ? r[h] : null]));
          expect(logRowSchema(date1904).safeParse(form).success).toBe(isValid(g));
          expect(readLog({ values: [[...HEADERS], cells(r)], date1904 }).entries.length).toBe(
            isValid(g) ? 1 : 0
          );
        }
      ),
      { numRuns: 300 }
    );
  });
});
