/**
 * The "Annual Assessment" sheet as data (next to seed-layout.ts's sheets): a title naming the
 * fiscal year, the marking, and a question a row in the survey's sections with the answer in the
 * cell to its right. Computed answers are grey (the add-in's cells, filled by `tips fill`); typed
 * answers are the office's, Y/N ones with a drop-down.
 */
import {
  ANSWER_HEADER,
  ASSESSMENT_SHEET,
  ASSESSMENT_TITLE,
  QUESTION_HEADER,
  SURVEY_SECTIONS,
  surveyQuestions,
} from "../core/assessment";
import { YES_NO_VALUES } from "../core/words";
import { REPORT_PRINT } from "./print-setup";
import { MARKING_NOTE, STYLE } from "./seed-layout";
import { LES_HEADER_FOOTER, LES_MARKING, SheetSpec, SpecCell } from "./sheet-spec";

/** The worksheet row of the Question / Answer headers. */
export const SURVEY_HEADER_ROW = 5;
export const SURVEY_NOTE =
  "Grey answers are computed from the Outreach Log and the tables when the report is filled; type the others (Y or N, or a whole number).";

export function assessmentTitle(fiscalYear: number | undefined): string {
  return fiscalYear === undefined ? ASSESSMENT_TITLE : `${ASSESSMENT_TITLE}, FY${fiscalYear}`;
}

export function assessmentSheet(
  fiscalYear: number | undefined,
  office: string | undefined,
  name = ASSESSMENT_SHEET
): SheetSpec {
  const cells: SpecCell[] = [
    { row: 1, col: 1, value: assessmentTitle(fiscalYear), style: STYLE.title },
    { row: 2, col: 1, value: office?.trim() || "", style: STYLE.label },
    { row: 3, col: 1, value: SURVEY_NOTE, style: STYLE.instruction },
    { row: SURVEY_HEADER_ROW, col: 1, value: QUESTION_HEADER, style: STYLE.columnHeader },
    { row: SURVEY_HEADER_ROW, col: 2, value: ANSWER_HEADER, style: STYLE.columnHeader },
  ];
  const yesNo: string[] = [];
  let row = SURVEY_HEADER_ROW;
  let section: string | undefined;
  for (const question of surveyQuestions(office)) {
    if (question.section !== section) {
      section = question.section;
      row++;
      cells.push({ row, col: 1, value: SURVEY_SECTIONS[question.section], style: STYLE.section });
      cells.push({ row, col: 2, value: null, style: STYLE.section });
    }
    row++;
    cells.push({ row, col: 1, value: question.label, style: { ...STYLE.line, wrap: true } });
    cells.push({
      row,
      col: 2,
      value: null,
      style:
        question.kind === "computed" ? STYLE.blankFigure : { ...STYLE.figure, align: "center" },
    });
    if (question.kind === "yesNo") yesNo.push(`B${row}`);
  }
  cells.push({ row: row + 2, col: 1, value: LES_MARKING, style: STYLE.marking });
  cells.push({ row: row + 3, col: 1, value: MARKING_NOTE, style: STYLE.instruction });
  return {
    name,
    cells,
    columnWidths: [
      { col: 1, width: 80 },
      { col: 2, width: 14 },
    ],
    rowHeights: [{ row: 3, height: 30 }],
    dataValidations: yesNo.map((ref) => ({ ref, list: YES_NO_VALUES })),
    headerFooter: LES_HEADER_FOOTER,
    freeze: { row: SURVEY_HEADER_ROW + 1, col: 1 },
    print: REPORT_PRINT,
  };
}
