/**
 * The LES/FOUO marking of a sheet's header and footer: one rule for both workbook adapters. Pure:
 * no Office, no files. The Excel API gives a header as three sections (left, center, right); the
 * file format keeps it as one string of codes ("&L...&C...&R..."); both come here as sections.
 *
 * The rule, for the header and for the footer alike: one that already carries the marking is
 * left alone; an empty one takes the whole marking (the footer's page numbers included); one that
 * holds something elsewhere takes just the marking's own section (the header's centre, the
 * footer's left) if that section is free; otherwise it is left as it is and the sheet reported
 * "occupied": a section the user filled is never overwritten.
 */
import { LES_HEADER_FOOTER } from "./sheet-spec";

export interface HeaderFooterSections {
  left: string;
  center: string;
  right: string;
}

/** A page's header and footer, each as its three sections. */
export interface PageSections {
  header: HeaderFooterSections;
  footer: HeaderFooterSections;
}

/** "already": both carry the marking; "occupied": one could not take it (a section is taken). */
export type MarkVerdict = "marked" | "already" | "occupied";

export interface MarkDecision {
  readonly verdict: MarkVerdict;
  /** The sections to have now (equal to the current ones where nothing changes). */
  readonly header: HeaderFooterSections;
  readonly footer: HeaderFooterSections;
  readonly changed: boolean;
}

/** What marking every sheet of a workbook did, by sheet name. */
export interface MarkSheetsResult {
  readonly marked: string[];
  readonly already: string[];
  readonly occupied: string[];
}

/** Excel refuses a header or footer longer than this (all three sections with their codes). */
export const MAX_HEADER_FOOTER_LENGTH = 255;

const SECTIONS = ["left", "center", "right"] as const;
const CODE: Record<keyof HeaderFooterSections, string> = { left: "&L", center: "&C", right: "&R" };

/**
 * Split the file format's header string on &L, &C, &R (an "&&" is a literal ampersand; other
 * codes such as &P, &N, &"font" stay in their section). Text before any section code is centred.
 */
export function headerSections(code: string): HeaderFooterSections {
  const out: HeaderFooterSections = { left: "", center: "", right: "" };
  let section: keyof HeaderFooterSections = "center";
  let text = "";
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === "&" && i + 1 < code.length) {
      const next = code[i + 1];
      const key = next === "L" ? "left" : next === "C" ? "center" : next === "R" ? "right" : null;
      if (key) {
        out[section] += text;
        text = "";
        section = key;
        i++;
        continue;
      }
      text += ch + next; // another code (&P, &N, &"font", &&): kept as it is
      i++;
      continue;
    }
    text += ch;
  }
  out[section] += text;
  return out;
}

/** The file format's string for three sections ("" for none); headerSections reads it back. */
export function composeSections(sections: HeaderFooterSections): string {
  return SECTIONS.map((k) => (sections[k] ? `${CODE[k]}${sections[k]}` : "")).join("");
}

/** The marking's words, however the header formats them. */
export function hasMarking(text: string): boolean {
  return /LAW\s+ENFORCEMENT\s+SENSITIVE/i.test(text);
}

const isEmpty = (s: HeaderFooterSections): boolean => SECTIONS.every((k) => s[k] === "");

/** One part (header or footer): its new sections, or "blocked", or "already". */
function markPart(
  current: HeaderFooterSections,
  marking: HeaderFooterSections
): HeaderFooterSections | "already" | "blocked" {
  if (hasMarking(composeSections(current))) return "already";
  if (isEmpty(current)) return { ...marking };
  const own = SECTIONS.filter((k) => hasMarking(marking[k]));
  if (own.some((k) => current[k] !== "")) return "blocked";
  const next = { ...current };
  for (const k of own) next[k] = marking[k];
  return next;
}

const LES_SECTIONS: PageSections = {
  header: headerSections(LES_HEADER_FOOTER.oddHeader),
  footer: headerSections(LES_HEADER_FOOTER.oddFooter),
};

/** The rule (see the top of this file) for one page's header and footer. */
export function decideMarking(
  current: PageSections,
  marking: PageSections = LES_SECTIONS
): MarkDecision {
  const part = (p: "header" | "footer") => {
    const r = markPart(current[p], marking[p]);
    // Too long for Excel with the marking added: left alone, as a taken section would be.
    return typeof r !== "string" && composeSections(r).length > MAX_HEADER_FOOTER_LENGTH
      ? "blocked"
      : r;
  };
  const h = part("header");
  const f = part("footer");
  const header = typeof h === "string" ? { ...current.header } : h;
  const footer = typeof f === "string" ? { ...current.footer } : f;
  const changed = typeof h !== "string" || typeof f !== "string";
  const verdict: MarkVerdict =
    h === "blocked" || f === "blocked"
      ? "occupied"
      : h === "already" && f === "already"
        ? "already"
        : "marked";
  return { verdict, header, footer, changed };
}

/**
 * The rule over the file format's strings: the new header and footer strings, each the very
 * string given when that part does not change (so a file keeps its exact text).
 */
export function decideMarkingCodes(
  current: { header: string; footer: string },
  marking: PageSections = LES_SECTIONS
): { verdict: MarkVerdict; header: string; footer: string } {
  const now: PageSections = {
    header: headerSections(current.header),
    footer: headerSections(current.footer),
  };
  const d = decideMarking(now, marking);
  const code = (p: "header" | "footer") =>
    SECTIONS.every((k) => d[p][k] === now[p][k]) ? current[p] : composeSections(d[p]);
  return { verdict: d.verdict, header: code("header"), footer: code("footer") };
}

/** A sheet with several pages' headers (first page, even pages): the worst of their verdicts. */
export function combineVerdicts(verdicts: readonly MarkVerdict[]): MarkVerdict {
  if (verdicts.includes("occupied")) return "occupied";
  if (verdicts.includes("marked")) return "marked";
  return "already";
}
