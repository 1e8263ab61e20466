/**
 * The OPC package: parts by name (case-insensitive, as OPC says), their content types and
 * relationships. Parts are inflated on first read; a part that is never written is saved with
 * its original compressed bytes. Edits to [Content_Types].xml and .rels parts are surgical:
 * an element is inserted or removed, the rest of the text stays as it was.
 */
import { WorkbookFileError } from "./errors";
import { ElementSpan, appendChild, attrOf, scanElements, splice } from "./elements";
import { escapeAttr } from "./xml";
import {
  ZipEntry,
  ZipOutEntry,
  copyEntry,
  deflateEntry,
  inflateEntry,
  readZipEntries,
  writeZip,
} from "./zip";

export const CONTENT_TYPES_PART = "[Content_Types].xml";

const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPE = {
  officeDocument: `${R}/officeDocument`,
  worksheet: `${R}/worksheet`,
  styles: `${R}/styles`,
  table: `${R}/table`,
  sharedStrings: `${R}/sharedStrings`,
  customProperties: `${R}/custom-properties`,
};

const SML = "application/vnd.openxmlformats-officedocument.spreadsheetml";
export const CONTENT_TYPE = {
  workbook: `${SML}.sheet.main+xml`,
  worksheet: `${SML}.worksheet+xml`,
  styles: `${SML}.styles+xml`,
  table: `${SML}.table+xml`,
  sharedStrings: `${SML}.sharedStrings+xml`,
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
  customProperties: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
};

/** The last segment of a relationship type, so that Transitional and Strict types compare
 * alike ("worksheet", "officeDocument", "custom-properties", ...). */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The target part's name (no leading slash), resolved against the source part. */
  part: string;
}

export function dirOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

export function relsPartOf(source: string): string {
  return `${dirOf(source)}_rels/${source.slice(source.lastIndexOf("/") + 1)}.rels`;
}

/** Resolves a relationship target (absolute "/xl/x.xml" or relative "../x.xml") to a part name. */
export function resolveTarget(source: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  const hash = t.indexOf("#");
  if (hash >= 0) t = t.slice(0, hash);
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep the target as written
  }
  const segments = (t.startsWith("/") ? t.slice(1) : dirOf(source) + t).split("/");
  const out: string[] = [];
  for (const seg of segments) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** The relative target from `source` to `part`, as Excel writes it. */
export function relativeTarget(source: string, part: string): string {
  const from = dirOf(source).split("/").filter(Boolean);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.slice(common).map(() => "..");
  return [...up, ...to.slice(common)].join("/");
}

function decodePart(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder("utf-16le").decode(bytes);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder("utf-16be").decode(bytes);
  }
  if (bytes.length >= 2 && bytes[0] === 0x3c && bytes[1] === 0) {
    return new TextDecoder("utf-16le").decode(bytes);
  }
  return new TextDecoder("utf-8").decode(bytes);
}

export class Package {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly order: string[] = [];
  private readonly written = new Map<string, string | Uint8Array>();
  private readonly removed = new Set<string>();
  private readonly relsCache = new Map<string, Relationship[]>();
  private contentTypes: { defaults: Map<string, string>; overrides: Map<string, string> } | null =
    null;

  private constructor(private readonly bytes: Uint8Array) {}

  static fromZip(bytes: Uint8Array): Package {
    const pkg = new Package(bytes);
    for (const e of readZipEntries(bytes)) {
      if (e.name.endsWith("/")) continue; // directory entries
      const key = e.name.toLowerCase();
      if (pkg.entries.has(key)) continue;
      pkg.entries.set(key, e);
      pkg.order.push(e.name);
    }
    return pkg;
  }

  static empty(): Package {
    return new Package(new Uint8Array(0));
  }

  has(part: string): boolean {
    const key = part.toLowerCase();
    return !this.removed.has(key) && (this.written.has(key) || this.entries.has(key));
  }

  /** Part names in package order (original parts first, then new ones). */
  parts(): string[] {
    return this.order.filter((p) => this.has(p));
  }

  read(part: string): Uint8Array {
    const key = part.toLowerCase();
    const w = this.removed.has(key) ? undefined : this.written.get(key);
    if (typeof w === "string") return new TextEncoder().encode(w);
    if (w) return w;
    const e = this.removed.has(key) ? undefined : this.entries.get(key);
    if (!e) throw new WorkbookFileError("corrupt", `is damaged: ${part} is missing`, part);
    return inflateEntry(this.bytes, e);
  }

  readText(part: string): string {
    const w = this.written.get(part.toLowerCase());
    if (typeof w === "string" && !this.removed.has(part.toLowerCase())) return w;
    return decodePart(this.read(part));
  }

