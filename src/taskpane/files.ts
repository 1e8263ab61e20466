/**
 * Files on this computer, as the pane meets them: a file the user chose, read into memory, and a
 * workbook handed back as a download. Nothing leaves the machine: the browser reads the chosen
 * file and saves the download itself.
 */
import { h } from "./dom";
import { XLSX_MIME } from "./file-workspace";

export interface ChosenFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Its last-modified time (ms since 1970): which of an office's returns is the newest. */
  readonly modified: number;
}

export async function readFile(file: File): Promise<ChosenFile> {
  return {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    modified: file.lastModified,
  };
}

/** Save `bytes` as the .xlsx file `name` in the browser's downloads. */
export function downloadWorkbook(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_MIME }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser may still be reading the blob into the file.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
