/** Opening and saving .xlsx files for the command line: nothing is half-written. */
import { existsSync, statSync } from "node:fs";
import { readWorkbookFile, writeFileAtomic } from "../workbook/xlsx/files";
import { WorkbookFileError } from "../workbook/xlsx";
import { XlsxAdapter } from "../workbook/xlsx-adapter";
import { UserError } from "./errors";

export async function openWorkbookFile(path: string): Promise<XlsxAdapter> {
  if (!existsSync(path)) throw new UserError("no such file.", path);
  if (statSync(path).isDirectory()) throw new UserError("is a folder, not a workbook file.", path);
  try {
    return XlsxAdapter.fromBytes(await readWorkbookFile(path));
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new UserError(e.message, path);
    throw e;
  }
}

/** Write through a temporary file and a rename: the old file stays whole until the new one is. */
export async function saveWorkbookFile(adapter: XlsxAdapter, path: string): Promise<void> {
  await writeFileAtomic(path, adapter.save());
}
