/** The roster: a .csv or .xlsx file with a column headed "Office". */
import {
  EXAMPLE_OFFICES,
  RosterError,
  officeType,
  parseCsv,
  parseRoster,
  rosterCsv,
  starterRoster,
  starterRows,
} from "../../src/app/roster";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";

const csv = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("CSV rosters", () => {
  test("quotes, doubled quotes, CRLF, a BOM and blank rows", () => {
    expect(
      parseCsv('\uFEFFOffice,Notes\r\n"SAC Houston","says ""hi"", twice"\r\n\r\nSAC Miami,\n')
    ).toEqual([["Office", "Notes"], ["SAC Houston", 'says "hi", twice'], [""], ["SAC Miami", ""]]);
  });

  test.each([
    ["commas", "Office,Region\nSAC Houston,South\nAttaché Rome,Europe\n"],
    [
      "semicolons (Excel where the list separator is ;)",
      "Region;Office\nSouth;SAC Houston\nEurope;Attaché Rome",
    ],
    ["tabs", "Office\tRegion\nSAC Houston\tSouth\nAttaché Rome\tEurope\n"],
    [
      "a title above the header, any case",
      "FY2007 roster\n\nOFFICE:,Region\nSAC Houston,South\n,\nAttaché Rome,Europe\n",
    ],
  ])("offices under the Office header: %s", async (_, text) => {
    expect(await parseRoster("roster.csv", csv(text))).toEqual(["SAC Houston", "Attaché Rome"]);
  });

  test("no Office column, no offices, an unclosed quote: a RosterError that says so", async () => {
    await expect(parseRoster("r.csv", csv("Name\nSAC Houston\n"))).rejects.toThrow(
      /no column headed "Office"/
    );
    await expect(parseRoster("r.csv", csv("Office\n\n"))).rejects.toThrow(/lists no office/);
    await expect(parseRoster("r.csv", csv('Office\n"SAC Houston\n'))).rejects.toThrow(RosterError);
  });

  test("a starter roster's text that a spreadsheet would run keeps its quote mark, and reads back", async () => {
    const rows = starterRows(['=HYPERLINK("x")', "SAC Houston"]);
    const text = rosterCsv(rows);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(await parseRoster("r.csv", csv(text))).toEqual(['=HYPERLINK("x")', "SAC Houston"]);
  });
});

describe("workbook rosters", () => {
  test("a sheet with an Office column, not necessarily the first", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet({
      name: "Read me",
      cells: [{ row: 1, col: 1, value: "Offices we expect" }],
    });
    await book.addSheet({
      name: "Offices",
      cells: [
        { row: 2, col: 2, value: "Office" },
        { row: 2, col: 3, value: "Contact" },
        { row: 3, col: 2, value: "SAC Houston" },
        { row: 5, col: 2, value: "Attaché Rome" },
      ],
    });
    expect(await parseRoster("roster.xlsx", book.save())).toEqual(["SAC Houston", "Attaché Rome"]);
  });

  test("a file that is not a workbook is a RosterError", async () => {
    await expect(parseRoster("roster.xlsx", csv("Office\nSAC Houston"))).rejects.toThrow(
      RosterError
    );
  });

  test("the starter .xlsx reads back", async () => {
    const bytes = await starterRoster("r.xlsx", ["SAC Miami", "sac miami", "SAC Houston"]);
    expect(await parseRoster("r.xlsx", bytes)).toEqual(["SAC Houston", "SAC Miami"]);
  });
});

describe("starter rows", () => {
  test("one row per office, its most common spelling, sorted; examples when none", () => {
    expect(
      starterRows(["sac houston", "SAC Houston", "SAC  Houston", "SAC Houston", "Attaché Rome"])
    ).toEqual([
      { office: "Attaché Rome", type: "Attaché", notes: "" },
      { office: "SAC Houston", type: "SAC", notes: "" },
    ]);
    expect(starterRows([]).map((r) => r.office)).toEqual([...EXAMPLE_OFFICES]);
    expect(officeType("Attache Bogota")).toBe("Attaché");
    expect(officeType("HSTU")).toBe("");
  });
});
