/**
 * "Nothing leaves the machine": find the places where code could reach the network.
 *
 * - URLs: every absolute URL in the code's strings (string and template literals, JSX text; in
 *   HTML, CSS, JSON and XML the whole text outside comments). Allowed: localhost, Office's own
 *   office.js, and XML namespace names (identifiers inside .xlsx and manifest files, never
 *   fetched). Comments are not code and may cite documentation.
 * - Network APIs in source: fetch, XMLHttpRequest, WebSocket, EventSource, navigator.sendBeacon,
 *   WebRTC, importScripts, and imports/requires of Node's and npm's network modules.
 *
 * JavaScript and TypeScript are read with the TypeScript parser, so a URL in a comment or a
 * method that happens to be called `fetch` on some object is not mistaken for a request.
 */
import path from "path";
import ts from "typescript";

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly kind: "url" | "api" | "import";
  readonly detail: string;
}

/** The one external script allowed anywhere: Office's own, loaded by taskpane.html. */
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Its host, named (as an origin, fetching nothing) in taskpane.html's Content-Security-Policy. */
export const OFFICE_SCRIPT_HOST = new URL(OFFICE_JS).origin;

/**
 * XML namespace names: identifiers that .xlsx parts and the manifest must carry, never fetched.
 * A prefix is allowed only with http:// or https:// and a path under it.
 */
export const XML_NAMESPACE_PREFIXES: readonly string[] = [
  "schemas.openxmlformats.org/", // SpreadsheetML, OPC relationships and content types
  "schemas.microsoft.com/office/", // Office extensions, the add-in manifest's schemas
  "www.w3.org/", // XML, XML Schema instance, SVG
  "purl.org/dc/", // Dublin Core, in docProps/core.xml
  "json-schema.org/", // $schema identifiers in zod's JSON Schema generator (bundled with zod)
];

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Globals whose use means a request. */
const NETWORK_GLOBALS = new Set([
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "EventSource",
  "RTCPeerConnection",
  "importScripts",
]);
/** Properties that are requests wherever they are called. */
const NETWORK_METHODS = new Set(["sendBeacon"]);
/** Objects through which a network global may be reached (window.fetch, globalThis.WebSocket). */
const GLOBAL_OBJECTS = new Set(["window", "self", "globalThis", "global", "top", "parent"]);
/** Modules that talk to the network. */
const NETWORK_MODULES = new Set([
  "http",
  "https",
  "http2",
  "net",
  "tls",
  "dgram",
  "dns",
  "undici",
  "node-fetch",
  "cross-fetch",
  "isomorphic-fetch",
  "axios",
  "got",
  "request",
  "superagent",
  "ws",
]);

const URL_IN_TEXT = /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>()\\]*/gi;
const PROTOCOL_RELATIVE = /^\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/:?#]|$)/i;

/** Whether this absolute URL is allowed; the reason if not. */
export function urlProblem(url: string): string | undefined {
  if (url === OFFICE_JS || url === OFFICE_SCRIPT_HOST) return undefined;
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!m) return `unparsable URL ${url}`;
  const [, scheme, authority, rest] = m;
  const host = authority.replace(/^.*@/, "").replace(/:\d*$/, "").toLowerCase();
  if (LOCAL_HOSTS.has(host)) return undefined;
  if (/^https?$/i.test(scheme)) {
    const target = `${host}${rest}`;
    if (XML_NAMESPACE_PREFIXES.some((p) => target.startsWith(p) && target.length > p.length)) {
      return undefined;
    }
  }
  return host === "" ? `URL with a computed host: ${url}` : `URL to ${host}: ${url}`;
}

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function urlFindings(file: string, text: string, offset: number, whole: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = m[0].replace(/[.,;:]+$/, "");
    const problem = urlProblem(url);
    if (problem) {
      out.push({
        file,
        line: lineOf(whole, offset + (m.index ?? 0)),
        kind: "url",
        detail: problem,
      });
    }
  }
  return out;
}

