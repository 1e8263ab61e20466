/** The consolidation rules, one by one, over returns analysed by the engine. */
import { LINE_KEYS, zeroFigures } from "../../src/core/chart";
import {
  Consolidation,
  StatusRow,
  UNREADABLE_STATUS,
  chartMismatches,
  consolidate,
  needsAttention,
  officeKey,
  statusSummary,
} from "../../src/core/consolidate";
import {
  Q2,
  Q3,
  broken,
  leFollow,
  leNew,
  ngoNew,
  returned,
  serial,
  training,
  writtenFrom,
} from "./builders";

const APR = serial(2007, 4, 10);
const MAY = serial(2007, 5, 15);
const NOV = serial(2006, 11, 3);

const byFile = (rows: readonly StatusRow[], file: string): StatusRow => {
  const r = rows.find((s) => s.file === file);
  if (!r) throw new Error(`no status for ${file}`);
  return r;
};

describe("one return per office", () => {
  test("a valid return is received, its rows counted once with their office and file", () => {
    const houston = returned({
      file: "houston.xlsx",
      office: "SAC Houston",
      rows: [ngoNew(APR), leFollow(MAY), training(MAY, "NGO", [1, 3, 40])],
    });
    const n = consolidate(Q3, [houston]);
    expect(n.statuses).toHaveLength(1);
    expect(n.statuses[0]).toMatchObject({
      office: "SAC Houston",
      file: "houston.xlsx",
      status: "received",
      rows: 3,
    });
    expect(n.log.rows().map((r) => [r.office, r.file, r.entry.row])).toEqual([
      ["SAC Houston", "houston.xlsx", 2],
      ["SAC Houston", "houston.xlsx", 3],
      ["SAC Houston", "houston.xlsx", 4],
    ]);
    expect(n.figures).toEqual(houston.report.figures);
    expect(n.figures.quarter["ngo.training.attendees"]).toBe(40);
  });

  test("national figures are the sum of the offices' (cumulative includes each opening)", () => {
    const opening = { ...zeroFigures(), "le.local": 7, "ngo.newContact": 2 };
    const a = returned({ file: "a.xlsx", office: "SAC A", rows: [ngoNew(APR), leFollow(NOV)] });
    const b = returned({ file: "b.xlsx", office: "SAC B", rows: [leNew(MAY)], opening });
    const n = consolidate(Q3, [a, b]);
    for (const k of LINE_KEYS) {
      expect(n.figures.quarter[k]).toBe(a.report.figures.quarter[k] + b.report.figures.quarter[k]);
      expect(n.figures.cumulative[k]).toBe(
        a.report.figures.cumulative[k] + b.report.figures.cumulative[k]
      );
    }
    expect(n.figures.cumulative["le.local"]).toBe(8);
    expect(n.opening["le.local"]).toBe(7);
    expect(n.offices.map((o) => o.office)).toEqual(["SAC A", "SAC B"]);
  });

  test("a valid return with no activity in the quarter is nothing-to-report, and still counted", () => {
    const quiet = returned({ file: "q.xlsx", office: "Attaché Rome", rows: [ngoNew(NOV)] });
    const empty = returned({ file: "e.xlsx", office: "Attaché Lima", rows: [] });
    const n = consolidate(Q3, [quiet, empty]);
    expect(byFile(n.statuses, "q.xlsx").status).toBe("nothing-to-report");
    expect(byFile(n.statuses, "e.xlsx").status).toBe("nothing-to-report");
    expect(n.figures.cumulative["ngo.newContact"]).toBe(1);
    expect(n.log).toHaveLength(1);
  });
});

