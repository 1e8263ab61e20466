/**
 * The task pane's use cases (src/app/log-entry.ts, setup.ts, opening.ts) over a real .xlsx
 * workbook through the file adapter: the same calls the pane makes in both modes.
 */
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { appendEntry, entryRow, findLogTarget, validateEntry } from "../../src/app/log-entry";
import { freeSheetName, inspectWorkbook, setUpWorkbook } from "../../src/app/setup";
import { parseOpeningForm, readOpening, saveOpening } from "../../src/app/opening";
import { checkWorkbook, loadQuarterly } from "../../src/app/quarterly";
import { LINE_KEYS, zeroFigures } from "../../src/core/chart";
import { parsePeriod } from "../../src/core/period";
import { SETTING, openingKey } from "../../src/core/settings";
import { dayFromYmd, serialFromDay } from "../../src/core/dates";
import {
  leadsSheet,
  logSheet,
  prospectiveSheet,
  reportSheet,
} from "../../src/workbook/seed-layout";
import { LES_HEADER_FOOTER } from "../../src/workbook/sheet-spec";
import { sampleLog } from "../../src/app/sample";

const PERIOD = parsePeriod("FY2007 Q3");

describe("validateEntry: the engine's schema, each problem on its field, in the form's order", () => {
  test("a complete New Contact is valid, its words as the spec spells them", () => {
    const r = validateEntry({
      date: "2007-04-15",
      sector: "law enforcement",
      level: "local",
      activity: "follow-up contact",
      agency: " Houston Police Department ",
      content: "Roll call.",
      significant: false,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fields).toMatchObject({
      date: dayFromYmd(2007, 4, 15),
      sector: "Law Enforcement",
      level: "Local",
      activity: "Follow Up Contact",
      agency: "Houston Police Department",
      significant: false,
    });
  });

  test("every problem, one message per field, first field first", () => {
    const r = validateEntry({
      date: "02/30/2007",
      sector: "NGO",
      level: "State",
      activity: "Training/Seminar",
      agency: "",
      presentations: "0",
      agencies: "2.5",
      attendees: "",
      content: "",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toEqual([
      "date",
      "level",
      "agency",
      "presentations",
      "agencies",
      "attendees",
      "content",
    ]);
    expect(r.issues[0].message).toBe('Date "02/30/2007" does not exist on the calendar.');
    expect(r.issues.find((i) => i.field === "level")?.code).toBe("level-not-for-ngo");
  });

  test("notes (never blocking): a date in the future, formula-like text kept as text", () => {
    const r = validateEntry(
      {
        date: "2007-05-02",
        sector: "NGO",
        activity: "Requested Services",
        agency: "@Risk Shelter",
        content: "Referral.",
      },
      false,
      dayFromYmd(2007, 5, 1)
    );
    expect(r.ok && r.notes.map((n) => n.code)).toEqual(["date-in-future", "formula-like-text"]);
  });
});

describe("appending an entry", () => {
  test("cells follow the workbook's own column order; extra columns stay blank", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet({
      name: "My Log",
      cells: [
        "Notes",
        "Agency",
        "Activity",
        "Sector",
        "Date",
        "Content",
        "Level",
        "POC Name",
        "POC Title",
        "Presentations",
        "Agencies",
        "Attendees",
      ].map((value, i) => ({ row: 3, col: i + 2, value })),
    });
    const target = await findLogTarget(book);
    expect(target).toMatchObject({ sheet: "My Log", left: 2, nextRow: 4 });
    expect(target.table).toBeUndefined();
    const r = validateEntry({
      date: "04/16/2007",
      sector: "NGO",
      activity: "Requested Services",
      agency: "Tapestri",
      content: "Referral.",
    });
    if (!r.ok) throw new Error("invalid");
    expect(entryRow(r.fields, target)).toEqual([
      null,
      "Tapestri",
      "Requested Services",
      "NGO",
      serialFromDay(dayFromYmd(2007, 4, 16), false),
      "Referral.",
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    await appendEntry(book, target, r.fields);
    await appendEntry(book, target, r.fields);
    expect(target.nextRow).toBe(6);
    const check = await checkWorkbook(book);
    expect(check.parsed.dataRows).toBe(2);
    expect(check.errors).toBe(0);
  });

  test("to a table: the new table's blank row first, then below", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet(logSheet());
    const target = await findLogTarget(book);
    const r = validateEntry({
      date: "2007-04-16",
      sector: "NGO",
      activity: "New Contact",
      agency: "Tapestri",
      pocName: "Ana Morales",
      pocTitle: "Coordinator",
      content: "First meeting.",
      significant: true,
    });
    if (!r.ok) throw new Error("invalid");
    await appendEntry(book, target, r.fields);
    await appendEntry(book, target, r.fields);
    const table = (await book.tables()).find((t) => t.name === target.table);
    expect(table).toMatchObject({ top: 1, bottom: 3 });
    const check = await checkWorkbook(book);
    expect(check.parsed.entries.map((e) => e.row)).toEqual([2, 3]);
    expect(check.parsed.entries[0].significant).toBe(true);
  });
});

/** The optional tables' sheets Set up adds when a workbook has none of them. */
/** The sheets Set up adds besides the report, the log and Prospective Training. */
const OPTIONAL = ["Victim Leads", "Materials Distributed", "Media Canvass", "Annual Assessment"];

describe("setting a workbook up", () => {
  test("a blank workbook gets the report, the log and the Prospective Training table", async () => {
    const book = XlsxAdapter.blank();
    const done = await setUpWorkbook(book, { office: "SAC Houston", period: PERIOD });
    expect(done.added).toEqual([
      "Quarterly Report",
      "Outreach Log",
      "Prospective Training",
      ...OPTIONAL,
    ]);
    expect(done.settings).toEqual(["office: SAC Houston", "period: FY2007 Q3"]);
    expect(await book.getSetting(SETTING.office)).toBe("SAC Houston");
    const state = await inspectWorkbook(book);
    expect(state).toMatchObject({ report: "Quarterly Report", prospective: true, problems: [] });
    const q = await loadQuarterly(book);
    expect(q.period).toEqual(PERIOD);
    expect(q.office).toBe("SAC Houston");
  });

  test("what is there is left alone; only what is missing is added, under a free name", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet({ name: "Outreach Log", cells: [{ row: 1, col: 1, value: "my notes" }] });
    await book.addSheet(logSheet(sampleLog(PERIOD, 5), "Activities"));
    const before = await book.readSheet("Outreach Log");
    const done = await setUpWorkbook(book);
    expect(done.added).toEqual(["Quarterly Report", "Prospective Training", ...OPTIONAL]);
    // The sheet that was there gets the marking in its header and footer, its cells stay.
    expect(done.marks).toEqual({
      marked: ["Outreach Log"],
      already: ["Activities", "Quarterly Report", "Prospective Training", ...OPTIONAL],
      occupied: [],
    });
    expect(book.book.getHeaderFooter("Outreach Log")).toMatchObject(LES_HEADER_FOOTER);
    expect(await book.readSheet("Outreach Log")).toEqual(before);
    expect((await inspectWorkbook(book)).log).toEqual({
      sheet: "Activities",
      table: "OutreachLog",
      rows: 5,
    });
    const again = await setUpWorkbook(book);
    expect(again).toEqual({
      added: [],
      settings: [],
      problems: [],
      marks: { marked: [], already: await book.sheetNames(), occupied: [] },
    });
  });

  test("a chart missing lines is reported, not doubled", async () => {
    const book = XlsxAdapter.blank();
    const spec = reportSheet(PERIOD, "SAC Houston");
    await book.addSheet({ ...spec, cells: spec.cells.filter((c) => c.value !== "Foreign") });
    await book.addSheet(logSheet());
    await book.addSheet(prospectiveSheet());
    const done = await setUpWorkbook(book);
    expect(done.added).toEqual(OPTIONAL);
    expect(done.problems[0]).toMatch(
      /The report sheet "Quarterly Report": .*Law Enforcement \/ Foreign/
    );
  });

  test("the log's rows are counted as the check counts them (blank rows not), or not at all", async () => {
    const rows = sampleLog(PERIOD, 7).map((r) => [...r]);
    rows.splice(
      3,
      0,
      rows[0].map(() => "")
    );
    const book = XlsxAdapter.blank();
    await book.addSheet(logSheet(rows));
    const state = await inspectWorkbook(book);
    expect(state.log?.rows).toBe(7);
    expect(state.log?.rows).toBe((await checkWorkbook(book)).parsed.dataRows);
    // A header the check cannot read (a misspelt column): no count, and the problem said.
    const bad = XlsxAdapter.blank();
    const headers = ["Date", "Sector", "Level", "Activty", "Agency", "POC Name", "POC Title"];
    await bad.addSheet({
      name: "Outreach Log",
      cells: [...headers, "Presentations", "Agencies", "Attendees", "Content"].map((value, i) => ({
        row: 1,
        col: i + 1,
        value,
      })),
    });
    const badState = await inspectWorkbook(bad);
    expect(badState.log).toEqual({ sheet: "Outreach Log" });
    expect(badState.problems).toEqual([
      expect.stringMatching(/no "Activity" column \(is "Activty" a misspelling\?\)/),
    ]);
  });

  test("the optional tables: found where they are, added under their names, with drop-downs", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet(logSheet());
    await book.addSheet(leadsSheet([], "Leads 2007"));
    const state = await inspectWorkbook(book);
    expect(state.optional).toEqual({ leads: { sheet: "Leads 2007", table: "VictimLeads" } });
    const done = await setUpWorkbook(book);
    expect(done.added).toEqual([
      "Quarterly Report",
      "Prospective Training",
      "Materials Distributed",
      "Media Canvass",
      "Annual Assessment",
    ]);
    // The leads sheet says, above its table, that no victim's name goes there.
    const leads = await book.readSheet("Leads 2007");
    expect(String(leads.values[0][0])).toMatch(/Do not enter a victim's name/);
    const t = (await book.tables()).find((x) => x.name === "VictimLeads");
    expect(t).toMatchObject({ sheet: "Leads 2007", top: 3, left: 1 });
    expect(leads.values[2].slice(0, 4)).toEqual([
      "Date Received",
      "Source",
      "Referring Agency",
      "Request",
    ]);
    expect(book.book.getHeaderFooter("Media Canvass")).toMatchObject(LES_HEADER_FOOTER);
  });

  test("freeSheetName", () => {
    expect(freeSheetName("Outreach Log", ["Sheet1"])).toBe("Outreach Log");
    expect(freeSheetName("Outreach Log", ["outreach log", "Outreach Log (2)"])).toBe(
      "Outreach Log (3)"
    );
  });
});

describe("opening balances", () => {
  test("typed numbers: blank is 0, anything but a whole number >= 0 is refused", () => {
    const good = parseOpeningForm({ "ngo.newContact": "1,200", "le.local": " 3 " });
    expect(good.ok && good.figures["ngo.newContact"]).toBe(1200);
    expect(good.ok && good.figures["le.state"]).toBe(0);
    const bad = parseOpeningForm({ "le.local": "-1", "le.state": "2.5", "le.federal": "x" });
    expect(!bad.ok && bad.issues.map((i) => i.key)).toEqual(["le.local", "le.state", "le.federal"]);
  });

  test("saved in the workbook's settings; the Cumulative figures add them", async () => {
    const book = XlsxAdapter.blank();
    await setUpWorkbook(book, { period: PERIOD });
    const figures = zeroFigures();
    figures["ngo.newContact"] = 12;
    figures["le.training.attendees"] = 400;
    expect(await saveOpening(book, 2007, figures)).toBe("saved");
    expect(await book.getSetting(openingKey(2007))).toBe(
      LINE_KEYS.map((k) => figures[k]).join(",")
    );
    expect(await readOpening(book, 2007)).toEqual(figures);
    const q = await loadQuarterly(book);
    expect(q.report.figures.cumulative["ngo.newContact"]).toBe(12);
    expect(q.report.figures.quarter["ngo.newContact"]).toBe(0);
    expect(await saveOpening(book, 2007, zeroFigures())).toBe("cleared");
    expect(await readOpening(book, 2007)).toBeUndefined();
    expect((await loadQuarterly(book)).report.figures.cumulative["ngo.newContact"]).toBe(0);
  });
});
