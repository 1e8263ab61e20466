/**
 * The optional tables in consolidation, over random sets of returns (resubmissions, other
 * periods, invalid logs, invalid leads, returns without the tables): the national leads,
 * materials and media figures are the sums of the counted returns' own, the national median days
 * to respond is the median of the combined rows (computed here from the rows, not from the
 * offices' medians), and the combined rows are exactly the counted returns' rows.
 */
import fc from "fast-check";
import { COUNTED, ReturnInput, consolidate } from "../../src/core/consolidate";
import { LEAD_HEADERS, LEAD_LINE_KEYS, LEAD_SOURCE_LABELS } from "../../src/core/leads";
import { MATERIAL_HEADERS, MATERIAL_LINE_KEYS } from "../../src/core/materials";
import { CellValue } from "../../src/core/log";
import { analyzeTables } from "../../src/core/office-tables";
import { periodWindows } from "../../src/core/tally";
import { Q2, Q3, Row, broken, ngoNew, returned, serial } from "./builders";

const OFFICES = ["SAC Houston", "SAC Miami", "Attaché Mexico City", "SAC Denver"];
const AGENCIES = ["Safe Harbor", "Metro PD", "Casa Esperanza", "Tip Line Center"];
/** How a lead may name an agency of the log: case and punctuation vary. */
const SPELLINGS = [(a: string) => a, (a: string) => a.toUpperCase(), (a: string) => `${a}.`];
const LEAD_REQUESTS = ["Interview Request", "Victim Information", "Other Lead"];

const dateArb = fc.oneof(
  fc.integer({ min: serial(2007, 4, 1), max: serial(2007, 6, 30) }), // the quarter
  fc.integer({ min: serial(2006, 10, 1), max: serial(2007, 3, 31) }), // earlier in the FY
  fc.integer({ min: serial(2006, 6, 1), max: serial(2006, 9, 30) }) // the previous FY
);

const leadArb = fc
  .record({
    received: dateArb,
    source: fc.integer({ min: 0, max: LEAD_SOURCE_LABELS.length - 1 }),
    agency: fc.integer({ min: 0, max: AGENCIES.length - 1 }),
    spelling: fc.integer({ min: 0, max: SPELLINGS.length - 1 }),
    request: fc.integer({ min: 0, max: 2 }),
    // Days to respond; null: no response. Some responses fall after the quarter's end.
    wait: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    caseOpened: fc.boolean(),
  })
  .map((l): CellValue[] => [
    l.received,
    LEAD_SOURCE_LABELS[l.source],
    SPELLINGS[l.spelling](AGENCIES[l.agency]),
    LEAD_REQUESTS[l.request],
    l.wait === null ? null : l.received + l.wait,
    l.caseOpened ? "Y" : "N",
    null,
  ]);

const materialArb = fc
  .record({
    date: dateArb,
    agency: fc.integer({ min: 0, max: AGENCIES.length - 1 }),
    quantity: fc.integer({ min: 1, max: 500 }),
    language: fc.constantFrom("English", "Spanish", "Chinese", "Russian"),
  })
  .map((m): CellValue[] => [m.date, AGENCIES[m.agency], "Wallet Card", m.language, m.quantity]);

interface Spec {
  office: number;
  otherPeriod: boolean;
  invalidLog: boolean;
  /** A lead with no Source: an error in the leads table. */
  invalidLead: boolean;
  time: number;
  log: Row[];
  /** null: the return has no Victim Leads sheet. */
  leads: CellValue[][] | null;
  materials: CellValue[][] | null;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  office: fc.integer({ min: 0, max: OFFICES.length - 1 }),
  otherPeriod: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  invalidLog: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  invalidLead: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  time: fc.integer({ min: 1, max: 5 }),
  log: fc.array(
    fc
      .tuple(dateArb, fc.integer({ min: 0, max: AGENCIES.length - 1 }))
      .map(([d, a]) => ngoNew(d, AGENCIES[a])),
    { maxLength: 6 }
  ),
  leads: fc.option(fc.array(leadArb, { maxLength: 10 }), { nil: null }),
  materials: fc.option(fc.array(materialArb, { maxLength: 5 }), { nil: null }),
});

const grid = (headers: readonly string[], rows: CellValue[][], sheet: string) => ({
  values: [[...headers], ...rows],
  top: 1,
  left: 1,
  sheet,
});

function inputOf(s: Spec, i: number): ReturnInput {
  const period = s.otherPeriod ? Q2 : Q3;
  const r = returned({
    file: `return-${i}.xlsx`,
    office: OFFICES[s.office],
    period,
    rows: s.invalidLog ? [...s.log, broken(serial(2007, 5, 1))] : s.log,
    modified: Date.UTC(2007, 6, 1) + s.time * 86_400_000,
  });
  const leads =
    s.leads && s.invalidLead
      ? [...s.leads, [serial(2007, 5, 2), null, "Metro PD", "Other Lead", null, null, null]]
      : s.leads;
  const tables = analyzeTables({
    ...(leads ? { leads: grid(LEAD_HEADERS, leads, "Victim Leads") } : {}),
    ...(s.materials
      ? { materials: grid(MATERIAL_HEADERS, s.materials, "Materials Distributed") }
      : {}),
    log: r.report.log.entries,
    period,
    leadResponseDays: 30,
  });
  return { ...r, tables };
}