describe("resubmissions and duplicates", () => {
  const first = returned({
    file: "houston-v1.xlsx",
    office: "SAC Houston",
    rows: [ngoNew(APR)],
    modified: Date.UTC(2007, 6, 2),
  });
  const second = returned({
    file: "houston-v2.xlsx",
    office: "sac  HOUSTON",
    rows: [ngoNew(APR), leFollow(MAY)],
    modified: Date.UTC(2007, 6, 9),
  });

  test("the newest return wins whatever the order given; the other is superseded, never summed", () => {
    for (const order of [
      [first, second],
      [second, first],
    ]) {
      const n = consolidate(Q3, order);
      expect(byFile(n.statuses, "houston-v2.xlsx").status).toBe("received");
      expect(byFile(n.statuses, "houston-v1.xlsx").status).toBe("superseded");
      expect(byFile(n.statuses, "houston-v1.xlsx").notes.join()).toMatch(
        /replaced by the newer return houston-v2\.xlsx/
      );
      expect(n.log).toHaveLength(2);
      expect(new Set(n.log.rows().map((r) => r.file))).toEqual(new Set(["houston-v2.xlsx"]));
      expect(n.figures).toEqual(second.report.figures);
    }
  });

  test("the recorded submission time outranks the file's time", () => {
    const resent = { ...first, submitted: "2007-07-20T09:00:00Z" };
    const n = consolidate(Q3, [resent, second]);
    expect(byFile(n.statuses, "houston-v1.xlsx").status).toBe("received");
    expect(byFile(n.statuses, "houston-v2.xlsx").status).toBe("superseded");
  });

  test("an unreadable submission time is a note, and the file's time is used", () => {
    const odd = { ...second, submitted: "last Tuesday" };
    const n = consolidate(Q3, [first, odd]);
    const s = byFile(n.statuses, "houston-v2.xlsx");
    expect(s.status).toBe("received");
    expect(s.notes.join()).toMatch(/"last Tuesday" is not a date-time/);
  });

  test("the same return twice is a duplicate: counted once", () => {
    const copy = { ...second, file: "houston-v2 (1).xlsx" };
    const n = consolidate(Q3, [second, copy]);
    const statuses = n.statuses.map((s) => s.status).sort();
    expect(statuses).toEqual(["received", "superseded"]);
    const loser = n.statuses.find((s) => s.status === "superseded")!;
    expect(loser.notes.join()).toMatch(/a duplicate of the newer return/);
    expect(loser.notes.join()).toMatch(/the later file name wins/);
    expect(n.log).toHaveLength(2);
  });

  test("the newest return is the office's return even when it is invalid: nothing of the office counts", () => {
    const bad = returned({
      file: "houston-v3.xlsx",
      office: "SAC Houston",
      rows: [ngoNew(APR), broken(MAY)],
      modified: Date.UTC(2007, 6, 12),
    });
    const n = consolidate(Q3, [first, second, bad]);
    const s = byFile(n.statuses, "houston-v3.xlsx");
    expect(s.status).toBe("invalid");
    expect(s.errors).toBe(1);
    expect(s.findings[0]).toMatchObject({ row: 3, column: "Agency", code: "agency-missing" });
    expect(s.notes.join()).toMatch(/an older valid return was not used instead/);
    expect(byFile(n.statuses, "houston-v2.xlsx").status).toBe("superseded");
    expect(n.log).toHaveLength(0);
    expect(n.figures).toEqual({ quarter: zeroFigures(), cumulative: zeroFigures() });
  });
});

