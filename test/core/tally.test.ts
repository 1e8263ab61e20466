import { Figures, LineKey } from "../../src/core/chart";
import { readLog } from "../../src/core/log";
import { FiscalPeriod, parsePeriod } from "../../src/core/period";
import {
  countEntry,
  countInQuarter,
  entriesInQuarter,
  periodWindows,
  tally,
} from "../../src/core/tally";
import {
  RowSpec,
  figures,
  grid,
  leFollowUp,
  leNew,
  leTraining,
  ngoFollowUp,
  ngoNew,
  ngoRequested,
  ngoTraining,
  serial1904,
  utcDay,
  without,
} from "./builders";

const FY2007_Q3 = parsePeriod("FY2007 Q3");

function chart(rows: RowSpec[], period: FiscalPeriod = FY2007_Q3, opening?: Partial<Figures>) {
  return tally(readLog(grid(rows)).entries, period, opening);
}

describe("each of the 15 lines counts what the spec's chart table says", () => {
  // Every row is in FY2007 Q3, so quarter = cumulative.
  test.each<[string, RowSpec[], Partial<Record<LineKey, number>>]>([
    ["NGO New Contact rows", [ngoNew(), ngoNew({ Agency: "B" })], { "ngo.newContact": 2 }],
    [
      "NGO Follow Up Contact rows",
      [ngoFollowUp(), ngoFollowUp({ Activity: "follow-up contact" })],
      { "ngo.followUpContact": 2 },
    ],
    [
      "NGO Requested Services rows",
      [ngoRequested(), ngoRequested(), ngoRequested()],
      { "ngo.requestedServices": 3 },
    ],
    [
      "NGO training rows: sums of Presentations, Agencies, Attendees",
      [
        ngoTraining({ Presentations: 1, Agencies: 3, Attendees: 25 }),
        ngoTraining({ Presentations: 2, Agencies: 4, Attendees: 0 }),
      ],
      { "ngo.training.presentations": 3, "ngo.training.agencies": 7, "ngo.training.attendees": 25 },
    ],
    ["LE New Contact, Local", [leNew("Local")], { "le.newContact": 1, "le.local": 1 }],
    [
      "LE Follow Up Contact, State",
      [leFollowUp("State")],
      { "le.followUpContact": 1, "le.state": 1 },
    ],
    [
      "LE New + Follow Up, Federal",
      [leNew("Federal"), leFollowUp("federal")],
      { "le.newContact": 1, "le.followUpContact": 1, "le.federal": 2 },
    ],
    [
      "LE Follow Up, Foreign",
      [leFollowUp("Foreign"), leFollowUp("FOREIGN")],
      { "le.followUpContact": 2, "le.foreign": 2 },
    ],
    [
      "LE training rows: sums only, never a Level line",
      [
        leTraining("Local", { Presentations: 2, Agencies: 5, Attendees: 60 }),
        leTraining("Foreign", { Presentations: 1, Agencies: 1, Attendees: 12 }),
      ],
      { "le.training.presentations": 3, "le.training.agencies": 6, "le.training.attendees": 72 },
    ],
    [
      "one of every kind",
      [
        ngoNew(),
        ngoFollowUp(),
        ngoRequested(),
        ngoTraining(),
        leNew("Local"),
        leFollowUp("State"),
        leNew("Federal"),
        leFollowUp("Foreign"),
        leTraining("State"),
      ],
      {
        "ngo.newContact": 1,
        "ngo.followUpContact": 1,
        "ngo.requestedServices": 1,
        "ngo.training.presentations": 1,
        "ngo.training.agencies": 3,
        "ngo.training.attendees": 25,
        "le.newContact": 2,
        "le.followUpContact": 2,
        "le.local": 1,
        "le.state": 1,
        "le.federal": 1,
        "le.foreign": 1,
        "le.training.presentations": 1,
        "le.training.agencies": 3,
        "le.training.attendees": 25,
      },
    ],
    ["no rows", [], {}],
  ])("%s", (_name, rows, expected) => {
    const f = chart(rows);
    expect(f.quarter).toEqual(figures(expected));
    expect(f.cumulative).toEqual(figures(expected));
  });
});

