/** The Victim Leads table: every rule of leads-materials-assessment.md, table-driven. */
import fc from "fast-check";
import { Finding } from "../../src/core/findings";
import { LogEntry } from "../../src/core/log";
import {
  LEAD_LINE_KEYS,
  checkLeads,
  leadFigures,
  leadRowSchema,
  readLeads,
} from "../../src/core/leads";
import { OutreachPartners } from "../../src/core/partners";
import { parsePeriod } from "../../src/core/period";
import { SettingError, decodeLeadResponseDays } from "../../src/core/settings";
import { TableLayoutError } from "../../src/core/table";
import { serial1900, serial1904, utcDay } from "./builders";
import { LEAD_HEADERS, LeadRow, lead, tableGrid, without } from "./table-builders";

const Q3 = parsePeriod("FY2007 Q3"); // 04/01/07 to 06/30/07
const DAYS = 30;
const brief = (fs: Finding[]) =>
  fs.map((f) => ({ sheet: f.sheet, row: f.row, column: f.column, code: f.code, cell: f.cell }));
const leadsOf = (rows: LeadRow[]) => readLeads(tableGrid(LEAD_HEADERS, rows));
const check = (rows: LeadRow[], responseDays = DAYS) =>
  checkLeads(leadsOf(rows), { period: Q3, responseDays });
const contact = (
  agency: string,
  y: number,
  m: number,
  d: number
): Pick<LogEntry, "agency" | "date"> => ({
  agency,
  date: utcDay(y, m, d),
});
const figuresOf = (rows: LeadRow[], log: Pick<LogEntry, "agency" | "date">[] = []) => {
  const parsed = leadsOf(rows);
  expect(parsed.findings.filter((f) => f.severity === "error")).toEqual([]);
  return leadFigures(parsed.entries, Q3, new OutreachPartners(log));
};

describe("row errors: the lead is not counted, the finding names sheet, row, column, cell", () => {
  test.each<[string, LeadRow, string, string, string]>([
    [
      "Date Received missing",
      without(lead(), "Date Received"),
      "Date Received",
      "date-missing",
      "A2",
    ],
    [
      "Date Received unreadable",
      lead({ "Date Received": "last Tuesday" }),
      "Date Received",
      "date-unreadable",
      "A2",
    ],
    [
      "Date Received impossible",
      lead({ "Date Received": "02/30/2007" }),
      "Date Received",
      "date-impossible",
      "A2",
    ],
    [
      "Date Received implausible",
      lead({ "Date Received": "04/10/1997" }),
      "Date Received",
      "date-implausible",
      "A2",
    ],
    [
      "Date Received the fake 29 Feb 1900",
      lead({ "Date Received": 60 }),
      "Date Received",
      "date-impossible",
      "A2",
    ],
    ["Source missing", without(lead(), "Source"), "Source", "source-missing", "B2"],
    ["Source unknown", lead({ Source: "Neighbour" }), "Source", "source-unknown", "B2"],
    [
      "Referring Agency missing",
      without(lead(), "Referring Agency"),
      "Referring Agency",
      "agency-missing",
      "C2",
    ],
    [
      "Referring Agency blank text",
      lead({ "Referring Agency": "   " }),
      "Referring Agency",
      "agency-missing",
      "C2",
    ],
    ["Request missing", without(lead(), "Request"), "Request", "request-missing", "D2"],
    ["Request unknown", lead({ Request: "Complaint" }), "Request", "request-unknown", "D2"],
    [
      "Date Responded before Date Received",
      lead({ "Date Responded": "04/09/2007" }),
      "Date Responded",
      "responded-before-received",
      "E2",
    ],
    [
      "Date Responded unreadable",
      lead({ "Date Responded": "soon" }),
      "Date Responded",
      "date-unreadable",
      "E2",
    ],
  ])("%s", (_name, row, column, code, cell) => {
    const parsed = leadsOf([row, lead({ "Date Received": "04/11/2007" })]);
    expect(parsed.entries.map((e) => e.row)).toEqual([3]);
    expect(parsed.invalidRows).toBe(1);
    expect(brief(parsed.findings)).toEqual([{ sheet: "Victim Leads", row: 2, column, code, cell }]);
    expect(parsed.findings[0].severity).toBe("error");
    expect(parsed.findings[0].message).toContain(column);
  });

  test("a Date Responded on the day received is not an error", () => {
    expect(leadsOf([lead({ "Date Responded": "04/10/2007" })]).findings).toEqual([]);
  });

  test("an unreadable date is reported once, not also as missing", () => {
    expect(leadsOf([lead({ "Date Received": "soon" })]).findings.map((f) => f.code)).toEqual([
      "date-unreadable",
    ]);
  });

  test("a table further down the sheet names its own rows and cells", () => {
    const parsed = readLeads(
      tableGrid(LEAD_HEADERS, [lead({ Source: "?" })], { top: 4, left: 2, sheet: "Leads FY07" })
    );
    expect(brief(parsed.findings)).toEqual([
      { sheet: "Leads FY07", row: 5, column: "Source", code: "source-unknown", cell: "C5" },
    ]);
  });
});

