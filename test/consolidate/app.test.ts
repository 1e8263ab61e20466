/**
 * Consolidation over real .xlsx contents: each return read once, files that are not returns
 * reported with their reason, the national workbook written, read back and never trusting a
 * return's text.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LINE_KEYS } from "../../src/core/chart";
import { NATIONAL_MARK, ReturnInput, consolidate } from "../../src/core/consolidate";
import { dayFromYmd } from "../../src/core/dates";
import { formatPeriod } from "../../src/core/period";
import { SETTING, encodeOpening, openingKey } from "../../src/core/settings";
import { zeroFigures } from "../../src/core/chart";
import { loadQuarterly } from "../../src/app/quarterly";
import {
  COMBINED_LOG_HEADERS,
  NATIONAL_SHEETS,
  ReadOncePort,
  consolidateFiles,
  nationalWorkbook,
  readPrevious,
  loadReturn,
  nationalTargetProblem,
  readReturn,
  readReturnFrom,
  writeNational,
} from "../../src/app/consolidate";
import { findLog } from "../../src/workbook/layout";
import { WorkbookPort } from "../../src/workbook/port";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { openWorkbook } from "../../src/workbook/xlsx";
import { logSheet } from "../../src/workbook/seed-layout";
import { Q2, Q3, broken, leFollow, leNew, ngoNew, serial, training } from "./builders";
import { packageParts, returnWorkbook, sheetXml } from "./workbooks";
import { NEEDS_LIBREOFFICE, testRequiring } from "../helpers/requires";
import { hasLibreOffice, readCsvSheetsWithLibreOffice } from "../helpers/libreoffice";

const APR = serial(2007, 4, 10);
const MAY = serial(2007, 5, 15);
const NOV = serial(2006, 11, 3);
const T = Date.UTC(2007, 6, 5);

const file = (name: string, bytes: Uint8Array, modified = T) => ({ name, bytes, modified });

async function read(name: string, bytes: Uint8Array): Promise<ReturnInput> {
  return readReturn(file(name, bytes));
}

describe("a return is resolved exactly as loadQuarterly resolves a workbook", () => {
  const opening = encodeOpening({ ...zeroFigures(), "le.local": 2, "ngo.newContact": 1 });
  test.each<[string, Parameters<typeof returnWorkbook>[0]]>([
    [
      "period and office from the title and Office cell",
      { office: "SAC Houston", rows: [ngoNew(APR)] },
    ],
    [
      "the period setting over the title",
      { office: "SAC Houston", rows: [ngoNew(NOV)], settings: { [SETTING.period]: "FY2007 Q2" } },
    ],
    [
      "the office setting when the Office cell is empty",
      { rows: [leFollow(MAY)], settings: { [SETTING.office]: "  SAC Miami " } },
    ],
    [
      "an opening balance for the fiscal year",
      { office: "SAC Houston", rows: [leFollow(MAY)], settings: { [openingKey(2007)]: opening } },
    ],
    [
      "an opening balance for another fiscal year is not used",
      { office: "SAC Houston", rows: [leFollow(MAY)], settings: { [openingKey(2006)]: opening } },
    ],
    ["a filled chart", { office: "SAC Houston", rows: [ngoNew(APR), leNew(MAY)], fill: true }],
    ["a log with errors", { office: "SAC Houston", rows: [ngoNew(APR), broken(MAY)] }],
  ])("%s", async (_, spec) => {
    const bytes = await returnWorkbook(spec);
    const today = dayFromYmd(2007, 5, 1); // rows after it are "in the future"
    const q = await loadQuarterly(XlsxAdapter.fromBytes(bytes), { today });
    const r = await loadReturn(XlsxAdapter.fromBytes(bytes), today);
    expect(r.period).toEqual(q.period);
    expect(r.office).toEqual(q.office);
    expect(r.opening).toEqual(q.opening);
    expect(r.report.figures).toEqual(q.report.figures);
    expect(r.report.findings).toEqual(q.report.findings);
    expect(r.written).toEqual(q.chart.written);
  });

  test("no period anywhere: both refuse alike", async () => {
    const bytes = await returnWorkbook({ office: "SAC X", period: null, rows: [ngoNew(APR)] });
    const q = await loadQuarterly(XlsxAdapter.fromBytes(bytes)).catch((e: Error) => e);
    const r = await loadReturn(XlsxAdapter.fromBytes(bytes)).catch((e: Error) => e);
    expect(r).toBeInstanceOf(Error);
    expect((r as Error).name).toBe((q as Error).name);
    expect((r as Error).message).toBe((q as Error).message);
  });
});

describe("reading a return", () => {
  test("a return: its office, period, analysed log and hand-entered chart", async () => {
    const bytes = await returnWorkbook({
      office: "SAC Houston",
      rows: [ngoNew(APR), leFollow(MAY), leNew(NOV)],
      fill: true,
    });
    const r = await read("houston.xlsx", bytes);
    if (r.kind !== "report") throw new Error(`not read: ${JSON.stringify(r)}`);
    expect(r.office).toBe("SAC Houston");
    expect(formatPeriod(r.period)).toBe("FY2007 Q3");
    expect(r.report.log.dataRows).toBe(3);
    expect(r.written?.["le.local"]).toEqual({ quarter: 1, cumulative: 1 });
    expect(consolidate(Q3, [r]).statuses[0].notes).toEqual([]);
  });

  test("each sheet is parsed once, whoever asks for it", async () => {
    const bytes = await returnWorkbook({ office: "SAC Houston", rows: [ngoNew(APR)] });
    const inner = XlsxAdapter.fromBytes(bytes);
    const calls = new Map<string, number>();
    const counting: WorkbookPort = Object.create(inner);
    counting.readSheet = (s: string) => {
      calls.set(s, (calls.get(s) ?? 0) + 1);
      return inner.readSheet(s);
    };
    const port = new ReadOncePort(counting);
    const r = await readReturnFrom(port, "h.xlsx", T);
    expect(r.kind).toBe("report");
    expect(calls.get("Outreach Log")).toBe(1);
    for (const [, n] of calls) expect(n).toBe(1);
  });

  test("the recorded submission time and the opening balance are read", async () => {
    const opening = { ...zeroFigures(), "le.local": 4 };
    const bytes = await returnWorkbook({
      office: "SAC Houston",
      rows: [leFollow(MAY)],
      settings: {
        [SETTING.submitted]: "2007-07-09T12:00:00Z",
        [openingKey(2007)]: encodeOpening(opening),
      },
    });
    const r = await read("h.xlsx", bytes);
    if (r.kind !== "report") throw new Error("not read");
    expect(r.submitted).toBe("2007-07-09T12:00:00Z");
    expect(r.report.figures.cumulative["le.local"]).toBe(5);
  });

  test.each<[string, () => Promise<Uint8Array>, string, RegExp]>([
    [
      "a text file",
      async () => new TextEncoder().encode("Office,Notes\nSAC Houston,ok\n"),
      "not-a-workbook",
      /./,
    ],
    [
      "a damaged workbook (cut short)",
      async () => (await returnWorkbook({ office: "SAC X", rows: [ngoNew(APR)] })).slice(0, 900),
      "corrupt",
      /./,
    ],
    [
      "a workbook with a log but no chart",
      async () => {
        const b = XlsxAdapter.blank();
        await b.addSheet(logSheet([ngoNew(APR)]));
        return b.save();
      },
      "no-chart-or-log",
      /no sheet holds the Human Trafficking Outreach chart/,
    ],
    [
      "a workbook with neither (someone's budget)",
      async () => {
        const b = XlsxAdapter.blank();
        await b.addSheet({ name: "Budget", cells: [{ row: 1, col: 1, value: "Travel" }] });
        return b.save();
      },
      "no-chart-or-log",
      /chart/,
    ],
    [
      "a return that names no period",
      async () => returnWorkbook({ office: "SAC Denver", period: null, rows: [ngoNew(APR)] }),
      "unreadable-return",
      /does not say which quarter/,
    ],
  ])("%s is reported with its reason, never thrown", async (_, make, kind, reason) => {
    const r = await read("x.xlsx", await make());
    expect(r.kind).toBe(kind);
    if (r.kind === "report") throw new Error("read as a report");
    expect(r.reason).toMatch(reason);
  });

  test("a return that names no period still shows its office", async () => {
    const r = await read(
      "d.xlsx",
      await returnWorkbook({ office: "SAC Denver", period: null, rows: [ngoNew(APR)] })
    );
    expect(r.office).toBe("SAC Denver");
    const n = consolidate(Q3, [r], { roster: ["SAC Denver"] });
    expect(n.statuses.map((s) => s.status)).toEqual(["invalid", "missing"]);
  });

  test("a national workbook is never taken for a return", async () => {
    const houston = await read(
      "h.xlsx",
      await returnWorkbook({ office: "SAC Houston", rows: [ngoNew(APR)] })
    );
    const national = await nationalWorkbook(consolidate(Q3, [houston]));
    const r = await read("national.xlsx", national);
    expect(r.kind).toBe("national-workbook");
  });
});

describe("the national workbook", () => {
  let bytes: Uint8Array;
  let national: ReturnType<typeof consolidate>;
  const progress: string[] = [];
  let firstTable: (string | null)[][] = [];
  const INJECTIONS = [
    '=HYPERLINK("http://example.invalid/x","click me")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "=1+1",
  ];

  beforeAll(async () => {
    const opening = { ...zeroFigures(), "ngo.newContact": 3 };
    const houston = await returnWorkbook({
      office: "SAC Houston",
      rows: [ngoNew(APR), leFollow(MAY), training(MAY, "NGO", [1, 2, 30]), leNew(NOV)],
      settings: { [openingKey(2007)]: encodeOpening(opening) },
    });
    const evil = await returnWorkbook({
      office: "SAC Miami",
      rows: [
        ngoNew(APR, INJECTIONS[0]),
        [
          MAY,
          "NGO",
          null,
          "New Contact",
          INJECTIONS[2],
          INJECTIONS[3],
          "Chief",
          null,
          null,
          null,
          INJECTIONS[1],
          "N",
        ],
        [
          MAY,
          "NGO",
          null,
          "Requested Services",
          "Shelter",
          null,
          null,
          null,
          null,
          null,
          INJECTIONS[4],
          null,
        ],
      ],
    });
    const invalid = await returnWorkbook({
      office: "SAC Boston",
      rows: [ngoNew(APR), broken(MAY)],
    });
    const q2 = await returnWorkbook({ office: "SAC Denver", period: Q2, rows: [ngoNew(NOV)] });
    national = await consolidateFiles(
      Q3,
      [
        file("houston.xlsx", houston),
        file("miami.xlsx", evil),
        file("boston.xlsx", invalid),
        file("denver-q2.xlsx", q2),
        file("notes.txt", new TextEncoder().encode("hello")),
      ],
      {
        roster: ["SAC Houston", "SAC Miami", "SAC Boston", "SAC Denver", "Attaché Rome"],
        onFile: (at) => {
          progress.push(`${at.done}/${at.total} ${at.file}`);
          if (at.done === 1) firstTable = at.statuses().map((s) => [s.office ?? null, s.status]);
        },
      }
    );
    bytes = await nationalWorkbook(national);
  });

  test("its progress: each file as it is read, and the table as it stands when asked", () => {
    expect(progress).toEqual([
      "1/5 houston.xlsx",
      "2/5 miami.xlsx",
      "3/5 boston.xlsx",
      "4/5 denver-q2.xlsx",
      "5/5 notes.txt",
    ]);
    expect(firstTable).toEqual([
      ["Attaché Rome", "missing"],
      ["SAC Boston", "missing"],
      ["SAC Denver", "missing"],
      ["SAC Houston", "received"],
      ["SAC Miami", "missing"],
    ]);
  });

  test("its statuses: every file, every roster office", () => {
    expect(national.statuses.map((s) => [s.office ?? null, s.status])).toEqual([
      ["Attaché Rome", "missing"],
      ["SAC Boston", "invalid"],
      ["SAC Denver", "other-period"],
      ["SAC Denver", "missing"],
      ["SAC Houston", "received"],
      ["SAC Miami", "received"],
      [null, "not-a-return"],
    ]);
    expect(national.log).toHaveLength(7);
  });

  test("its sheets, each marked LES/FOUO in header and footer", () => {
    const parts = packageParts(bytes);
    const book = XlsxAdapter.fromBytes(bytes);
    return book.sheetNames().then((names) => {
      expect(names).toEqual(Object.values(NATIONAL_SHEETS));
      for (const name of names) {
        const xml = sheetXml(bytes, name);
        expect(xml).toMatch(/<oddHeader>[^<]*LAW ENFORCEMENT SENSITIVE \/ FOR OFFICIAL USE ONLY/);
        expect(xml).toMatch(/<oddFooter>[^<]*LAW ENFORCEMENT SENSITIVE \/ FOR OFFICIAL USE ONLY/);
      }
      expect(Object.keys(parts).some((p) => p.startsWith("xl/tables/"))).toBe(true);
    });
  });

  test("it reads back as a report: the chart and the re-tallied Combined Log both give the national figures", async () => {
    const book = XlsxAdapter.fromBytes(bytes);
    expect(await book.getSetting(NATIONAL_MARK)).toBe("FY2007 Q3");
    const q = await loadQuarterly(book, {});
    expect(q.office).toBe("National");
    expect(formatPeriod(q.period)).toBe("FY2007 Q3");
    expect(q.report.errors).toBe(0);
    expect(q.report.figures).toEqual(national.figures);
    for (const k of LINE_KEYS) {
      expect(q.chart.written[k]).toEqual({
        quarter: national.figures.quarter[k],
        cumulative: national.figures.cumulative[k],
      });
    }
    expect(national.figures.cumulative["ngo.newContact"]).toBe(3 + 1 + 2);
  });

  test("the Combined Log: the counted rows, each once, with office, source file and row", async () => {
    const book = XlsxAdapter.fromBytes(bytes);
    const log = await findLog(book);
    const [header, ...rows] = log.grid.values;
    expect(header).toEqual(COMBINED_LOG_HEADERS);
    expect(rows).toHaveLength(national.log.length);
    const provenance = rows.map((r) => `${r[12]}|${r[13]}|${r[14]}`);
    expect(new Set(provenance).size).toBe(rows.length);
    expect(provenance).toContain("SAC Miami|miami.xlsx|2");
    expect(provenance.filter((p) => p.includes("boston"))).toEqual([]);
  });

  test("a return's text is stored as text, never as a formula (the sheet's XML)", () => {
    const xml = sheetXml(bytes, NATIONAL_SHEETS.log);
    const parts = packageParts(bytes);
    for (const part of Object.values(parts)) expect(part).not.toMatch(/<f[ >]/);
    // A text cell is a shared string (t="s"): the index of an item of xl/sharedStrings.xml, which
    // holds only text (it has no place for a formula). Each injection is one plain-text item,
    // word for word, and a cell of the log refers to it; no cell of the log has a formula type.
    const items = [...parts["xl/sharedStrings.xml"].matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
      (m) => m[1]
    );
    expect(xml).not.toMatch(/<c\b[^>]*t="(?:str|e)"/);
    for (const text of INJECTIONS) {
      const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      const item = new RegExp(
        `^<t(?: xml:space="preserve")?>${escaped
          .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
          .replace(/"/g, '(?:"|&quot;)')
          .replace(/'/g, "(?:'|&apos;)")}</t>$`
      );
      const index = items.findIndex((si) => item.test(si));
      expect([text, index >= 0]).toEqual([text, true]);
      expect(xml).toMatch(new RegExp(`<c\\b[^>]*t="s"[^>]*><v>${index}</v></c>`));
    }
    // And our reader gives each back as the same text.
    const cells = openWorkbook(bytes).readSheet(NATIONAL_SHEETS.log).values().flat();
    for (const text of INJECTIONS) expect(cells).toContain(text);
  });

  testRequiring(hasLibreOffice(), NEEDS_LIBREOFFICE)(
    "LibreOffice reads the injected cells as the text they are",
    async () => {
      // Values as LibreOffice reads them, formulas recalculated: had any injected text become a
      // formula, its result would show instead of the text.
      const dir = mkdtempSync(join(tmpdir(), "tips-national-"));
      const file = join(dir, "national.xlsx");
      writeFileSync(file, bytes);
      const rows = (await readCsvSheetsWithLibreOffice(file))[NATIONAL_SHEETS.log];
      rmSync(dir, { recursive: true, force: true });
      const cells = rows.flat();
      for (const text of INJECTIONS) expect(cells).toContain(text);
      // Had any become a formula, LibreOffice would show its result ("click me", 1, 3, ...).
      expect(cells).not.toContain("click me");
    },
    180_000
  );

  test("a previous national workbook gives back each office's cumulative figures", async () => {
    const prev = await readPrevious(bytes, "national-q3.xlsx");
    expect(formatPeriod(prev.period)).toBe("FY2007 Q3");
    expect(prev.offices.map((o) => o.office)).toEqual(["SAC Houston", "SAC Miami"]);
    const houston = national.offices.find((o) => o.office === "SAC Houston")!;
    expect(prev.offices[0].cumulative).toEqual(houston.figures.cumulative);
  });
});

describe("the open workbook as the national one (the task pane in Excel)", () => {
  const blank = async (): Promise<XlsxAdapter> => {
    const b = XlsxAdapter.blank();
    await b.addSheet({ name: "Sheet1", cells: [] });
    return b;
  };

  test("a blank workbook takes the national sheets after its own", async () => {
    const houston = await read(
      "h.xlsx",
      await returnWorkbook({ office: "SAC Houston", rows: [ngoNew(APR)] })
    );
    const book = await blank();
    expect(await nationalTargetProblem(book)).toBeUndefined();
    const n = consolidate(Q3, [houston]);
    await writeNational(book, n);
    expect(await book.sheetNames()).toEqual(["Sheet1", ...Object.values(NATIONAL_SHEETS)]);
    const again = XlsxAdapter.fromBytes(book.save());
    expect((await loadQuarterly(again)).report.figures).toEqual(n.figures);
    // Once written, a second time is refused: the sheets are there.
    expect(await nationalTargetProblem(again)).toMatch(/already has “National Chart”/);
  });

  test("an office's workbook is refused, by its settings or by its report", async () => {
    const named = await blank();
    await named.setSetting(SETTING.office, "SAC Miami");
    expect(await nationalTargetProblem(named)).toMatch(/SAC Miami's report/);
    const report = XlsxAdapter.fromBytes(await returnWorkbook({ office: "", rows: [ngoNew(APR)] }));
    expect(await nationalTargetProblem(report)).toMatch(/holds an office's quarterly report/);
  });
});