describe("quarter and cumulative windows", () => {
  // One NGO New Contact on each boundary day, from the last day of FY2006 to the first of FY2008.
  const days = [
    "09/30/2006",
    "10/01/2006",
    "12/31/2006",
    "01/01/2007",
    "03/31/2007",
    "04/01/2007",
    "06/30/2007",
    "07/01/2007",
    "09/30/2007",
    "10/01/2007",
  ];
  const rows = days.map((Date, i) => ngoNew({ Date, Agency: `Agency ${i}` }));

  test.each<[string, number, number]>([
    ["FY2006 Q4", 1, 1],
    ["FY2007 Q1", 2, 2],
    ["FY2007 Q2", 2, 4],
    ["FY2007 Q3", 2, 6],
    ["FY2007 Q4", 2, 8],
    ["FY2008 Q1", 1, 1],
    ["FY2008 Q2", 0, 1],
    ["FY2009 Q1", 0, 0],
  ])("%s: quarter %i, cumulative %i", (period, quarter, cumulative) => {
    const f = chart(rows, parsePeriod(period));
    expect(f.quarter).toEqual(figures({ "ngo.newContact": quarter }));
    expect(f.cumulative).toEqual(figures({ "ngo.newContact": cumulative }));
  });

  test.each<[string, [number, number, number], [number, number, number], [number, number, number]]>(
    [
      ["FY2007 Q1", [2006, 10, 1], [2006, 10, 1], [2006, 12, 31]],
      ["FY2007 Q3", [2007, 4, 1], [2006, 10, 1], [2007, 6, 30]],
      ["FY2008 Q2", [2008, 1, 1], [2007, 10, 1], [2008, 3, 31]],
    ]
  )("%s: quarter from %p, cumulative from %p, both to %p", (period, q, fy, end) => {
    expect(periodWindows(parsePeriod(period))).toEqual({
      quarterStart: utcDay(...q),
      fyStart: utcDay(...fy),
      end: utcDay(...end),
    });
  });

  test("entriesInQuarter takes the quarter's rows only", () => {
    const entries = readLog(grid(rows)).entries;
    expect(entriesInQuarter(entries, FY2007_Q3).map((e) => e.row)).toEqual([7, 8]);
    expect(countInQuarter(entries, FY2007_Q3)).toBe(2);
    expect(countInQuarter(entries, parsePeriod("FY2007 Q2"))).toBe(
      entriesInQuarter(entries, parsePeriod("FY2007 Q2")).length
    );
  });

  test("dates in a 1904 workbook fall in the same windows", () => {
    const g = grid(
      [
        ngoNew({ Date: serial1904(2007, 3, 31) }),
        ngoNew({ Date: serial1904(2007, 4, 1), Agency: "B" }),
      ],
      { date1904: true }
    );
    const f = tally(readLog(g).entries, FY2007_Q3);
    expect(f.quarter["ngo.newContact"]).toBe(1);
    expect(f.cumulative["ngo.newContact"]).toBe(2);
  });
});

describe("what is not counted", () => {
  test("rows with errors are excluded from quarter and cumulative", () => {
    const rows = [
      ngoNew(),
      without(ngoNew(), "POC Name"),
      leNew("Local", { Activity: "Requested Services" }),
      ngoTraining({ Presentations: 0 }),
      leFollowUp("Town"),
      ngoNew({ Date: "02/30/2007" }),
    ];
    const f = chart(rows);
    expect(f.quarter).toEqual(figures({ "ngo.newContact": 1 }));
    expect(f.cumulative).toEqual(figures({ "ngo.newContact": 1 }));
  });

  test("rows in another fiscal year are not counted", () => {
    const rows = [
      ngoNew({ Date: "04/15/2006" }),
      ngoNew({ Date: "04/15/2008" }),
      ngoNew({ Date: "10/01/2007" }),
    ];
    const f = chart(rows);
    expect(f.quarter).toEqual(figures());
    expect(f.cumulative).toEqual(figures());
  });
});

describe("opening balance", () => {
  test("is added to cumulative only", () => {
    const opening = {
      "ngo.newContact": 10,
      "le.local": 4,
      "le.newContact": 4,
      "le.training.attendees": 150,
    };
    const f = chart([ngoNew(), leNew("Local")], FY2007_Q3, opening);
    expect(f.quarter).toEqual(figures({ "ngo.newContact": 1, "le.newContact": 1, "le.local": 1 }));
    expect(f.cumulative).toEqual(
      figures({
        "ngo.newContact": 11,
        "le.newContact": 5,
        "le.local": 5,
        "le.training.attendees": 150,
      })
    );
  });

  test("with no rows, cumulative is the opening balance", () => {
    const f = chart([], FY2007_Q3, { "ngo.requestedServices": 7 });
    expect(f.quarter).toEqual(figures());
    expect(f.cumulative).toEqual(figures({ "ngo.requestedServices": 7 }));
  });
});

describe("countEntry", () => {
  test("adds one entry to the given figures", () => {
    const entries = readLog(
      grid([leNew("Foreign"), ngoTraining({ Presentations: 2, Agencies: 2, Attendees: 9 })])
    ).entries;
    const f = figures();
    for (const e of entries) countEntry(f, e);
    expect(f).toEqual(
      figures({
        "le.newContact": 1,
        "le.foreign": 1,
        "ngo.training.presentations": 2,
        "ngo.training.agencies": 2,
        "ngo.training.attendees": 9,
      })
    );
  });
});
