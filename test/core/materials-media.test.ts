/** The Materials Distributed and Media Canvass tables: every rule of the spec, table-driven. */
import fc from "fast-check";
import { Finding } from "../../src/core/findings";
import { checkMaterials, materialFigures, readMaterials } from "../../src/core/materials";
import { checkMedia, mediaFigures, readMedia } from "../../src/core/media";
import { analyzeTables } from "../../src/core/office-tables";
import { OutreachPartners } from "../../src/core/partners";
import { parsePeriod } from "../../src/core/period";
import { TableLayoutError } from "../../src/core/table";
import { utcDay } from "./builders";
import {
  LEAD_HEADERS,
  MATERIAL_HEADERS,
  MEDIA_HEADERS,
  MaterialRow,
  MediaRow,
  ad,
  lead,
  material,
  tableGrid,
  without,
} from "./table-builders";

const Q3 = parsePeriod("FY2007 Q3");
const brief = (fs: Finding[]) =>
  fs.map((f) => ({ sheet: f.sheet, row: f.row, column: f.column, code: f.code, cell: f.cell }));
const materialsOf = (rows: MaterialRow[]) => readMaterials(tableGrid(MATERIAL_HEADERS, rows));
const mediaOf = (rows: MediaRow[]) => readMedia(tableGrid(MEDIA_HEADERS, rows));
const LOG = new OutreachPartners([
  { agency: "Metro Police Department", date: utcDay(2007, 4, 10) },
  { agency: "Safe Harbor Shelter", date: utcDay(2007, 5, 2) },
]);

describe("Materials Distributed: row errors", () => {
  test.each<[string, MaterialRow, string, string, string]>([
    ["date missing", without(material(), "Date"), "Date", "date-missing", "A2"],
    ["date unreadable", material({ Date: "spring" }), "Date", "date-unreadable", "A2"],
    ["agency missing", without(material(), "Agency"), "Agency", "agency-missing", "B2"],
    ["material missing", without(material(), "Material"), "Material", "material-missing", "C2"],
    ["material unknown", material({ Material: "Poster" }), "Material", "material-unknown", "C2"],
    [
      "Wallet Card without a language",
      material({ Material: "Wallet Card" }),
      "Language",
      "language-missing",
      "D2",
    ],
    [
      "language unknown",
      material({ Material: "Wallet Card", Language: "Klingon" }),
      "Language",
      "language-unknown",
      "D2",
    ],
    ["quantity missing", without(material(), "Quantity"), "Quantity", "count-missing", "E2"],
    ["quantity 0", material({ Quantity: 0 }), "Quantity", "count-too-small", "E2"],
    ["quantity negative", material({ Quantity: -5 }), "Quantity", "count-negative", "E2"],
    ["quantity not whole", material({ Quantity: 2.5 }), "Quantity", "count-not-whole", "E2"],
    ["quantity not a number", material({ Quantity: "lots" }), "Quantity", "count-not-number", "E2"],
  ])("%s", (_name, row, column, code, cell) => {
    const parsed = materialsOf([row, material()]);
    expect(parsed.entries.map((e) => e.row)).toEqual([3]);
    expect(brief(parsed.findings)).toEqual([
      { sheet: "Materials Distributed", row: 2, column, code, cell },
    ]);
    expect(parsed.findings[0].severity).toBe("error");
  });

  test("a language on a brochure is allowed (and not counted as a wallet card)", () => {
    const parsed = materialsOf([material({ Language: "Spanish" })]);
    expect(parsed.findings).toEqual([]);
    const f = materialFigures(parsed.entries, Q3);
    expect(f.quarter["materials.brochure"]).toBe(40);
    expect(f.quarter["materials.walletCard.spanish"]).toBe(0);
  });

  test("a quantity typed as text with a thousands comma", () => {
    expect(materialsOf([material({ Quantity: "1,200" })]).entries[0].quantity).toBe(1200);
  });

  test("headers in other case, shuffled, with aliases; a missing column is named", () => {
    const values = [
      ["QTY", "material type", "Card Language", "distributed to", "date distributed"],
      [25, "wallet cards", "spanish", "Metro PD", "04/12/2007"],
    ];
    const parsed = readMaterials({ values });
    expect(parsed.findings).toEqual([]);
    expect(parsed.entries[0]).toMatchObject({
      material: "Wallet Card",
      language: "Spanish",
      quantity: 25,
    });
    expect(() => readMaterials({ values: [["Date", "Agency", "Material"]] })).toThrow(
      new TableLayoutError(
        'the Materials Distributed table\'s header row (row 1) has no "Quantity" column.'
      )
    );
  });
});