describe("statuses that are not counted", () => {
  test("invalid: the log has errors; listed with its findings count and first findings", () => {
    const rows = [broken(APR), broken(APR), broken(MAY), broken(MAY), ngoNew(MAY)];
    const n = consolidate(Q3, [returned({ file: "bad.xlsx", office: "SAC Miami", rows })]);
    expect(n.statuses[0]).toMatchObject({ status: "invalid", errors: 4, rows: 5 });
    expect(n.statuses[0].findings).toHaveLength(3);
    expect(n.log).toHaveLength(0);
  });

  test("other-period: a return for another quarter is listed, not counted", () => {
    const old = returned({ file: "q2.xlsx", office: "SAC Miami", period: Q2, rows: [ngoNew(NOV)] });
    const n = consolidate(Q3, [old], { roster: ["SAC Miami"] });
    expect(byFile(n.statuses, "q2.xlsx")).toMatchObject({ status: "other-period" });
    expect(byFile(n.statuses, "q2.xlsx").notes.join()).toMatch(/for FY2007 Q2, not FY2007 Q3/);
    const missing = n.statuses.find((s) => s.status === "missing")!;
    expect(missing.office).toBe("SAC Miami");
    expect(missing.notes.join()).toMatch(/only q2\.xlsx \(for FY2007 Q2\)/);
    expect(n.log).toHaveLength(0);
  });

  test("a return that names no office is invalid", () => {
    const n = consolidate(Q3, [returned({ file: "anon.xlsx", rows: [ngoNew(APR)] })]);
    expect(n.statuses[0].status).toBe("invalid");
    expect(n.statuses[0].notes.join()).toMatch(/names no office/);
    expect(n.log).toHaveLength(0);
  });

  test("files that cannot be read follow one rule: not-a-return or invalid, with the reason", () => {
    expect(UNREADABLE_STATUS).toEqual({
      "not-a-workbook": "not-a-return",
      "no-chart-or-log": "not-a-return",
      "national-workbook": "not-a-return",
      corrupt: "invalid",
      "password-protected": "invalid",
      "unreadable-file": "invalid",
      "unreadable-return": "invalid",
    });
    const n = consolidate(Q3, [
      { kind: "not-a-workbook", file: "notes.txt", modified: 0, reason: "not a workbook" },
      { kind: "corrupt", file: "broken.xlsx", modified: 0, reason: "damaged" },
      returned({ file: "ok.xlsx", office: "SAC Boston", rows: [ngoNew(APR)] }),
    ]);
    expect(byFile(n.statuses, "notes.txt")).toMatchObject({ status: "not-a-return", rows: 0 });
    expect(byFile(n.statuses, "notes.txt").notes).toEqual(["not a workbook"]);
    expect(byFile(n.statuses, "broken.xlsx").status).toBe("invalid");
    expect(byFile(n.statuses, "ok.xlsx").status).toBe("received");
    // Files that name no office come last.
    expect(n.statuses[0].file).toBe("ok.xlsx");
  });
});

describe("the roster", () => {
  test("missing offices are listed; offices match ignoring case and spacing", () => {
    const n = consolidate(
      Q3,
      [returned({ file: "h.xlsx", office: "sac houston", rows: [ngoNew(APR)] })],
      { roster: ["SAC  Houston", "SAC Miami", "Attaché Rome"] }
    );
    expect(n.statuses.map((s) => [s.office, s.status])).toEqual([
      ["Attaché Rome", "missing"],
      ["SAC  Houston", "received"],
      ["SAC Miami", "missing"],
    ]);
    expect(needsAttention(n.statuses)).toBe(true);
    expect(statusSummary(n.statuses)).toBe("1 received, 2 missing");
    expect(officeKey(" SAC\tHouston ")).toBe(officeKey("sac houston"));
  });

  test("an office not on the roster is counted, with a note suggesting the roster's name", () => {
    const n = consolidate(
      Q3,
      [returned({ file: "h.xlsx", office: "SAC Huoston", rows: [ngoNew(APR)] })],
      { roster: ["SAC Houston"] }
    );
    const s = byFile(n.statuses, "h.xlsx");
    expect(s.status).toBe("received");
    expect(s.notes.join()).toMatch(/"SAC Huoston" is not on the roster \(is it "SAC Houston"\?\)/);
    expect(n.statuses.find((x) => x.status === "missing")?.office).toBe("SAC Houston");
    expect(n.log).toHaveLength(1);
  });

  test("a roster listing an office twice says so", () => {
    const n = consolidate(Q3, [], { roster: ["SAC Houston", "sac houston"] });
    expect(n.statuses).toHaveLength(1);
    expect(n.notes.join()).toMatch(/lists "SAC Houston" twice/);
  });
});

