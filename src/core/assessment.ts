/**
 * The annual assessment (leads-materials-assessment.md, "The annual assessment"): the survey's
 * questions in one place, the answers the workbook already holds (computed from the log and the
 * optional tables, never typed), the typed answers found by their question labels and checked,
 * and the comparison of a year's figures with a baseline year's.
 */
import { normalizeLabel } from "./chart";
import { CellValue, countCoercer, isBlank, isFailure, shown } from "./cells";
import { Finding } from "./findings";
import { columnLetters } from "./cell-address";
import { LogEntry } from "./log";
import { LeadLineKey } from "./leads";
import { MaterialLineKey } from "./materials";
import { MediaLineKey } from "./media";
import { FiscalPeriod } from "./period";
import { periodWindows } from "./tally";
import { LEVELS, Level, NGO, TRAINING } from "./vocabulary";
import { YES_NO_WORDS, agencyKey, normalizeWord } from "./words";

export const ASSESSMENT_SHEET = "Annual Assessment";
export const ASSESSMENT_TITLE = "Annual Assessment";
/** The column headers above the questions. */
export const QUESTION_HEADER = "Question";
export const ANSWER_HEADER = "Answer";

export const SURVEY_SECTIONS = {
  outreach: "Outreach",
  coordination: "Coordination",
  coalition: "Coalition Building",
  attache: "Attaché Offices",
} as const;
export type SurveySection = keyof typeof SURVEY_SECTIONS;

/** The typed answers' keys (the spec's list). */
export const TYPED_KEYS = [
  "assessment.usaoTaskForce",
  "assessment.bjaTaskForce",
  "assessment.protocols",
  "assessment.pointsOfContact",
  "assessment.meetings",
  "assessment.partnerships",
  "assessment.jointInvestigations",
  "assessment.hostGovernmentTrainings",
  "assessment.ilea",
] as const;
export type TypedKey = (typeof TYPED_KEYS)[number];

/** The answers computed from the log (the tables' answers use the tables' own keys). */
export const LOG_ANSWER_KEYS = [
  "assessment.ngosContacted",
  "assessment.leAgencies.local",
  "assessment.leAgencies.state",
  "assessment.leAgencies.federal",
  "assessment.leAgencies.foreign",
  "assessment.trainingEvents",
  "assessment.trainingAttendees",
] as const;
export type LogAnswerKey = (typeof LOG_ANSWER_KEYS)[number];

export type ComputedKey = LogAnswerKey | MaterialLineKey | LeadLineKey | MediaLineKey;
export type QuestionKey = TypedKey | ComputedKey;

export type AnswerKind = "computed" | "yesNo" | "count";

export interface Question {
  readonly key: QuestionKey;
  readonly section: SurveySection;
  /** The label the sheet prints, and finds the answer by. */
  readonly label: string;
  readonly kind: AnswerKind;
  /** Where a computed answer comes from: the log or one of the optional tables. */
  readonly from?: "log" | "materials" | "leads" | "media";
}

const q = (
  section: SurveySection,
  key: QuestionKey,
  label: string,
  kind: AnswerKind,
  from?: Question["from"]
): Question => ({ key, section, label, kind, ...(from ? { from } : {}) });

