/** Opening and saving files for the command line: nothing is half-written, nothing left behind. */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
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
  await writeOutput(path, adapter.save());
}

/**
 * Write `bytes` to `path` atomically (writeFileAtomic removes its temporary file on failure); a
 * failure is the user's to fix, in one line naming the path and the cause.
 */
export async function writeOutput(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, bytes);
  } catch (e) {
    throw writeError(e, path);
  }
}

/** Make the folder `dir` (and its parents) for the files a command writes into it. */
export function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeError(e, dir);
  }
}

/** Why the system refused to write, in the user's words, by its error code. */
const WRITE_CAUSE: Record<string, (path: string) => string> = {
  ENOENT: (p) => `no such folder: ${dirname(p)}`,
  ENOTDIR: () => "a part of the path is a file, not a folder",
  EISDIR: () => "is a folder: give a file name",
  EEXIST: () => "a file of that name is in the way",
  EACCES: (p) => `no permission to write in ${dirname(p)}`,
  EPERM: (p) => `not allowed to write in ${dirname(p)}`,
  EROFS: () => "the disk is read-only",
  ENOSPC: () => "the disk is full",
  EDQUOT: () => "the disk quota is used up",
  EBUSY: () => "the file is open in another program: close it there first",
  ENAMETOOLONG: () => "the name is too long",
};

/** The UserError for a failed write, or the error itself when it is not the file system's. */
export function writeError(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (typeof code !== "string") return e;
  const cause = WRITE_CAUSE[code]?.(path) ?? (e as Error).message;
  return new UserError(`cannot write: ${cause}.`, path);
}
