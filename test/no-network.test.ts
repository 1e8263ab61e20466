/**
 * Nothing leaves the machine, and the tests prove it: no code in src/ (nor in the built dist/)
 * names a URL other than localhost or Office's own office.js, no code in src/ uses a network API
 * or module, and the Office dev tools' usage data is turned off. The scanner's own cases show it
 * catches what it should.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import ts from "typescript";
import {
  Finding,
  OFFICE_JS,
  OFFICE_SCRIPT_HOST,
  SCANNED_EXTENSIONS,
  formatFindings,
  scanFile,
  scanScript,
  urlProblem,
} from "./helpers/network-scan";
import { NEEDS_BUILD, testRequiring } from "./helpers/requires";

const ROOT = path.resolve(__dirname, "..");

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return SCANNED_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) ? [full] : [];
  });
}

function scanTree(dir: string): Finding[] {
  return filesUnder(dir).flatMap((file) =>
    scanFile(path.relative(ROOT, file), fs.readFileSync(file, "utf8"))
  );
}

describe("nothing leaves the machine", () => {
  test("src/ has no URL but localhost and office.js, and no network API or module", () => {
    const files = filesUnder(path.join(ROOT, "src"));
    expect(files.length).toBeGreaterThan(0);
    expect(formatFindings(scanTree(path.join(ROOT, "src")))).toBe("");
  });

  test("the only external script is Office's office.js, in taskpane.html", () => {
    const html = fs.readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8");
    const external = [...html.matchAll(/<script[^>]*\bsrc="(https?:[^"]*)"/g)].map((m) => m[1]);
    expect(external).toEqual([OFFICE_JS]);
  });

  // Source maps and extracted licence texts are not loaded by the add-in; all else is.
  const dist = path.join(ROOT, "dist");
  testRequiring(fs.existsSync(dist), NEEDS_BUILD)("the built dist/ is as clean as src/", () => {
    expect(formatFindings(scanTree(dist))).toBe("");
  });
});

describe("the scanner catches network use", () => {
  const bad: ReadonlyArray<[string, string, string]> = [
    ["fetch", "export const get = () => fetch('/x');", "api: fetch"],
    ["window.fetch", "window.fetch('/x');", "api: fetch"],
    ["XMLHttpRequest", "const x = new XMLHttpRequest();", "api: XMLHttpRequest"],
    ["WebSocket", "new WebSocket('wss://localhost:1');", "api: WebSocket"],
    ["EventSource", "new EventSource('/events');", "api: EventSource"],
    ["sendBeacon", "navigator.sendBeacon('/b', 'x');", "api: sendBeacon"],
    ["globalThis['fetch']", "globalThis['fetch']('/x');", "api: fetch"],
    ["import https", 'import https from "https";', 'import: network module "https"'],
    ["import node:http", 'import * as h from "node:http";', 'import: network module "node:http"'],
    ["require net", 'const net = require("net");', 'import: network module "net"'],
    ["dynamic import", 'await import("node-fetch");', 'import: network module "node-fetch"'],
    ["re-export", 'export { request } from "http";', 'import: network module "http"'],
    ["a remote URL", 'const u = "https://example.com/api";', "url: URL to example.com"],
    ["an http URL", 'const u = "http://tracker.example.org/p.gif";', "URL to tracker.example.org"],
    ["a URL in a template", "const u = `https://${host}/x`;", "URL with a computed host"],
    [
      "a remote script",
      '<script src="https://cdn.example.com/lib.js"></script>',
      "cdn.example.com",
    ],
    ["a protocol-relative URL", 'const u = "//cdn.example.com/x.js";', "protocol-relative"],
    [
      "a look-alike of office.js",
      'const u = "https://appsforoffice.microsoft.com/lib/beta/x.js";',
      "appsforoffice",
    ],
    ["a namespace host used as a path", 'const u = "https://www.w3.org";', "URL to www.w3.org"],
  ];
  test.each(bad)("flags %s", (_name, code, expected) => {
    const file = code.startsWith("<") ? "sample.html" : "sample.ts";
    expect(formatFindings(scanFile(file, code))).toContain(expected);
  });

  const fine: ReadonlyArray<[string, string]> = [
    ["localhost", 'const u = "https://localhost:3000/taskpane.html";'],
    ["office.js", `const u = "${OFFICE_JS}";`],
    [
      "office.js's host as a policy source",
      `const policy = "script-src 'self' ${OFFICE_SCRIPT_HOST}; connect-src 'self'";`,
    ],
    ["a URL in a comment", "// see https://learn.microsoft.com/office/dev/add-ins/\nconst a = 1;"],
    ["a method called fetch on an object", "cache.fetch(key);"],
    ["a property called fetch", "const o = { fetch: 1 }; class C { fetch() {} }"],
    [
      "SpreadsheetML namespace",
      'const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";',
    ],
    [
      "a relationship type",
      'const t = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";',
    ],
    ["Dublin Core", 'const dc = "http://purl.org/dc/elements/1.1/";'],
    ["a local path", 'import { x } from "./http";'],
  ];
  test.each(fine)("allows %s", (_name, code) => {
    expect(formatFindings(scanScript("sample.ts", code))).toBe("");
  });

  test("urlProblem explains what it rejects", () => {
    expect(urlProblem("https://127.0.0.1:8080/x")).toBeUndefined();
    expect(urlProblem("https://user@evil.example/x")).toMatch(/evil\.example/);
  });
});

describe("the Office dev tools' usage data is off", () => {
  test("no installed office-addin-usage-data can send anything", () => {
    // Find every copy (top level and nested) and look for a network client in its code.
    const copies: string[] = [];
    const walk = (dir: string, depth: number): void => {
      if (depth > 6 || !fs.existsSync(dir)) return;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const full = path.join(dir, entry.name);
        if (entry.name === "office-addin-usage-data") copies.push(full);
        else if (entry.name === "node_modules" || depth === 0 || entry.name.startsWith("@")) {
          walk(full, depth + 1);
        } else if (fs.existsSync(path.join(full, "node_modules"))) {
          walk(path.join(full, "node_modules"), depth + 1);
        }
      }
    };
    walk(path.join(ROOT, "node_modules"), 0);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const pkg = JSON.parse(fs.readFileSync(path.join(copy, "package.json"), "utf8"));
      const deps = Object.keys(pkg.dependencies ?? {});
      expect(deps.filter((d) => /applicationinsights|telemetry/i.test(d))).toEqual([]);
      const lib = path.join(copy, "lib");
      const code = fs.readdirSync(lib).filter((f) => f.endsWith(".js"));
      const uses = code.flatMap((f) =>
        scanScript(f, fs.readFileSync(path.join(lib, f), "utf8")).filter((x) => x.kind !== "url")
      );
      expect(formatFindings(uses)).toBe("");
      expect(fs.readFileSync(path.join(lib, "usageData.js"), "utf8")).not.toMatch(
        /require\(["']applicationinsights["']\)/
      );
    }
  });

  /**
   * Position of the first call to turnUsageDataOff, and of the first call that reaches an Office
   * tool: loading one (require("office-addin-...")), running one (a call with an
   * "office-addin-..." argument, such as bin("office-addin-debugging")), or asking
   * office-addin-dev-certs for certificates (httpsServerOptions()).
   */
  function optOutBeforeTools(
    file: string,
    text = fs.readFileSync(path.join(ROOT, file), "utf8")
  ): { optOut: number; firstTool: number } {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    let optOut = Infinity;
    let firstTool = Infinity;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText();
        const toolArgument = node.arguments.some(
          (a) => ts.isStringLiteralLike(a) && a.text.startsWith("office-addin-")
        );
        if (/turnUsageDataOff$/.test(callee)) optOut = Math.min(optOut, node.getStart());
        else if (toolArgument || /httpsServerOptions$/.test(callee)) {
          firstTool = Math.min(firstTool, node.getStart());
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return { optOut, firstTool };
  }

  test.each(["scripts/start.js", "scripts/stop.js", "scripts/test.js", "scripts/dev-certs.js"])(
    "%s turns usage data off before it runs an Office tool",
    (file) => {
      const { optOut, firstTool } = optOutBeforeTools(file);
      expect(optOut).toBeLessThan(Infinity);
      expect(optOut).toBeLessThan(firstTool);
    }
  );

  test("the order check catches a script that runs a tool first", () => {
    const late = optOutBeforeTools(
      "late.js",
      'run(bin("office-addin-lint"));\nturnUsageDataOff();'
    );
    expect(late.optOut).toBeGreaterThan(late.firstTool);
    const never = optOutBeforeTools("never.js", 'require("office-addin-dev-certs");');
    expect(never.optOut).toBe(Infinity);
  });

  test(".ci/run turns usage data off before npm ci and npm test", () => {
    const lines = fs
      .readFileSync(path.join(ROOT, ".ci/run"), "utf8")
      .split("\n")
      .filter((l) => !l.trim().startsWith("#"));
    const optOut = lines.findIndex((l) => l.includes("scripts/usage-data-off.js"));
    const tools = lines.findIndex((l) => /npm (ci|test)|office-addin/.test(l));
    expect(optOut).toBeGreaterThanOrEqual(0);
    expect(optOut).toBeLessThan(tools);
  });

  test("scripts/usage-data-off.js writes the opt-out and keeps other settings", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "tips-home-"));
    try {
      const file = path.join(home, "office-addin-usage-data.json");
      fs.writeFileSync(
        file,
        JSON.stringify({
          usageDataInstances: {
            "office-addin-usage-data": { usageDataLevel: "on", deviceID: "d" },
            other: { usageDataLevel: "on" },
          },
        })
      );
      const run = (): void => {
        const result = spawnSync(process.execPath, [path.join(ROOT, "scripts/usage-data-off.js")], {
          env: { ...process.env, HOME: home, USERPROFILE: home },
          encoding: "utf8",
        });
        expect(result.status).toBe(0);
      };
      run();
      run(); // idempotent
      const json = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(json.usageDataInstances["office-addin-usage-data"]).toEqual({
        usageDataLevel: "off",
        deviceID: "d",
      });
      expect(json.usageDataInstances.other).toEqual({ usageDataLevel: "on" });

      fs.rmSync(file);
      run(); // from nothing
      expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({
        usageDataInstances: { "office-addin-usage-data": { usageDataLevel: "off" } },
      });
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