describe("values: labels or keys, any case", () => {
  test.each<[string, string]>([
    ["State/Local Law Enforcement", "leads.stateLocal"],
    ["state/local law enforcement", "leads.stateLocal"],
    ["stateLocal", "leads.stateLocal"],
    ["leads.stateLocal", "leads.stateLocal"],
    ["Federal Agency", "leads.federal"],
    ["DHS/DOJ/HHS Tip Line", "leads.tipLine"],
    ["dhs doj hhs tip line", "leads.tipLine"],
    ["TIPLINE", "leads.tipLine"],
    ["ngo", "leads.ngo"],
    ["Confidential Informant", "leads.informant"],
    ["Cooperating Defendant", "leads.cooperatingDefendant"],
    ["Foreign Source", "leads.foreign"],
    ["Other Public Source", "leads.otherPublic"],
    ["OTHERPUBLIC", "leads.otherPublic"],
  ])("Source %p counts on %s", (source, key) => {
    const f = figuresOf([lead({ Source: source })]);
    expect(f.quarter[key as (typeof LEAD_LINE_KEYS)[number]]).toBe(1);
    expect(f.quarter["leads.total"]).toBe(1);
  });

  test.each<[string, number]>([
    ["Interview Request", 1],
    ["interview request", 1],
    ["Victim Information", 0],
    ["OTHER LEAD", 0],
  ])("Request %p: %i interview request(s)", (request, n) => {
    expect(figuresOf([lead({ Request: request })]).quarter["leads.interviewRequests"]).toBe(n);
  });

  test.each<[string, number]>([
    ["Y", 1],
    ["yes", 1],
    ["N", 0],
    ["no", 0],
  ])("Case Opened %p counts %i", (value, n) => {
    expect(figuresOf([lead({ "Case Opened": value })]).quarter["leads.casesOpened"]).toBe(n);
  });

  test("Case Opened that is not Y/N is a warning, taken as N", () => {
    const parsed = leadsOf([lead({ "Case Opened": "maybe" })]);
    expect(parsed.entries).toHaveLength(1);
    expect(brief(parsed.findings)).toEqual([
      { sheet: "Victim Leads", row: 2, column: "Case Opened", code: "yes-no-unknown", cell: "F2" },
    ]);
    expect(parsed.findings[0].severity).toBe("warning");
  });

  test("dates in both date systems, real dates and text", () => {
    const rows = [
      lead({ "Date Received": serial1900(2007, 4, 10) }),
      lead({ "Date Received": new Date(2007, 3, 10), Source: "Federal" }),
      lead({ "Date Received": "2007-04-10", Source: "CI" }),
    ];
    expect(leadsOf(rows).entries.map((e) => e.received)).toEqual([
      utcDay(2007, 4, 10),
      utcDay(2007, 4, 10),
      utcDay(2007, 4, 10),
    ]);
    const in1904 = readLeads(
      tableGrid(LEAD_HEADERS, [lead({ "Date Received": serial1904(2007, 4, 10) })], {
        date1904: true,
      })
    );
    expect(in1904.entries[0].received).toBe(utcDay(2007, 4, 10));
  });
});

