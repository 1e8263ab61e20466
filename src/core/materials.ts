/**
 * The "Materials Distributed" table (leads-materials-assessment.md): one row = outreach materials
 * HQ supplied (wallet cards in four languages, brochures, the roll-call DVD, presentations) handed
 * to an agency on a day. Its columns, values, rules, checks and figures, in one place.
 */
import { Coercer, coerceText, countCoercer, dateCoercer, wordCoercer } from "./cells";
import { Day, usDate } from "./dates";
import { Finding } from "./findings";
import { Partners } from "./partners";
import { FiscalPeriod } from "./period";
import {
  Fields,
  HeaderWords,
  ParsedTable,
  ReportIssue,
  TableColumn,
  TableGrid,
  TableSpec,
  headersOf,
  tableColumn,
  readTable,
  tableRowSchema,
  tableFinding,
} from "./table";
import { tableFindings } from "./table-checks";
import { FigureLine, TableFigures, tallyTable } from "./table-figures";
import { synonyms } from "./words";

export const MATERIALS_SHEET = "Materials Distributed";
export const MATERIALS_TABLE = "MaterialsDistributed";

// ---- Values -----------------------------------------------------------------------------------

export const MATERIALS = [
  "Wallet Card",
  "Brochure",
  "Roll Call DVD",
  "Presentation",
  "Other",
] as const;
export type Material = (typeof MATERIALS)[number];
export const WALLET_CARD: Material = "Wallet Card";
const MATERIAL_WORDS = synonyms<Material>({
  "Wallet Card": ["Wallet Cards", "Laminated Wallet Card", "Wallet-size Card", "Card"],
  Brochure: ["Brochures", "Law Enforcement Brochure"],
  "Roll Call DVD": ["Roll-Call DVD", "Roll Call/Muster DVD", "Muster DVD", "DVD"],
  Presentation: ["Presentations"],
  Other: [],
});

export const LANGUAGES = ["English", "Spanish", "Chinese", "Russian", "Other"] as const;
export type Language = (typeof LANGUAGES)[number];
const LANGUAGE_WORDS = synonyms<Language>({
  English: ["EN", "ENG"],
  Spanish: ["ES", "SPA", "Español"],
  Chinese: ["ZH", "Mandarin", "Cantonese"],
  Russian: ["RU", "RUS"],
  Other: [],
});

// ---- Columns ----------------------------------------------------------------------------------

export interface MaterialFields {
  date: Day;
  agency: string;
  material: Material;
  language: Language;
  quantity: number;
}
export type MaterialColumnKey = keyof MaterialFields;

const column = tableColumn<MaterialColumnKey>;

/** The columns in the order `tips init` writes them. Language may be absent when no row needs it. */
export const MATERIAL_COLUMNS: readonly TableColumn<MaterialColumnKey>[] = [
  column("date", "Date", ["Date Distributed", "Distribution Date"]),
  column("agency", "Agency", ["Agency Name", "Recipient", "Distributed To", "Organization"]),
  column("material", "Material", ["Material Type", "Item", "Materials"]),
  column("language", "Language", ["Card Language"], true),
  column("quantity", "Quantity", ["Qty", "Number", "Count", "Quantity Distributed"]),
];
export const MATERIAL_HEADERS: readonly string[] = MATERIAL_COLUMNS.map((c) => c.header);
const H = headersOf(MATERIAL_COLUMNS);

const MATERIAL_COERCERS: { readonly [K in MaterialColumnKey]: Coercer<MaterialFields[K]> } = {
  date: dateCoercer(H.date),
  agency: coerceText,
  material: wordCoercer(H.material, MATERIAL_WORDS, MATERIALS, "material-unknown"),
  language: wordCoercer(H.language, LANGUAGE_WORDS, LANGUAGES, "language-unknown"),
  quantity: countCoercer(H.quantity),
};

/** The least Quantity a row may give: a row records materials that went out. */
export const MIN_QUANTITY = 1;

export function materialRules(
  f: Fields<MaterialFields>,
  report: ReportIssue<MaterialColumnKey>
): void {
  if (f.date === undefined) report("date", "date-missing", `${H.date} is missing.`);
  if (f.agency === undefined) report("agency", "agency-missing", `${H.agency} is missing.`);
  if (f.material === undefined)
    report("material", "material-missing", `${H.material} is missing: ${MATERIALS.join(", ")}.`);
  if (f.material === WALLET_CARD && f.language === undefined) {
    report(
      "language",
      "language-missing",
      `${H.language} is missing: a ${WALLET_CARD} row needs ${LANGUAGES.join(", ")}.`
    );
  }
  if (f.quantity === undefined) report("quantity", "count-missing", `${H.quantity} is missing.`);
  else if (f.quantity < MIN_QUANTITY) {
    report(
      "quantity",
      "count-too-small",
      `${H.quantity} is ${f.quantity}: a row records at least ${MIN_QUANTITY} item.`
    );
  }
}