/** The survey, in the sheet's order: a question a row. */
export const QUESTIONS: readonly Question[] = [
  q(
    "outreach",
    "assessment.ngosContacted",
    "NGOs contacted this fiscal year (distinct agencies)",
    "computed",
    "log"
  ),
  ...LEVELS.map((level) =>
    q(
      "outreach",
      `assessment.leAgencies.${level.toLowerCase()}` as LogAnswerKey,
      `Law enforcement agencies contacted: ${level} (distinct)`,
      "computed",
      "log"
    )
  ),
  q("outreach", "assessment.trainingEvents", "Training events held", "computed", "log"),
  q(
    "outreach",
    "assessment.trainingAttendees",
    "Training events: members in attendance",
    "computed",
    "log"
  ),
  q(
    "outreach",
    "materials.walletCard.english",
    "Wallet cards distributed: English",
    "computed",
    "materials"
  ),
  q(
    "outreach",
    "materials.walletCard.spanish",
    "Wallet cards distributed: Spanish",
    "computed",
    "materials"
  ),
  q(
    "outreach",
    "materials.walletCard.chinese",
    "Wallet cards distributed: Chinese",
    "computed",
    "materials"
  ),
  q(
    "outreach",
    "materials.walletCard.russian",
    "Wallet cards distributed: Russian",
    "computed",
    "materials"
  ),
  q(
    "outreach",
    "materials.walletCard.other",
    "Wallet cards distributed: other languages",
    "computed",
    "materials"
  ),
  q("outreach", "materials.brochure", "Brochures distributed", "computed", "materials"),
  q("outreach", "materials.rollCallDvd", "Roll call DVDs distributed", "computed", "materials"),
  q(
    "coordination",
    "assessment.usaoTaskForce",
    "Member of a U.S. Attorney-led human trafficking task force (Y/N)",
    "yesNo"
  ),
  q(
    "coordination",
    "assessment.bjaTaskForce",
    "Member of a BJA-funded state or local task force (Y/N)",
    "yesNo"
  ),
  q(
    "coordination",
    "assessment.protocols",
    "Agencies with a protocol for information exchange and lead dissemination",
    "count"
  ),
  q(
    "coordination",
    "assessment.pointsOfContact",
    "Dedicated points of contact established",
    "count"
  ),
  q("coordination", "assessment.meetings", "Periodic coordination meetings held", "count"),
  q(
    "coalition",
    "assessment.partnerships",
    "Long-term partnerships (agreements or standing arrangements)",
    "count"
  ),
  q(
    "coalition",
    "assessment.jointInvestigations",
    "Joint investigations with partner agencies funded through the Asset Forfeiture joint operations program",
    "count"
  ),
  q(
    "coalition",
    "leads.stateLocal",
    "Victim leads received: State/Local Law Enforcement",
    "computed",
    "leads"
  ),
  q("coalition", "leads.federal", "Victim leads received: Federal Agency", "computed", "leads"),
  q(
    "coalition",
    "leads.tipLine",
    "Victim leads received: DHS/DOJ/HHS Tip Line",
    "computed",
    "leads"
  ),
  q("coalition", "leads.ngo", "Victim leads received: NGO", "computed", "leads"),
  q(
    "coalition",
    "leads.informant",
    "Victim leads received: Confidential Informant",
    "computed",
    "leads"
  ),
  q(
    "coalition",
    "leads.cooperatingDefendant",
    "Victim leads received: Cooperating Defendant",
    "computed",
    "leads"
  ),
  q("coalition", "leads.foreign", "Victim leads received: Foreign Source", "computed", "leads"),
  q(
    "coalition",
    "leads.otherPublic",
    "Victim leads received: Other Public Source",
    "computed",
    "leads"
  ),
  q("coalition", "leads.casesOpened", "Cases opened from victim leads", "computed", "leads"),
  q("attache", "assessment.hostGovernmentTrainings", "Host-government trainings provided", "count"),
  q(
    "attache",
    "assessment.ilea",
    "Support to the International Law Enforcement Academies (Y/N)",
    "yesNo"
  ),
  q("attache", "media.sentToHq", "Translated ads sent to HQ", "computed", "media"),
];

export const QUESTION: Readonly<Record<QuestionKey, Question>> = Object.fromEntries(
  QUESTIONS.map((x) => [x.key, x])
) as Record<QuestionKey, Question>;

/** Y/N answers count as 1 / 0, so that the national figure is the number of offices answering Y. */
export type AnswerValue = number | null;
export type Answers = Partial<Record<QuestionKey, AnswerValue>>;

/** The questions a sheet for this office asks: the Attaché section for Attaché offices only
 * (an office not yet named gets every question). */
export function surveyQuestions(office: string | undefined): Question[] {
  const attache = office === undefined || /^\s*attach[eé](\s|$)/i.test(office);
  return QUESTIONS.filter((x) => attache || x.section !== "attache");
}

