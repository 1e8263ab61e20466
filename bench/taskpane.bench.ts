/**
 * The task pane's browser-only mode on a 10,000-row workbook: opening the file and filling the
 * report, against the floor of only parsing the file (unzipping it and reading every sheet's cells,
 * nothing checked or counted).
 *
 *   1. In Node, on the pane's own code path (what the pane calls, in the order it calls it).
 *   2. In Debian's chromium, the built pane itself (npx webpack --mode production), driven by
 *      playwright-core: choose the file, wait for it to be open; Quarterly report, Fill, wait for
 *      the figures; Download. The floor is measured in the same page's engine, by a small bundle
 *      of the same parse code.
 *
 * Run: npm run bench -- taskpane   (or: node --import tsx --expose-gc bench/taskpane.bench.ts)
 */
import fs from "fs";
import path from "path";
import webpack from "webpack";
import { XlsxAdapter } from "../src/workbook/xlsx-adapter";
import { logSheet, prospectiveSheet, reportSheet } from "../src/workbook/seed-layout";
import { sampleLog } from "../src/app/sample";
import { inspectWorkbook } from "../src/app/setup";
import { fillQuarterly, loadQuarterly } from "../src/app/quarterly";
import { parsePeriod } from "../src/core/period";
import { dayFromYmd } from "../src/core/dates";
import { builtPane, isLocal, launch, serve } from "../test/taskpane/browser";

const ROWS = 10_000;
const RUNS = 7;
const BROWSER_RUNS = 5;
const OUT = path.join(__dirname, ".out");
const PERIOD = parsePeriod("FY2007 Q3");
const TODAY = dayFromYmd(2007, 7, 15);

let peakRss = 0;
let peakHeap = 0;
function sample(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ratio(name: string, measured: number, baseline: number, what: string): void {
  console.log(
    `ratio ${name}: ${measured.toFixed(1)} ms / ${baseline.toFixed(1)} ms = ${(measured / baseline).toFixed(2)}  (${what})`
  );
}

async function makeWorkbook(): Promise<Uint8Array> {
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(PERIOD, "SAC Houston"));
  await book.addSheet(logSheet(sampleLog(PERIOD, ROWS)));
  await book.addSheet(prospectiveSheet());
  return book.save();
}

/** The floor: the file unzipped and every sheet's cells read. */
async function parseOnly(bytes: Uint8Array): Promise<void> {
  const book = XlsxAdapter.fromBytes(bytes);
  for (const name of await book.sheetNames()) await book.readSheet(name);
}

/** What the pane does: open; Quarterly report (prefill, load, fill); Download. */
async function paneFlow(bytes: Uint8Array): Promise<{ open: number; fill: number; save: number }> {
  const t0 = performance.now();
  const book = XlsxAdapter.fromBytes(bytes);
  const t1 = performance.now();
  await inspectWorkbook(book);
  const q = await loadQuarterly(book, { period: "FY2007 Q3", office: "SAC Houston", today: TODAY });
  await fillQuarterly(book, q);
  sample();
  const t2 = performance.now();
  book.save();
  const t3 = performance.now();
  return { open: t1 - t0, fill: t2 - t1, save: t3 - t2 };
}

async function inNode(bytes: Uint8Array): Promise<void> {
  console.log(
    `\n-- Node ${process.version}, the pane's code path, ${ROWS.toLocaleString("en-US")} rows, median of ${RUNS}`
  );
  for (let i = 0; i < 2; i++) {
    await parseOnly(bytes);
    await paneFlow(bytes);
  }
  const floor: number[] = [];
  const flows: { open: number; fill: number; save: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    gc();
    let t = performance.now();
    await parseOnly(bytes);
    floor.push(performance.now() - t);
    sample();
    gc();
    t = performance.now();
    flows.push(await paneFlow(bytes));
  }
  const parse = median(floor);
  const openFill = median(flows.map((f) => f.open + f.fill));
  const all = median(flows.map((f) => f.open + f.fill + f.save));
  console.log(
    `node: parse ${parse.toFixed(1)} ms; open ${median(flows.map((f) => f.open)).toFixed(1)} ms, fill ${median(flows.map((f) => f.fill)).toFixed(1)} ms, save ${median(flows.map((f) => f.save)).toFixed(1)} ms`
  );
  ratio("node open+fill", openFill, parse, "parse only: unzip and read every sheet's cells");
  ratio("node open+fill+download", all, parse, "parse only");
}