describe("Materials Distributed: warnings and figures", () => {
  test.each<[string, MaterialRow, boolean]>([
    ["outreach to that agency that day", material(), false],
    [
      "agency in other case and punctuation",
      material({ Agency: "METRO police-department." }),
      false,
    ],
    ["no outreach that day", material({ Date: "04/11/2007" }), true],
    ["an agency the log never reached", material({ Agency: "County Jail" }), true],
  ])("%s: materials-without-outreach %p", (_name, row, warned) => {
    const found = checkMaterials(materialsOf([row]), LOG);
    expect(brief(found)).toEqual(
      warned
        ? [
            {
              sheet: "Materials Distributed",
              row: 2,
              column: "Agency",
              code: "materials-without-outreach",
              cell: "B2",
            },
          ]
        : []
    );
  });

  test("sums of Quantity by material and by wallet card language, Quarter and Cumulative", () => {
    const rows: MaterialRow[] = [
      material({ Material: "Wallet Card", Language: "English", Quantity: 100 }),
      material({ Material: "Wallet Card", Language: "spanish", Quantity: 50 }),
      material({ Material: "Wallet Card", Language: "Chinese", Quantity: 10 }),
      material({ Material: "Wallet Card", Language: "Russian", Quantity: 5 }),
      material({ Material: "Wallet Card", Language: "Other", Quantity: 2 }),
      material({ Material: "Roll Call DVD", Quantity: 3 }),
      material({ Material: "Presentation", Quantity: 1 }),
      material({ Material: "Other", Quantity: 7 }),
      material({ Date: "12/01/2006", Material: "Brochure", Quantity: 20 }),
      material({ Date: "09/30/2006", Material: "Brochure", Quantity: 999 }), // FY2006
      material({ Date: "07/01/2007", Material: "Brochure", Quantity: 999 }), // Q4
    ];
    const f = materialFigures(materialsOf(rows).entries, Q3);
    expect(f.quarter).toEqual({
      "materials.walletCard.english": 100,
      "materials.walletCard.spanish": 50,
      "materials.walletCard.chinese": 10,
      "materials.walletCard.russian": 5,
      "materials.walletCard.other": 2,
      "materials.walletCard": 167,
      "materials.brochure": 0,
      "materials.rollCallDvd": 3,
      "materials.presentation": 1,
      "materials.other": 7,
    });
    expect(f.cumulative["materials.brochure"]).toBe(20);
    expect(f.cumulative["materials.walletCard"]).toBe(167);
  });

  test("property: wallet cards of all languages = the sum of the languages", () => {
    const LANGS = ["English", "Spanish", "Chinese", "Russian", "Other"];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ lang: fc.integer({ min: 0, max: 4 }), n: fc.integer({ min: 1, max: 500 }) }),
          { maxLength: 30 }
        ),
        (gen) => {
          const rows = gen.map((g) =>
            material({ Material: "Wallet Card", Language: LANGS[g.lang], Quantity: g.n })
          );
          const f = materialFigures(materialsOf(rows).entries, Q3).quarter;
          const byLanguage =
            f["materials.walletCard.english"] +
            f["materials.walletCard.spanish"] +
            f["materials.walletCard.chinese"] +
            f["materials.walletCard.russian"] +
            f["materials.walletCard.other"];
          expect(f["materials.walletCard"]).toBe(byLanguage);
          expect(byLanguage).toBe(gen.reduce((s, g) => s + g.n, 0));
        }
      )
    );
  });
});

