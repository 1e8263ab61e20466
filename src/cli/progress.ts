/**
 * A progress bar on the terminal, for commands that read many files. Drawn on stderr, only when
 * stderr is a terminal and the output is not --json: a pipe, a log file or a machine reading JSON
 * never sees it.
 */

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;
/** Redraw at most this often (ms), except for the last step. */
const REDRAW_MS = 50;

export class Progress {
  private done = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    readonly total: number,
    private readonly stream: ProgressStream | undefined,
    private readonly now: () => number = () => Date.now()
  ) {}

  /** True when the bar is drawn at all. */
  get visible(): boolean {
    return this.stream !== undefined;
  }

  /** One more step done; `label` says what (a file name). */
  tick(label: string): void {
    this.done++;
    if (!this.stream) return;
    const t = this.now();
    if (this.done < this.total && t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    this.stream.write(`\r${this.line(label)}\x1b[K`);
    this.drawn = true;
  }

  /** The bar's line: "[#########---------------]  37/100  returns/houston.xlsx". */
  line(label: string): string {
    const fraction = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const filled = Math.round(fraction * BAR_WIDTH);
    const count = `${String(this.done).padStart(String(this.total).length)}/${this.total}`;
    const head = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${count}  `;
    const room = Math.max(0, (this.stream?.columns ?? 80) - head.length - 1);
    const shown = label.length > room ? `…${label.slice(label.length - room + 1)}` : label;
    return head + (room > 0 ? shown : "");
  }

  /** Clear the bar, so that what follows starts on a clean line. */
  finish(): void {
    if (this.stream && this.drawn) this.stream.write("\r\x1b[K");
    this.drawn = false;
  }
}

/** The bar for a command: drawn on stderr when it is a terminal and the output is not JSON. */
export function progressBar(
  total: number,
  json: boolean | undefined,
  stream: ProgressStream = process.stderr
): Progress {
  return new Progress(total, !json && stream.isTTY ? stream : undefined);
}
