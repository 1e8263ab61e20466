/**
 * The "Human Trafficking Outreach" chart: its 15 figure lines in the form's order, the 4 heading
 * rows between them, and the labels the seed's form prints. What each line counts is in tally.ts.
 */

export const SECTION = {
  ngo: "Non-Government Organization",
  le: "Law Enforcement",
} as const;
export type SectionKey = keyof typeof SECTION;

export const TRAINING_HEADING = "Training/Seminar";
export const CHART_TITLE = "Human Trafficking Outreach";
export const QUARTER_HEADER = "Quarter";
export const CUMULATIVE_HEADER = "Cumulative";

export const LINE_KEYS = [
  "ngo.newContact",
  "ngo.followUpContact",
  "ngo.requestedServices",
  "ngo.training.presentations",
  "ngo.training.agencies",
  "ngo.training.attendees",
  "le.newContact",
  "le.followUpContact",
  "le.local",
  "le.state",
  "le.federal",
  "le.foreign",
  "le.training.presentations",
  "le.training.agencies",
  "le.training.attendees",
] as const;
export type LineKey = (typeof LINE_KEYS)[number];

export interface ChartLine {
  readonly key: LineKey;
  readonly section: SectionKey;
  /** True for the three lines under a section's "Training/Seminar" heading. */
  readonly training: boolean;
  /** The label exactly as the seed's form prints it. */
  readonly label: string;
}

const line = (key: LineKey, label: string): ChartLine => ({
  key,
  section: key.startsWith("ngo.") ? "ngo" : "le",
  training: key.includes(".training."),
  label,
});

/** The 15 lines, in the form's order, with the seed's labels (including its quirks). */
export const CHART_LINES: readonly ChartLine[] = [
  line("ngo.newContact", "New Contact"),
  line("ngo.followUpContact", "Follow Up Contact"),
  line("ngo.requestedServices", "Requested Services"),
  line("ngo.training.presentations", "1. Number of presentations"),
  line("ngo.training.agencies", "2. Number of agencies"),
  line("ngo.training.attendees", "3. Members in attendance"),
  line("le.newContact", "New Contact"),
  line("le.followUpContact", "Follow Up Contact"),
  line("le.local", "Local"),
  line("le.state", "State"),
  line("le.federal", "Federal"),
  line("le.foreign", "Foreign"),
  line("le.training.presentations", "Number of presentations"),
  line("le.training.agencies", "2. Number of agencies"),
  line("le.training.attendees", "3. Members in attendance"),
];

export const CHART_LINE: Readonly<Record<LineKey, ChartLine>> = Object.fromEntries(
  CHART_LINES.map((l) => [l.key, l])
) as Record<LineKey, ChartLine>;

export type FormRow =
  | {
      readonly kind: "heading";
      readonly label: string;
      readonly section: SectionKey;
      readonly training: boolean;
    }
  | { readonly kind: "line"; readonly line: ChartLine };

/**
 * The chart's 19 rows from "Non-Government Organization" down to the last "Members in attendance",
 * as the form lays them out: TIPS.CHART spills exactly these, and `tips init` writes them.
 */
export const FORM_ROWS: readonly FormRow[] = (() => {
  const rows: FormRow[] = [];
  for (const section of ["ngo", "le"] as const) {
    rows.push({ kind: "heading", label: SECTION[section], section, training: false });
    const lines = CHART_LINES.filter((l) => l.section === section);
    for (const l of lines.filter((x) => !x.training)) rows.push({ kind: "line", line: l });
    rows.push({ kind: "heading", label: TRAINING_HEADING, section, training: true });
    for (const l of lines.filter((x) => x.training)) rows.push({ kind: "line", line: l });
  }
  return rows;
})();

export type Figures = Record<LineKey, number>;

export interface ChartFigures {
  readonly quarter: Figures;
  readonly cumulative: Figures;
}

export function zeroFigures(): Figures {
  const f = {} as Figures;
  for (const k of LINE_KEYS) f[k] = 0;
  return f;
}

export function addFigures(into: Figures, more: Partial<Figures>): Figures {
  for (const k of LINE_KEYS) into[k] += more[k] ?? 0;
  return into;
}

export function isLineKey(s: string): s is LineKey {
  return (LINE_KEYS as readonly string[]).includes(s);
}

/**
 * Label matching as the rules describe it: case, spacing and punctuation ignored, leading
 * numbering ("1.") dropped, "Follow-up" equal to "Follow Up".
 */
export function normalizeLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/^\s*\d+\s*[.)]\s*/, "")
    .replace(/[^a-z0-9]+/g, "");
}

/** The two characters whose lower case holds an ASCII letter: "İ" (i and a dot) and Kelvin's K. */
const LOWERS_TO_ASCII: ReadonlySet<number> = new Set([0x130, 0x212a]);
/** What `\s` matches beyond ASCII (normalizeLabel's numbering prefix may hold these). */
const UNICODE_SPACE = /\s/;

const isSpaceCode = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || (c >= 128 && UNICODE_SPACE.test(String.fromCharCode(c)));
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/**
 * `normalizeLabel(text) === label` for a label already normalised, without building the
 * normalised text: most text (a narrative bullet, say) differs at its first letters. Walks the
 * text as normalizeLabel reads it; "İ" or Kelvin's K, which lower-case into ASCII letters, leave
 * it to normalizeLabel.
 */
export function labelEquals(text: string, label: string): boolean {
  const n = text.length;
  // The numbering prefix ^\s*\d+\s*[.)]\s* is dropped when the text has it all.
  let i = 0;
  while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
  const digits = i;
  while (i < n && isDigitCode(text.charCodeAt(i))) i++;
  let start = 0;
  if (i > digits) {
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ || c === 41 /* ) */) {
      i++;
      while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
      start = i;
    }
  }
  let k = 0;
  for (i = start; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c >= 128) {
      if (LOWERS_TO_ASCII.has(c)) return normalizeLabel(text) === label;
      continue;
    }
    if ((c >= 97 && c <= 122) || isDigitCode(c)) {
      if (c !== label.charCodeAt(k)) return false;
      k++;
    }
  }
  return k === label.length;
}

const SECTION_NAMES: Record<SectionKey, string[]> = {
  ngo: ["ngo", SECTION.ngo, "non government", "nongovernmental organization"],
  le: ["le", SECTION.le],
};

/** Every readable name of a line: "LE Local", "NGO Follow Up Contact", "le.training.attendees"... */
const LINE_NAMES: ReadonlyMap<string, LineKey> = (() => {
  const names = new Map<string, LineKey>();
  const shortLabel: Partial<Record<LineKey, string[]>> = {
    "ngo.training.presentations": ["presentations"],
    "le.training.presentations": ["presentations"],
    "ngo.training.agencies": ["agencies"],
    "le.training.agencies": ["agencies"],
    "ngo.training.attendees": ["attendees", "attendance"],
    "le.training.attendees": ["attendees", "attendance"],
  };
  for (const l of CHART_LINES) {
    names.set(normalizeLabel(l.key), l.key);
    const labels = [l.label, ...(shortLabel[l.key] ?? [])];
    for (const section of SECTION_NAMES[l.section]) {
      for (const label of labels) {
        const name = normalizeLabel(section) + normalizeLabel(label);
        names.set(name, l.key);
        if (l.training)
          names.set(normalizeLabel(section) + "training" + normalizeLabel(label), l.key);
      }
    }
  }
  return names;
})();

/** The line a user named, or undefined. */
export function lineKeyFromName(name: string): LineKey | undefined {
  return LINE_NAMES.get(normalizeLabel(name));
}