  write(part: string, content: string | Uint8Array): void {
    const key = part.toLowerCase();
    if (!this.entries.has(key) && !this.written.has(key)) this.order.push(part);
    this.removed.delete(key);
    const text =
      typeof content === "string"
        ? content.replace(/^(<\?xml[^>]*encoding=["'])UTF-16(["'])/i, "$1UTF-8$2")
        : content;
    this.written.set(key, text);
    if (key.endsWith(".rels")) this.relsCache.clear();
    if (part === CONTENT_TYPES_PART) this.contentTypes = null;
  }

  remove(part: string): void {
    const key = part.toLowerCase();
    this.removed.add(key);
    this.written.delete(key);
    this.relsCache.clear();
  }

  save(): Uint8Array {
    const encoder = new TextEncoder();
    const out: ZipOutEntry[] = [];
    const names = this.parts();
    // [Content_Types].xml first, as every Office application writes it.
    names.sort((a, b) => +(b === CONTENT_TYPES_PART) - +(a === CONTENT_TYPES_PART));
    for (const name of names) {
      const key = name.toLowerCase();
      const w = this.written.get(key);
      if (w !== undefined) {
        out.push(deflateEntry(name, typeof w === "string" ? encoder.encode(w) : w));
      } else {
        out.push(copyEntry(this.bytes, this.entries.get(key) as ZipEntry));
      }
    }
    return writeZip(out);
  }

  // ------------------------------------------------------------------------------------------
  // Relationships

  relationships(source: string): Relationship[] {
    const relsPart = source === "" ? "_rels/.rels" : relsPartOf(source);
    const cached = this.relsCache.get(relsPart);
    if (cached) return cached;
    const rels: Relationship[] = [];
    if (this.has(relsPart)) {
      const { elements } = scanElements(this.readText(relsPart), relsPart);
      for (const el of elements) {
        if (el.local !== "Relationship") continue;
        const target = attrOf(el, "Target") ?? "";
        const external = attrOf(el, "TargetMode") === "External";
        rels.push({
          id: attrOf(el, "Id") ?? "",
          type: attrOf(el, "Type") ?? "",
          target,
          external,
          part: external ? "" : resolveTarget(source, target),
        });
      }
    }
    this.relsCache.set(relsPart, rels);
    return rels;
  }

  /** Adds a relationship from `source` ("" for the package) to `part`; returns its new Id. */
  addRelationship(source: string, type: string, part: string): string {
    const relsPart = source === "" ? "_rels/.rels" : relsPartOf(source);
    const existing = this.relationships(source);
    const ids = new Set(existing.map((r) => r.id));
    let n = 1 + Math.max(0, ...existing.map((r) => +(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0)));
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const target = source === "" ? part : relativeTarget(source, part);
    const text = this.has(relsPart)
      ? this.readText(relsPart)
      : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';
    const { root } = scanElements(text, relsPart);
    const el = `<${root.prefix}Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
    this.write(relsPart, appendChild(text, root, el));
    return id;
  }

  removeRelationship(source: string, id: string): void {
    const relsPart = source === "" ? "_rels/.rels" : relsPartOf(source);
    if (!this.has(relsPart)) return;
    const text = this.readText(relsPart);
    const { elements } = scanElements(text, relsPart);
    const el = elements.find((e) => e.local === "Relationship" && attrOf(e, "Id") === id);
    if (el) this.write(relsPart, splice(text, el.start, el.end, ""));
  }

  // ------------------------------------------------------------------------------------------
  // Content types

  private types(): { defaults: Map<string, string>; overrides: Map<string, string> } {
    if (this.contentTypes) return this.contentTypes;
    const defaults = new Map<string, string>();
    const overrides = new Map<string, string>();
    const { elements } = scanElements(this.readText(CONTENT_TYPES_PART), CONTENT_TYPES_PART);
    for (const el of elements) {
      if (el.local === "Default") {
        defaults.set(
          (attrOf(el, "Extension") ?? "").toLowerCase(),
          attrOf(el, "ContentType") ?? ""
        );
      } else if (el.local === "Override") {
        const name = (attrOf(el, "PartName") ?? "").replace(/^\//, "").toLowerCase();
        overrides.set(name, attrOf(el, "ContentType") ?? "");
      }
    }
    this.contentTypes = { defaults, overrides };
    return this.contentTypes;
  }

  contentType(part: string): string | undefined {
    const { defaults, overrides } = this.types();
    const key = part.toLowerCase();
    return overrides.get(key) ?? defaults.get(key.slice(key.lastIndexOf(".") + 1));
  }

  /** Declares the content type of `part` with an Override (replacing an existing one). */
  setContentType(part: string, type: string): void {
    if (this.contentType(part) === type) return;
    this.removeOverride(part);
    const text = this.readText(CONTENT_TYPES_PART);
    const { root } = scanElements(text, CONTENT_TYPES_PART);
    const el = `<${root.prefix}Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(type)}"/>`;
    this.write(CONTENT_TYPES_PART, appendChild(text, root, el));
  }

  removeOverride(part: string): void {
    const text = this.readText(CONTENT_TYPES_PART);
    const { elements } = scanElements(text, CONTENT_TYPES_PART);
    const key = part.toLowerCase();
    const el: ElementSpan | undefined = elements.find(
      (e) =>
        e.local === "Override" &&
        (attrOf(e, "PartName") ?? "").replace(/^\//, "").toLowerCase() === key
    );
    if (el) this.write(CONTENT_TYPES_PART, splice(text, el.start, el.end, ""));
  }
}
