/**
 * Conservation, over random sets of returns: resubmissions, duplicates, invalid logs, other
 * periods, unreadable files and rosters. Whatever comes in, the combined log holds exactly the rows
 * of the winning returns, each once; the national figures are the sum of the offices' figures and
 * re-tally from the combined log; every file gets one status; every roster office is accounted for.
 */
import fc from "fast-check";
import { LINE_KEYS, zeroFigures, addFigures, Figures } from "../../src/core/chart";
import {
  COUNTED,
  ReturnInput,
  UnreadableKind,
  UNREADABLE_STATUS,
  consolidate,
  officeKey,
} from "../../src/core/consolidate";
import { samePeriod } from "../../src/core/period";
import { tally } from "../../src/core/tally";
import {
  Q2,
  Q3,
  Row,
  broken,
  leFollow,
  leNew,
  ngoNew,
  returned,
  serial,
  training,
} from "./builders";

const OFFICES = ["SAC Houston", "SAC Miami", "Attaché Mexico City", "SAC New York", "SAC Denver"];
/** How an office may write its own name: case and spacing vary. */
const spell = (name: string, variant: number): string =>
  variant === 0 ? name : variant === 1 ? name.toUpperCase() : ` ${name.replace(/ /g, "  ")} `;

const dateArb = fc.oneof(
  fc.integer({ min: serial(2007, 4, 1), max: serial(2007, 6, 30) }), // the quarter
  fc.integer({ min: serial(2006, 10, 1), max: serial(2007, 3, 31) }), // earlier in the FY
  fc.integer({ min: serial(2005, 1, 1), max: serial(2006, 9, 30) }) // an earlier FY
);
const rowArb: fc.Arbitrary<Row> = fc
  .tuple(fc.integer({ min: 0, max: 5 }), dateArb, fc.integer({ min: 1, max: 9 }))
  .map(([kind, date, n]) => {
    switch (kind) {
      case 0:
        return ngoNew(date, `NGO ${n}`);
      case 1:
        return leNew(date, ["Local", "State", "Federal", "Foreign"][n % 4], `PD ${n}`);
      case 2:
        return leFollow(date, ["Local", "State", "Federal", "Foreign"][n % 4], `PD ${n}`);
      case 3:
        return training(date, "NGO", [n, n + 1, 10 * n]);
      case 4:
        return training(date, "Law Enforcement", [1, n, n * 3]);
      default:
        return ngoNew(date);
    }
  });

interface Spec {
  office: number;
  spelling: number;
  named: boolean;
  otherPeriod: boolean;
  invalid: boolean;
  time: number;
  submitted?: number;
  rows: Row[];
  opening: boolean;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  office: fc.integer({ min: 0, max: OFFICES.length - 1 }),
  spelling: fc.integer({ min: 0, max: 2 }),
  named: fc.integer({ min: 0, max: 9 }).map((n) => n !== 0),
  otherPeriod: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  invalid: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  // Few distinct times, so that ties happen.
  time: fc.integer({ min: 1, max: 6 }),
  submitted: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  rows: fc.array(rowArb, { maxLength: 12 }),
  opening: fc.boolean(),
});

const unreadableArb = fc.constantFrom<UnreadableKind>(
  "not-a-workbook",
  "no-chart-or-log",
  "national-workbook",
  "corrupt",
  "password-protected",
  "unreadable-file",
  "unreadable-return"
);

const DAY = 86_400_000;
const inputsArb = fc
  .tuple(
    fc.array(specArb, { maxLength: 14 }),
    fc.array(unreadableArb, { maxLength: 3 }),
    fc.subarray(OFFICES)
  )
  .map(([specs, unreadable, roster]) => {
    const inputs: ReturnInput[] = specs.map((s, i) =>
      returned({
        file: `return-${i}.xlsx`,
        ...(s.named ? { office: spell(OFFICES[s.office], s.spelling) } : {}),
        period: s.otherPeriod ? Q2 : Q3,
        rows: s.invalid ? [...s.rows, broken(serial(2007, 5, 1))] : s.rows,
        modified: Date.UTC(2007, 6, 1) + s.time * DAY,
        ...(s.submitted !== undefined
          ? { submitted: new Date(Date.UTC(2007, 6, 1) + s.submitted * DAY).toISOString() }
          : {}),
        ...(s.opening ? { opening: { ...zeroFigures(), "le.local": i, "ngo.newContact": 1 } } : {}),
      })
    );
    unreadable.forEach((kind, i) =>
      inputs.splice(i % (inputs.length + 1), 0, {
        kind,
        file: `odd-${i}.bin`,
        modified: 0,
        reason: `${kind} file`,
      })
    );
    return { inputs, roster };
  });

