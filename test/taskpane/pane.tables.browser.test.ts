/**
 * The task pane's Leads & materials forms, and the optional tables in Check and the report, in
 * the browser-only mode over real .xlsx files (downloaded and read back as the command line
 * reads them):
 * - each form (a lead, materials handed out, an ad found) adds one row to its table;
 * - a bad entry shows the field's message and adds nothing;
 * - a workbook without the sheet is offered it, and the row then goes in it;
 * - Check lists a table's finding naming its sheet, and shows that sheet's row;
 * - the report view shows the three blocks and the leads open past TIPS.LeadResponseDays;
 * - axe finds no serious or critical violation on the forms, and nothing leaves the machine.
 */
import fs from "fs";
import path from "path";
import { Page } from "playwright-core";
import {
  Browser,
  OUT,
  Server,
  axeProblems,
  downloadWorkbook,
  isLocal,
  openBrowserPane,
  requireChromium,
} from "./browser";
import { sampleLog } from "../../src/app/sample";
import { Day, dayFromYmd, serialFromDay } from "../../src/core/dates";
import { readLeads } from "../../src/core/leads";
import { readMaterials } from "../../src/core/materials";
import { readMedia } from "../../src/core/media";
import { parsePeriod } from "../../src/core/period";
import { findOptionalTables } from "../../src/workbook/layout";
import {
  LogRowValues,
  leadsSheet,
  logSheet,
  materialsSheet,
  mediaSheet,
  prospectiveSheet,
  reportSheet,
} from "../../src/workbook/seed-layout";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";

jest.setTimeout(180_000);

const PERIOD = parsePeriod("FY2007 Q3");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE = "SAC Houston";
const serial = (y: number, m: number, d: number) => serialFromDay(dayFromYmd(y, m, d), false);

/** Rows 4-8 of the Victim Leads sheet (its header is row 3, under the note). */
const LEAD_ROWS = [
  // Answered in 8 days.
  [
    serial(2007, 4, 2),
    "NGO",
    "Houston Police Department",
    "Interview Request",
    serial(2007, 4, 10),
    "Y",
    "",
  ],
  // Open at 06/30/2007 for 60 days: past the 30 allowed.
  [serial(2007, 5, 1), "Tip Line", "HHS Tip Line", "Victim Information", null, "", ""],
  // Open for 5 days: within the threshold.
  [serial(2007, 6, 25), "Federal Agency", "FBI Houston", "Other Lead", null, "", ""],
  // An error: not one of the eight sources (row 7).
  [serial(2007, 5, 3), "Psychic", "Harris County Sheriff", "Other Lead", null, "", ""],
  // Open at 06/30/2007 for 76 days.
  [serial(2007, 4, 15), "NGO", "YMCA International Services", "Interview Request", null, "N", ""],
];
const ERROR_ROW = 7;
const MATERIAL_ROWS = [[serial(2007, 4, 2), "Houston Police Department", "Brochure", "", 40]];
const MEDIA_ROWS = [
  [serial(2007, 5, 7), "El Heraldo", "Honduras", "Labor", "Y", serial(2007, 5, 9)],
];

let server: Server;
let browser: Browser;
let page: Page;
const axe: Record<string, string[]> = {};
const tablesFile = path.join(OUT, "tables-houston.xlsx");
const noTablesFile = path.join(OUT, "tables-none.xlsx");

const pane = () => page.locator("#panel-tables");
const form = (name: string) => pane().getByRole("form", { name });
/** One form's section: its messages and the form. */
const section = (table: string) => pane().locator(`section[data-table="${table}"]`);

async function writeBook(file: string, tables: boolean): Promise<void> {
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(PERIOD, OFFICE));
  await book.addSheet(logSheet(sampleLog(PERIOD, 60) as LogRowValues[]));
  await book.addSheet(prospectiveSheet());
  if (tables) {
    await book.addSheet(leadsSheet(LEAD_ROWS));
    await book.addSheet(materialsSheet(MATERIAL_ROWS));
    await book.addSheet(mediaSheet(MEDIA_ROWS));
  }
  fs.writeFileSync(file, book.save());
}

async function open(file: string): Promise<void> {
  await page.setInputFiles("#open-file", file);
  await page
    .locator(".file-bar")
    .getByText(`Opened ${path.basename(file)}.`)
    .waitFor();
}

async function choose(title: string): Promise<void> {
  await page.getByRole("tab", { name: "Leads & materials" }).click();
  await pane().getByRole("radio", { name: title }).check();
  await form(title).waitFor();
}