/** A valid row, ready to count. */
export interface MaterialsEntry {
  readonly row: number;
  readonly date: Day;
  readonly agency: string;
  readonly material: Material;
  /** A Wallet Card's language (also kept when given for another material; not counted then). */
  readonly language?: Language;
  readonly quantity: number;
}

export const MATERIALS_SPEC: TableSpec<MaterialColumnKey, MaterialFields, MaterialsEntry> = {
  sheet: MATERIALS_SHEET,
  words: new HeaderWords(MATERIAL_COLUMNS),
  coercers: MATERIAL_COERCERS,
  rules: materialRules,
  entry: (f, row) => ({
    row,
    date: f.date as Day,
    agency: f.agency as string,
    material: f.material as Material,
    ...(f.language !== undefined ? { language: f.language } : {}),
    quantity: f.quantity as number,
  }),
};

export type ParsedMaterials = ParsedTable<MaterialColumnKey, MaterialsEntry>;

export function readMaterials(grid: TableGrid): ParsedMaterials {
  return readTable(MATERIALS_SPEC, grid);
}

/** The zod schema of one row (the task pane's form). */
export function materialRowSchema(date1904 = false) {
  return tableRowSchema(MATERIALS_SPEC, date1904);
}

// ---- Figures ----------------------------------------------------------------------------------

export type MaterialLineKey =
  | "materials.walletCard.english"
  | "materials.walletCard.spanish"
  | "materials.walletCard.chinese"
  | "materials.walletCard.russian"
  | "materials.walletCard.other"
  | "materials.walletCard"
  | "materials.brochure"
  | "materials.rollCallDvd"
  | "materials.presentation"
  | "materials.other";

export const MATERIALS_BLOCK_HEADING = "Outreach Materials";

const WALLET_CARD_LINE: Record<Language, MaterialLineKey> = {
  English: "materials.walletCard.english",
  Spanish: "materials.walletCard.spanish",
  Chinese: "materials.walletCard.chinese",
  Russian: "materials.walletCard.russian",
  Other: "materials.walletCard.other",
};
const MATERIAL_LINE: Record<Material, MaterialLineKey> = {
  "Wallet Card": "materials.walletCard",
  Brochure: "materials.brochure",
  "Roll Call DVD": "materials.rollCallDvd",
  Presentation: "materials.presentation",
  Other: "materials.other",
};

/** The block's lines in the report's order: wallet cards by language, then each material. */
export const MATERIAL_LINES: readonly FigureLine<MaterialLineKey>[] = [
  { key: "materials.walletCard.english", label: "Wallet cards, English" },
  { key: "materials.walletCard.spanish", label: "Wallet cards, Spanish" },
  { key: "materials.walletCard.chinese", label: "Wallet cards, Chinese" },
  { key: "materials.walletCard.russian", label: "Wallet cards, Russian" },
  { key: "materials.walletCard.other", label: "Wallet cards, other languages" },
  { key: "materials.walletCard", label: "Wallet cards, all languages" },
  { key: "materials.brochure", label: "Brochures" },
  { key: "materials.rollCallDvd", label: "Roll call DVDs" },
  { key: "materials.presentation", label: "Presentations" },
  { key: "materials.other", label: "Other materials" },
];
export const MATERIAL_LINE_KEYS: readonly MaterialLineKey[] = MATERIAL_LINES.map((l) => l.key);

export type MaterialFigures = TableFigures<MaterialLineKey>;

/** Sums of Quantity per line, Quarter and Cumulative by Date. */
export function materialFigures(
  entries: readonly MaterialsEntry[],
  period: FiscalPeriod
): MaterialFigures {
  return tallyTable(
    entries,
    period,
    MATERIAL_LINE_KEYS,
    (e) => e.date,
    (f, e) => {
      f[MATERIAL_LINE[e.material]] += e.quantity;
      if (e.material === WALLET_CARD && e.language !== undefined)
        f[WALLET_CARD_LINE[e.language]] += e.quantity;
    }
  );
}

// ---- Checks -----------------------------------------------------------------------------------

/**
 * Every finding of the table: its row errors, and the warnings: no outreach log row for that
 * agency on that date (when the log is given), text that starts like a formula.
 */
export function checkMaterials(
  parsed: ParsedMaterials,
  partners?: Partners<MaterialsEntry>
): Finding[] {
  const warnings: Finding[] = [];
  for (const e of parsed.entries) {
    if (partners && !partners.reachedOn(e.agency, e.date, e)) {
      warnings.push(
        tableFinding(
          parsed,
          e.row,
          "agency",
          "materials-without-outreach",
          `The outreach log has no row for ${e.agency} on ${usDate(e.date)}: log the outreach the materials went out with.`
        )
      );
    }
  }
  return tableFindings(parsed, warnings, ["agency"]);
}
