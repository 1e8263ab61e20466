/**
 * The office's annual assessment over any workbook port: find the "Annual Assessment" sheet by its
 * question labels, read and check its typed answers, compute the answers the workbook already
 * holds (the log, and the optional tables it has), and fill those into their answer cells. Only
 * the computed answers' cells are written: a typed answer is the office's and is never touched.
 */
import {
  ASSESSMENT_SHEET,
  Answers,
  QUESTION,
  SurveyAnswers,
  TableAnswers,
  computedAnswers,
  isSurveySheet,
  readSurvey,
} from "../core/assessment";
import { LogEntry } from "../core/log";
import { FiscalPeriod } from "../core/period";
import { TableLayoutError } from "../core/table";
import { findSheet } from "../workbook/layout";
import { CellWrite, SheetGrid, WorkbookPort } from "../workbook/port";
import { loadTables } from "./tables";

/** The survey's sheet: "Annual Assessment" if it holds the questions, else any sheet that does. */
export async function findSurvey(port: WorkbookPort): Promise<SheetGrid | undefined> {
  return findSheet(port, ASSESSMENT_SHEET, isSurveySheet);
}

export interface OfficeSurvey {
  /** The typed answers, when the workbook has the sheet. */
  readonly answers?: SurveyAnswers;
  /** The computed answers for the fiscal year through the period's end. */
  readonly computed: Answers;
  /** Why a table's answers are missing (its header row cannot be used). */
  readonly notes: string[];
}

/** The tables' Cumulative figures, as the survey's computed answers take them. */
export async function officeTableFigures(
  port: WorkbookPort,
  period: FiscalPeriod,
  log: readonly LogEntry[],
  notes: string[]
): Promise<TableAnswers> {
  try {
    const { analysis } = await loadTables(port, { period, log });
    return {
      ...(analysis.leads?.figures ? { leads: analysis.leads.figures.cumulative } : {}),
      ...(analysis.materials?.figures ? { materials: analysis.materials.figures.cumulative } : {}),
      ...(analysis.media?.figures ? { media: analysis.media.figures.cumulative } : {}),
    };
  } catch (e) {
    if (!(e instanceof TableLayoutError)) throw e;
    notes.push(`the tables' answers are left blank: ${e.message}`);
    return {};
  }
}

/** The office's survey: its typed answers (if it has the sheet) and the computed answers. */
export async function loadSurvey(
  port: WorkbookPort,
  period: FiscalPeriod,
  log: readonly LogEntry[]
): Promise<OfficeSurvey> {
  const notes: string[] = [];
  const grid = await findSurvey(port);
  const computed = computedAnswers(log, period, await officeTableFigures(port, period, log, notes));
  return { ...(grid ? { answers: readSurvey(grid) } : {}), computed, notes };
}

export interface SurveyFill {
  readonly sheet: string;
  /** The computed answers written. */
  readonly written: number;
  readonly survey: OfficeSurvey;
}

/**
 * Write the computed answers into their cells (blank when the table they come from is absent).
 * Undefined when the workbook has no survey sheet.
 */
export async function fillSurvey(
  port: WorkbookPort,
  period: FiscalPeriod,
  log: readonly LogEntry[]
): Promise<SurveyFill | undefined> {
  const survey = await loadSurvey(port, period, log);
  if (!survey.answers) return undefined;
  const writes: CellWrite[] = survey.answers.found
    .filter((f) => QUESTION[f.key].kind === "computed")
    .map((f) => ({ row: f.row, col: f.answerCol, value: survey.computed[f.key] ?? null }));
  if (writes.length > 0) await port.writeCells(survey.answers.sheet, writes);
  return { sheet: survey.answers.sheet, written: writes.length, survey };
}