const timeOf = (r: ReturnInput): number =>
  r.kind === "report" && r.submitted !== undefined ? Date.parse(r.submitted) : r.modified;

test("conservation over random returns, resubmissions, invalid and unreadable files", () => {
  fc.assert(
    fc.property(inputsArb, ({ inputs, roster }) => {
      const n = consolidate(Q3, inputs, { roster });

      // Every file given has exactly one status; plus one per roster office with no return.
      const fileRows = n.statuses.filter((s) => s.file !== undefined);
      expect(fileRows.map((s) => s.index).sort((a, b) => a! - b!)).toEqual(inputs.map((_, i) => i));

      // The candidates of each office: read, for the period, with an office.
      const candidates = new Map<string, number[]>();
      inputs.forEach((r, i) => {
        if (r.kind !== "report" || !samePeriod(r.period, Q3) || !r.office) return;
        const k = officeKey(r.office);
        candidates.set(k, [...(candidates.get(k) ?? []), i]);
      });
      const statusAt = (i: number) => fileRows.find((s) => s.index === i)!;
      const winners: number[] = [];
      for (const group of candidates.values()) {
        const standing = group.filter((i) => statusAt(i).status !== "superseded");
        expect(standing).toHaveLength(1);
        const w = standing[0];
        // The winner is the newest.
        for (const i of group) expect(timeOf(inputs[w])).toBeGreaterThanOrEqual(timeOf(inputs[i]));
        const r = inputs[w];
        if (r.kind !== "report") throw new Error("unreachable");
        expect(statusAt(w).status).toBe(r.report.errors > 0 ? "invalid" : statusAt(w).status);
        if (r.report.errors === 0) {
          expect(COUNTED.has(statusAt(w).status)).toBe(true);
          winners.push(w);
        }
      }
      // Everything else is never counted.
      inputs.forEach((r, i) => {
        const s = statusAt(i).status;
        if (r.kind !== "report") expect(s).toBe(UNREADABLE_STATUS[r.kind]);
        else if (!samePeriod(r.period, Q3)) expect(s).toBe("other-period");
        else if (!r.office) expect(s).toBe("invalid");
        expect(COUNTED.has(s)).toBe(winners.includes(i));
      });

      // The combined log: exactly the winners' rows, each once, with their provenance.
      const expected = winners.flatMap((i) => {
        const r = inputs[i];
        return r.kind === "report" ? r.report.log.entries.map((e) => `${r.file}#${e.row}`) : [];
      });
      const got = n.log.rows().map((r) => `${r.file}#${r.entry.row}`);
      expect(new Set(got).size).toBe(got.length);
      expect([...got].sort()).toEqual([...expected].sort());
      for (const row of n.log.rows()) {
        const src = inputs.find((r) => r.file === row.file)!;
        // The row is the engine's reading of it, field for field.
        if (src.kind !== "report") throw new Error("a row from a file that was not read");
        expect(row.entry).toEqual(src.report.log.entries.find((e) => e.row === row.entry.row));
        expect(src.kind === "report" && officeKey(src.office!)).toBe(officeKey(row.office));
      }
      const counted = n.statuses.filter((s) => COUNTED.has(s.status));
      expect(counted.reduce((t, s) => t + s.rows, 0)).toBe(n.log.length);

      // National figures = sum of the offices' = a tally of the combined log plus the openings.
      const q = zeroFigures();
      const c = zeroFigures();
      for (const o of n.offices) {
        addFigures(q, o.figures.quarter);
        addFigures(c, o.figures.cumulative);
      }
      expect(n.figures).toEqual({ quarter: q, cumulative: c });
      const retally = tally(
        n.log.rows().map((r) => r.entry),
        Q3,
        n.opening as Partial<Figures>
      );
      for (const k of LINE_KEYS) {
        expect(retally.quarter[k]).toBe(n.figures.quarter[k]);
        expect(retally.cumulative[k]).toBe(n.figures.cumulative[k]);
      }
      expect(n.offices).toHaveLength(winners.length);

      // Every roster office has a standing return (counted or invalid) or is missing, once.
      for (const office of roster) {
        const k = officeKey(office);
        const missing = n.statuses.filter(
          (s) => s.status === "missing" && officeKey(s.office!) === k
        );
        expect(missing).toHaveLength(candidates.has(k) ? 0 : 1);
      }
      expect(n.statuses.filter((s) => s.status === "missing")).toHaveLength(
        roster.filter((o) => !candidates.has(officeKey(o))).length
      );
    }),
    { numRuns: 300 }
  );
});