describe("header row: case, spacing, order free, extra columns; a missing column is named", () => {
  test("labels in other case and spacing, columns shuffled, an extra column", () => {
    const headers = ["REQUEST", "notes", "Extra", "referring  agency", "date received", "source"];
    const values = [headers, ["interview request", "", "x", "Safe Harbor", "04/10/2007", "NGO"]];
    const parsed = readLeads({ values });
    expect(parsed.findings).toEqual([]);
    expect(parsed.entries).toEqual([
      expect.objectContaining({
        row: 2,
        source: "ngo",
        request: "Interview Request",
        referringAgency: "Safe Harbor",
      }),
    ]);
  });

  test.each<[string, string]>([
    ["Received", "Date Received"],
    ["Lead Source", "Source"],
    ["Referred By", "Referring Agency"],
    ["Request Type", "Request"],
    ["Response Date", "Date Responded"],
  ])("alias %p names %p", (alias, header) => {
    const headers = LEAD_HEADERS.map((h) => (h === header ? alias : h));
    const parsed = readLeads({ values: [headers, headers.map(() => null)] });
    expect(parsed.headers).toBeDefined();
    expect(Object.keys(parsed.columns)).toHaveLength(LEAD_HEADERS.length);
  });

  test("a missing required column throws, naming it and a likely misspelling", () => {
    const headers = ["Date Recieved", "Source", "Referring Agency", "Request"];
    expect(() => readLeads({ values: [headers], top: 3 })).toThrow(TableLayoutError);
    expect(() => readLeads({ values: [headers], top: 3 })).toThrow(
      'the Victim Leads table\'s header row (row 3) has no "Date Received" column (is "Date Recieved" a misspelling?).'
    );
  });

  test("the optional columns may be left out", () => {
    const headers = ["Date Received", "Source", "Referring Agency", "Request"];
    const parsed = readLeads({ values: [headers, ["04/10/2007", "NGO", "A", "Other Lead"]] });
    expect(parsed.entries).toHaveLength(1);
  });

  test("blank rows are skipped", () => {
    const parsed = leadsOf([lead(), {}, { Notes: "  " }, lead({ Source: "Federal" })]);
    expect(parsed.dataRows).toBe(2);
    expect(parsed.entries.map((e) => e.row)).toEqual([2, 5]);
  });
});

describe("warnings (the lead still counts)", () => {
  // Q3 ends 06/30/2007: 30 days before is 05/31/2007.
  test.each<[string, LeadRow, boolean]>([
    [
      "open, received exactly 30 days before the period's end",
      lead({ "Date Received": "05/31/2007" }),
      false,
    ],
    ["open, received 31 days before", lead({ "Date Received": "05/30/2007" }), true],
    [
      "answered on the period's last day",
      lead({ "Date Received": "04/01/2007", "Date Responded": "06/30/2007" }),
      false,
    ],
    [
      "answered the day after the period's end: open at the end",
      lead({ "Date Received": "04/01/2007", "Date Responded": "07/01/2007" }),
      true,
    ],
    [
      "answered long ago",
      lead({ "Date Received": "04/01/2007", "Date Responded": "04/02/2007" }),
      false,
    ],
    ["received after the period's end", lead({ "Date Received": "07/15/2007" }), false],
  ])("%s: open-too-long %p", (_name, row, warned) => {
    const found = check([row]).filter((f) => f.code === "lead-open-too-long");
    expect(found.length).toBe(warned ? 1 : 0);
    if (warned) {
      expect(found[0]).toMatchObject({
        sheet: "Victim Leads",
        row: 2,
        column: "Date Responded",
        cell: "E2",
        severity: "warning",
      });
      expect(found[0].message).toContain("30");
    }
  });

  test("the threshold is the setting given, not a constant", () => {
    const row = lead({ "Date Received": "06/20/2007" }); // 10 days before 06/30
    expect(check([row], 10).some((f) => f.code === "lead-open-too-long")).toBe(false);
    expect(check([row], 9).some((f) => f.code === "lead-open-too-long")).toBe(true);
    expect(check([row], 9)[0].message).toContain("9 allowed");
  });

  test("no period: no open-lead or fiscal-year warning", () => {
    const parsed = leadsOf([lead({ "Date Received": "01/01/2005" })]);
    expect(checkLeads(parsed, { responseDays: DAYS })).toEqual([]);
  });

  test.each<[string, boolean]>([
    ["09/30/2006", true],
    ["10/01/2006", false],
    ["09/30/2007", false],
    ["10/01/2007", true],
  ])("Date Received %s outside FY2007: %p", (date, outside) => {
    const row = lead({ "Date Received": date, "Date Responded": date });
    const found = check([row]).filter((f) => f.code === "date-outside-fiscal-year");
    expect(brief(found)).toEqual(
      outside
        ? [
            {
              sheet: "Victim Leads",
              row: 2,
              column: "Date Received",
              code: "date-outside-fiscal-year",
              cell: "A2",
            },
          ]
        : []
    );
  });

  test.each<[string, LeadRow, boolean]>([
    ["same date, source and agency", lead(), true],
    [
      "agency in other case and punctuation",
      lead({ "Referring Agency": "SAFE-HARBOR  shelter." }),
      true,
    ],
    ["another source", lead({ Source: "Federal Agency" }), false],
    ["another day", lead({ "Date Received": "04/11/2007" }), false],
    ["another agency", lead({ "Referring Agency": "Safe Haven Shelter" }), false],
  ])("%s twice: duplicate %p", (_name, second, dup) => {
    const found = check([
      lead({ "Date Responded": "04/12/2007" }),
      { ...second, "Date Responded": "04/12/2007" },
    ]);
    expect(brief(found.filter((f) => f.code === "duplicate"))).toEqual(
      dup
        ? [
            {
              sheet: "Victim Leads",
              row: 3,
              column: "Referring Agency",
              code: "duplicate",
              cell: "C3",
            },
          ]
        : []
    );
  });

  test("text that starts like a formula is a warning, kept as text", () => {
    const found = check([lead({ Notes: '=HYPERLINK("x")', "Date Responded": "04/12/2007" })]);
    expect(brief(found)).toEqual([
      { sheet: "Victim Leads", row: 2, column: "Notes", code: "formula-like-text", cell: "G2" },
    ]);
  });
});

