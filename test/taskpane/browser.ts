/**
 * What the task pane's browser tests need: the built pane, a tiny local web server for it, Debian's
 * chromium driven by playwright-core with every request recorded, and axe-core.
 *
 * Nothing may leave the machine: every request is recorded, and any to a host other than
 * 127.0.0.1/localhost is aborted before it is sent (and reported, so a test can fail on it).
 */
import { spawnSync } from "child_process";
import fs from "fs";
import http from "http";
import os from "os";
import path from "path";
import { BrowserContext, Page, chromium } from "playwright-core";
import webpack from "webpack";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";

export const ROOT = path.resolve(__dirname, "../..");
export const OUT = path.join(ROOT, "test", ".out", "taskpane");
export const SCREENSHOTS = path.join(ROOT, "docs", "screenshots");
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Fail loudly: a browser test that cannot run must not pass. */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `The task pane's browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium). It is missing, so these tests fail rather than pass unchecked.`
    );
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * The production build of the pane: dist/ when it is newer than every source (npm test builds
 * it just before the tests), else a build made now into test/.out/taskpane/dist.
 */
export function builtPane(): string {
  const dist = path.join(ROOT, "dist");
  const sources = Math.max(
    newestMtime(path.join(ROOT, "src")),
    fs.statSync(path.join(ROOT, "webpack.config.js")).mtimeMs
  );
  const built = path.join(dist, "taskpane.js");
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return dist;
  const out = path.join(OUT, "dist");
  const result = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "webpack"),
    ["--mode", "production", "--output-path", out],
    { cwd: ROOT, encoding: "utf8" }
  );
  if (result.status !== 0) {
    throw new Error(`webpack --mode production failed:\n${result.stdout}\n${result.stderr}`);
  }
  return out;
}

/** The content type of each kind of file the add-in is made of, as a web server must send it. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".map": "application/json",
  ".xml": "application/xml",
};

export interface Server {
  readonly url: string;
  close(): Promise<void>;
}

/** Serve a folder on 127.0.0.1 (plain http: fine for a test on one machine). */
export function serve(dir: string): Promise<Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = path.join(
      dir,
      path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "")
    );
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    })
  );
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request the page made, in order. */
  readonly requests: string[];
  /** Requests to anywhere but this machine: aborted, never sent. */
  readonly blocked: string[];
  /** Errors thrown in the page. */
  readonly pageErrors: string[];
  /**
   * What the page's Content-Security-Policy refused, as "directive blocked-URL" (the
   * securitypolicyviolation events of every page and navigation, in order).
   */
  readonly cspViolations: string[];
  close(): Promise<void>;
}

/** The page's function that hands a policy violation to the test. */
const CSP_BINDING = "tipsReportCspViolation";

export function isLocal(url: string): boolean {
  if (/^(blob|data|about):/.test(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    return false;
  }
}

/**
 * Chromium with a fresh profile. `officeJs`: what the pane's request for office.js gets (it is
 * never fetched from Microsoft): "abort" (as if blocked or offline), or a script to run instead.
 */
export async function launch(
  options: { officeJs?: "abort" | string; width?: number; height?: number } = {}
): Promise<Browser> {
  requireChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tips-pane-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
    locale: "en-US",
    timezoneId: "America/Chicago",
    viewport: { width: options.width ?? 380, height: options.height ?? 900 },
  });
  const requests: string[] = [];
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  await context.exposeBinding(CSP_BINDING, (_source, violation: string) => {
    cspViolations.push(violation);
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as Record<string, (v: string) => void>)[binding];
      report(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  }, CSP_BINDING);
  context.on("request", (r) => requests.push(r.url()));
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    if (
      /appsforoffice\.microsoft\.com\/.*office\.js$/.test(url) &&
      options.officeJs !== undefined &&
      options.officeJs !== "abort"
    ) {
      return route.fulfill({ status: 200, contentType: "text/javascript", body: options.officeJs });
    }
    return route.abort("blockedbyclient");
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  return {
    context,
    page,
    requests,
    blocked,
    pageErrors,
    cspViolations,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The built pane served here, open in a fresh chromium in its browser-only mode (no office.js). */
export async function openBrowserPane(): Promise<{ server: Server; browser: Browser; page: Page }> {
  const server = await serve(builtPane());
  const browser = await launch({ officeJs: "abort" });
  await browser.page.goto(`${server.url}/taskpane.html`);
  await browser.page.locator("p.mode", { hasText: "Browser-only mode" }).waitFor();
  return { server, browser, page: browser.page };
}

const AXE = path.join(ROOT, "node_modules/axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeProblems(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(
    () => typeof (window as { axe?: unknown }).axe !== "undefined"
  );
  // Evaluated by the browser's debugging protocol: a <script> tag would be inline script, which
  // the pane's Content-Security-Policy refuses.
  if (!loaded) await page.evaluate(fs.readFileSync(AXE, "utf8"));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
    );
}

/**
 * In the browser-only mode: press "Download the workbook", save the file under OUT as `saveAs`,
 * and open it as the command line would.
 */
export async function downloadWorkbook(
  page: Page,
  saveAs: string
): Promise<{ book: XlsxAdapter; suggested: string }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the workbook" }).click(),
  ]);
  const file = path.join(OUT, saveAs);
  await download.saveAs(file);
  const book = XlsxAdapter.fromBytes(new Uint8Array(fs.readFileSync(file)));
  return { book, suggested: download.suggestedFilename() };
}

/** A screenshot of the pane for docs/screenshots (and the README). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Bundle a test script for the browser (production mode, TypeScript transpiled only) and return
 * the bundle's text. `define` replaces free names; `alias` swaps modules.
 */
export async function bundle(
  entry: string,
  options: { define?: Record<string, string>; alias?: Record<string, string> } = {}
): Promise<string> {
  const out = path.join(OUT, "bundles");
  const filename = `${path.basename(entry, path.extname(entry))}.js`;
  const compiler = webpack({
    mode: "production",
    context: ROOT,
    entry,
    target: ["web", "es2020"],
    output: { path: out, filename },
    resolve: { extensions: [".ts", ".js"], alias: options.alias ?? {} },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "es2020", noEmit: false } },
          },
        },
      ],
    },
    plugins: options.define ? [new webpack.DefinePlugin(options.define)] : [],
    performance: { hints: false },
    devtool: false,
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err || stats?.hasErrors()) {
        reject(err ?? new Error(stats?.toString({ all: false, errors: true })));
      } else compiler.close(() => resolve());
    })
  );
  return fs.readFileSync(path.join(out, filename), "utf8");
}
