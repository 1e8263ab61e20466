/**
 * A small Excel for the Office adapter's tests, built on office-addin-mock.
 *
 * Every object the adapter gets (worksheet, range, table, property, ...) is a proxy whose readable
 * state lives in an `OfficeMockObject`: as in Office, a property read before `load()` and
 * `context.sync()` gives office-addin-mock's "not loaded" / "sync not called" marker, which the
 * proxy turns into a thrown error (Office throws PropertyNotLoaded there). Writes and method calls
 * are queued and applied in order at `context.sync()`, as Office does; loads take their snapshot
 * at their place in that queue. `syncs` counts the round trips.
 *
 * Entering a value behaves as typing into Excel does: a string that starts with "=" becomes a
 * formula, a number-like string a number, and a leading apostrophe is consumed as the quote
 * prefix, unless the cell's number format is Text ("@"), where the string stays as it is (the
 * apostrophe is still consumed). `valuesAsJson` with type "String" stores the text exactly.
 */
import { OfficeMockObject } from "office-addin-mock";

/*
 * office-addin-mock takes only the OfficeApp names from office-addin-manifest, whose own imports
 * include ES-module-only packages that Jest on Node 20 cannot require. The names, as it has them:
 */
jest.mock("office-addin-manifest", () => ({
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
}));

const NOT_LOADED = "Error, property was not loaded";
const NOT_SYNCED = "Error, context.sync() was not called";

export interface FakeCell {
  value: string | number | boolean;
  /** Set when Excel would have taken the entry for a formula. */
  formula?: string;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  wrap?: boolean;
  align?: string;
  indent?: number;
  border?: boolean;
}

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeTable extends Box {
  name: string;
  sheet: string;
  style?: string;
}