describe("figures: Quarter and Cumulative by Date Received", () => {
  const rows: LeadRow[] = [
    lead({
      "Date Received": "10/05/2006",
      Source: "Federal Agency",
      "Date Responded": "10/15/2006",
      "Case Opened": "Y",
    }), // Q1: 10 days
    lead({ "Date Received": "04/02/2007", Source: "NGO", "Date Responded": "04/05/2007" }), // Q3: 3 days
    lead({
      "Date Received": "05/01/2007",
      Source: "NGO",
      Request: "Victim Information",
      "Date Responded": "06/30/2007",
    }), // Q3: 60 days, on the last day
    lead({
      "Date Received": "06/01/2007",
      Source: "Tip Line",
      Request: "Other Lead",
      "Date Responded": "07/01/2007",
      "Case Opened": "Y",
    }), // answered after the end
    lead({ "Date Received": "06/30/2007", Source: "CI" }), // open
    lead({ "Date Received": "07/01/2007", Source: "NGO", "Date Responded": "07/02/2007" }), // Q4: not counted
    lead({ "Date Received": "09/15/2006", Source: "NGO" }), // FY2006: not counted, not open this FY
  ];

  test("per source, total, interview requests, responded, cases opened", () => {
    const f = figuresOf(rows);
    expect(f.quarter).toMatchObject({
      "leads.ngo": 2,
      "leads.tipLine": 1,
      "leads.informant": 1,
      "leads.federal": 0,
      "leads.total": 4,
      "leads.interviewRequests": 2,
      "leads.responded": 2,
      "leads.casesOpened": 1,
    });
    expect(f.cumulative).toMatchObject({
      "leads.ngo": 2,
      "leads.federal": 1,
      "leads.total": 5,
      "leads.interviewRequests": 3,
      "leads.responded": 3,
      "leads.casesOpened": 2,
    });
  });

  test("median days to respond: odd and even counts, answered by the period's end only", () => {
    const f = figuresOf(rows);
    expect(f.medianDaysToRespond).toEqual({ quarter: (3 + 60) / 2, cumulative: 10 });
    const odd = figuresOf(
      rows
        .slice(1, 3)
        .concat(lead({ "Date Received": "04/10/2007", "Date Responded": "04/17/2007" }))
    );
    expect(odd.medianDaysToRespond.quarter).toBe(7);
  });

  test("no responses: the median is blank (null), not 0", () => {
    const f = figuresOf([lead({ "Date Received": "06/01/2007", "Date Responded": "07/05/2007" })]);
    expect(f.medianDaysToRespond).toEqual({ quarter: null, cumulative: null });
    expect(figuresOf([]).medianDaysToRespond).toEqual({ quarter: null, cumulative: null });
  });

  test("open at period end: this fiscal year's leads received by then with no response by then", () => {
    expect(figuresOf(rows).openAtPeriodEnd).toBe(2); // the 06/01 lead answered 07/01, and 06/30
  });

  describe("from outreach partners: the log reached the Referring Agency on or before the lead", () => {
    test.each<[string, Pick<LogEntry, "agency" | "date">[], number]>([
      ["same name, earlier", [contact("Safe Harbor Shelter", 2007, 3, 1)], 1],
      ["same day", [contact("Safe Harbor Shelter", 2007, 4, 10)], 1],
      ["the day after the lead", [contact("Safe Harbor Shelter", 2007, 4, 11)], 0],
      ["other case", [contact("SAFE HARBOR SHELTER", 2007, 3, 1)], 1],
      ["punctuation and spacing", [contact("Safe-Harbor   Shelter.", 2007, 3, 1)], 1],
      ["a previous fiscal year", [contact("safe harbor shelter", 2005, 3, 1)], 1],
      ["another agency", [contact("Safe Haven Shelter", 2007, 3, 1)], 0],
      ["no log rows", [], 0],
    ])("%s", (_name, log, n) => {
      const f = figuresOf([lead()], log);
      expect(f.quarter["leads.fromOutreachPartners"]).toBe(n);
      expect(f.cumulative["leads.fromOutreachPartners"]).toBe(n);
    });
  });
});

