/**
 * Log entries held column by column, for entries that are kept a long time (the national
 * combined log keeps every counted return's rows until it is written).
 *
 * Why not the entries themselves: a hundred returns are 200,000 LogEntry objects, and every one
 * of them is copied by the garbage collector as it ages, then marked again at each full
 * collection. Measured with `npm run bench -- consolidate`, keeping them as objects cost a fifth
 * of the whole consolidation; held here they are four arrays per return, three of them typed
 * (outside the collected heap), and the coded fields are small numbers.
 */
import { Day } from "./dates";
import { LogEntry } from "./log";
import { ACTIVITIES, LEVELS, SECTORS } from "./vocabulary";

/** Level 0 is "no level" (an NGO row); the others are LEVELS' index + 1. */
const NO_LEVEL = 0;

/** A word's place in its (short) vocabulary list: readLog's fields are the list's own strings. */
function codeOf(words: readonly string[], word: string): number {
  for (let i = 0; i < words.length; i++) if (words[i] === word) return i;
  throw new RangeError(`"${word}" is not one of ${words.join(", ")}`);
}

/**
 * Four blocks per table, whatever its size (an allocation each; typed ones live outside the
 * collected heap): whole numbers, codes, counts and text, each field a run of `length` slots.
 */
export class EntryTable {
  private constructor(
    readonly length: number,
    /** row, then date. */
    private readonly ints: Int32Array,
    /** sector, level, activity, significant. */
    private readonly codes: Uint8Array,
    // Counts as they were read (whole numbers, possibly beyond 32 bits): doubles keep them exact.
    /** presentations, agencies, attendees. */
    private readonly counts: Float64Array,
    /** agency, POC name, POC title, content. */
    private readonly texts: readonly string[]
  ) {}

  static readonly EMPTY = EntryTable.of([]);

  /**
   * The entries; `entry(i)` gives back an object equal to entries[i]. Text is kept as given: the
   * readers hand out strings that do not hold on to the file they were read from.
   */
  static of(entries: readonly LogEntry[]): EntryTable {
    const n = entries.length;
    const ints = new Int32Array(2 * n);
    const codes = new Uint8Array(4 * n);
    const counts = new Float64Array(3 * n);
    const texts = new Array<string>(4 * n);
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      ints[i] = e.row;
      ints[n + i] = e.date;
      codes[i] = codeOf(SECTORS, e.sector);
      codes[n + i] = e.level === undefined ? NO_LEVEL : codeOf(LEVELS, e.level) + 1;
      codes[2 * n + i] = codeOf(ACTIVITIES, e.activity);
      codes[3 * n + i] = e.significant ? 1 : 0;
      counts[i] = e.presentations;
      counts[n + i] = e.agencies;
      counts[2 * n + i] = e.attendees;
      texts[i] = e.agency;
      texts[n + i] = e.pocName;
      texts[2 * n + i] = e.pocTitle;
      texts[3 * n + i] = e.content;
    }
    return new EntryTable(n, ints, codes, counts, texts);
  }

  /** The i-th entry, as a new object. */
  entry(i: number): LogEntry {
    const n = this.length;
    if (!(i >= 0 && i < n)) throw new RangeError(`no entry ${i} of ${n}`);
    const level = this.codes[n + i];
    return {
      row: this.ints[i],
      date: this.ints[n + i] as Day,
      sector: SECTORS[this.codes[i]],
      level: level === NO_LEVEL ? undefined : LEVELS[level - 1],
      activity: ACTIVITIES[this.codes[2 * n + i]],
      agency: this.texts[i],
      pocName: this.texts[n + i],
      pocTitle: this.texts[2 * n + i],
      presentations: this.counts[i],
      agencies: this.counts[n + i],
      attendees: this.counts[2 * n + i],
      content: this.texts[3 * n + i],
      significant: this.codes[3 * n + i] === 1,
    };
  }
}