// ---- Computed answers ---------------------------------------------------------------------------

/** Figures of the optional tables, by line key (their Cumulative column), when the workbook has them. */
export interface TableAnswers {
  readonly leads?: Readonly<Record<LeadLineKey, number>>;
  readonly materials?: Readonly<Record<MaterialLineKey, number>>;
  readonly media?: Readonly<Record<MediaLineKey, number>>;
}

/**
 * The computed answers for the fiscal year through the period's end (Q4: the whole year): from
 * the log's valid rows, and from each table the workbook has (absent tables: no answer).
 */
export function computedAnswers(
  entries: readonly LogEntry[],
  period: FiscalPeriod,
  tables: TableAnswers
): Answers {
  const w = periodWindows(period);
  const ngos = new Set<string>();
  const le = new Map<Level, Set<string>>(LEVELS.map((l) => [l, new Set()]));
  let events = 0;
  let attendees = 0;
  for (const e of entries) {
    if (e.date < w.fyStart || e.date > w.end) continue;
    if (e.sector === NGO) ngos.add(agencyKey(e.agency));
    else if (e.level) le.get(e.level)!.add(agencyKey(e.agency));
    if (e.activity === TRAINING) {
      events++;
      attendees += e.attendees;
    }
  }
  const out: Answers = {
    "assessment.ngosContacted": ngos.size,
    "assessment.trainingEvents": events,
    "assessment.trainingAttendees": attendees,
  };
  for (const l of LEVELS)
    out[`assessment.leAgencies.${l.toLowerCase()}` as LogAnswerKey] = le.get(l)!.size;
  for (const x of QUESTIONS) {
    if (x.from === "leads" && tables.leads) out[x.key] = tables.leads[x.key as LeadLineKey];
    if (x.from === "materials" && tables.materials)
      out[x.key] = tables.materials[x.key as MaterialLineKey];
    if (x.from === "media" && tables.media) out[x.key] = tables.media[x.key as MediaLineKey];
  }
  return out;
}

// ---- The sheet: questions found by their labels -------------------------------------------------

export interface SurveyGrid {
  readonly sheet: string;
  readonly values: readonly (readonly CellValue[])[];
  /** The worksheet row and column of values[0][0]. */
  readonly top: number;
  readonly left: number;
}

/** Where a question was found: its label's cell; the answer is the cell to its right. */
export interface FoundQuestion {
  readonly key: QuestionKey;
  readonly row: number;
  readonly labelCol: number;
  readonly answerCol: number;
  readonly answer: CellValue;
}

/**
 * The ways a question may be labelled: its label; without the "(Y/N)" or any other parenthesis
 * ("Long-term partnerships"); its key ("assessment.meetings"). All compared as labels are.
 */
const LABEL_INDEX: ReadonlyMap<string, QuestionKey> = (() => {
  const index = new Map<string, QuestionKey>();
  const add = (text: string, key: QuestionKey): void => {
    const n = normalizeLabel(text);
    if (n !== "" && !index.has(n)) index.set(n, key);
  };
  for (const x of QUESTIONS) add(x.label, x.key);
  for (const x of QUESTIONS) add(x.label.replace(/\s*\([^)]*\)/g, ""), x.key);
  for (const x of QUESTIONS) add(x.key, x.key);
  return index;
})();

/** The question a cell's text names (case, spacing, punctuation and leading numbering ignored). */
export function questionOfLabel(v: CellValue): QuestionKey | undefined {
  if (typeof v !== "string") return undefined;
  const n = normalizeLabel(v);
  return n === "" ? undefined : LABEL_INDEX.get(n);
}

/** The question labels on a sheet (the first of each), with the answer cell to their right. */
export function findQuestions(grid: SurveyGrid): FoundQuestion[] {
  const found = new Map<QuestionKey, FoundQuestion>();
  grid.values.forEach((r, i) =>
    r.forEach((v, j) => {
      const key = questionOfLabel(v);
      if (!key || found.has(key)) return;
      found.set(key, {
        key,
        row: grid.top + i,
        labelCol: grid.left + j,
        answerCol: grid.left + j + 1,
        answer: r[j + 1] ?? null,
      });
    })
  );
  return [...found.values()];
}