describe("properties", () => {
  const SOURCES = [
    "State/Local Law Enforcement",
    "Federal Agency",
    "DHS/DOJ/HHS Tip Line",
    "NGO",
    "Confidential Informant",
    "Cooperating Defendant",
    "Foreign Source",
    "Other Public Source",
  ];
  const KEYS = [
    "stateLocal",
    "federal",
    "tipLine",
    "ngo",
    "informant",
    "cooperatingDefendant",
    "foreign",
    "otherPublic",
  ];
  const start = utcDay(2006, 9, 1);
  const rowArb = fc.record({
    day: fc.integer({ min: 0, max: 400 }),
    source: fc.integer({ min: 0, max: 7 }),
    wait: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
  });

  test("leads.total is the sum of the sources; each source and the median equal a model", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (gen) => {
        const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
        const rows = gen.map((g) =>
          lead({
            "Date Received": iso(start + g.day),
            Source: SOURCES[g.source],
            "Referring Agency": `Agency ${g.day}-${g.source}`,
            ...(g.wait !== undefined ? { "Date Responded": iso(start + g.day + g.wait) } : {}),
          })
        );
        const f = figuresOf(rows);
        const [qs, end, fys] = [utcDay(2007, 4, 1), utcDay(2007, 6, 30), utcDay(2006, 10, 1)];
        for (const [column, from] of [
          ["quarter", qs],
          ["cumulative", fys],
        ] as const) {
          const inColumn = gen.filter((g) => start + g.day >= from && start + g.day <= end);
          const sum = KEYS.reduce(
            (s, k) => s + f[column][`leads.${k}` as (typeof LEAD_LINE_KEYS)[number]],
            0
          );
          expect(f[column]["leads.total"]).toBe(sum);
          expect(f[column]["leads.total"]).toBe(inColumn.length);
          KEYS.forEach((k, i) =>
            expect(f[column][`leads.${k}` as (typeof LEAD_LINE_KEYS)[number]]).toBe(
              inColumn.filter((g) => g.source === i).length
            )
          );
          const waits = inColumn
            .filter((g) => g.wait !== undefined && start + g.day + g.wait <= end)
            .map((g) => g.wait as number)
            .sort((a, b) => a - b);
          const m =
            waits.length === 0
              ? null
              : waits.length % 2
                ? waits[(waits.length - 1) / 2]
                : (waits[waits.length / 2 - 1] + waits[waits.length / 2]) / 2;
          expect(f.medianDaysToRespond[column]).toBe(m);
          expect(f[column]["leads.responded"]).toBe(waits.length);
        }
      })
    );
  });
});

describe("the zod row schema gives the same errors as reading the table", () => {
  const keyOf: Record<string, string> = {
    "Date Received": "received",
    Source: "source",
    "Referring Agency": "referringAgency",
    Request: "request",
    "Date Responded": "responded",
    "Case Opened": "caseOpened",
    Notes: "notes",
  };
  test.each<[string, LeadRow]>([
    ["valid", lead()],
    ["unknown source", lead({ Source: "x" })],
    ["missing everything", {}],
    ["responded before received", lead({ "Date Responded": "01/01/2007" })],
  ])("%s", (_name, row) => {
    const form = Object.fromEntries(Object.entries(row).map(([h, v]) => [keyOf[h], v]));
    const r = leadRowSchema().safeParse(form);
    const fromSchema = r.success
      ? []
      : r.error.issues.map((i) => (i as { params?: { code?: string } }).params?.code);
    const fromTable = readLeads(tableGrid(LEAD_HEADERS, [{ ...row, Notes: "n" }]))
      .findings.filter((f) => f.severity === "error")
      .map((f) => f.code);
    expect([...fromSchema].sort()).toEqual([...fromTable].sort());
  });
});

describe("the lead response threshold is a workbook setting", () => {
  test.each<[string | undefined, number]>([
    [undefined, 30],
    ["", 30],
    ["45", 45],
    [" 0 ", 0],
  ])("TIPS.LeadResponseDays %p -> %i days", (text, days) => {
    expect(decodeLeadResponseDays(text)).toBe(days);
  });

  test.each(["-1", "2.5", "thirty"])("%p is refused, naming the setting", (text) => {
    expect(() => decodeLeadResponseDays(text)).toThrow(SettingError);
    expect(() => decodeLeadResponseDays(text)).toThrow(/TIPS\.LeadResponseDays/);
  });
});
