/**
 * Log entries held column by column, for entries that are kept a long time (the national
 * combined log keeps every counted return's rows until it is written).
 *
 * Why not the entries themselves: a hundred returns are 200,000 LogEntry objects, and every one
 * of them is copied by the garbage collector as it ages, then marked again at each full
 * collection. Measured with `npm run bench -- consolidate`, keeping them as objects cost a fifth
 * of the whole consolidation; held here they are a dozen arrays per return, most of them typed
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

export class EntryTable {
  private constructor(
    readonly length: number,
    private readonly row: Int32Array,
    private readonly date: Int32Array,
    private readonly sector: Uint8Array,
    private readonly level: Uint8Array,
    private readonly activity: Uint8Array,
    private readonly agency: readonly string[],
    private readonly pocName: readonly string[],
    private readonly pocTitle: readonly string[],
    // Counts as they were read (whole numbers, possibly beyond 32 bits): doubles keep them exact.
    private readonly presentations: Float64Array,
    private readonly agencies: Float64Array,
    private readonly attendees: Float64Array,
    private readonly content: readonly string[],
    private readonly significant: Uint8Array
  ) {}

  static readonly EMPTY = EntryTable.of([]);

  /**
   * The entries; `entry(i)` gives back an object equal to entries[i]. Text is kept as given: the
   * readers hand out strings that do not hold on to the file they were read from.
   */
  static of(entries: readonly LogEntry[]): EntryTable {
    const n = entries.length;
    const row = new Int32Array(n);
    const date = new Int32Array(n);
    const sector = new Uint8Array(n);
    const level = new Uint8Array(n);
    const activity = new Uint8Array(n);
    const agency = new Array<string>(n);
    const pocName = new Array<string>(n);
    const pocTitle = new Array<string>(n);
    const presentations = new Float64Array(n);
    const agencies = new Float64Array(n);
    const attendees = new Float64Array(n);
    const content = new Array<string>(n);
    const significant = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      row[i] = e.row;
      date[i] = e.date;
      sector[i] = codeOf(SECTORS, e.sector);
      level[i] = e.level === undefined ? NO_LEVEL : codeOf(LEVELS, e.level) + 1;
      activity[i] = codeOf(ACTIVITIES, e.activity);
      agency[i] = e.agency;
      pocName[i] = e.pocName;
      pocTitle[i] = e.pocTitle;
      presentations[i] = e.presentations;
      agencies[i] = e.agencies;
      attendees[i] = e.attendees;
      content[i] = e.content;
      significant[i] = e.significant ? 1 : 0;
    }
    return new EntryTable(
      n,
      row,
      date,
      sector,
      level,
      activity,
      agency,
      pocName,
      pocTitle,
      presentations,
      agencies,
      attendees,
      content,
      significant
    );
  }

  /** The i-th entry, as a new object. */
  entry(i: number): LogEntry {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no entry ${i} of ${this.length}`);
    const level = this.level[i];
    return {
      row: this.row[i],
      date: this.date[i] as Day,
      sector: SECTORS[this.sector[i]],
      level: level === NO_LEVEL ? undefined : LEVELS[level - 1],
      activity: ACTIVITIES[this.activity[i]],
      agency: this.agency[i],
      pocName: this.pocName[i],
      pocTitle: this.pocTitle[i],
      presentations: this.presentations[i],
      agencies: this.agencies[i],
      attendees: this.attendees[i],
      content: this.content[i],
      significant: this.significant[i] === 1,
    };
  }

  /** Every entry, as new objects. */
  entries(): LogEntry[] {
    const out: LogEntry[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.entry(i));
    return out;
  }
}
