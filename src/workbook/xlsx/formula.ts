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

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  let out = "";
  const n = formula.length;
  let i = 0;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // string literal or quoted sheet name; a doubled quote stays inside
      let j = i + 1;
      while (j < n && !(formula[j] === ch && formula[j + 1] !== ch)) j += formula[j] === ch ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
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
      continue;
    }
    let j = i;
    while (j < n && IDENT.test(formula[j])) j++;
    const token = formula.slice(i, j);
    const next = formula[j];
    const prev = out.length ? out[out.length - 1] : "";
    const isSheetName = next === "!";
    const isFunction = next === "(";
    const afterColon = prev === ":";
    const beforeColon = next === ":";
    let kind: "cell" | "col" | "row" | null = null;
    if (!isSheetName && !isFunction) {
      if (CELL.test(token)) kind = "cell";
      else if (
        (beforeColon || afterColon) &&
        COLUMN.test(token) &&
        rangePartner(formula, i, j, COLUMN)
      ) {
        kind = "col";
      } else if (
        (beforeColon || afterColon) &&
        ROW.test(token) &&
        rangePartner(formula, i, j, ROW)
      ) {
        kind = "row";
      }
    }
    out += kind ? shiftToken(token, kind, dRow, dCol) : token;
    i = j;
  }
  return out;
}

/** For "A:C" or "1:3": the token on the other side of the colon is of the same kind. */
function rangePartner(f: string, start: number, end: number, re: RegExp): boolean {
  if (f[end] === ":") {
    let k = end + 1;
    while (k < f.length && IDENT.test(f[k])) k++;
    return re.test(f.slice(end + 1, k));
  }
  if (f[start - 1] === ":") {
    let k = start - 2;
    while (k >= 0 && IDENT.test(f[k])) k--;
    return re.test(f.slice(k + 1, start - 1));
  }
  return false;
}