function moduleName(specifier: string): string {
  const bare = specifier.replace(/^node:/, "");
  return bare.startsWith("@") ? bare.split("/").slice(0, 2).join("/") : bare.split("/")[0];
}

function scriptKind(file: string): ts.ScriptKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".tsx") return ts.ScriptKind.TSX;
  if (ext === ".ts" || ext === ".mts" || ext === ".cts") return ts.ScriptKind.TS;
  if (ext === ".jsx") return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** Findings in JavaScript or TypeScript source. */
export function scanScript(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const out: Finding[] = [];
  const at = (node: ts.Node): number =>
    source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const flagModule = (node: ts.Node, specifier: string): void => {
    if (NETWORK_MODULES.has(moduleName(specifier))) {
      out.push({ file, line: at(node), kind: "import", detail: `network module "${specifier}"` });
    }
  };

  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      const value = node.text;
      out.push(...urlFindings(file, value, 0, value).map((f) => ({ ...f, line: at(node) })));
      if (PROTOCOL_RELATIVE.test(value)) {
        out.push({ file, line: at(node), kind: "url", detail: `protocol-relative URL: ${value}` });
      }
    }
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      flagModule(node, node.moduleSpecifier.text);
    }
    if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      flagModule(node, node.moduleReference.expression.text);
    }
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === "require";
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const arg = node.arguments[0];
      if ((isRequire || isImport) && ts.isStringLiteralLike(arg)) flagModule(node, arg.text);
    }
    if (ts.isIdentifier(node)) {
      const name = node.text;
      const parent = node.parent;
      if (NETWORK_METHODS.has(name)) {
        out.push({ file, line: at(node), kind: "api", detail: name });
      } else if (NETWORK_GLOBALS.has(name)) {
        const isPropertyName = ts.isPropertyAccessExpression(parent) && parent.name === node;
        const isDeclaredName =
          (ts.isMethodDeclaration(parent) ||
            ts.isPropertyDeclaration(parent) ||
            ts.isPropertySignature(parent) ||
            ts.isMethodSignature(parent) ||
            ts.isPropertyAssignment(parent)) &&
          parent.name === node;
        const onGlobal =
          isPropertyName &&
          ts.isPropertyAccessExpression(parent) &&
          ts.isIdentifier(parent.expression) &&
          GLOBAL_OBJECTS.has(parent.expression.text);
        if ((!isPropertyName && !isDeclaredName) || onGlobal) {
          out.push({ file, line: at(node), kind: "api", detail: name });
        }
      }
    }
    if (
      ts.isElementAccessExpression(node) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      (NETWORK_GLOBALS.has(node.argumentExpression.text) ||
        NETWORK_METHODS.has(node.argumentExpression.text))
    ) {
      out.push({ file, line: at(node), kind: "api", detail: node.argumentExpression.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Blank out the parts of `text` matched by `pattern`, keeping line numbers. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => m.replace(/[^\n]/g, " "));
}

/** Findings in a file of any kind the build produces or the source holds. */
export function scanFile(file: string, text: string): Finding[] {
  const ext = path.extname(file).toLowerCase();
  if ([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"].includes(ext)) {
    return scanScript(file, text);
  }
  if (ext === ".html" || ext === ".htm" || ext === ".xml" || ext === ".svg") {
    return urlFindings(file, blank(text, /<!--[\s\S]*?-->/g), 0, text);
  }
  if (ext === ".css") {
    return urlFindings(file, blank(text, /\/\*[\s\S]*?\*\//g), 0, text);
  }
  return urlFindings(file, text, 0, text);
}

/** File types that are scanned; others (images, fonts, source maps) carry no code. */
export const SCANNED_EXTENSIONS = new Set([
  ".ts",
  ".tsx",
  ".mts",
  ".cts",
  ".js",
  ".jsx",
  ".mjs",
  ".cjs",
  ".html",
  ".htm",
  ".css",
  ".json",
  ".xml",
  ".svg",
]);

export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}: ${f.kind}: ${f.detail}`).join("\n");
}
