/**
 * Offline checks of the XML add-in manifest: what Office would reject or silently mis-wire, and
 * the project's own rules. `npm run validate` asks Microsoft's service as well; this needs no
 * network, so it runs in every `npm test`.
 *
 * checkManifest() returns a list of problems (empty = fine) rather than throwing, so that a test
 * can feed it a mutated manifest and see exactly what it catches.
 */
import fs from "fs";
import nodePath from "path";
import { XmlElement, allElements, childrenNamed, localName, parseXml, path } from "./xml";

export interface ManifestOptions {
  /** Reads a file of the add-in's web root (e.g. "assets/icon-16.png"); undefined if absent. */
  readonly readFile: (relativePath: string) => Buffer | undefined;
  /** The base URL every add-in URL must be under (ending in "/"); its origin is the AppDomain. */
  readonly base?: string;
  /** Also require every file the manifest's URLs name (not only the icons) to exist. */
  readonly requireFiles?: boolean;
  /** The custom functions namespace. */
  readonly namespace?: string;
}

export const DEV_ORIGIN = "https://localhost:3000";
export const DEV_BASE = `${DEV_ORIGIN}/`;
export const NAMESPACE = "TIPS";
export const DISPLAY_NAME = "TIPS Outreach";
/** The add-in's identity in Office: a new Id would be a new add-in, installed beside the old. */
export const ADDIN_ID = "a03a4cab-ba88-4739-b811-a39f8ede0ff4";

/** A manifest's <Id> and <Version>, read as the text (undefined if absent). */
export const idOf = (xml: string): string | undefined => /<Id>([^<]*)<\/Id>/.exec(xml)?.[1];
export const versionOf = (xml: string): string | undefined =>
  /<Version>([^<]*)<\/Version>/.exec(xml)?.[1];

