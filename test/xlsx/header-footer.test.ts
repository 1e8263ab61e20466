/**
 * A sheet's page header and footer in the package layer (getHeaderFooter / setHeaderFooter), and
 * the file adapter's markSheets on top of it: only the sheet's <headerFooter> element changes,
 * inserted in the schema's order when the sheet has none; every other byte of the sheet and every
 * other part stay as they were; LibreOffice opens the result and prints the marking.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { openWorkbook } from "../../src/workbook/xlsx";
import { readHeaderFooter, writeHeaderFooter } from "../../src/workbook/xlsx/header-footer";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { LES_HEADER_FOOTER, LES_MARKING } from "../../src/workbook/sheet-spec";
import { REL, SML, makeBook, worksheet } from "./build";
import { convertWithLibreOffice, hasLibreOffice, hasPdftotext } from "../helpers/libreoffice";
import { NEEDS_LIBREOFFICE, NEEDS_PDFTOTEXT, testRequiring } from "../helpers/requires";

const PART = "xl/worksheets/sheet1.xml";
const FIXTURE = readFileSync(join(__dirname, "../fixtures/xlsx/office-features.xlsx"));
const soffice = testRequiring(
  hasLibreOffice() && hasPdftotext(),
  `${NEEDS_LIBREOFFICE}, or ${NEEDS_PDFTOTEXT}`
);
const { oddHeader: LES_HEADER, oddFooter: LES_FOOTER } = LES_HEADER_FOOTER;
const LES_XML =
  `<headerFooter><oddHeader>&amp;C&amp;"-,Bold"${LES_MARKING}</oddHeader>` +
  `<oddFooter>&amp;L${LES_MARKING}&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>`;

const MARGINS =
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
const SETUP = '<pageSetup orientation="landscape"/>';
/** Elements the schema puts after headerFooter. */
const AFTER =
  '<rowBreaks count="1" manualBreakCount="1"><brk id="5" max="16383" man="1"/></rowBreaks>' +
  '<ignoredErrors><ignoredError sqref="A1" numberStoredAsText="1"/></ignoredErrors>' +
  '<extLst><ext uri="{x}"><note>kept</note></ext></extLst>';
const ROWS = '<row r="1"><c r="A1" t="inlineStr"><is><t>Notes</t></is></c></row>';