/** The tables as the command line reads the downloaded workbook. */
async function readBack(name: string) {
  const { book } = await downloadWorkbook(page, name);
  const found = await findOptionalTables(book);
  return {
    leads: found.leads ? readLeads(found.leads.grid) : undefined,
    materials: found.materials ? readMaterials(found.materials.grid) : undefined,
    media: found.media ? readMedia(found.media.grid) : undefined,
  };
}

/** The field messages the form shows, by label. */
async function fieldErrors(name: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await form(name).locator(".field").all()) {
    const error = f.locator(".field-error");
    if (await error.isHidden()) continue;
    out[(await f.locator("label").first().textContent()) ?? ""] = (await error.textContent()) ?? "";
  }
  return out;
}

beforeAll(async () => {
  requireChromium();
  fs.mkdirSync(OUT, { recursive: true });
  await writeBook(tablesFile, true);
  await writeBook(noTablesFile, false);
  ({ server, browser, page } = await openBrowserPane());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a form for each table", () => {
  test("a lead: saved as one row of the Victim Leads table, its text kept as text", async () => {
    await open(tablesFile);
    await choose("A victim lead");
    const lead = form("A victim lead");
    // The plain warning, above the fields.
    expect(await lead.locator(".no-identifying").textContent()).toMatch(
      /Do not enter a victim's name or any identifying details/
    );
    await lead.getByLabel("Date Received").fill("2007-06-01");
    await lead.getByLabel("Source").selectOption("Other Public Source");
    await lead.getByLabel("Referring Agency").fill("Catholic Charities");
    await lead.getByLabel("Request").selectOption("Victim Information");
    await lead.getByLabel("Date Responded").fill("2007-06-05");
    await lead.getByLabel("Case Opened").selectOption("Y");
    await lead.getByLabel("Notes").fill("=1+1 passed on by phone");
    axe.lead = await axeProblems(page);
    await lead.getByRole("button", { name: "Save the lead" }).click();
    await pane()
      .getByText(
        "Saved to the Victim Leads table, row 9: 06/01/2007, Victim Information from Catholic Charities."
      )
      .waitFor();
    await pane()
      .getByText(/Notes begins with "=": it is saved as text/)
      .waitFor();
    const { leads } = await readBack("tables-lead.xlsx");
    expect(leads!.dataRows).toBe(LEAD_ROWS.length + 1);
    const saved = leads!.entries.find((e) => e.row === 9)!;
    expect(saved).toMatchObject({
      received: dayFromYmd(2007, 6, 1),
      source: "otherPublic",
      referringAgency: "Catholic Charities",
      request: "Victim Information",
      responded: dayFromYmd(2007, 6, 5),
      caseOpened: true,
      notes: "=1+1 passed on by phone",
    });
    // Written as the spec spells it: the Source's label, not its key.
    expect(leads!.grid.values[9 - 3][1]).toBe("Other Public Source");
  });

  test("materials handed out: Language only for a Wallet Card; one row added", async () => {
    await choose("Materials handed out");
    const materials = form("Materials handed out");
    const language = materials.getByLabel("Language");
    await materials.getByLabel("Material").selectOption("Brochure");
    expect(await language.isHidden()).toBe(true);
    await materials.getByLabel("Material").selectOption("Wallet Card");
    expect(await language.isVisible()).toBe(true);
    await materials.getByLabel("Date").fill("2007-05-14");
    await materials.getByLabel("Agency").fill("Houston Police Department");
    await language.selectOption("Spanish");
    await materials.getByLabel("Quantity").fill("250");
    axe.materials = await axeProblems(page);
    await materials.getByRole("button", { name: "Save the materials" }).click();
    await pane()
      .getByText(
        "Saved to the Materials Distributed table, row 3: 05/14/2007, 250 × Wallet Card (Spanish) to Houston Police Department."
      )
      .waitFor();
    const back = await readBack("tables-materials.xlsx");
    expect(back.materials!.entries.map((e) => [e.row, e.material, e.language, e.quantity])).toEqual(
      [
        [2, "Brochure", undefined, 40],
        [3, "Wallet Card", "Spanish", 250],
      ]
    );
    // The lead saved before is still there.
    expect(back.leads!.dataRows).toBe(LEAD_ROWS.length + 1);
  });

  test("an ad found: one row of the Media Canvass table", async () => {
    await choose("An ad found");
    const ad = form("An ad found");
    await ad.getByLabel("Date", { exact: true }).fill("2007-06-11");
    await ad.getByLabel("Publication").fill("La Prensa Gráfica");
    await ad.getByLabel("Country").fill("El Salvador");
    await ad.getByLabel("Offer").selectOption("Education");
    await ad.getByLabel("Translated").selectOption("Y");
    await ad.getByLabel("Sent to HQ").fill("2007-06-12");
    axe.media = await axeProblems(page);
    await ad.getByRole("button", { name: "Save the ad" }).click();
    await pane()
      .getByText(
        "Saved to the Media Canvass table, row 3: 06/11/2007, Education ad in La Prensa Gráfica (El Salvador)."
      )
      .waitFor();
    const { media } = await readBack("tables-media.xlsx");
    expect(
      media!.entries.map((e) => [e.row, e.offer, e.country, e.translated, e.sentToHq])
    ).toEqual([
      [2, "Labor", "Honduras", true, dayFromYmd(2007, 5, 9)],
      [3, "Education", "El Salvador", true, dayFromYmd(2007, 6, 12) as Day],
    ]);
  });
});

