/**
 * Words as every table of the workbook compares them: case, spacing and punctuation ignored, a
 * value and its synonyms, and the Y/N answers (Significant, Case Opened, Translated).
 */

/** Case, spacing and punctuation ignored: "Follow-up Contact" = "follow up contact". */
export function normalizeWord(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/**
 * False when `text` certainly normalises (normalizeWord) to more than `max` characters, found
 * without normalising, which allocates: a header search asks this of every cell of a sheet's
 * first rows, long free text included. Each ASCII letter and digit stays one character of the
 * normal form, whatever else the text holds (lower-casing changes no ASCII character and no
 * other character removes one), so more of them than `max` is proof; other characters are not
 * counted (some lower-case to an ASCII letter, most to nothing kept).
 */
export function normalizesWithin(text: string, max: number): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = c | 32; // A-Z to a-z
    if ((c >= 48 && c <= 57) || (letter >= 97 && letter <= 122)) {
      if (++n > max) return false;
    }
  }
  return true;
}

/**
 * How agencies are compared, everywhere (the log's duplicates and follow-ups, a lead's Referring
 * Agency against the log, materials against the log): case, spacing and punctuation ignored
 * ("HOUSTON police-dept" = "Houston Police Dept."; an abbreviation is still another name).
 */
export function agencyKey(name: string): string {
  return normalizeWord(name);
}

/** Each value and its synonyms, normalised, to the value. */
export function synonyms<T extends string>(entries: Record<T, string[]>): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, string[]][]) {
    map.set(normalizeWord(value), value);
    for (const w of words) map.set(normalizeWord(w), value);
  }
  return map;
}

/** A Y/N column's values, as its drop-down offers them. */
export const YES_NO_VALUES = ["Y", "N"] as const;

export const YES_NO_WORDS = synonyms<"Y" | "N">({
  Y: ["Yes", "True", "X", "1"],
  N: ["No", "False", "0"],
});
