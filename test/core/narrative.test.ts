import { readLog } from "../../src/core/log";
import {
  NARRATIVE_HEADINGS,
  buildNarrative,
  outreachBullet,
  outreachBullets,
  prospectiveBullet,
  significantBullet,
  significantBullets,
} from "../../src/core/narrative";
import { parsePeriod } from "../../src/core/period";
import { tally } from "../../src/core/tally";
import {
  RowSpec,
  grid,
  leFollowUp,
  leNew,
  leTraining,
  ngoFollowUp,
  ngoNew,
  ngoRequested,
  ngoTraining,
  without,
} from "./builders";

const FY2007_Q3 = parsePeriod("FY2007 Q3");
const entriesOf = (rows: RowSpec[]) => readLog(grid(rows)).entries;

describe("one Outreach Activity bullet", () => {
  test.each<[string, RowSpec, string]>([
    [
      "NGO New Contact: date, agency, POC name and title, content",
      ngoNew({
        Date: "4/3/07",
        Agency: "Safe Harbor",
        "POC Name": "Ann Lee",
        "POC Title": "Director",
        Content: "Victim services",
      }),
      "04/03/2007 – New Contact (NGO) – Safe Harbor – POC: Ann Lee, Director – Victim services",
    ],
    [
      "LE Follow Up without POC: level shown, no POC part",
      without(
        leFollowUp("State", {
          Date: "2007-05-20",
          Agency: "State Police",
          Content: "Lead protocol",
        }),
        "POC Name",
        "POC Title"
      ),
      "05/20/2007 – Follow Up Contact (Law Enforcement, State) – State Police – Lead protocol",
    ],
    [
      "a training: its counts",
      ngoTraining({
        Date: "06/30/2007",
        Agency: "Civic Center",
        Presentations: 2,
        Agencies: 1,
        Attendees: 1,
        Content: "Indicators",
      }),
      "06/30/2007 – Training/Seminar (NGO) – Civic Center – 2 presentations, 1 agency, 1 member in attendance – Indicators",
    ],
  ])("%s", (_name, r, expected) => {
    const [e] = entriesOf([r]);
    expect(outreachBullet(e)).toBe(expected);
  });
});

describe("one Significant Outreach Activity bullet: date, agencies in attendance, content", () => {
  test.each<[string, RowSpec, string]>([
    [
      "a training",
      leTraining("Local", {
        Date: "05/02/2007",
        Agency: "Police Academy",
        Presentations: 1,
        Agencies: 6,
        Attendees: 80,
        Content: "Roll call DVD",
      }),
      "05/02/2007 – Police Academy (1 presentation, 6 agencies, 80 members in attendance) – Roll call DVD",
    ],
    [
      "a contact",
      ngoNew({ Date: "05/03/2007", Agency: "Safe Harbor", Content: "Continued Presence" }),
      "05/03/2007 – Safe Harbor – Continued Presence",
    ],
  ])("%s", (_name, r, expected) => {
    const [e] = entriesOf([r]);
    expect(significantBullet(e)).toBe(expected);
  });
});

describe("bullets come from the same rows as the quarter's figures", () => {
  const rows: RowSpec[] = [
    ngoNew({ Date: "06/30/2007", Agency: "Last day" }), // row 2, in Q3
    ngoNew({ Date: "03/31/2007", Agency: "Q2 row" }), // row 3, Q2: not in the quarter
    leFollowUp("Local", { Date: "04/01/2007", Agency: "First day", Significant: "Y" }), // row 4
    without(ngoNew({ Date: "05/01/2007", Agency: "Broken" }), "Content"), // row 5, invalid
    ngoTraining({ Date: "05/15/2007", Agency: "Mid quarter", Significant: "yes" }), // row 6
    ngoRequested({ Date: "05/15/2007", Agency: "Same day, later row" }), // row 7
    leNew("Federal", { Date: "07/01/2007", Agency: "Q4 row", Significant: "Y" }), // row 8, Q4
    ngoFollowUp({ Date: "04/20/2007", Agency: "Not significant", Significant: "N" }), // row 9
  ];
  const entries = entriesOf(rows);

  test("one bullet per counted row of the quarter, in date order", () => {
    const bullets = outreachBullets(entries, FY2007_Q3);
    const agencies = [
      "First day",
      "Not significant",
      "Mid quarter",
      "Same day, later row",
      "Last day",
    ];
    expect(bullets).toHaveLength(agencies.length);
    bullets.forEach((b, i) => expect(b).toContain(` – ${agencies[i]} – `));
  });

  test("the number of bullets matches the rows the chart counted", () => {
    const q = tally(entries, FY2007_Q3).quarter;
    const contacts =
      q["ngo.newContact"] +
      q["ngo.followUpContact"] +
      q["ngo.requestedServices"] +
      q["le.newContact"] +
      q["le.followUpContact"];
    const trainings = 1; // the one training row, counted through its sums
    expect(outreachBullets(entries, FY2007_Q3)).toHaveLength(contacts + trainings);
  });

  test("Significant bullets only for flagged rows of the quarter, in date order", () => {
    const bullets = significantBullets(entries, FY2007_Q3);
    expect(bullets).toEqual([
      "04/01/2007 – First day – ICE's role in trafficking cases; Continued Presence",
      "05/15/2007 – Mid quarter (1 presentation, 3 agencies, 25 members in attendance) – Smuggling vs trafficking indicators",
    ]);
  });

  test("the input order of entries is left alone", () => {
    const before = entries.map((e) => e.row);
    outreachBullets(entries, FY2007_Q3);
    significantBullets(entries, FY2007_Q3);
    expect(entries.map((e) => e.row)).toEqual(before);
  });

  test("another quarter has its own bullets", () => {
    expect(outreachBullets(entries, parsePeriod("FY2007 Q4"))).toHaveLength(1);
    expect(significantBullets(entries, parsePeriod("FY2007 Q4"))).toEqual([
      "07/01/2007 – Q4 row – ICE's role in trafficking cases; Continued Presence",
    ]);
    expect(outreachBullets(entries, parsePeriod("FY2007 Q1"))).toEqual([]);
  });

  test("buildNarrative puts it together, with the prospective table", () => {
    const prospective = [
      {
        tentativeDate: "08/15/2007",
        event: "Regional task force seminar",
        audience: "About 60 state and local officers",
        agenda: "Indicators; victim interviews",
        logistics: "",
        hqParticipation: "Yes",
      },
    ];
    const n = buildNarrative(entries, FY2007_Q3, prospective);
    expect(n.outreach).toEqual(outreachBullets(entries, FY2007_Q3));
    expect(n.significant).toEqual(significantBullets(entries, FY2007_Q3));
    expect(n.prospective).toEqual([
      "08/15/2007 – Regional task force seminar – Audience: About 60 state and local officers – Agenda: Indicators; victim interviews – HQ participation requested: Yes",
    ]);
    expect(prospectiveBullet(prospective[0])).toBe(n.prospective[0]);
  });

  test("the headings are the seed's", () => {
    expect(NARRATIVE_HEADINGS).toEqual({
      significant: "Significant Outreach Activity",
      prospective: "Prospective Training Activity",
      outreach: "Outreach Activity",
    });
  });
});