describe("a bad entry shows the field's message and adds nothing", () => {
  test("a lead without Referring Agency, answered before it came in", async () => {
    await choose("A victim lead");
    const lead = form("A victim lead");
    await lead.getByLabel("Date Received").fill("2007-06-10");
    await lead.getByLabel("Source").selectOption("NGO");
    await lead.getByLabel("Request").selectOption("Other Lead");
    await lead.getByLabel("Date Responded").fill("2007-06-01");
    await lead.getByRole("button", { name: "Save the lead" }).click();
    await section("leads").getByText("Not saved: 2 fields need attention.").waitFor();
    expect(await fieldErrors("A victim lead")).toEqual({
      "Referring Agency": "Referring Agency is missing.",
      "Date Responded": "Date Responded 06/01/2007 is before Date Received 06/10/2007.",
    });
    expect(await lead.getByLabel("Referring Agency").getAttribute("aria-invalid")).toBe("true");
    axe.leadErrors = await axeProblems(page);
    const { leads } = await readBack("tables-bad-lead.xlsx");
    expect(leads!.dataRows).toBe(LEAD_ROWS.length + 1);
  });

  test("wallet cards without a language, and a quantity of 0", async () => {
    await choose("Materials handed out");
    const materials = form("Materials handed out");
    await materials.getByLabel("Date").fill("2007-06-02");
    await materials.getByLabel("Agency").fill("Pasadena Police Department");
    await materials.getByLabel("Material").selectOption("Wallet Card");
    await materials.getByLabel("Language").selectOption("");
    await materials.getByLabel("Quantity").fill("0");
    await materials.getByRole("button", { name: "Save the materials" }).click();
    await section("materials").getByText("Not saved: 2 fields need attention.").waitFor();
    const errors = await fieldErrors("Materials handed out");
    expect(errors.Language).toMatch(/^Language is missing: a Wallet Card row needs English/);
    expect(errors.Quantity).toBe("Quantity is 0: a row records at least 1 item.");
    axe.materialsErrors = await axeProblems(page);
    const { materials: back } = await readBack("tables-bad-materials.xlsx");
    expect(back!.dataRows).toBe(2);
  });

  test("an ad without its Country and Offer", async () => {
    await choose("An ad found");
    const ad = form("An ad found");
    await ad.getByLabel("Publication").fill("Diario");
    await ad.getByRole("button", { name: "Save the ad" }).click();
    await section("media").getByText("Not saved: 2 fields need attention.").waitFor();
    const errors = await fieldErrors("An ad found");
    expect(errors.Country).toBe("Country is missing.");
    expect(errors.Offer).toBe("Offer is missing: Labor, Education, Travel.");
    const { media } = await readBack("tables-bad-media.xlsx");
    expect(media!.dataRows).toBe(2);
  });
});

