/**
 * HQ's year (leads-materials-assessment.md, "The annual assessment"): the offices' returns for a
 * fiscal year in, each office's status and year's figures and the national figures out, each
 * beside a baseline year's. Which return counts for an office is consolidation's rule, applied
 * quarter by quarter (src/core/consolidate.ts): the office's year is the FY cumulative of the
 * latest quarter it reached with a return consolidation counts (Q4: complete; earlier: partial).
 *
 * Pure: the workbook reading is in src/app/annual.ts.
 */
import { LINE_KEYS } from "./chart";
import {
  COUNTED,
  ConsolidateOptions,
  ReturnInput,
  StatusRow,
  UNREADABLE_STATUS,
  consolidate,
  findingLine,
  lineName,
  officeKey,
} from "./consolidate";
import {
  ComparedLine,
  LOG_ANSWER_KEYS,
  QUESTION,
  QuestionKey,
  TYPED_KEYS,
  compareLines,
  nationalSum,
} from "./assessment";
import { LEADS_BLOCK_HEADING, LEAD_LINES } from "./leads";
import { MATERIALS_BLOCK_HEADING, MATERIAL_LINES } from "./materials";
import { MEDIA_BLOCK_HEADING, MEDIA_LINES } from "./media";
import { FiscalPeriod, Quarter, formatPeriod } from "./period";

/** Every line of the year, in the annual workbook's order, with its label. */
export const ANNUAL_LINES: readonly { readonly key: string; readonly label: string }[] = [
  ...LINE_KEYS.map((key) => ({ key, label: lineName(key) })),
  ...LEAD_LINES.map((l) => ({ key: l.key, label: `${LEADS_BLOCK_HEADING}: ${l.label}` })),
  ...MATERIAL_LINES.map((l) => ({ key: l.key, label: `${MATERIALS_BLOCK_HEADING}: ${l.label}` })),
  ...MEDIA_LINES.map((l) => ({ key: l.key, label: `${MEDIA_BLOCK_HEADING}: ${l.label}` })),
  ...[...LOG_ANSWER_KEYS, ...TYPED_KEYS].map((key) => ({
    key,
    label: `Assessment: ${QUESTION[key as QuestionKey].label}`,
  })),
];
export const ANNUAL_KEYS: readonly string[] = ANNUAL_LINES.map((l) => l.key);
export const ANNUAL_LABEL: ReadonlyMap<string, string> = new Map(
  ANNUAL_LINES.map((l) => [l.key, l.label])
);

export const ANNUAL_STATUSES = [
  "complete",
  "partial",
  "superseded",
  "other-fiscal-year",
  "invalid",
  "not-a-return",
  "missing",
] as const;
export type AnnualStatus = (typeof ANNUAL_STATUSES)[number];

export const ANNUAL_STATUS_MEANING: Readonly<Record<AnnualStatus, string>> = {
  complete: "counted: the office's Q4 return (its cumulative is the year)",
  partial: "counted: the latest quarter the office reached (no valid Q4 return)",
  superseded: "not counted: an earlier quarter's return, or an older copy of the counted one",
  "other-fiscal-year": "not counted: the return is for another fiscal year",
  invalid: "not counted: the return is damaged or cannot be used as it is (see the reason)",
  "not-a-return": "not counted: the file is not an office's quarterly return",
  missing: "no return: the office is on the roster but sent nothing counted for the year",
};

export type LineValues = Readonly<Record<string, number | null | undefined>>;

/** One returned file as the annual roll-up takes it: its return, and its year's lines. */
export interface AnnualReturn {
  readonly input: ReturnInput;
  /** Its lines for its own period (chart cumulative, tables, survey); only for a read return. */
  readonly lines?: LineValues;
  /** It has the survey sheet with at least one typed answer. */
  readonly surveyAnswered?: boolean;
  /** Survey findings and table notes, said in the office's row. */
  readonly notes?: readonly string[];
}

