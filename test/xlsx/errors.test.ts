/**
 * Files that are not workbooks, or damaged, or locked, or missing a sheet: each gives the right
 * kind and one plain line for the user (it reads after the file name), and nothing is written.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync, strToU8 } from "fflate";
import { WorkbookFileError, WorkbookFileErrorKind, openWorkbook } from "../../src/workbook/xlsx";
import { readWorkbookFile, writeFileAtomic } from "../../src/workbook/xlsx/files";
import { bookParts, makeBook, worksheet, zipParts } from "./build";

const FIXTURES = join(__dirname, "../fixtures/xlsx");
const GOOD = readFileSync(join(FIXTURES, "office-features.xlsx"));

function failure(fn: () => unknown): WorkbookFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof WorkbookFileError) return e;
    throw e;
  }
  throw new Error("no error");
}

/** A minimal OLE compound file whose directory names the given streams (UTF-16LE names). */
function compoundFile(streams: string[]): Uint8Array {
  const out = new Uint8Array(512 * 3).fill(0);
  const dv = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  dv.setUint16(0x18, 0x3e, true);
  dv.setUint16(0x1a, 3, true);
  dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true);
  dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); // one FAT sector
  dv.setUint32(0x30, 1, true); // directory in sector 1
  dv.setUint32(0x38, 4096, true);
  dv.setUint32(0x3c, 0xfffffffe, true);
  dv.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + 4 * i, i === 0 ? 0 : 0xffffffff, true);
  for (let i = 0; i < 128; i++)
    dv.setUint32(512 + 4 * i, i === 0 ? 0xfffffffd : i === 1 ? 0xfffffffe : 0xffffffff, true);
  ["Root Entry", ...streams].forEach((name, k) => {
    const at = 1024 + 128 * k;
    for (let i = 0; i < name.length; i++) dv.setUint16(at + 2 * i, name.charCodeAt(i), true);
    dv.setUint16(at + 0x40, 2 * (name.length + 1), true);
    out[at + 0x42] = k === 0 ? 5 : 2;
    out[at + 0x43] = 1;
    dv.setUint32(at + 0x44, 0xffffffff, true);
    dv.setUint32(at + 0x48, k > 0 && k < streams.length ? k + 1 : 0xffffffff, true);
    dv.setUint32(at + 0x4c, k === 0 && streams.length ? 1 : 0xffffffff, true);
    dv.setUint32(at + 0x74, 0xfffffffe, true);
  });
  return out;
}

/** Corrupts the compressed data of one entry of a zip written by fflate. */
function damageEntry(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const needle = strToU8(name);
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 3 && out[i + 3] === 4) {
      const nameLen = out[i + 26] | (out[i + 27] << 8);
      const extra = out[i + 28] | (out[i + 29] << 8);
      if (nameLen === needle.length && needle.every((b, k) => out[i + 30 + k] === b)) {
        const data = i + 30 + nameLen + extra;
        for (let k = 4; k < 12; k++) out[data + k] ^= 0x5a;
        return out;
      }
    }
  }
  throw new Error(`no entry ${name}`);
}

const MALFORMED_SHEET =
  '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n' +
  '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>\n<row r="2"><c r="A2"><v>2</v></row>\n</sheetData></worksheet>';

const cases: Array<
  [string, () => Uint8Array, WorkbookFileErrorKind, string | RegExp, "open" | "read"]