describe("cross-checks", () => {
  const rows = [ngoNew(APR), leFollow(MAY), leFollow(NOV, "State")];
  const base = returned({ file: "h.xlsx", office: "SAC Houston", rows });

  test("a chart that matches its log gives no note", () => {
    const r = { ...base, written: writtenFrom(base.report.figures) };
    expect(consolidate(Q3, [r]).statuses[0].notes).toEqual([]);
  });

  test("a hand-entered chart that differs from its own log is named cell by cell", () => {
    const written = { ...writtenFrom(base.report.figures) };
    written["le.local"] = { quarter: 4, cumulative: "1" };
    written["ngo.newContact"] = { quarter: null, cumulative: 1 };
    const notes = consolidate(Q3, [{ ...base, written }]).statuses[0].notes.join();
    expect(notes).toMatch(/differs from its own log in 2 cells/);
    expect(notes).toMatch(/LE Local Quarter: chart 4, log 1/);
    expect(notes).toMatch(/NGO New Contact Quarter: chart blank, log 1/);
    expect(chartMismatches(written, base.report.figures)).toHaveLength(2);
  });

  test("a chart left blank is a note, not thirty mismatches", () => {
    const written = Object.fromEntries(
      LINE_KEYS.map((k) => [k, { quarter: null, cumulative: "" }])
    );
    const notes = consolidate(Q3, [{ ...base, written }]).statuses[0].notes;
    expect(notes).toEqual(["its chart was left blank: the figures are taken from its log"]);
  });

  test("a cumulative lower than the office's previous quarter is flagged", () => {
    const previous = {
      period: Q2,
      file: "national-q2.xlsx",
      offices: [
        { office: "SAC HOUSTON", cumulative: { ...zeroFigures(), "le.state": 5, "le.local": 1 } },
        { office: "SAC Denver", cumulative: zeroFigures() },
      ],
    };
    const n = consolidate(Q3, [base], { previous });
    expect(n.statuses[0].notes.join()).toMatch(
      /cumulative is lower than in FY2007 Q2 \(national-q2\.xlsx\) on 1 line: LE State 1 \(was 5\)/
    );
    expect(n.notes.join()).toMatch(/SAC Denver reported in FY2007 Q2/);
  });

  test("a previous workbook from another fiscal year is not compared, and says why", () => {
    const previous = { period: { fiscalYear: 2006, quarter: 4 as const }, offices: [] };
    const n = consolidate(Q3, [base], { previous });
    expect(n.notes.join()).toMatch(/start again each fiscal year/);
  });
});

describe("the table as it fills", () => {
  test("a later file can supersede one already shown", () => {
    const c = new Consolidation(Q3, { roster: ["SAC Houston", "SAC Miami"] });
    const statusOf = (file: string) => c.statuses().find((s) => s.file === file)?.status;
    c.add(returned({ file: "1.xlsx", office: "SAC Houston", rows: [ngoNew(APR)], modified: 1 }));
    expect(statusOf("1.xlsx")).toBe("received");
    expect(c.statuses().map((s) => s.status)).toEqual(["received", "missing"]);
    c.add(returned({ file: "2.xlsx", office: "SAC Houston", rows: [ngoNew(MAY)], modified: 2 }));
    expect(statusOf("2.xlsx")).toBe("received");
    expect(c.statuses().map((s) => [s.file, s.status])).toEqual([
      ["2.xlsx", "received"],
      ["1.xlsx", "superseded"],
      [undefined, "missing"],
    ]);
    expect(
      c
        .finish()
        .log.rows()
        .map((r) => r.file)
    ).toEqual(["2.xlsx"]);
  });
});
