/**
 * The shared string table (xl/sharedStrings.xml) as addSheet writes to it: the text of a new
 * sheet's cells is APPENDED as new items, so every existing index keeps its meaning and the
 * existing sheets are untouched; count and uniqueCount follow. A shared string is only ever text
 * (never a formula), like an inline string, and a log repeating the same sectors, activities and
 * agencies holds each of them once. The part is rewritten once, when the workbook is saved.
 * patchCells does not come here: it writes inline strings and leaves this part alone.
 */
import { attrOf, scanElements, setAttributes } from "./elements";
import { encodeXstring } from "./xml";

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export class SharedStringWriter {
  private readonly index = new Map<string, number>();
  private readonly base: number;
  private refs = 0;

  /**
   * @param part the part's name
   * @param original the part's text, or undefined when the workbook has no such part yet
   * @param strings the workbook's table as its reader has it: new strings are pushed onto it, so
   *   the new sheets read back with it
   */
  constructor(
    readonly part: string,
    private readonly original: string | undefined,
    private readonly strings: string[]
  ) {
    this.base = strings.length;
  }

  /** True when the part does not exist yet (save creates it, with its relationship). */
  get isNew(): boolean {
    return this.original === undefined;
  }

  /** True when a cell refers to the strings added, so the part must be written. */
  get changed(): boolean {
    return this.refs > 0;
  }

  /** The index of a text for one more cell: the item added before for the same text, else a new
   * item at the end. Existing items are not reused (one may carry formatting runs). */
  add(text: string): number {
    this.refs++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  /** The part's text: the original with the new items appended and its counts updated. */
  xml(): string {
    const items = (p: string): string => {
      const out: string[] = [];
      for (let i = this.base; i < this.strings.length; i++) {
        const s = this.strings[i];
        // Leading or trailing white space needs xml:space="preserve" for Excel to keep it.
        const keep = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : "";
        out.push(`<${p}si><${p}t${keep}>${encodeXstring(s)}</${p}t></${p}si>`);
      }
      return out.join("");
    };
    const unique = String(this.strings.length);
    if (this.original === undefined) {
      return (
        XML_DECL +
        `<sst xmlns="${MAIN_NS}" count="${this.refs}" uniqueCount="${unique}">${items("")}</sst>`
      );
    }
    const text = this.original;
    const { root } = scanElements(text, this.part, 0);
    const values: Record<string, string> = { uniqueCount: unique };
    // count: every cell referring to the table; kept absent when the file does not give it.
    const count = attrOf(root, "count");
    if (count !== undefined && /^\s*\d+\s*$/.test(count)) values.count = String(+count + this.refs);
    const tag = setAttributes(text.slice(root.start, root.openEnd), values);
    const p = root.prefix;
    if (root.selfClosing) {
      return (
        text.slice(0, root.start) +
        tag.replace(/\s*\/>$/, ">") +
        items(p) +
        `</${p}${root.local}>` +
        text.slice(root.end)
      );
    }
    return (
      text.slice(0, root.start) +
      tag +
      text.slice(root.openEnd, root.contentEnd) +
      items(p) +
      text.slice(root.contentEnd)
    );
  }
}