/** ManifestOptions.readFile over a folder (the repository, or a build's output). */
export function readerFor(dir: string): (relative: string) => Buffer | undefined {
  return (relative) => {
    const file = nodePath.join(dir, relative);
    return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined;
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or undefined if `data` is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (data.toString("ascii", 12, 16) !== "IHDR") return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

interface Resource {
  readonly kind: ResourceKind;
  readonly value: string;
}

/** Elements whose resid must name a resource of one kind. */
const RESID_KIND: Readonly<Record<string, readonly ResourceKind[]>> = {
  Image: ["Images"],
  SourceLocation: ["Urls"],
  Runtime: ["Urls"],
  FunctionFile: ["Urls"],
  LearnMoreUrl: ["Urls"],
  Label: ["ShortStrings"],
  Title: ["ShortStrings"],
  Namespace: ["ShortStrings"],
  Description: ["LongStrings", "ShortStrings"],
};

function resources(root: XmlElement, problems: string[]): Map<string, Resource> {
  const out = new Map<string, Resource>();
  const section = path(root, "VersionOverrides", "Resources");
  if (!section) {
    problems.push("no VersionOverrides/Resources");
    return out;
  }
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"] as const) {
    for (const group of childrenNamed(section, kind)) {
      for (const item of group.children) {
        const id = item.attributes.id;
        const value = item.attributes.DefaultValue;
        if (!id || value === undefined) {
          problems.push(`a ${kind} resource on line ${item.line} lacks id or DefaultValue`);
          continue;
        }
        if (out.has(id)) problems.push(`resource id "${id}" is defined twice`);
        out.set(id, { kind, value });
      }
    }
  }
  return out;
}

function checkUrl(url: string, where: string, base: string, problems: string[]): void {
  if (!url.startsWith("https://")) {
    problems.push(`${where}: "${url}" is not https`);
  } else if (!url.startsWith(base)) {
    problems.push(`${where}: "${url}" is not under ${base}`);
  }
}

/** The file of the web root a URL under `base` names, without query or fragment. */
function fileOf(url: string, base: string): string {
  return url.slice(base.length).replace(/[?#].*$/, "");
}

function checkIcon(
  url: string,
  size: number,
  where: string,
  options: ManifestOptions,
  base: string,
  problems: string[]
): void {
  if (!url.startsWith(base)) return; // reported by the URL check
  const file = fileOf(url, base);
  if (!file.startsWith("assets/")) {
    problems.push(`${where}: icon "${file}" is not in assets/`);
    return;
  }
  const data = options.readFile(file);
  if (!data) {
    problems.push(`${where}: icon "${file}" does not exist`);
    return;
  }
  const dims = pngSize(data);
  if (!dims) {
    problems.push(`${where}: icon "${file}" is not a PNG`);
  } else if (dims.width !== size || dims.height !== size) {
    problems.push(
      `${where}: icon "${file}" is ${dims.width}x${dims.height}, expected ${size}x${size}`
    );
  }
}

/** All problems found in the manifest text; an empty list means it passes. */
export function checkManifest(xml: string, options: ManifestOptions): string[] {
  const base = options.base ?? DEV_BASE;
  const origin = new URL(base).origin;
  const namespace = options.namespace ?? NAMESPACE;
  const problems: string[] = [];
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    return [`not well-formed XML: ${(err as Error).message}`];
  }

  // The add-in itself.
  if (root.name !== "OfficeApp") problems.push(`root element is <${root.name}>, not <OfficeApp>`);
  if (root.attributes["xsi:type"] !== "TaskPaneApp")
    problems.push("OfficeApp is not a TaskPaneApp");
  const id = path(root, "Id")?.text.trim() ?? "";
  if (!GUID.test(id)) problems.push(`Id "${id}" is not a GUID`);
  const displayName = path(root, "DisplayName")?.attributes.DefaultValue;
  if (displayName !== DISPLAY_NAME) problems.push(`DisplayName is "${displayName}"`);
  const hosts = childrenNamed(path(root, "Hosts") ?? root, "Host").map((h) => h.attributes.Name);
  if (!hosts.includes("Workbook")) problems.push("Hosts does not include Workbook (Excel)");

  const res = resources(root, problems);
  const urlOf = (resid: string | undefined): string | undefined =>
    resid === undefined ? undefined : res.get(resid)?.value;

  // Every resid is defined, and of the right kind.
  for (const e of allElements(root)) {
    const resid = e.attributes.resid;
    if (resid === undefined) continue;
    const found = res.get(resid);
    if (!found) {
      problems.push(`<${e.name}> on line ${e.line} uses resid "${resid}", which is not defined`);
      continue;
    }
    const kinds = RESID_KIND[localName(e)];
    if (kinds && !kinds.includes(found.kind)) {
      problems.push(`<${e.name}> on line ${e.line} uses resid "${resid}", a ${found.kind} entry`);
    }
  }

  // Shared runtime: one resid for the runtime, the functions' page, the FunctionFile and every
  // task pane.
  const sets = path(root, "Requirements", "Sets");
  const shared =
    sets && childrenNamed(sets, "Set").find((s) => s.attributes.Name === "SharedRuntime");
  if (!shared) problems.push('Requirements lacks <Set Name="SharedRuntime">');
  else if (shared.attributes.MinVersion !== "1.1")
    problems.push("SharedRuntime MinVersion is not 1.1");

  const host = childrenNamed(path(root, "VersionOverrides", "Hosts") ?? root, "Host").find(
    (h) => h.attributes["xsi:type"] === "Workbook"
  );
  if (!host) {
    problems.push("VersionOverrides has no Workbook host");
    return problems;
  }
  const runtimes = childrenNamed(path(host, "Runtimes") ?? host, "Runtime");
  const runtimeResid = runtimes[0]?.attributes.resid;
  if (runtimes.length !== 1) problems.push(`${runtimes.length} <Runtime> elements, expected 1`);
  else if (runtimes[0].attributes.lifetime !== "long")
    problems.push('Runtime lifetime is not "long"');

  const all = allElements(host);
  const functionsPoint = all.find(
    (e) => localName(e) === "ExtensionPoint" && e.attributes["xsi:type"] === "CustomFunctions"
  );
  const sameRuntime = (what: string, resid: string | undefined): void => {
    if (resid === undefined) problems.push(`${what} is missing`);
    else if (resid !== runtimeResid) {
      problems.push(`${what} uses resid "${resid}", not the runtime's "${runtimeResid}"`);
    }
  };
  if (!functionsPoint) {
    problems.push("no CustomFunctions extension point");
  } else {
    sameRuntime(
      "the custom functions' Page",
      path(functionsPoint, "Page", "SourceLocation")?.attributes.resid
    );
    const script = urlOf(path(functionsPoint, "Script", "SourceLocation")?.attributes.resid);
    const metadata = urlOf(path(functionsPoint, "Metadata", "SourceLocation")?.attributes.resid);
    if (!script?.endsWith("/functions.js"))
      problems.push(`functions Script is "${script}", not functions.js`);
    if (!metadata?.endsWith("/functions.json")) {
      problems.push(`functions Metadata is "${metadata}", not functions.json`);
    }
    const ns = path(functionsPoint, "Namespace")?.attributes.resid;
    const nsValue = ns === undefined ? undefined : res.get(ns)?.value;
    if (nsValue !== namespace)
      problems.push(`custom functions namespace is "${nsValue}", not "${namespace}"`);
  }
  const functionFiles = all.filter((e) => localName(e) === "FunctionFile");
  if (functionFiles.length === 0) problems.push("no FunctionFile");
  for (const f of functionFiles) sameRuntime("FunctionFile", f.attributes.resid);
  const taskpanes = all.filter(
    (e) => localName(e) === "Action" && e.attributes["xsi:type"] === "ShowTaskpane"
  );
  if (taskpanes.length === 0) problems.push("no ribbon button opens the task pane (ShowTaskpane)");
  for (const a of taskpanes)
    sameRuntime("the task pane", path(a, "SourceLocation")?.attributes.resid);
  const defaultPage = path(root, "DefaultSettings", "SourceLocation")?.attributes.DefaultValue;
  if (defaultPage !== urlOf(runtimeResid)) {
    problems.push(`DefaultSettings SourceLocation "${defaultPage}" is not the runtime's page`);
  }

  // The add-in's origin is its AppDomain; an AppDomain is an origin (no path).
  const appDomains = allElements(root)
    .filter((e) => localName(e) === "AppDomain")
    .map((e) => e.text.trim());
  for (const domain of appDomains) {
    if (!/^https:\/\/[^/?#]+$/i.test(domain)) {
      problems.push(`AppDomain "${domain}" is not an https origin (https://host, no path)`);
    }
  }
  if (!appDomains.includes(origin)) problems.push(`AppDomains does not list ${origin}`);

  // Every URL is https under the add-in's base URL.
  const urls: string[] = [];
  for (const e of allElements(root)) {
    if (localName(e) === "AppDomain") continue; // checked above
    for (const [name, value] of Object.entries(e.attributes)) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue; // namespace names, not fetched
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        checkUrl(value, `<${e.name}> ${name}`, base, problems);
        urls.push(value);
      }
    }
    if (/^\s*[a-z][a-z0-9+.-]*:\/\//i.test(e.text)) {
      checkUrl(e.text.trim(), `<${e.name}>`, base, problems);
      urls.push(e.text.trim());
    }
  }
  if (options.requireFiles) {
    for (const url of new Set(urls)) {
      if (url.startsWith(base) && !options.readFile(fileOf(url, base))) {
        problems.push(`"${url}" names ${fileOf(url, base)}, which does not exist`);
      }
    }
  }

  // Icons exist with the pixel size they are used at.
  const iconUrl = path(root, "IconUrl")?.attributes.DefaultValue;
  const hiResUrl = path(root, "HighResolutionIconUrl")?.attributes.DefaultValue;
  if (!iconUrl) problems.push("no IconUrl");
  else checkIcon(iconUrl, 32, "IconUrl", options, base, problems);
  if (!hiResUrl) problems.push("no HighResolutionIconUrl");
  else checkIcon(hiResUrl, 64, "HighResolutionIconUrl", options, base, problems);
  for (const e of allElements(host)) {
    const resid = e.attributes.resid;
    if (localName(e) !== "Image" || resid === undefined) continue;
    const url = res.get(resid)?.value;
    const size = Number(e.attributes.size);
    if (url === undefined) continue; // reported above
    if (!Number.isInteger(size)) problems.push(`<${e.name}> on line ${e.line} has no numeric size`);
    else checkIcon(url, size, `image "${resid}" at size ${size}`, options, base, problems);
  }
  return problems;
}
