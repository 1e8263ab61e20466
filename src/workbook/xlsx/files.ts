/**
 * The one place the .xlsx layer touches the file system (Node only; the rest of the layer works
 * on bytes so that it also runs in the browser).
 */
import { randomBytes } from "node:crypto";
import { promises as fs, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * A workbook's bytes. Read synchronously: files are read one at a time anyway, and the promise
 * API's open/stat/read/close round trips through the thread pool cost about three times the CPU
 * (HQ's consolidation reads a hundred files in a row).
 */
export async function readWorkbookFile(path: string): Promise<Uint8Array> {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Writes `bytes` to `path` so that the file is either the old one or the new one, never half of
 * either: a temporary file in the same directory, flushed to disk, then renamed over the
 * target. On any failure the temporary file is removed and the original is left untouched.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  // A file that is replaced keeps its permissions.
  const mode = await fs.stat(path).then(
    (st) => st.mode & 0o777,
    () => 0o666
  );
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, "wx", mode);
    await handle.chmod(mode);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, path);
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}