describe("the tables in Check and in the report", () => {
  test("Check lists the lead's error naming its sheet, and shows that sheet's row", async () => {
    await page.getByRole("tab", { name: "Check" }).click();
    await page.getByRole("button", { name: "Check the log" }).click();
    const said = page.locator("#panel-check .tables-checked");
    await said.waitFor();
    expect(await said.textContent()).toMatch(/^Victim Leads: 1 error, 3 warnings \(6 rows\)\./);
    const finding = page.locator("#panel-check .finding-button", { hasText: "Psychic" });
    expect(await finding.locator(".where").textContent()).toBe(
      `Victim Leads, row ${ERROR_ROW}, Source (B${ERROR_ROW})`
    );
    await finding.click();
    const caption = page.locator("#panel-check table.preview caption");
    await caption.waitFor();
    expect(await caption.textContent()).toBe(`Victim Leads, around row ${ERROR_ROW}`);
    expect(await page.locator("#panel-check td.current-cell").textContent()).toBe(
      "Psychic (this cell)"
    );
    const open = page.locator("#panel-check .finding-warning .what", {
      hasText: "more than the 30 allowed",
    });
    expect(await open.count()).toBe(2);
    axe.check = await axeProblems(page);
  });

  test("the report view shows the three blocks and the leads open more than 30 days", async () => {
    await page.getByRole("tab", { name: "Quarterly report" }).click();
    await page.locator("#panel-report").getByLabel("Reporting period").fill("FY2007 Q3");
    await page.locator("#panel-report").getByRole("button", { name: "Show the figures" }).click();
    const blocks = page.locator("#panel-report table.figure-block");
    await blocks.first().waitFor();
    expect(await blocks.locator("caption").allTextContents()).toEqual([
      "Victim Leads",
      "Outreach Materials",
      "Media Canvass",
    ]);
    const line = async (block: number, label: string) =>
      blocks
        .nth(block)
        .locator("tr", { has: page.getByRole("rowheader", { name: label, exact: true }) })
        .locator("td")
        .allTextContents();
    // Five valid leads (the one with an error is left out), all in Q3.
    expect(await line(0, "Total")).toEqual(["5", "5"]);
    expect(await line(0, "Interview requests")).toEqual(["2", "2"]);
    expect(await line(0, "Median days to respond")).toEqual(["6", "6"]);
    expect(await line(0, "Open at period end")).toEqual(["", "3"]);
    expect(await line(1, "Wallet cards, Spanish")).toEqual(["250", "250"]);
    expect(await line(1, "Brochures")).toEqual(["40", "40"]);
    expect(await line(2, "Total")).toEqual(["2", "2"]);
    const notice = page.locator("#panel-report .open-leads");
    expect(await notice.locator("strong").textContent()).toBe("2 leads open more than 30 days");
    const listed = await notice.locator("li").allTextContents();
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatch(
      /^Victim Leads row 5 \(E5\): Lead received 05\/01\/2007 from HHS Tip Line/
    );
    expect(listed[1]).toMatch(/^Victim Leads row 8 \(E8\): Lead received 04\/15\/2007 from YMCA/);
    axe.report = await axeProblems(page);
  });
});

describe("a workbook without the sheet", () => {
  test("the form offers to add it, then saves the row into it", async () => {
    await open(noTablesFile);
    await choose("A victim lead");
    const lead = form("A victim lead");
    await lead.getByLabel("Date Received").fill("2007-06-20");
    await lead.getByLabel("Source").selectOption("Confidential Informant");
    await lead.getByLabel("Referring Agency").fill("Galveston Police Department");
    await lead.getByLabel("Request").selectOption("Interview Request");
    await lead.getByRole("button", { name: "Save the lead" }).click();
    await pane().getByText("Not saved: the workbook has no Victim Leads table yet.").waitFor();
    expect((await readBack("tables-none-before.xlsx")).leads).toBeUndefined();
    await pane().getByRole("button", { name: "Add the Victim Leads sheet and save" }).click();
    await pane()
      .getByText(/^Saved to the Victim Leads table, row 4: 06\/20\/2007/)
      .waitFor();
    const { book } = await downloadWorkbook(page, "tables-none-after.xlsx");
    expect(await book.sheetNames()).toContain("Victim Leads");
    const found = await findOptionalTables(book);
    const leads = readLeads(found.leads!.grid);
    expect(leads.entries.map((e) => [e.row, e.source, e.referringAgency])).toEqual([
      [4, "informant", "Galveston Police Department"],
    ]);
    // The sheet Set up makes: the note above the table, an Excel table.
    expect(found.leads!.table).toBe("VictimLeads");
    expect(String((await book.readSheet("Victim Leads")).values[0][0])).toMatch(
      /Do not enter a victim's name/
    );
  });
});

describe("accessibility and the network", () => {
  test("axe: no serious or critical violation on the forms, their errors, Check and the report", () => {
    expect(Object.keys(axe).sort()).toEqual(
      ["check", "lead", "leadErrors", "materials", "materialsErrors", "media", "report"].sort()
    );
    for (const [where, problems] of Object.entries(axe))
      expect({ where, problems }).toEqual({ where, problems: [] });
  });

  test("no request beyond this machine, no policy violation, no page error", () => {
    // The only outside request is Office's own script, aborted before it is sent.
    expect(browser.blocked).toEqual([OFFICE_JS]);
    expect(browser.requests.filter((u) => !isLocal(u))).toEqual([OFFICE_JS]);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
