/**
 * Office workbooks for the annual tests: the seed's sheets made by the project's own builders,
 * the chart filled as `tips fill` fills it, the optional tables when given, and the Annual
 * Assessment sheet with typed answers written beside their labels (as an office types them).
 */
import { strictReader } from "../helpers/strict-xlsx";
import { QUESTION, TypedKey } from "../../src/core/assessment";
import { FiscalPeriod, formatPeriod } from "../../src/core/period";
import { SETTING } from "../../src/core/settings";
import { fillQuarterly, loadQuarterly } from "../../src/app/quarterly";
import { fillSurvey, findSurvey } from "../../src/app/survey";
import { assessmentSheet } from "../../src/workbook/assessment-layout";
import {
  TableRowValues,
  leadsSheet,
  logSheet,
  materialsSheet,
  prospectiveSheet,
  reportSheet,
} from "../../src/workbook/seed-layout";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { Row } from "../consolidate/builders";

export interface OfficeSpec {
  office: string;
  period: FiscalPeriod;
  rows: Row[];
  materials?: TableRowValues[];
  leads?: TableRowValues[];
  /** Typed answers, by key; `survey: false` leaves the sheet out. */
  answers?: Partial<Record<TypedKey, string | number>>;
  survey?: boolean;
  submitted?: string;
}

/** The workbook, open (to look at it) and saved. */
export async function officeBook(spec: OfficeSpec): Promise<XlsxAdapter> {
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(spec.period, spec.office));
  await book.addSheet(logSheet(spec.rows));
  await book.addSheet(prospectiveSheet());
  if (spec.materials) await book.addSheet(materialsSheet(spec.materials));
  if (spec.leads) await book.addSheet(leadsSheet(spec.leads));
  if (spec.survey !== false) {
    await book.addSheet(assessmentSheet(spec.period.fiscalYear, spec.office));
    const grid = (await findSurvey(book))!;
    const rowOf = new Map<string, number>();
    grid.values.forEach((r, i) => {
      if (typeof r[0] === "string") rowOf.set(r[0], grid.top + i);
    });
    const writes = Object.entries(spec.answers ?? {}).map(([key, value]) => ({
      row: rowOf.get(QUESTION[key as TypedKey].label)!,
      col: 2,
      value,
    }));
    if (writes.length) await book.writeCells(grid.sheet, writes);
  }
  const q = await loadQuarterly(book, { period: formatPeriod(spec.period) });
  await fillQuarterly(book, q, { force: true });
  await fillSurvey(book, q.period, q.report.log.entries);
  if (spec.submitted) await book.setSetting(SETTING.submitted, spec.submitted);
  return book;
}

export async function officeWorkbook(spec: OfficeSpec): Promise<Uint8Array> {
  return (await officeBook(spec)).save();
}

/** The shared strict reader: ../shared beside the clone (or beside the folder of worktrees). */
/** The shared strict SpreadsheetML reader (test/helpers/strict-xlsx.ts finds it). */
export const STRICT = strictReader();
