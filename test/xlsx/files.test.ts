/** The one file-system piece: a write is atomic, and a failed write leaves the old file whole. */
import {
  promises as fsp,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readWorkbookFile, writeFileAtomic } from "../../src/workbook/xlsx/files";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "xlsx-files-"));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

test("writes a new file and replaces an old one, keeping its permissions", async () => {
  const file = join(dir, "book.xlsx");
  await writeFileAtomic(file, bytes(1000, 1));
  expect(readFileSync(file)).toEqual(Buffer.from(bytes(1000, 1)));
  await fsp.chmod(file, 0o640);
  await writeFileAtomic(file, bytes(10, 2));
  expect(readFileSync(file)).toEqual(Buffer.from(bytes(10, 2)));
  expect(statSync(file).mode & 0o777).toBe(0o640);
  expect(readdirSync(dir)).toEqual(["book.xlsx"]);
  expect(await readWorkbookFile(file)).toEqual(bytes(10, 2));
});

test("when the final rename fails, the original is untouched and no temporary file remains", async () => {
  const file = join(dir, "book.xlsx");
  writeFileSync(file, bytes(100, 7));
  const rename = jest
    .spyOn(fsp, "rename")
    .mockRejectedValueOnce(Object.assign(new Error("EIO: i/o error"), { code: "EIO" }));
  await expect(writeFileAtomic(file, bytes(5000, 9))).rejects.toThrow(/EIO/);
  expect(rename).toHaveBeenCalledTimes(1);
  expect(readFileSync(file)).toEqual(Buffer.from(bytes(100, 7)));
  expect(readdirSync(dir)).toEqual(["book.xlsx"]);
});

test("when writing the data fails (disk full), the original is untouched and no temporary file remains", async () => {
  const file = join(dir, "book.xlsx");
  writeFileSync(file, bytes(100, 7));
  const open = fsp.open.bind(fsp);
  jest.spyOn(fsp, "open").mockImplementationOnce(async (...args: Parameters<typeof fsp.open>) => {
    const handle = await open(...args);
    handle.writeFile = async () => {
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    };
    return handle;
  });
  await expect(writeFileAtomic(file, bytes(5000, 9))).rejects.toThrow(/ENOSPC/);
  expect(readFileSync(file)).toEqual(Buffer.from(bytes(100, 7)));
  expect(readdirSync(dir)).toEqual(["book.xlsx"]);
});

test("a folder that does not exist, or a folder in the file's place: an error, and nothing created", async () => {
  await expect(writeFileAtomic(join(dir, "missing", "book.xlsx"), bytes(3, 1))).rejects.toThrow(
    /ENOENT/
  );
  const folder = join(dir, "book.xlsx");
  mkdirSync(folder);
  writeFileSync(join(folder, "keep.txt"), "keep");
  await expect(writeFileAtomic(folder, bytes(3, 1))).rejects.toThrow();
  expect(readdirSync(dir)).toEqual(["book.xlsx"]);
  expect(readFileSync(join(folder, "keep.txt"), "utf8")).toBe("keep");
});

test("writes that race leave one whole file", async () => {
  const file = join(dir, "book.xlsx");
  const versions = [1, 2, 3, 4, 5].map((k) => bytes(200_000 + k, k));
  await Promise.all(versions.map((v) => writeFileAtomic(file, v)));
  const now = readFileSync(file);
  expect(versions.some((v) => Buffer.from(v).equals(now))).toBe(true);
  expect(readdirSync(dir)).toEqual(["book.xlsx"]);
});