/** How many labels a sheet must hold to be taken for the survey. */
export const MIN_SURVEY_LABELS = 3;

export function isSurveySheet(grid: SurveyGrid): boolean {
  return findQuestions(grid).length >= MIN_SURVEY_LABELS;
}

export interface SurveyAnswers {
  readonly sheet: string;
  /** The typed answers that are filled and valid (Y = 1, N = 0). */
  readonly typed: Partial<Record<TypedKey, number>>;
  /** The typed questions on the sheet with no answer yet. */
  readonly unanswered: TypedKey[];
  readonly found: FoundQuestion[];
  readonly findings: Finding[];
}

/** Read and check the typed answers: Y/N for yes-no questions, whole counts >= 0 for counts. */
export function readSurvey(grid: SurveyGrid): SurveyAnswers {
  const found = findQuestions(grid);
  const typed: Partial<Record<TypedKey, number>> = {};
  const unanswered: TypedKey[] = [];
  const findings: Finding[] = [];
  for (const f of found) {
    const question = QUESTION[f.key];
    if (question.kind === "computed") continue;
    const key = f.key as TypedKey;
    if (isBlank(f.answer)) {
      unanswered.push(key);
      continue;
    }
    const where = {
      sheet: grid.sheet,
      row: f.row,
      column: columnLetters(f.answerCol),
      cell: `${columnLetters(f.answerCol)}${f.row}`,
      severity: "error" as const,
    };
    if (question.kind === "yesNo") {
      const yn =
        typeof f.answer === "boolean"
          ? f.answer
            ? "Y"
            : "N"
          : YES_NO_WORDS.get(normalizeWord(shown(f.answer)));
      if (yn === undefined) {
        findings.push({
          ...where,
          code: "answer-not-yes-no",
          message: `"${question.label}": "${shown(f.answer)}" is not Y or N.`,
        });
      } else typed[key] = yn === "Y" ? 1 : 0;
      continue;
    }
    const n = countCoercer(`"${question.label}"`)(f.answer, false);
    if (isFailure(n)) findings.push({ ...where, code: n.code, message: n.message });
    else typed[key] = n;
  }
  return { sheet: grid.sheet, typed, unanswered, found, findings };
}

// ---- A year against its baseline ------------------------------------------------------------------

export interface Change {
  /** This year minus the baseline; null when either is missing. */
  readonly absolute: number | null;
  /** The change in percent of the baseline (one decimal); null when the baseline is 0 or missing. */
  readonly percent: number | null;
}

export interface ComparedLine {
  readonly key: string;
  readonly fy: number | null;
  readonly baseline: number | null;
  readonly change: Change;
}

export function change(fy: number | null, baseline: number | null): Change {
  if (fy === null || baseline === null) return { absolute: null, percent: null };
  const absolute = fy - baseline;
  const percent = baseline === 0 ? null : Math.round((absolute / baseline) * 1000) / 10;
  return { absolute, percent };
}

/** Each key's figure beside the baseline's (keys in the order given). */
export function compareLines(
  keys: readonly string[],
  fy: Readonly<Record<string, number | null | undefined>>,
  baseline?: Readonly<Record<string, number | null | undefined>>
): ComparedLine[] {
  return keys.map((key) => {
    const a = fy[key] ?? null;
    const b = baseline?.[key] ?? null;
    return { key, fy: a, baseline: b, change: change(a, b) };
  });
}

/**
 * The national figure of each key: the sum of the offices' figures (a Y/N answer is 1 for Y, so
 * its sum is the number of offices answering Y) (0 when no office has one).
 */
export function nationalSum(
  keys: readonly string[],
  offices: readonly Readonly<Record<string, number | null | undefined>>[]
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const key of keys) {
    let sum = 0;
    for (const o of offices) {
      const v = o[key];
      if (typeof v === "number") sum += v;
    }
    out[key] = sum;
  }
  return out;
}