/** A baseline year: an earlier annual workbook read back. */
export interface AnnualBaseline {
  readonly fiscalYear: number;
  readonly file?: string;
  readonly national: LineValues;
  readonly offices: readonly { readonly office: string; readonly lines: LineValues }[];
}

export interface AnnualOptions extends Pick<ConsolidateOptions, "roster"> {
  readonly baseline?: AnnualBaseline;
}

/** One row per file given and per missing office. */
export interface AnnualFileStatus {
  readonly office?: string;
  readonly file?: string;
  readonly status: AnnualStatus;
  /** The return's own period, when it was read. */
  readonly period?: FiscalPeriod;
  readonly reason: string;
}

export interface AnnualOffice {
  readonly office: string;
  readonly status: AnnualStatus;
  /** The quarter its counted return reached (4 when complete). */
  readonly quarter?: Quarter;
  readonly file?: string;
  readonly surveyAnswered: boolean;
  readonly notes: readonly string[];
  readonly lines: ComparedLine[];
}

export interface AnnualReport {
  readonly fiscalYear: number;
  readonly baseline?: { readonly fiscalYear: number; readonly file?: string };
  readonly national: ComparedLine[];
  readonly offices: AnnualOffice[];
  readonly files: AnnualFileStatus[];
  readonly notes: string[];
}

const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

const statusReason = (s: StatusRow): string =>
  [...s.notes, ...s.findings.map(findingLine)].join("; ");