/** The median, written out here (not core's), over the days waited. */
function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const k = Math.floor(s.length / 2);
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

test("national leads and materials figures: the counted returns' sums, the median of the combined rows", () => {
  const w = periodWindows(Q3);
  fc.assert(
    fc.property(fc.array(specArb, { maxLength: 10 }), (specs) => {
      const inputs = specs.map(inputOf);
      const n = consolidate(Q3, inputs);
      const counted = n.statuses
        .filter((s) => COUNTED.has(s.status))
        .map((s) => inputs[s.index!])
        .filter((r): r is Extract<ReturnInput, { kind: "report" }> => r.kind === "report");

      // A return with a table error is never counted, as one with a log error.
      for (const r of counted) expect(r.tables!.errors).toBe(0);
      for (const [i, s] of specs.entries()) {
        const status = n.statuses.find((x) => x.index === i)!.status;
        if (s.invalidLead && s.leads && !s.otherPeriod && status !== "superseded")
          expect(status).toBe("invalid");
      }

      const withLeads = counted.filter((r) => r.tables!.leads);
      if (withLeads.length === 0) expect(n.tables.leads).toBeUndefined();
      else {
        const national = n.tables.leads!.figures;
        for (const col of ["quarter", "cumulative"] as const)
          for (const k of LEAD_LINE_KEYS) {
            const sum = withLeads.reduce((t, r) => t + r.tables!.leads!.figures![col][k], 0);
            expect(national[col][k]).toBe(sum);
          }
        expect(national.openAtPeriodEnd).toBe(
          withLeads.reduce((t, r) => t + r.tables!.leads!.figures!.openAtPeriodEnd, 0)
        );
        // The median from the combined rows themselves: received in the column, answered by the
        // quarter's last day.
        const rows = n.tableParts.flatMap((p) => p.tables.leads?.parsed.entries ?? []);
        const days = (from: number) =>
          rows
            .filter((l) => l.received >= from && l.received <= w.end)
            .filter((l) => l.responded !== undefined && l.responded <= w.end)
            .map((l) => l.responded! - l.received);
        expect(national.medianDaysToRespond.quarter).toBe(medianOf(days(w.quarterStart)));
        expect(national.medianDaysToRespond.cumulative).toBe(medianOf(days(w.fyStart)));
      }

      // The combined rows are exactly the counted returns' valid rows, each once.
      const combined = n.tableParts.reduce(
        (t, p) => t + (p.tables.leads?.parsed.entries.length ?? 0),
        0
      );
      expect(combined).toBe(
        withLeads.reduce((t, r) => t + r.tables!.leads!.parsed.entries.length, 0)
      );
      expect(n.tableParts.every((p) => counted.some((r) => r.file === p.file))).toBe(true);

      const withMaterials = counted.filter((r) => r.tables!.materials);
      if (withMaterials.length === 0) expect(n.tables.materials).toBeUndefined();
      else
        for (const col of ["quarter", "cumulative"] as const)
          for (const k of MATERIAL_LINE_KEYS)
            expect(n.tables.materials!.figures[col][k]).toBe(
              withMaterials.reduce((t, r) => t + r.tables!.materials!.figures![col][k], 0)
            );
      expect(n.tables.media).toBeUndefined();
    }),
    { numRuns: 300 }
  );
});

test("a median of medians is not the national median: offices of 1 and 3 responses", () => {
  const lead = (received: number, wait: number): CellValue[] => [
    received,
    "NGO",
    "Safe Harbor",
    "Other Lead",
    received + wait,
    "N",
    null,
  ];
  const day = serial(2007, 5, 1);
  const a = inputOf(
    {
      office: 0,
      otherPeriod: false,
      invalidLog: false,
      invalidLead: false,
      time: 1,
      log: [],
      leads: [lead(day, 2)],
      materials: null,
    },
    0
  );
  const b = inputOf(
    {
      office: 1,
      otherPeriod: false,
      invalidLog: false,
      invalidLead: false,
      time: 1,
      log: [],
      leads: [lead(day, 10), lead(day, 20), lead(day, 30)],
      materials: null,
    },
    1
  );
  const n = consolidate(Q3, [a, b]);
  // Offices' medians 2 and 20 (their mean 11); the combined rows 2, 10, 20, 30: 15.
  expect(n.tables.leads!.figures.medianDaysToRespond).toEqual({ quarter: 15, cumulative: 15 });
});

test("returns without the tables: no national table figures, no combined rows", () => {
  const n = consolidate(Q3, [returned({ file: "a.xlsx", office: "SAC Houston", rows: [] })]);
  expect(n.tables).toEqual({});
  expect(n.tableParts).toEqual([]);
});