describe("writeHeaderFooter: the element alone", () => {
  test("a sheet without one: inserted after pageSetup, before rowBreaks; nothing else moves", () => {
    const before = worksheet(
      ROWS,
      "",
      `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>${MARGINS}${SETUP}${AFTER}`
    );
    const after = writeHeaderFooter(before, PART, { oddHeader: LES_HEADER, oddFooter: LES_FOOTER });
    const at = before.indexOf("<rowBreaks");
    expect(after).toBe(before.slice(0, at) + LES_XML + before.slice(at));
    expect(readHeaderFooter(after, PART)).toMatchObject({
      oddHeader: LES_HEADER,
      oddFooter: LES_FOOTER,
      evenHeader: "",
      differentFirst: false,
    });
  });

  test.each([
    ["only sheetData", "", ""],
    ["pageMargins, no pageSetup; drawing after", MARGINS, '<drawing r:id="rId1"/>'],
    [
      "printOptions then pageMargins; tableParts after",
      `<printOptions gridLines="1"/>${MARGINS}`,
      '<tableParts count="0"/>',
    ],
    [
      "an element the schema does not name here, after",
      MARGINS,
      '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"/>',
    ],
  ])("%s", (_what, around, after) => {
    const before = worksheet(ROWS, "", around + after);
    const out = writeHeaderFooter(before, PART, { oddHeader: LES_HEADER, oddFooter: LES_FOOTER });
    const at = after ? before.indexOf(after) : before.indexOf("</worksheet>");
    expect(out).toBe(before.slice(0, at) + LES_XML + before.slice(at));
  });

  test("an x:-prefixed sheet gets x:-prefixed elements", () => {
    const before =
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${SML}" xmlns:r="${REL}">` +
      `<x:sheetData/><x:pageMargins left="1" right="1" top="1" bottom="1" header="0.5" footer="0.5"/>` +
      `<x:drawing r:id="rId1"/></x:worksheet>`;
    const out = writeHeaderFooter(before, PART, { oddHeader: "&CX", oddFooter: "" });
    const at = before.indexOf("<x:drawing");
    expect(out).toBe(
      `${before.slice(0, at)}<x:headerFooter><x:oddHeader>&amp;CX</x:oddHeader></x:headerFooter>${before.slice(at)}`
    );
    expect(readHeaderFooter(out, PART).oddHeader).toBe("&CX");
  });

  test("an existing element: the given children change, its attributes and the others stay", () => {
    const hf =
      '<headerFooter differentFirst="1" scaleWithDoc="0">' +
      "<oddHeader>&amp;LOld</oddHeader><oddFooter>&amp;CPage &amp;P</oddFooter>" +
      "<firstFooter>&amp;RFirst</firstFooter></headerFooter>";
    const before = worksheet(ROWS, "", MARGINS + hf + AFTER);
    expect(readHeaderFooter(before, PART)).toEqual({
      oddHeader: "&LOld",
      oddFooter: "&CPage &P",
      evenHeader: "",
      evenFooter: "",
      firstHeader: "",
      firstFooter: "&RFirst",
      differentOddEven: false,
      differentFirst: true,
    });
    const out = writeHeaderFooter(before, PART, {
      oddHeader: "&LNew <&> \u0001",
      oddFooter: "&CPage &P", // as it is: untouched
      firstHeader: "&CFirst page",
    });
    expect(out).toBe(
      before.replace(
        hf,
        '<headerFooter differentFirst="1" scaleWithDoc="0">' +
          "<oddHeader>&amp;LNew &lt;&amp;&gt; _x0001_</oddHeader><oddFooter>&amp;CPage &amp;P</oddFooter>" +
          "<firstHeader>&amp;CFirst page</firstHeader><firstFooter>&amp;RFirst</firstFooter></headerFooter>"
      )
    );
    expect(readHeaderFooter(out, PART)).toMatchObject({
      oddHeader: "&LNew <&> \u0001",
      firstHeader: "&CFirst page",
      firstFooter: "&RFirst",
    });
  });

  test('"" removes a child; self-closing children and elements are expanded', () => {
    const before = worksheet(
      ROWS,
      "",
      `${MARGINS}<headerFooter><oddHeader/><oddFooter>&amp;LX</oddFooter></headerFooter>`
    );
    expect(writeHeaderFooter(before, PART, { oddHeader: "&CA", oddFooter: "" })).toBe(
      worksheet(ROWS, "", `${MARGINS}<headerFooter><oddHeader>&amp;CA</oddHeader></headerFooter>`)
    );
    const empty = worksheet(ROWS, "", `${MARGINS}<headerFooter differentOddEven="true"/>`);
    expect(readHeaderFooter(empty, PART).differentOddEven).toBe(true);
    expect(writeHeaderFooter(empty, PART, { evenFooter: "&CE", oddHeader: "&CO" })).toBe(
      worksheet(
        ROWS,
        "",
        `${MARGINS}<headerFooter differentOddEven="true"><oddHeader>&amp;CO</oddHeader><evenFooter>&amp;CE</evenFooter></headerFooter>`
      )
    );
  });

  test("codes equal to what the sheet holds: the very same text back", () => {
    const before = worksheet(ROWS, "", MARGINS);
    expect(writeHeaderFooter(before, PART, { oddHeader: "", oddFooter: "" })).toBe(before);
  });

  test("a chart sheet: inserted before its drawing", () => {
    const before =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="${SML}" xmlns:r="${REL}">` +
      `<sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews>${MARGINS}<drawing r:id="rId1"/></chartsheet>`;
    const out = writeHeaderFooter(before, "xl/chartsheets/sheet1.xml", { oddHeader: "&CX" });
    expect(out).toBe(
      before.replace(
        "<drawing",
        "<headerFooter><oddHeader>&amp;CX</oddHeader></headerFooter><drawing"
      )
    );
  });
});

/** The parts of a package, unzipped by fflate. */
const unzip = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);

function expectOnlyHeaderFootersChanged(
  before: Record<string, Uint8Array>,
  after: Record<string, Uint8Array>,
  changed: string[]
): void {
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  for (const name of Object.keys(before)) {
    if (changed.includes(name)) {
      const strip = (b: Uint8Array) =>
        strFromU8(b).replace(/<headerFooter[\s\S]*?(?:\/>|<\/headerFooter>)/, "");
      expect([name, strip(after[name])]).toEqual([name, strip(before[name])]);
      expect([name, Buffer.from(after[name]).equals(Buffer.from(before[name]))]).toEqual([
        name,
        false,
      ]);
    } else {
      expect([name, Buffer.from(after[name]).equals(Buffer.from(before[name]))]).toEqual([
        name,
        true,
      ]);
    }
  }
}

/** Every page's text as LibreOffice prints the workbook (headers and footers included). */
async function printedText(bytes: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "xlsx-hf-"));
  try {
    const file = join(dir, "book.xlsx");
    writeFileSync(file, bytes);
    const pdf = await convertWithLibreOffice(file, "pdf");
    const r = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const count = (text: string, what: string): number => text.split(what).length - 1;

describe("a LibreOffice-made workbook", () => {
  const NOTES = "xl/worksheets/sheet3.xml"; // the sheet "Notes": an image (drawing) after headerFooter
  const original = unzip(FIXTURE);
  // The same workbook with no header or footer on Notes (LibreOffice writes one on every sheet).
  const bare = { ...original };
  bare[NOTES] = strToU8(
    strFromU8(original[NOTES]).replace(/<headerFooter[\s\S]*?<\/headerFooter>/, "")
  );
  const bareBytes = zipSync(bare);

  test("its header and footer as LibreOffice writes them: the sheet name centred, a page number", () => {
    expect(openWorkbook(FIXTURE).getHeaderFooter("Notes")).toMatchObject({
      oddHeader: '&C&"Times New Roman,Regular"&12&A',
      oddFooter: '&C&"Times New Roman,Regular"&12Page &P',
      differentFirst: false,
      differentOddEven: false,
    });
    expect(openWorkbook(bareBytes).getHeaderFooter("Notes")).toMatchObject({
      oddHeader: "",
      oddFooter: "",
    });
  });

  const marked = (bytes: Uint8Array) => {
    const book = openWorkbook(bytes);
    book.setHeaderFooter("Notes", { oddHeader: LES_HEADER, oddFooter: LES_FOOTER });
    return book.save();
  };

  test("marked where it had none: inserted after pageSetup, before the drawing; all else the same", () => {
    const after = unzip(marked(bareBytes));
    expectOnlyHeaderFootersChanged(bare, after, [NOTES]);
    const xml = strFromU8(after[NOTES]);
    expect(xml).toMatch(
      new RegExp(
        `<pageSetup [^>]*/>${LES_XML.replace(/[|\\{}()[\]^$+*?.]/g, "\\$&")}<drawing r:id="rId1"/>`
      )
    );
  });

  test("marked over its own: only the children of headerFooter change", () => {
    const after = unzip(marked(FIXTURE));
    expectOnlyHeaderFootersChanged(original, after, [NOTES]);
    expect(strFromU8(after[NOTES])).toContain(
      `<headerFooter differentFirst="false" differentOddEven="false"><oddHeader>&amp;C&amp;"-,Bold"${LES_MARKING}</oddHeader>`
    );
  });

  test("XlsxAdapter.markSheets: LibreOffice's own centred header is the user's; the footers take the marking", async () => {
    const book = XlsxAdapter.fromBytes(bareBytes);
    expect(await book.markSheets()).toEqual({
      marked: ["Notes"],
      already: [],
      occupied: ["Report", "Log"],
    });
    const after = unzip(book.save());
    expectOnlyHeaderFootersChanged(bare, after, [
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      NOTES,
    ]);
    const reread = openWorkbook(book.save());
    expect(reread.getHeaderFooter("Report")).toMatchObject({
      oddHeader: '&C&"Times New Roman,Regular"&12&A',
      oddFooter: `&L${LES_MARKING}&C&"Times New Roman,Regular"&12Page &P`,
    });
    expect(reread.getHeaderFooter("Notes")).toMatchObject({
      oddHeader: LES_HEADER,
      oddFooter: LES_FOOTER,
    });
  });

  soffice(
    "LibreOffice opens the marked workbook and prints the marking in Notes' header and footer",
    async () => {
      const unmarked = await printedText(bareBytes);
      expect(count(unmarked, LES_MARKING)).toBe(0);
      const text = await printedText(marked(bareBytes));
      // Notes is the last page: the marking at its top and at its foot, with "Page 3 of 3".
      const pages = text.split("\f").filter((p) => p.trim() !== "");
      expect(pages).toHaveLength(3);
      expect(count(pages[2], LES_MARKING)).toBe(2);
      expect(pages[2]).toMatch(/Page 3 of 3/);
      expect(pages[2]).toMatch(/Budget/);
      expect(count(pages[0] + pages[1], LES_MARKING)).toBe(0);
    },
    120_000
  );
});

describe("XlsxAdapter.markSheets", () => {
  const FIRST_PAGE =
    `<headerFooter differentFirst="1"><oddHeader>&amp;C${LES_MARKING}</oddHeader>` +
    `<oddFooter>&amp;L${LES_MARKING}</oddFooter></headerFooter>`;
  const bytes = makeBook({
    sheets: [
      { name: "Plain", xml: worksheet(ROWS, "", MARGINS + AFTER) },
      {
        name: "Draft",
        xml: worksheet(
          ROWS,
          "",
          `${MARGINS}<headerFooter><oddHeader>&amp;CDraft</oddHeader></headerFooter>`
        ),
      },
      { name: "First page", xml: worksheet(ROWS, "", MARGINS + FIRST_PAGE) },
      {
        name: "Chart",
        type: "chartsheet",
        xml: `<chartsheet xmlns="${SML}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"/></sheetViews>${MARGINS}</chartsheet>`,
      },
    ],
  });

  test("existing sheets without the marking get it; a taken section is reported; again, nothing changes", async () => {
    const book = XlsxAdapter.fromBytes(bytes);
    await book.addSheet({ name: "Added", cells: [], headerFooter: LES_HEADER_FOOTER });
    expect(await book.markSheets()).toEqual({
      marked: ["Plain", "First page", "Chart"],
      already: ["Added"],
      occupied: ["Draft"],
    });
    const saved = book.save();
    const reread = openWorkbook(saved);
    for (const name of ["Plain", "Chart", "Added"])
      expect([name, reread.getHeaderFooter(name)]).toEqual([
        name,
        expect.objectContaining({ oddHeader: LES_HEADER, oddFooter: LES_FOOTER }),
      ]);
    expect(reread.getHeaderFooter("Draft")).toMatchObject({
      oddHeader: "&CDraft",
      oddFooter: LES_FOOTER,
    });
    // A different first page is marked too; the odd pages' marking, made by hand, stays.
    expect(reread.getHeaderFooter("First page")).toMatchObject({
      oddHeader: `&C${LES_MARKING}`,
      oddFooter: `&L${LES_MARKING}`,
      firstHeader: LES_HEADER,
      firstFooter: LES_FOOTER,
    });
    expect(reread.readSheet("Plain").values()).toEqual([["Notes"]]);

    const again = XlsxAdapter.fromBytes(saved);
    expect(await again.markSheets()).toEqual({
      marked: [],
      already: ["Plain", "First page", "Chart", "Added"],
      occupied: ["Draft"],
    });
    const parts = unzip(saved);
    const twice = unzip(again.save());
    for (const name of Object.keys(parts))
      expect([name, Buffer.from(twice[name]).equals(Buffer.from(parts[name]))]).toEqual([
        name,
        true,
      ]);
  });
});
