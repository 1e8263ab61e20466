/**
 * The optional tables' forms (src/app/table-entry.ts) over real .xlsx workbooks through the file
 * adapter: checked with each table's row schema, written in the workbook's own column order,
 * appended to a plain range (no Excel table) below its last row, and refused when the sheet is
 * missing or another table holds its name.
 */
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import {
  NoTableError,
  TABLE_ENTRY,
  appendRow,
  findTableTarget,
  tableEntryCells,
  validateTableEntry,
} from "../../src/app/table-entry";
import { addOptionalSheet } from "../../src/app/setup";
import { dayFromYmd, serialFromDay } from "../../src/core/dates";
import { readMaterials } from "../../src/core/materials";
import { findOptionalTables } from "../../src/workbook/layout";
import { mediaSheet } from "../../src/workbook/seed-layout";

describe("validateTableEntry: the table's own rules, each on its field", () => {
  test("a lead's words as the spec spells them; Y/N as a boolean", () => {
    const r = validateTableEntry(TABLE_ENTRY.leads, {
      received: "2007-04-02",
      source: "tip line",
      referringAgency: " Polaris Project ",
      request: "interview",
      caseOpened: "y",
    });
    expect(r).toEqual({
      ok: true,
      fields: {
        received: dayFromYmd(2007, 4, 2),
        source: "tipLine",
        referringAgency: "Polaris Project",
        request: "Interview Request",
        responded: undefined,
        caseOpened: true,
        notes: undefined,
      },
      notes: [],
    });
  });

  test("every problem at once, in the table's column order, with its finding code", () => {
    const r = validateTableEntry(TABLE_ENTRY.materials, {
      date: "not a date",
      material: "Wallet Card",
      quantity: "2.5",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.field, i.code])).toEqual([
      ["date", "date-unreadable"],
      ["agency", "agency-missing"],
      ["language", "language-missing"],
      ["quantity", "count-not-whole"],
    ]);
  });

  test("text that begins like a formula is noted, and kept", () => {
    const r = validateTableEntry(TABLE_ENTRY.media, {
      date: "2007-05-07",
      publication: "@Diario",
      country: "Honduras",
      offer: "work",
    });
    expect(r.ok && r.fields.publication).toBe("@Diario");
    expect(r.ok && r.notes.map((n) => n.code)).toEqual(["formula-like-text"]);
  });
});

describe("appending a row", () => {
  test("a plain range in its own column order, other header case: the row under its last", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet({
      name: "Handouts",
      cells: [
        ["QUANTITY", "material", "Agency Name", "date", "Card Language", "Our remarks"],
        [
          40,
          "Brochure",
          "Houston Police Department",
          serialFromDay(dayFromYmd(2007, 4, 2), false),
          null,
          "kept",
        ],
      ].flatMap((r, i) => r.map((value, j) => ({ row: 5 + i, col: 2 + j, value }))),
    });
    const kind = TABLE_ENTRY.materials;
    const target = await findTableTarget(book, kind);
    expect(target).toMatchObject({ sheet: "Handouts", left: 2, width: 6, nextRow: 7 });
    const r = validateTableEntry(kind, {
      date: "2007-05-14",
      agency: '=HYPERLINK("x")',
      material: "wallet cards",
      language: "es",
      quantity: "1,200",
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    await appendRow(book, target, tableEntryCells(kind, r.fields, target));
    const again = XlsxAdapter.fromBytes(book.save());
    const sheet = await again.readSheet("Handouts");
    const cells = (row: number) =>
      [2, 3, 4, 5, 6, 7].map((col) => sheet.values[row - sheet.top]?.[col - sheet.left] ?? null);
    expect(cells(7)).toEqual([
      1200,
      "Wallet Card",
      '=HYPERLINK("x")',
      serialFromDay(dayFromYmd(2007, 5, 14), false),
      "Spanish",
      null,
    ]);
    const parsed = readMaterials((await findOptionalTables(again)).materials!.grid);
    expect(
      parsed.entries.map((e) => [e.row, e.material, e.language, e.quantity, e.agency])
    ).toEqual([
      [6, "Brochure", undefined, 40, "Houston Police Department"],
      [7, "Wallet Card", "Spanish", 1200, '=HYPERLINK("x")'],
    ]);
    // The office's own column and the row above are untouched.
    expect(cells(6)[5]).toBe("kept");
  });

  test("no sheet: NoTableError; the sheet added as Set up makes it, once", async () => {
    const book = XlsxAdapter.blank();
    await book.addSheet({ name: "Notes", cells: [{ row: 1, col: 1, value: "ours" }] });
    await expect(findTableTarget(book, TABLE_ENTRY.media)).rejects.toBeInstanceOf(NoTableError);
    expect(await addOptionalSheet(book, "media")).toBe("Media Canvass");
    expect((await findTableTarget(book, TABLE_ENTRY.media)).table).toBe("MediaCanvass");
    // Asked again: the sheet is there, nothing is added.
    expect(await addOptionalSheet(book, "media")).toBe("Media Canvass");
    expect(await book.sheetNames()).toEqual(["Notes", "Media Canvass"]);
  });

  test("another table holding the name: said, nothing added", async () => {
    const book = XlsxAdapter.blank();
    const other = mediaSheet([], "Ours");
    await book.addSheet({
      ...other,
      cells: [{ row: 1, col: 1, value: "Something else" }],
      table: { ...other.table!, columns: ["Something else"], ref: "A1:A2" },
    });
    await expect(addOptionalSheet(book, "media")).rejects.toThrow(
      /A table named "MediaCanvass" exists but is not the Media Canvass table/
    );
    expect(await book.sheetNames()).toEqual(["Ours"]);
  });
});