describe("Media Canvass", () => {
  test.each<[string, MediaRow, string, string, string]>([
    ["date missing", without(ad(), "Date"), "Date", "date-missing", "A2"],
    [
      "publication missing",
      without(ad(), "Publication"),
      "Publication",
      "publication-missing",
      "B2",
    ],
    ["country missing", without(ad(), "Country"), "Country", "country-missing", "C2"],
    ["offer missing", without(ad(), "Offer"), "Offer", "offer-missing", "D2"],
    ["offer unknown", ad({ Offer: "Marriage" }), "Offer", "offer-unknown", "D2"],
    [
      "Sent to HQ before the ad's date",
      ad({ Translated: "Y", "Sent to HQ": "04/09/2007" }),
      "Sent to HQ",
      "sent-before-ad-date",
      "F2",
    ],
    [
      "Sent to HQ unreadable",
      ad({ Translated: "Y", "Sent to HQ": "next week" }),
      "Sent to HQ",
      "date-unreadable",
      "F2",
    ],
  ])("error: %s", (_name, row, column, code, cell) => {
    const parsed = mediaOf([row, ad()]);
    expect(parsed.entries.map((e) => e.row)).toEqual([3]);
    expect(brief(parsed.findings)).toEqual([
      { sheet: "Media Canvass", row: 2, column, code, cell },
    ]);
  });

  test.each<[string, MediaRow, boolean]>([
    ["sent, not translated", ad({ "Sent to HQ": "04/20/2007" }), true],
    ["sent, translated N", ad({ Translated: "N", "Sent to HQ": "04/20/2007" }), true],
    ["sent, translated", ad({ Translated: "yes", "Sent to HQ": "04/20/2007" }), false],
    ["translated, not sent", ad({ Translated: "Y" }), false],
    ["sent on the ad's own day", ad({ Translated: "Y", "Sent to HQ": "04/10/2007" }), false],
  ])("warning: %s -> sent-not-translated %p", (_name, row, warned) => {
    const found = checkMedia(mediaOf([row]));
    expect(brief(found)).toEqual(
      warned
        ? [
            {
              sheet: "Media Canvass",
              row: 2,
              column: "Translated",
              code: "sent-not-translated",
              cell: "E2",
            },
          ]
        : []
    );
  });

  test("figures: counts by offer, total, translated, sent to HQ by the period's end", () => {
    const rows: MediaRow[] = [
      ad({ Offer: "labor", Translated: "Y", "Sent to HQ": "06/30/2007" }),
      ad({ Offer: "Education", Translated: "Y", "Sent to HQ": "07/01/2007" }), // sent after the end
      ad({ Offer: "Travel" }),
      ad({ Offer: "Work", Date: "11/15/2006", Translated: "Y", "Sent to HQ": "11/20/2006" }),
      ad({ Offer: "Travel", Date: "07/02/2007" }), // Q4
    ];
    const f = mediaFigures(mediaOf(rows).entries, Q3);
    expect(f.quarter).toEqual({
      "media.labor": 1,
      "media.education": 1,
      "media.travel": 1,
      "media.total": 3,
      "media.translated": 2,
      "media.sentToHq": 1,
    });
    expect(f.cumulative).toEqual({
      "media.labor": 2,
      "media.education": 1,
      "media.travel": 1,
      "media.total": 4,
      "media.translated": 3,
      "media.sentToHq": 2,
    });
  });
});

describe("analyzeTables: the three together", () => {
  test("only the tables given; findings name their sheets, in sheet order", () => {
    const result = analyzeTables({
      leads: tableGrid(LEAD_HEADERS, [lead({ Source: "?" })]),
      media: tableGrid(MEDIA_HEADERS, [ad({ Offer: "?" })], { sheet: "Ads" }),
      log: [],
      period: Q3,
      leadResponseDays: 30,
    });
    expect(result.materials).toBeUndefined();
    expect(brief(result.findings).map((f) => [f.sheet, f.code])).toEqual([
      ["Victim Leads", "source-unknown"],
      ["Ads", "offer-unknown"],
    ]);
    expect(result.errors).toBe(2);
    expect(result.leads?.figures?.quarter["leads.total"]).toBe(0);
  });

  test("no tables: nothing", () => {
    expect(analyzeTables({ log: [], leadResponseDays: 30 })).toEqual({
      findings: [],
      errors: 0,
      warnings: 0,
    });
  });

  test("no period: findings, no figures", () => {
    const result = analyzeTables({
      materials: tableGrid(MATERIAL_HEADERS, [material()]),
      log: [],
      leadResponseDays: 30,
    });
    expect(result.materials?.figures).toBeUndefined();
    expect(result.findings.map((f) => f.code)).toEqual(["materials-without-outreach"]);
  });
});
