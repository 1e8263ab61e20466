/**
 * Words as every table of the workbook compares them: case, spacing and punctuation ignored, a
 * value and its synonyms, and the Y/N answers (Significant, Case Opened, Translated).
 */

/** Case, spacing and punctuation ignored: "Follow-up Contact" = "follow up contact". */
export function normalizeWord(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
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