export interface FakeChart {
  name: string;
  type: string;
  source: string;
  title: string;
  position?: [string, string];
  legend?: string;
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  readonly headerFooter: Record<string, string> = {
    leftHeader: "",
    centerHeader: "",
    rightHeader: "",
    leftFooter: "",
    centerFooter: "",
    rightFooter: "",
  };
  readonly merges: string[] = [];
  readonly validations: { ref: string; source: string }[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly charts: FakeChart[] = [];
  freeze?: { rows: number; cols: number };
  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row}:${col}`);
  }

  value(row: number, col: number): string | number | boolean | null {
    const c = this.cell(row, col);
    return c === undefined || c.value === "" ? null : c.value;
  }

  /** Cells written where the rows are, row by row (values only). */
  setRows(top: number, left: number, rows: readonly (readonly unknown[])[]): void {
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v !== null && v !== undefined && v !== "")
          this.cells.set(`${top + i}:${left + j}`, { value: v as string | number | boolean });
      })
    );
  }

  /** Whole rows inserted before `at` (count > 0) or deleted from it (count < 0), as Excel does. */
  shiftRows(at: number, count: number): void {
    const move = (r: number): number | null =>
      r < at ? r : count > 0 ? r + count : r < at - count ? null : r + count;
    const cells = [...this.cells];
    this.cells.clear();
    for (const [key, c] of cells) {
      const [r, col] = key.split(":").map(Number);
      const to = move(r);
      if (to !== null) this.cells.set(`${to}:${col}`, c);
    }
    const merges = this.merges.splice(0).flatMap((ref) => {
      const b = parseRef(ref);
      const top = move(b.top) ?? at;
      const bottom = move(b.bottom) ?? at - 1;
      return bottom < top ? [] : [`${letters(b.left)}${top}:${letters(b.right)}${bottom}`];
    });
    this.merges.push(...merges);
    const heights = [...this.rowHeights];
    this.rowHeights.clear();
    for (const [r, h] of heights) {
      const to = move(r);
      if (to !== null) this.rowHeights.set(to, h);
    }
  }

  usedBox(): Box | undefined {
    let box: Box | undefined;
    for (const [key, c] of this.cells) {
      if (c.value === "" && c.formula === undefined) continue;
      const [r, col] = key.split(":").map(Number);
      if (!box) box = { top: r, left: col, bottom: r, right: col };
      else {
        box.top = Math.min(box.top, r);
        box.bottom = Math.max(box.bottom, r);
        box.left = Math.min(box.left, col);
        box.right = Math.max(box.right, col);
      }
    }
    return box;
  }
}

export function letters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function parseRef(ref: string): Box {
  const local = ref.slice(ref.lastIndexOf("!") + 1);
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(local);
  if (rows) return { top: Number(rows[1]), left: 1, bottom: Number(rows[2]), right: 16384 };
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(local);
  if (!m) throw new Error(`fake Excel: bad address ${ref}`);
  const col = (s: string) =>
    [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return {
    top: Number(m[2]),
    left: col(m[1]),
    bottom: m[4] ? Number(m[4]) : Number(m[2]),
    right: m[3] ? col(m[3]) : col(m[1]),
  };
}

const boxAddress = (sheet: string, b: Box): string =>
  `'${sheet}'!${letters(b.left)}${b.top}:${letters(b.right)}${b.bottom}`;

type Op = () => void | Promise<void>;

interface Handle {
  /** The readable state now (replaced at each sync that loaded it). */
  mock: OfficeMockObject | undefined;
  loaded: boolean;
}

interface Spec {
  kind: string;
  /** The object's readable properties, as of now (a load takes this at its place in the queue). */
  state?: () => Record<string, unknown>;
  /** Writable properties: what a write does (at sync). */
  writes?: Record<string, (value: unknown) => void>;
  /** Methods: called at once, they queue their effect and return handles. */
  methods?: Record<string, (...args: never[]) => unknown>;
  /** Navigation properties. */
  children?: Record<string, () => unknown>;
  /** A collection: load("items/a,items/b") gives items made by this. */
  items?: () => unknown[];
  /** *OrNullObject: is the object missing? (known after a sync) */
  isNull?: () => boolean;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly custom = new Map<string, { key: string; value: unknown }>();
  /** Workbook-scoped names: the sheet and cells each names (null once its cells are deleted). */
  readonly names = new Map<string, { name: string; sheet: string; box: Box | null }>();
  readonly settings = new Map<string, unknown>();
  date1904 = false;
  selected?: { sheet: string; address: string };
  active?: string;

  /** Round trips, and how many were preceded by suspendApiCalculationUntilNextSync. */
  syncs = 0;
  suspendedSyncs = 0;
  /** Every command queued, by name, for the tests that look at what was sent. */
  readonly commands: string[] = [];
  private queue: Op[] = [];
  private suspended = false;

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`ItemNotFound: no worksheet "${name}"`);
    return s;
  }

  addSheet(name: string): FakeSheet {
    if (this.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase()))
      throw new Error(`ItemAlreadyExists: worksheet "${name}"`);
    const s = new FakeSheet(name);
    this.sheets.push(s);
    return s;
  }

  addTable(name: string, sheet: string, ref: string, style?: string): FakeTable {
    const t: FakeTable = { name, sheet, ...parseRef(ref), style };
    this.tables.push(t);
    return t;
  }

  table(name: string): FakeTable {
    const t = this.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t) throw new Error(`ItemNotFound: no table "${name}"`);
    return t;
  }

  /** Excel.run over this workbook: a fresh context; pending commands are synced at the end. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = this.context();
    const result = await batch(context as unknown as Excel.RequestContext);
    if (this.queue.length > 0) await this.sync();
    return result;
  };

  private async sync(): Promise<void> {
    this.syncs++;
    if (this.suspended) this.suspendedSyncs++;
    this.suspended = false;
    const ops = this.queue;
    this.queue = [];
    for (const op of ops) await op();
  }

  private enqueue(name: string, op: Op): void {
    this.commands.push(name);
    this.queue.push(op);
  }

  // ---- Proxies -----------------------------------------------------------------------------------

  private make(spec: Spec): unknown {
    const initial = (): Record<string, unknown> => ({
      ...(spec.state ? spec.state() : {}),
      ...(spec.items ? { items: [] } : {}),
    });
    // The readable state: created on the first read (reads before a load find "not loaded").
    const handle: Handle = { mock: undefined, loaded: false };
    const childCache = new Map<string, unknown>();
    let nullKnown: boolean | undefined;
    const self = (): unknown => proxy;
    const load = (props?: string | string[]) => {
      const list = (Array.isArray(props) ? props : (props ?? "").split(","))
        .map((p) => p.trim())
        .filter((p) => p !== "");
      if (list.length === 0) throw new Error(`fake Excel: ${spec.kind}.load() with no properties`);
      // Until the sync, the properties read as "sync not called".
      const direct = list.filter((p) => !p.startsWith("items/"));
      const pending = [...direct, ...(spec.items ? ["items"] : [])];
      handle.mock = new OfficeMockObject(Object.fromEntries(pending.map((p) => [p, 0])));
      handle.mock.load(pending);
      this.enqueue(`${spec.kind}.load`, async () => {
        if (spec.isNull) nullKnown = spec.isNull();
        let state: Record<string, unknown> = {};
        if (!nullKnown) state = initial();
        if (spec.items && !nullKnown) {
          const itemProps = list.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
          const items = spec.items();
          for (const item of items)
            await (item as { __preload: (p: string[]) => Promise<void> }).__preload(itemProps);
          state.items = items;
        }
        const mock = new OfficeMockObject(clean(state));
        const loadable = nullKnown ? [] : direct.filter((p) => p in state);
        for (const p of direct) {
          if (!nullKnown && !(p in state))
            throw new Error(`fake Excel: ${spec.kind} has no property ${p}`);
        }
        if (spec.items && !nullKnown) loadable.push("items");
        if (loadable.length > 0) {
          mock.load(loadable);
          await mock.sync();
          await flush();
        }
        handle.mock = mock;
        handle.loaded = true;
      });
      return self();
    };
    const preload = async (props: string[]) => {
      const state = initial();
      const mock = new OfficeMockObject(clean(state));
      const p = props.filter((x) => x in state);
      if (p.length > 0) {
        mock.load(p);
        await mock.sync();
        await flush();
      }
      handle.mock = mock;
      handle.loaded = true;
    };
    const proxy: unknown = new Proxy(
      {},
      {
        get: (_t, prop) => {
          if (typeof prop === "symbol" || prop === "then" || prop === "toJSON") return undefined;
          if (prop === "__preload") return preload;
          if (prop === "load") return load;
          if (prop === "isNullObject") {
            if (!spec.isNull) return false;
            if (nullKnown === undefined)
              throw new Error(`fake Excel: ${spec.kind}.isNullObject read before a sync`);
            return nullKnown;
          }
          if (spec.children && prop in spec.children) {
            if (!childCache.has(prop)) childCache.set(prop, spec.children[prop]());
            return childCache.get(prop);
          }
          if (spec.methods && prop in spec.methods) return spec.methods[prop];
          if (!handle.mock) {
            try {
              handle.mock = new OfficeMockObject(clean(initial()));
            } catch {
              throw new Error(`PropertyNotLoaded: ${spec.kind}.${prop} read before load()`);
            }
          }
          const value = (handle.mock as Record<string, unknown>)[prop];
          if (value === NOT_LOADED || value === NOT_SYNCED)
            throw new Error(
              `PropertyNotLoaded: ${spec.kind}.${prop} read before load() and sync() (${value})`
            );
          if (value === undefined && !(spec.writes && prop in spec.writes))
            throw new Error(`fake Excel: ${spec.kind} has no property "${prop}"`);
          if (value === undefined)
            throw new Error(`PropertyNotLoaded: ${spec.kind}.${prop} was written, not loaded`);
          return value;
        },
        set: (_t, prop, value) => {
          const write = spec.writes?.[prop as string];
          if (!write)
            throw new Error(`fake Excel: ${spec.kind}.${String(prop)} is read-only or unknown`);
          this.enqueue(`${spec.kind}.${String(prop)}=`, () => write(value));
          return true;
        },
      }
    );
    return proxy;
  }

  /** A ClientResult: Office fills its value at the next sync without a load() call. */
  private loaded(props: string, spec: Spec): unknown {
    const handle = this.make(spec) as { load: (p: string) => unknown };
    handle.load(props);
    return handle;
  }

  private context(): unknown {
    const app = {
      suspendApiCalculationUntilNextSync: () => {
        this.commands.push("application.suspendApiCalculationUntilNextSync");
        this.suspended = true;
      },
    };
    const workbook = {
      worksheets: this.worksheets(),
      tables: this.tableCollection(() => this.tables),
      names: this.nameCollection(),
      properties: { custom: this.customProperties() },
      settings: this.settingCollection(),
      functions: {
        date: (y: number, m: number, d: number) =>
          this.make({
            kind: "FunctionResult",
            state: () => ({ value: serialOf(y, m, d, this.date1904), error: "" }),
          }),
      },
    };
    return { workbook, application: app, sync: () => this.sync() };
  }

  /** Rows inserted or deleted on a sheet: its cells, its tables and the names on it move. */
  shiftRows(sheetName: string, at: number, count: number): void {
    const sheet = this.sheet(sheetName);
    sheet.shiftRows(at, count);
    const move = (r: number): number | null =>
      r < at ? r : count > 0 ? r + count : r < at - count ? null : r + count;
    const span = (b: Box): Box | null => {
      const top = move(b.top) ?? at;
      const bottom = move(b.bottom) ?? at - 1;
      return bottom < top ? null : { ...b, top, bottom };
    };
    for (const t of this.tables) if (t.sheet === sheet.name) Object.assign(t, span(t) ?? t);
    for (const n of this.names.values())
      if (n.box && n.sheet.toLowerCase() === sheet.name.toLowerCase()) n.box = span(n.box);
  }

  private nameCollection(): unknown {
    const item = (key: string, isNull?: () => boolean) =>
      this.make({
        kind: "NamedItem",
        isNull,
        state: () => ({ name: this.names.get(key)?.name ?? "" }),
        methods: {
          delete: () => this.enqueue("names.delete", () => void this.names.delete(key)),
          getRangeOrNullObject: () => {
            const n = () => this.names.get(key);
            return this.range(
              () => n()?.sheet ?? "",
              () => n()?.box as Box,
              () => !n()?.box
            );
          },
        },
      });
    return this.make({
      kind: "NamedItemCollection",
      items: () => [...this.names.keys()].map((k) => item(k)),
      methods: {
        getItemOrNullObject: (name: string) =>
          item(name.toUpperCase(), () => !this.names.has(name.toUpperCase())),
        add: (name: string, ref: Excel.Range) => {
          this.enqueue("names.add", () => {
            const key = name.toUpperCase();
            if (this.names.has(key)) throw new Error(`InvalidArgument: the name ${name} exists`);
            const r = ref as unknown as { __box: () => Box; __sheet: () => string };
            this.names.set(key, { name, sheet: r.__sheet(), box: r.__box() });
          });
          return item(name.toUpperCase());
        },
      },
    });
  }

  private worksheets(): unknown {
    return this.make({
      kind: "WorksheetCollection",
      items: () => this.sheets.map((s) => this.worksheet(() => s.name)),
      methods: {
        getItem: (name: string) => this.worksheet(() => this.sheet(name).name),
        getItemOrNullObject: (name: string) =>
          this.worksheet(
            () => this.sheet(name).name,
            () => !this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())
          ),
        add: (name: string) => {
          this.enqueue("worksheets.add", () => {
            this.addSheet(name);
          });
          return this.worksheet(() => this.sheet(name).name);
        },
      },
    });
  }

  private worksheet(name: () => string, isNull?: () => boolean): unknown {
    const sheet = () => this.sheet(name());
    const range = (resolve: () => Box) => this.range(name, resolve);
    return this.make({
      kind: "Worksheet",
      state: () => ({ name: sheet().name }),
      isNull,
      methods: {
        getRange: (address: string) => range(() => parseRef(address)),
        getRangeByIndexes: (r: number, c: number, rows: number, cols: number) =>
          range(() => ({ top: r + 1, left: c + 1, bottom: r + rows, right: c + cols })),
        getUsedRangeOrNullObject: () =>
          this.range(
            name,
            () => sheet().usedBox() as Box,
            () => sheet().usedBox() === undefined
          ),
        activate: () => this.enqueue("worksheet.activate", () => void (this.active = name())),
      },
      children: {
        tables: () =>
          this.tableCollection(
            () => this.tables.filter((t) => t.sheet === name()),
            (ref: Excel.Range) => {
              const t: FakeTable = { name: "", sheet: "", top: 0, left: 0, bottom: 0, right: 0 };
              this.enqueue("tables.add", () => {
                const r = (ref as unknown as { __box: () => Box }).__box();
                Object.assign(t, { name: `Table${this.tables.length + 1}`, sheet: name(), ...r });
                if (r.bottom === r.top) t.bottom = r.top + 1; // a table has a body row
                this.tables.push(t);
              });
              return this.tableHandle(() => t);
            }
          ),
        charts: () => this.charts(sheet),
        freezePanes: () =>
          this.make({
            kind: "WorksheetFreezePanes",
            methods: {
              freezeRows: (n: number) =>
                this.enqueue("freezeRows", () => void (sheet().freeze = { rows: n, cols: 0 })),
              freezeColumns: (n: number) =>
                this.enqueue("freezeColumns", () => void (sheet().freeze = { rows: 0, cols: n })),
              freezeAt: (r: Excel.Range) =>
                this.enqueue("freezeAt", () => {
                  const b = (r as unknown as { __box: () => Box }).__box();
                  sheet().freeze = { rows: b.bottom, cols: b.right };
                }),
            },
          }),
        pageLayout: () => ({
          headersFooters: {
            defaultForAllPages: this.make({
              kind: "HeaderFooter",
              state: () => ({ ...sheet().headerFooter }),
              writes: Object.fromEntries(
                Object.keys(new FakeSheet("").headerFooter).map((k) => [
                  k,
                  (v: unknown) => void (sheet().headerFooter[k] = String(v)),
                ])
              ),
            }),
          },
        }),
      },
    });
  }

  private range(sheetName: () => string, resolve: () => Box, isNull?: () => boolean): unknown {
    const sheet = () => this.sheet(sheetName());
    const derive = (f: (b: Box) => Box) => this.range(sheetName, () => f(resolve()));
    const each = (f: (cell: FakeCell, row: number, col: number) => void) => {
      const b = resolve();
      for (let r = b.top; r <= b.bottom; r++)
        for (let c = b.left; c <= b.right; c++) {
          const key = `${r}:${c}`;
          let cell = sheet().cells.get(key);
          if (!cell) sheet().cells.set(key, (cell = { value: "" }));
          f(cell, r, c);
        }
    };
    const grid = (v: unknown, what: string): unknown[][] => {
      const b = resolve();
      const rows = b.bottom - b.top + 1;
      const cols = b.right - b.left + 1;
      if (
        !Array.isArray(v) ||
        v.length !== rows ||
        v.some((r) => !Array.isArray(r) || r.length !== cols)
      )
        throw new Error(`InvalidArgument: ${what} is not a ${rows}x${cols} array`);
      return v as unknown[][];
    };
    const fontWrites = {
      bold: (v: unknown) => each((c) => void (c.bold = v === true)),
      italic: (v: unknown) => each((c) => void (c.italic = v === true)),
      size: (v: unknown) => each((c) => void (c.size = Number(v))),
    };
    const format = () =>
      this.make({
        kind: "RangeFormat",
        writes: {
          wrapText: (v) => each((c) => void (c.wrap = v === true)),
          horizontalAlignment: (v) => each((c) => void (c.align = String(v))),
          indentLevel: (v) => each((c) => void (c.indent = Number(v))),
          columnWidth: (v) => {
            const b = resolve();
            for (let col = b.left; col <= b.right; col++) sheet().columnWidths.set(col, Number(v));
          },
          rowHeight: (v) => {
            const b = resolve();
            for (let row = b.top; row <= b.bottom; row++) sheet().rowHeights.set(row, Number(v));
          },
        },
        // Excel's default column is 8.43 characters wide: 64 pixels, 48 points.
        state: () => ({ columnWidth: sheet().columnWidths.get(resolve().left) ?? 48 }),
        children: {
          font: () => this.make({ kind: "RangeFont", writes: fontWrites }),
          fill: () =>
            this.make({
              kind: "RangeFill",
              writes: { color: (v) => each((c) => void (c.fill = String(v).toUpperCase())) },
              methods: {
                clear: () => this.enqueue("fill.clear", () => each((c) => void delete c.fill)),
              },
            }),
          borders: () =>
            this.make({
              kind: "RangeBorderCollection",
              methods: {
                getItem: () =>
                  this.make({
                    kind: "RangeBorder",
                    writes: {
                      style: () => each((c) => void (c.border = true)),
                      weight: () => undefined,
                    },
                  }),
              },
            }),
        },
      });
    const handle = this.make({
      kind: "Range",
      isNull,
      state: () => {
        const b = resolve();
        const values: unknown[][] = [];
        const numberFormat: unknown[][] = [];
        for (let r = b.top; r <= b.bottom; r++) {
          const row: unknown[] = [];
          const fmt: unknown[] = [];
          for (let c = b.left; c <= b.right; c++) {
            const cell = sheet().cell(r, c);
            row.push(cell?.value ?? "");
            fmt.push(cell?.numberFormat ?? "General");
          }
          values.push(row);
          numberFormat.push(fmt);
        }
        return {
          values,
          numberFormat,
          address: boxAddress(sheetName(), b),
          rowIndex: b.top - 1,
          columnIndex: b.left - 1,
          rowCount: b.bottom - b.top + 1,
          columnCount: b.right - b.left + 1,
        };
      },
      writes: {
        numberFormat: (v) => {
          const g = grid(v, "numberFormat");
          const b = resolve();
          each((c, r, col) => {
            const f = g[r - b.top][col - b.left];
            if (f !== null) c.numberFormat = f === "" ? "General" : String(f);
          });
        },
        values: (v) => {
          const g = grid(v, "values");
          const b = resolve();
          each((c, r, col) => {
            const x = g[r - b.top][col - b.left];
            if (x === null) return;
            enter(c, x as string | number | boolean);
          });
        },
        valuesAsJson: (v) => {
          const g = grid(v, "valuesAsJson");
          const b = resolve();
          each((c, r, col) => {
            const x = g[r - b.top][col - b.left] as { type: string; basicValue: unknown } | null;
            if (x === null) return;
            if (x.type !== "String") throw new Error("fake Excel: only String typed values");
            c.value = String(x.basicValue);
            delete c.formula;
          });
        },
      },
      methods: {
        getCell: (r: number, c: number) =>
          derive((b) => ({
            top: b.top + r,
            left: b.left + c,
            bottom: b.top + r,
            right: b.left + c,
          })),
        getLastRow: () => derive((b) => ({ ...b, top: b.bottom })),
        getOffsetRange: (dr: number, dc: number) =>
          derive((b) => ({
            top: b.top + dr,
            left: b.left + dc,
            bottom: b.bottom + dr,
            right: b.right + dc,
          })),
        getResizedRange: (dr: number, dc: number) =>
          derive((b) => ({ ...b, bottom: b.bottom + dr, right: b.right + dc })),
        getEntireColumn: () => derive((b) => ({ ...b, top: 1, bottom: 1048576 })),
        getEntireRow: () => derive((b) => ({ ...b, left: 1, right: 16384 })),
        insert: (shift: string) =>
          this.enqueue("range.insert", () => {
            const b = resolve();
            if (shift !== "Down" || b.left !== 1 || b.right !== 16384)
              throw new Error("fake Excel: only whole rows are inserted (Down)");
            this.shiftRows(sheetName(), b.top, b.bottom - b.top + 1);
          }),
        delete: (shift: string) =>
          this.enqueue("range.delete", () => {
            const b = resolve();
            if (shift !== "Up" || b.left !== 1 || b.right !== 16384)
              throw new Error("fake Excel: only whole rows are deleted (Up)");
            this.shiftRows(sheetName(), b.top, -(b.bottom - b.top + 1));
          }),
        merge: () =>
          this.enqueue("merge", () => {
            const b = resolve();
            const ref = `${letters(b.left)}${b.top}:${letters(b.right)}${b.bottom}`;
            if (!sheet().merges.includes(ref)) sheet().merges.push(ref);
          }),
        select: () =>
          this.enqueue("select", () => {
            const b = resolve();
            const a = `${letters(b.left)}${b.top}`;
            this.selected = {
              sheet: sheetName(),
              address:
                b.top === b.bottom && b.left === b.right
                  ? a
                  : `${a}:${letters(b.right)}${b.bottom}`,
            };
          }),
        getCellProperties: () =>
          this.loaded("value", {
            kind: "ClientResult",
            state: () => {
              const b = resolve();
              const value: unknown[][] = [];
              for (let r = b.top; r <= b.bottom; r++) {
                const row: unknown[] = [];
                for (let c = b.left; c <= b.right; c++)
                  row.push({ format: { fill: { color: sheet().cell(r, c)?.fill ?? "#FFFFFF" } } });
                value.push(row);
              }
              return { value };
            },
          }),
      },
      children: {
        format,
        dataValidation: () =>
          this.make({
            kind: "DataValidation",
            writes: {
              rule: (v) => {
                const b = resolve();
                const rule = v as { list: { source: string } };
                sheet().validations.push({
                  ref: `${letters(b.left)}${b.top}:${letters(b.right)}${b.bottom}`,
                  source: rule.list.source,
                });
              },
            },
          }),
      },
    });
    // The box, for methods that take a range argument (resolved at sync).
    return new Proxy(handle as object, {
      get: (t, prop) =>
        prop === "__box" ? resolve : prop === "__sheet" ? sheetName : Reflect.get(t, prop),
      set: (t, prop, v) => Reflect.set(t, prop, v),
    });
  }

  private tableCollection(
    list: () => FakeTable[],
    add?: (range: Excel.Range, hasHeaders: boolean) => unknown
  ): unknown {
    return this.make({
      kind: "TableCollection",
      items: () => list().map((t) => this.tableHandle(() => t)),
      methods: {
        getItem: (name: string) => this.tableHandle(() => this.table(name)),
        ...(add ? { add } : {}),
      },
    });
  }

  private tableHandle(table: () => FakeTable): unknown {
    const range = (f: (t: FakeTable) => Box) =>
      this.range(
        () => table().sheet,
        () => f(table())
      );
    return this.make({
      kind: "Table",
      state: () => ({ name: table().name, style: table().style ?? "" }),
      writes: {
        name: (v) => void (table().name = String(v)),
        style: (v) => void (table().style = String(v)),
      },
      methods: {
        getRange: () => range((t) => t),
        getDataBodyRange: () => range((t) => ({ ...t, top: t.top + 1 })),
      },
      children: {
        worksheet: () => this.worksheet(() => table().sheet),
        rows: () =>
          this.make({
            kind: "TableRowCollection",
            methods: {
              add: (_index: number | undefined, values: unknown[][]) => {
                this.enqueue("rows.add", () => {
                  const t = table();
                  const s = this.sheet(t.sheet);
                  values.forEach((r, i) =>
                    r.forEach((v, j) => {
                      const cell: FakeCell = { value: "" };
                      enter(cell, v as string | number | boolean);
                      s.cells.set(`${t.bottom + 1 + i}:${t.left + j}`, cell);
                    })
                  );
                  t.bottom += values.length;
                });
                return undefined;
              },
              getItemAt: (index: number) =>
                this.make({
                  kind: "TableRow",
                  methods: {
                    delete: () =>
                      this.enqueue("row.delete", () => {
                        const t = table();
                        const s = this.sheet(t.sheet);
                        const row = t.top + 1 + index;
                        for (let r = row; r < t.bottom; r++)
                          for (let c = t.left; c <= t.right; c++) {
                            const below = s.cells.get(`${r + 1}:${c}`);
                            if (below) s.cells.set(`${r}:${c}`, below);
                            else s.cells.delete(`${r}:${c}`);
                          }
                        for (let c = t.left; c <= t.right; c++) s.cells.delete(`${t.bottom}:${c}`);
                        t.bottom -= 1;
                      }),
                  },
                }),
            },
          }),
      },
    });
  }

  private charts(sheet: () => FakeSheet): unknown {
    const chartHandle = (chart: () => FakeChart) =>
      this.make({
        kind: "Chart",
        state: () => ({ name: chart().name }),
        writes: { name: (v) => void (chart().name = String(v)) },
        methods: {
          setPosition: (a: string, b: string) =>
            this.enqueue("chart.setPosition", () => void (chart().position = [a, b])),
        },
        children: {
          title: () =>
            this.make({
              kind: "ChartTitle",
              writes: { text: (v) => void (chart().title = String(v)) },
            }),
          legend: () =>
            this.make({
              kind: "ChartLegend",
              writes: { position: (v) => void (chart().legend = String(v)) },
            }),
        },
      });
    return this.make({
      kind: "ChartCollection",
      items: () => sheet().charts.map((c) => chartHandle(() => c)),
      methods: {
        add: (type: string, source: Excel.Range) => {
          const chart: FakeChart = { name: "", type, source: "", title: "" };
          this.enqueue("charts.add", () => {
            const b = (source as unknown as { __box: () => Box }).__box();
            chart.source = `${letters(b.left)}${b.top}:${letters(b.right)}${b.bottom}`;
            chart.name = `Chart ${sheet().charts.length + 1}`;
            sheet().charts.push(chart);
          });
          return chartHandle(() => chart);
        },
      },
    });
  }

  private customProperties(): unknown {
    const property = (key: string) =>
      this.make({
        kind: "CustomProperty",
        state: () => ({ key, value: this.custom.get(key.toLowerCase())?.value }),
        isNull: () => !this.custom.has(key.toLowerCase()),
      });
    return this.make({
      kind: "CustomPropertyCollection",
      items: () => [...this.custom.values()].map((p) => property(p.key)),
      methods: {
        getItemOrNullObject: property,
        add: (key: string, value: unknown) => {
          this.enqueue("custom.add", () => {
            // Excel trims what it cannot hold.
            const v = typeof value === "string" ? value.slice(0, 255) : value;
            this.custom.set(key.toLowerCase(), { key, value: v });
          });
          return property(key);
        },
      },
    });
  }

  private settingCollection(): unknown {
    const setting = (key: string, isNull = true) =>
      this.make({
        kind: "Setting",
        state: () => ({ key, value: this.settings.get(key) }),
        isNull: isNull ? () => !this.settings.has(key) : undefined,
        methods: {
          delete: () => this.enqueue("setting.delete", () => void this.settings.delete(key)),
        },
      });
    return this.make({
      kind: "SettingCollection",
      methods: {
        getItemOrNullObject: (key: string) => setting(key),
        getItem: (key: string) => setting(key, false),
        add: (key: string, value: unknown) => {
          this.enqueue("settings.add", () => void this.settings.set(key, value));
          return setting(key);
        },
      },
    });
  }
}

/** Typing a value into a cell, as Excel takes it. */
function enter(cell: FakeCell, x: string | number | boolean): void {
  delete cell.formula;
  if (typeof x !== "string") {
    cell.value = x;
    return;
  }
  if (x === "") {
    cell.value = "";
    return;
  }
  if (x.startsWith("'")) {
    cell.value = x.slice(1); // the quote prefix
    return;
  }
  if (cell.numberFormat === "@") {
    cell.value = x;
    return;
  }
  if (/^[=+\-@]/.test(x) && x.length > 1 && !/^[+-]?\d+(\.\d+)?$/.test(x)) {
    cell.formula = x;
    cell.value = "#NAME?";
    return;
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(x.trim())) {
    cell.value = Number(x);
    return;
  }
  cell.value = x;
}

function serialOf(y: number, m: number, d: number, date1904: boolean): number {
  const days = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
  return date1904 ? days - 1462 : days;
}

/** office-addin-mock cannot hold null or undefined at the top of an object: leave them out. */
function clean(state: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([, v]) => v !== null && v !== undefined));
}

/** Let office-addin-mock's sync finish (it updates loaded properties a few ticks later). */
function flush(): Promise<void> {
  const later: (f: () => void) => void =
    typeof setImmediate === "function" ? setImmediate : (f) => setTimeout(f, 0);
  return new Promise((resolve) => later(resolve));
}