/** A bundle of the same parse code, for the floor in the browser's engine. */
async function floorBundle(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, "floor-entry.ts");
  fs.writeFileSync(
    entry,
    `import { XlsxAdapter } from ${JSON.stringify(path.join(__dirname, "../src/workbook/xlsx-adapter"))};
(globalThis as any).parseOnly = async (bytes: Uint8Array) => {
  const book = XlsxAdapter.fromBytes(bytes);
  for (const name of await book.sheetNames()) await book.readSheet(name);
};
`
  );
  fs.writeFileSync(
    path.join(dir, "floor.html"),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script src="floor.js"></script></head><body></body></html>'
  );
  const compiler = webpack({
    mode: "production",
    context: path.join(__dirname, ".."),
    entry,
    target: ["web", "es2020"],
    output: { path: dir, filename: "floor.js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "es2020", noEmit: false } },
          },
        },
      ],
    },
    performance: { hints: false },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err || stats?.hasErrors()) reject(err ?? new Error(stats?.toString()));
      else compiler.close(() => resolve());
    })
  );
}

async function inChromium(file: string, bytes: Uint8Array): Promise<void> {
  console.log(
    `\n-- chromium, the built pane (browser-only mode), ${ROWS.toLocaleString("en-US")} rows, median of ${BROWSER_RUNS}`
  );
  const floorDir = path.join(OUT, "taskpane-floor");
  await floorBundle(floorDir);
  fs.copyFileSync(file, path.join(floorDir, "book.xlsx"));
  const pane = await serve(builtPane());
  const floorServer = await serve(floorDir);
  const browser = await launch({ officeJs: "abort", width: 380, height: 900 });
  const page = browser.page;
  try {
    // The floor, in this engine.
    await page.goto(`${floorServer.url}/floor.html`);
    const floors = await page.evaluate(
      async ({ b64, runs }) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const parse = (globalThis as unknown as { parseOnly: (b: Uint8Array) => Promise<void> })
          .parseOnly;
        for (let i = 0; i < 2; i++) await parse(bytes);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await parse(bytes);
          times.push(performance.now() - t);
        }
        return times;
      },
      { b64: Buffer.from(bytes).toString("base64"), runs: BROWSER_RUNS }
    );
    const floor = median(floors);

    const opens: number[] = [];
    const fills: number[] = [];
    const downloads: number[] = [];
    for (let i = 0; i < BROWSER_RUNS + 1; i++) {
      await page.goto(`${pane.url}/taskpane.html`);
      await page.locator("p.mode", { hasText: "Browser-only mode" }).waitFor();
      let t = performance.now();
      await page.setInputFiles("#open-file", file);
      await page
        .locator(".file-bar")
        .getByText(`Opened ${path.basename(file)}.`)
        .waitFor();
      const open = performance.now() - t;
      await page.getByRole("tab", { name: "Quarterly report" }).click();
      await page.locator("#panel-report input[name=period]").inputValue();
      t = performance.now();
      await page.getByRole("button", { name: "Fill the report" }).click();
      await page
        .locator("#panel-report")
        .getByText(/^Filled the report/)
        .waitFor({ timeout: 120_000 });
      await page.locator("#panel-report table.figures").waitFor();
      const fill = performance.now() - t;
      t = performance.now();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download the workbook" }).click(),
      ]);
      await download.path();
      const save = performance.now() - t;
      if (i === 0) continue; // warm-up
      opens.push(open);
      fills.push(fill);
      downloads.push(save);
    }
    const open = median(opens);
    const fill = median(fills);
    console.log(
      `chromium: parse ${floor.toFixed(1)} ms; open ${open.toFixed(1)} ms, fill ${fill.toFixed(1)} ms, download ${median(downloads).toFixed(1)} ms (wall clock as the user sees it, from the page's events)`
    );
    ratio("chromium open", open, floor, "parse only, in the same engine");
    ratio("chromium open+fill", open + fill, floor, "parse only, in the same engine");
    const outside = browser.requests.filter((u) => !isLocal(u));
    const sent = outside.filter((u) => !browser.blocked.includes(u));
    console.log(
      `requests to outside this machine: ${sent.length} sent; ${outside.length} attempted and blocked before sending (${[...new Set(outside)].join(", ") || "none"})`
    );
  } finally {
    await browser.close();
    await pane.close();
    await floorServer.close();
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const bytes = await makeWorkbook();
  const file = path.join(OUT, `taskpane-${ROWS}.xlsx`);
  fs.writeFileSync(file, bytes);
  console.log(
    `workbook: ${ROWS.toLocaleString("en-US")} log rows, ${(bytes.length / 1024).toFixed(0)} KB`
  );
  await inNode(bytes);
  await inChromium(file, bytes);
  sample();
  console.log(
    `peak taskpane (node): rss ${(peakRss / 2 ** 20).toFixed(0)} MB, heap ${(peakHeap / 2 ** 20).toFixed(0)} MB`
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
