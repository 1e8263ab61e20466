/**
 * Moving a formula the way Excel fills it: relative references shift, absolute ones ($A$1)
 * stay. Used when the master cell of a shared formula is overwritten and the next cell of the
 * group must carry the formula text. Strings, quoted sheet names and [structured references]
 * are left alone; a reference pushed off the sheet becomes #REF!.
 */
import { MAX_COLS, MAX_ROWS, columnLetters } from "./cellref";

const IDENT = /[A-Za-z0-9_.$\\]/;
const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)$/;
const COLUMN = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)([0-9]+)$/;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function shiftCol(abs: string, letters: string, d: number): string | null {
  const c = abs ? colNumber(letters) : colNumber(letters) + d;
  return c < 1 || c > MAX_COLS ? null : abs + columnLetters(c);
}

function shiftRow(abs: string, digits: string, d: number): string | null {
  const r = abs ? +digits : +digits + d;
  return r < 1 || r > MAX_ROWS ? null : abs + r;
}

function shiftToken(
  token: string,
  kind: "cell" | "col" | "row",
  dRow: number,
  dCol: number
): string {
  let out: string | null = null;
  if (kind === "cell") {
    const m = CELL.exec(token) as RegExpExecArray;
    const c = shiftCol(m[1], m[2], dCol);
    const r = shiftRow(m[3], m[4], dRow);
    out = c && r ? c + r : null;
  } else if (kind === "col") {
    const m = COLUMN.exec(token) as RegExpExecArray;
    out = shiftCol(m[1], m[2], dCol);
  } else {
    const m = ROW.exec(token) as RegExpExecArray;
    out = shiftRow(m[1], m[2], dRow);
  }
  return out ?? "#REF!";
}

/** A reference in a formula: one cell, row or column, or both ends of a range ("A1:B2"). */
export interface FormulaRef {
  readonly text: string;
  readonly kind: "cell" | "col" | "row";
  /** The sheet named before it ("Notes" in Notes!A1); undefined when unqualified. */
  readonly sheet?: string;
}

/**
 * The formula with each reference replaced by `replace`'s text. String literals, quoted sheet
 * names, [structured references] and function names (LOG10 is not a cell) are left alone.
 */
export function mapReferences(formula: string, replace: (ref: FormulaRef) => string): string {
  let out = "";
  let sheet: string | undefined;
  const n = formula.length;
  let i = 0;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name; a doubled quote stays inside.
      let j = i + 1;
      while (j < n && !(formula[j] === ch && formula[j + 1] !== ch)) j += formula[j] === ch ? 2 : 1;
      const literal = formula.slice(i, j + 1);
      out += literal;
      i = j + 1;
      if (ch === "'" && formula[i] === "!") {
        sheet = literal.slice(1, -1).replace(/''/g, "'");
        out += "!";
        i++;
      }
      continue;
    }
    if (ch === "[") {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (!IDENT.test(ch)) {
      out += ch;
      i++;
      sheet = undefined;
      continue;
    }
    let j = i;
    while (j < n && IDENT.test(formula[j])) j++;
    let token = formula.slice(i, j);
    if (formula[j] === "!") {
      sheet = token;
      out += `${token}!`;
      i = j + 1;
      continue;
    }
    let kind: FormulaRef["kind"] | undefined = CELL.test(token) ? "cell" : undefined;
    if (formula[j] === ":") {
      let k = j + 1;
      while (k < n && IDENT.test(formula[k])) k++;
      const partner = formula.slice(j + 1, k);
      const pair = (re: RegExp) => re.test(token) && re.test(partner);
      const range = pair(CELL) ? "cell" : pair(ROW) ? "row" : pair(COLUMN) ? "col" : undefined;
      if (range) {
        kind = range;
        token = `${token}:${partner}`;
        j = k;
      }
    }
    const isRef = kind !== undefined && formula[j] !== "(";
    out += isRef
      ? replace({ text: token, kind: kind!, ...(sheet !== undefined ? { sheet } : {}) })
      : token;
    sheet = undefined;
    i = j;
  }
  return out;
}

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  return mapReferences(formula, (ref) =>
    ref.text
      .split(":")
      .map((t) => shiftToken(t, ref.kind, dRow, dCol))
      .join(":")
  );
}