/** The year from every file given. */
export function annual(
  fiscalYear: number,
  returns: readonly AnnualReturn[],
  options: AnnualOptions = {}
): AnnualReport {
  const inputs = returns.map((r) => r.input);
  // Consolidation's verdict on each file, for each quarter of the year.
  const byQuarter = QUARTERS.map((quarter) => {
    const period = { fiscalYear, quarter };
    const rows = consolidate(period, inputs, {
      ...(options.roster ? { roster: options.roster } : {}),
    }).statuses;
    return {
      period,
      byIndex: new Map(rows.filter((s) => s.index !== undefined).map((s) => [s.index!, s])),
    };
  });
  // Each office's counted return: the latest quarter with one.
  const winner = new Map<string, { index: number; quarter: Quarter; office: string }>();
  for (const { period, byIndex } of byQuarter) {
    for (const [index, s] of byIndex) {
      if (!COUNTED.has(s.status) || !s.office) continue;
      winner.set(officeKey(s.office), { index, quarter: period.quarter, office: s.office });
    }
  }
  const winningIndex = new Map([...winner.values()].map((w) => [w.index, w]));

  const files: AnnualFileStatus[] = inputs.map((input, index) => {
    const base = { file: input.file, ...(input.office ? { office: input.office } : {}) };
    const w = winningIndex.get(index);
    if (w) {
      return {
        ...base,
        office: w.office,
        status: w.quarter === 4 ? "complete" : "partial",
        period: { fiscalYear, quarter: w.quarter },
        reason:
          w.quarter === 4
            ? `FY${fiscalYear} Q4 return`
            : `latest quarter reached: ${formatPeriod({ fiscalYear, quarter: w.quarter })}`,
      };
    }
    if (input.kind !== "report") {
      return { ...base, status: UNREADABLE_STATUS[input.kind], reason: input.reason };
    }
    const period = input.period;
    if (period.fiscalYear !== fiscalYear) {
      return {
        ...base,
        status: "other-fiscal-year",
        period,
        reason: `the return is for ${formatPeriod(period)}, not FY${fiscalYear}`,
      };
    }
    const own = byQuarter[period.quarter - 1].byIndex.get(index)!;
    const office = own.office ?? input.office;
    if (own.status === "invalid" || own.status === "not-a-return") {
      return {
        ...base,
        ...(office ? { office } : {}),
        status: own.status,
        period,
        reason: statusReason(own),
      };
    }
    const counted = office ? winner.get(officeKey(office)) : undefined;
    const why =
      own.status === "superseded"
        ? statusReason(own)
        : counted
          ? `the office's ${formatPeriod({ fiscalYear, quarter: counted.quarter })} return is counted`
          : statusReason(own);
    return { ...base, ...(office ? { office } : {}), status: "superseded", period, reason: why };
  });

  // Offices: every counted office, every roster office, every office a file names.
  const offices = new Map<
    string,
    { office: string; status: AnnualStatus; file?: string; reason?: string }
  >();
  for (const [key, w] of winner) {
    offices.set(key, {
      office: w.office,
      status: w.quarter === 4 ? "complete" : "partial",
      file: inputs[w.index].file,
    });
  }
  for (const name of options.roster ?? []) {
    const key = officeKey(name);
    if (offices.has(key)) continue;
    const elsewhere = files.filter((f) => f.office && officeKey(f.office) === key);
    offices.set(key, {
      office: name,
      status: "missing",
      reason: elsewhere.length
        ? `no counted return for FY${fiscalYear}: only ${elsewhere.map((f) => `${f.file} (${f.status})`).join(", ")}`
        : `no return for FY${fiscalYear}`,
    });
  }
  for (const f of files) {
    if (!f.office || offices.has(officeKey(f.office))) continue;
    offices.set(officeKey(f.office), {
      office: f.office,
      status: f.status,
      ...(f.file ? { file: f.file } : {}),
      reason: f.reason,
    });
  }
  // A missing office has a row of the status table too, as in consolidation.
  for (const o of offices.values()) {
    if (o.status === "missing")
      files.push({ office: o.office, status: "missing", reason: o.reason ?? "" });
  }

  const baselineOf = new Map(
    (options.baseline?.offices ?? []).map((o) => [officeKey(o.office), o.lines])
  );
  const counted: LineValues[] = [];
  const officeRows: AnnualOffice[] = [...offices.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, o]) => {
      const w = winner.get(key);
      const r = w ? returns[w.index] : undefined;
      const lines = r?.lines ?? {};
      if (r) counted.push(lines);
      return {
        office: o.office,
        status: o.status,
        ...(w ? { quarter: w.quarter } : {}),
        ...(o.file ? { file: o.file } : {}),
        surveyAnswered: r?.surveyAnswered ?? false,
        notes: [...(o.reason ? [o.reason] : []), ...(r?.notes ?? [])],
        lines: compareLines(
          ANNUAL_KEYS,
          lines,
          options.baseline ? (baselineOf.get(key) ?? {}) : undefined
        ),
      };
    });

  const notes: string[] = [];
  const b = options.baseline;
  if (b && b.fiscalYear >= fiscalYear) {
    notes.push(
      `the baseline${b.file ? ` ${b.file}` : ""} is for FY${b.fiscalYear}, not an earlier year than FY${fiscalYear}`
    );
  }
  return {
    fiscalYear,
    ...(b ? { baseline: { fiscalYear: b.fiscalYear, ...(b.file ? { file: b.file } : {}) } } : {}),
    national: compareLines(ANNUAL_KEYS, nationalSum(ANNUAL_KEYS, counted), b?.national),
    offices: officeRows,
    files: files.sort(
      (x, y) =>
        (x.office ?? "\uffff").toLowerCase().localeCompare((y.office ?? "\uffff").toLowerCase()) ||
        ANNUAL_STATUSES.indexOf(x.status) - ANNUAL_STATUSES.indexOf(y.status) ||
        (x.file ?? "").localeCompare(y.file ?? "")
    ),
    notes,
  };
}

/** "2 complete, 1 partial, 1 missing": the counts of each office status. */
export function annualSummary(offices: readonly { status: AnnualStatus }[]): string {
  const counts = ANNUAL_STATUSES.map(
    (s) => [s, offices.filter((o) => o.status === s).length] as const
  ).filter(([, n]) => n > 0);
  return counts.length === 0 ? "no offices" : counts.map(([s, n]) => `${n} ${s}`).join(", ");
}