> = [
  [
    "a text file",
    () => strToU8("Date,Sector\n04/15/2007,NGO\n"),
    "not-a-workbook",
    "is not an Excel workbook (.xlsx)",
    "open",
  ],
  [
    "an empty file",
    () => new Uint8Array(0),
    "not-a-workbook",
    "is not an Excel workbook (.xlsx)",
    "open",
  ],
  [
    "a zip that is not a workbook",
    () => zipSync({ "notes.txt": strToU8("hello") }),
    "not-a-workbook",
    "is not an Excel workbook (.xlsx)",
    "open",
  ],
  [
    "a Word document",
    () => readFileSync(join(FIXTURES, "office-addin-taskpane.docx")),
    "not-a-workbook",
    "is a Word document, not an Excel workbook (.xlsx)",
    "open",
  ],
  [
    "a binary workbook (.xlsb)",
    () => {
      const parts = bookParts({ sheets: [{ name: "S" }] });
      parts["_rels/.rels"] = (parts["_rels/.rels"] as string).replace(
        "xl/workbook.xml",
        "xl/workbook.bin"
      );
      parts["xl/workbook.bin"] = new Uint8Array([1, 2, 3]);
      return zipParts(parts);
    },
    "not-a-workbook",
    /\(\.xlsb\): save it as an Excel Workbook \(\.xlsx\)/,
    "open",
  ],
  [
    "an old .xls (OLE compound file)",
    () => compoundFile(["Workbook", "\u0005SummaryInformation"]),
    "not-a-workbook",
    "looks like an old Excel 97-2003 workbook (.xls): open it in Excel, save it as an Excel Workbook (.xlsx) and try again",
    "open",
  ],
  [
    "a password-protected workbook",
    () => compoundFile(["EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"]),
    "password-protected",
    "is password-protected: remove the password in Excel (File > Info > Protect Workbook) and try again",
    "open",
  ],
  [
    "a file cut in half",
    () => GOOD.subarray(0, GOOD.length >> 1),
    "corrupt",
    "is damaged: the file is incomplete (it may have been cut off while copying or downloading)",
    "open",
  ],
  [
    "a file missing its last bytes",
    () => GOOD.subarray(0, GOOD.length - 10),
    "corrupt",
    /^is damaged: the file is incomplete/,
    "open",
  ],
  [
    "damaged compressed data in the sheet",
    () =>
      damageEntry(
        makeBook({
          sheets: [{ name: "S", rows: '<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(20) }],
        }),
        "xl/worksheets/sheet1.xml"
      ),
    "corrupt",
    /^is damaged: xl\/worksheets\/sheet1\.xml (cannot be decompressed|does not match its checksum)$/,
    "read",
  ],
  [
    "a sheet that is not well-formed",
    () => makeBook({ sheets: [{ name: "S", xml: MALFORMED_SHEET }] }),
    "corrupt",
    "is damaged: xl/worksheets/sheet1.xml is not well-formed near line 4",
    "read",
  ],
  [
    "a sheet cut short",
    () =>
      makeBook({
        sheets: [
          { name: "S", xml: worksheet('<row r="1"><c r="A1"><v>1</v></c></row>').slice(0, -40) },
        ],
      }),
    "corrupt",
    /^is damaged: xl\/worksheets\/sheet1\.xml is not well-formed near line \d+$/,
    "read",
  ],
  [
    "a cell whose attributes run together",
    () =>
      makeBook({
        sheets: [
          {
            name: "S",
            rows: '\n<row r="1"><c r="A1"><v>1</v></c>\n<c r="B1" s="1"t="n"><v>2</v></c></row>',
          },
        ],
      }),
    "corrupt",
    "is damaged: xl/worksheets/sheet1.xml is not well-formed near line 4",
    "read",
  ],
  [
    "a cell pointing past the shared strings",
    () =>
      makeBook({
        sharedStrings: ["only"],
        sheets: [{ name: "S", rows: '<row r="1"><c r="A1" t="s"><v>1</v></c></row>' }],
      }),
    "corrupt",
    "is damaged: xl/worksheets/sheet1.xml refers to text that is missing from the shared strings",
    "read",
  ],
  [
    "a broken workbook.xml",
    () => {
      const parts = bookParts({ sheets: [{ name: "S" }] });
      parts["xl/workbook.xml"] = (parts["xl/workbook.xml"] as string).replace(
        "<sheets>",
        "<sheets"
      );
      return zipParts(parts);
    },
    "corrupt",
    /^is damaged: xl\/workbook\.xml is not well-formed near line 2$/,
    "open",
  ],
  [
    "broken shared strings",
    () =>
      makeBook({
        sharedStrings: "<si><t>a</si>",
        sheets: [{ name: "S", rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
      }),
    "corrupt",
    /^is damaged: xl\/sharedStrings\.xml is not well-formed near line \d+$/,
    "read",
  ],
  [
    "a sheet whose part is missing",
    () => {
      const parts = bookParts({ sheets: [{ name: "S" }] });
      delete parts["xl/worksheets/sheet1.xml"];
      return zipParts(parts);
    },
    "corrupt",
    /^is damaged: the sheet "S" is missing/,
    "read",
  ],
];

describe.each(cases)("%s", (_what, make, kind, message, when) => {
  test(`${kind}, said plainly`, () => {
    const bytes = make();
    const e = failure(() => {
      const wb = openWorkbook(bytes);
      if (when === "open") return;
      wb.readSheet(wb.sheetNames()[0]);
    });
    expect(e.kind).toBe(kind);
    if (typeof message === "string") expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(/\n/);
    if (when === "read") expect(() => openWorkbook(bytes)).not.toThrow();
  });

  test("and filling it writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xlsx-errors-"));
    try {
      const file = join(dir, "office.xlsx");
      const bytes = make();
      writeFileSync(file, bytes);
      const fill = async (): Promise<void> => {
        // as the app fills a workbook: read the sheet, then write into it
        const wb = openWorkbook(await readWorkbookFile(file));
        const sheet = wb.readSheet(wb.sheetNames()[0]);
        wb.patchCells(sheet.name, [{ row: 1, col: 1, value: "filled" }]);
        await writeFileAtomic(file, wb.save());
      };
      await expect(fill()).rejects.toBeInstanceOf(WorkbookFileError);
      expect(readdirSync(dir)).toEqual(["office.xlsx"]);
      expect(Buffer.from(readFileSync(file)).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("a sheet that is not there", () => {
  const wb = openWorkbook(GOOD);
  const e = failure(() => wb.readSheet("Outreach Log"));
  expect([e.kind, e.message]).toEqual(["missing-sheet", 'has no sheet named "Outreach Log"']);
  expect(failure(() => wb.patchCells("Nope", [])).kind).toBe("missing-sheet");
});
