/** Custom document properties (docProps/custom.xml): the workbook's own settings, such as the
 * office's name and the reporting period, kept in the file and visible in Excel under
 * File > Info > Properties > Advanced Properties > Custom. */
import { appendChild, attrOf, ensureNamespace, scanElements, splice } from "./elements";
import { CONTENT_TYPE, Package, REL_TYPE, relKind } from "./package";
import { decodeText, escapeAttr, escapeText } from "./xml";

const PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
const VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
/** The format id Office gives every user-defined property. */
const FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
const DEFAULT_PART = "docProps/custom.xml";

function partOf(pkg: Package): string | undefined {
  const rel = pkg.relationships("").find((r) => relKind(r.type) === "custom-properties");
  return rel && pkg.has(rel.part) ? rel.part : undefined;
}

interface Property {
  name: string;
  pid: number;
  start: number;
  end: number;
  value: string;
}

function readProperties(text: string, part: string): Property[] {
  const { elements } = scanElements(text, part, 2);
  const out: Property[] = [];
  for (const el of elements) {
    if (el.depth === 1 && el.local === "property") {
      out.push({
        name: attrOf(el, "name") ?? "",
        pid: Number(attrOf(el, "pid")) || 0,
        start: el.start,
        end: el.end,
        value: "",
      });
    } else if (el.depth === 2 && out.length) {
      out[out.length - 1].value = decodeText(text.slice(el.openEnd, el.contentEnd));
    }
  }
  return out;
}

/**
 * Every custom property, by its name in lower case (names are case-insensitive in Office; the
 * first of two that differ only in case wins, as a look-up by name always found it).
 */
export function customProperties(pkg: Package): Map<string, string> {
  const out = new Map<string, string>();
  const part = partOf(pkg);
  if (!part) return out;
  for (const p of readProperties(pkg.readText(part), part)) {
    const key = p.name.toLowerCase();
    if (!out.has(key)) out.set(key, p.value);
  }
  return out;
}

export function setCustomProperty(pkg: Package, name: string, value: string): void {
  if (name.length === 0 || name.length > 255) {
    throw new RangeError(`A custom property name has 1 to 255 characters ("${name}").`);
  }
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
  if (/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/.test(name + value)) {
    throw new RangeError(`Custom property "${name}": control characters cannot be stored.`);
  }
  let part = partOf(pkg);
  if (!part) {
    part = DEFAULT_PART;
    pkg.write(
      part,
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<Properties xmlns="${PROPS_NS}" xmlns:vt="${VT_NS}"></Properties>`
    );
    pkg.addRelationship("", REL_TYPE.customProperties, part);
    pkg.setContentType(part, CONTENT_TYPE.customProperties);
  }
  const { text, prefix: vt } = ensureNamespace(pkg.readText(part), part, VT_NS, "vt");
  const { root } = scanElements(text, part);
  const props = readProperties(text, part);
  const key = name.toLowerCase();
  const existing = props.find((p) => p.name.toLowerCase() === key);
  const pid = existing?.pid ?? Math.max(1, ...props.map((p) => p.pid)) + 1;
  const p = root.prefix;
  const element =
    `<${p}property fmtid="${FMTID}" pid="${pid}" name="${escapeAttr(existing?.name ?? name)}">` +
    `<${vt}:lpwstr>${escapeText(value).replace(/\r/g, "&#13;")}</${vt}:lpwstr></${p}property>`;
  pkg.write(
    part,
    existing
      ? splice(text, existing.start, existing.end, element)
      : appendChild(text, root, element)
  );
}
