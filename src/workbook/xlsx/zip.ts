/**
 * The zip container of an OOXML package: the central directory read by hand, fflate for
 * DEFLATE (in Node, Node's zlib compresses the new parts). Entries are inflated only when asked
 * for, and an entry that is saved unchanged is copied with its compressed bytes as they are (no
 * re-compression: fast, and byte-faithful).
 */
import { deflateSync, inflateSync } from "fflate";
import { WorkbookFileError, corrupt } from "./errors";

export interface ZipEntry {
  name: string;
  method: number; // 0 stored, 8 deflate
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  localOffset: number;
  dosTime: number;
  dosDate: number;
}

/** An entry ready to be written: `data` is already compressed with `method`. */
export interface ZipOutEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  size: number;
  data: Uint8Array;
  dosTime: number;
  dosDate: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const UTF8_NAMES = 0x0800;
/** 1980-01-01 00:00, the date Excel itself stamps on every entry. */
const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1;

const TRUNCATED =
  "is damaged: the file is incomplete (it may have been cut off while copying or downloading)";

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function startsWithZipSignature(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

/** The entries of the central directory, in its order. Throws WorkbookFileError (corrupt). */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const dv = view(bytes);
  const len = bytes.length;
  let eocd = -1;
  for (let p = len - 22; p >= 0 && p >= len - 22 - 0xffff; p--) {
    if (bytes[p] === 0x50 && bytes[p + 1] === 0x4b && dv.getUint32(p, true) === SIG_EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0)
    throw new WorkbookFileError("corrupt", TRUNCATED, undefined, "no end of central directory");
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && dv.getUint32(loc, true) === SIG_ZIP64_LOCATOR) {
      const z = Number(dv.getBigUint64(loc + 8, true));
      if (z + 56 <= len && dv.getUint32(z, true) === SIG_ZIP64_EOCD) {
        count = Number(dv.getBigUint64(z + 32, true));
        cdSize = Number(dv.getBigUint64(z + 40, true));
        cdOffset = Number(dv.getBigUint64(z + 48, true));
      }
    }
  }
  if (cdOffset + cdSize > len) {
    throw new WorkbookFileError("corrupt", TRUNCATED, undefined, "central directory out of range");
  }
  const decoder = new TextDecoder("utf-8");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > len || dv.getUint32(p, true) !== SIG_CENTRAL) {
      throw new WorkbookFileError("corrupt", TRUNCATED, undefined, "bad central directory entry");
    }
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      dosTime: dv.getUint16(p + 12, true),
      dosDate: dv.getUint16(p + 14, true),
      crc: dv.getUint32(p + 16, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    };
    if (
      entry.size === 0xffffffff ||
      entry.compressedSize === 0xffffffff ||
      entry.localOffset === 0xffffffff
    ) {
      readZip64Extra(dv, p + 46 + nameLen, extraLen, entry);
    }
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function readZip64Extra(dv: DataView, start: number, length: number, e: ZipEntry): void {
  for (let p = start; p + 4 <= start + length;) {
    const id = dv.getUint16(p, true);
    const size = dv.getUint16(p + 2, true);
    if (id === 1) {
      let q = p + 4;
      const next = (): number => {
        const v = Number(dv.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
      return;
    }
    p += 4 + size;
  }
}

/** The entry's bytes as stored in the zip (compressed with e.method). */
export function rawEntryData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const p = e.localOffset;
  if (p + 30 > bytes.length || dv.getUint32(p, true) !== SIG_LOCAL) {
    throw corrupt(e.name, "is missing from the file", "bad local header");
  }
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw corrupt(e.name, "is cut short", "entry data beyond end of file");
  return bytes.subarray(start, end);
}

/** The entry's content, checked against its size and CRC-32. */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  if (e.flags & 1)
    throw corrupt(e.name, "is encrypted inside the zip file, which Excel never does");
  const raw = rawEntryData(bytes, e);
  let out: Uint8Array;
  if (e.method === 0) {
    out = raw;
  } else if (e.method === 8) {
    try {
      out = inflateSync(raw, { out: new Uint8Array(e.size) });
    } catch (err) {
      throw corrupt(e.name, "cannot be decompressed", String(err));
    }
  } else {
    throw corrupt(e.name, `uses a compression method (${e.method}) that Excel does not use`);
  }
  if (out.length !== e.size || crc32(out) !== e.crc) {
    throw corrupt(e.name, "does not match its checksum", "size or CRC-32 mismatch");
  }
  return out;
}

/** What this layer needs of Node's zlib. */
interface NativeZlib {
  deflateRawSync(data: Uint8Array, options: { level: number }): Uint8Array;
  crc32?(data: Uint8Array): number;
}

/**
 * Node's own zlib when running in Node (native DEFLATE, three to four times faster than
 * fflate's for the same size), reached without an import so that the browser bundle does not
 * ask for it; undefined in a browser, which compresses with fflate. Either gives standard
 * DEFLATE: the parts' content, and so what the file means, is the same.
 */
const nativeZlib: NativeZlib | undefined = (() => {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return p?.getBuiltinModule?.("node:zlib") as NativeZlib | undefined;
  } catch {
    return undefined;
  }
})();

/**
 * Above this size a part is compressed at a fast level: the level of each compressor that comes
 * within a quarter of its default level's size (a 78 MB sheet of 200,000 log rows: Node's zlib
 * level 2, 10.8 MB in 0.32 s where level 6 takes 1.2 s for 8.8 MB; fflate 0.8 level 1, 11.0 MB
 * in 1.0 s where its level 3 takes 1.3 s for 9.5 MB). Smaller parts: level 6, the usual.
 */
const LARGE_PART = 1 << 20;

function deflate(content: Uint8Array): Uint8Array {
  const large = content.length > LARGE_PART;
  if (nativeZlib) return nativeZlib.deflateRawSync(content, { level: large ? 2 : 6 });
  return deflateSync(content, { level: large ? 1 : 6 });
}

/** A new entry: DEFLATE-compressed content, stamped like Excel's own entries. */
export function deflateEntry(name: string, content: Uint8Array): ZipOutEntry {
  return {
    name,
    method: 8,
    flags: 0,
    crc: nativeZlib?.crc32 ? nativeZlib.crc32(content) >>> 0 : crc32(content),
    size: content.length,
    data: deflate(content),
    dosTime: 0,
    dosDate: DOS_DATE_1980,
  };
}

/** An unchanged entry, copied with its compressed bytes. */
export function copyEntry(bytes: Uint8Array, e: ZipEntry): ZipOutEntry {
  return {
    name: e.name,
    method: e.method,
    flags: e.flags & 0x0006, // keep the deflate option bits; sizes go in the local header
    crc: e.crc,
    size: e.size,
    data: rawEntryData(bytes, e),
    dosTime: e.dosTime,
    dosDate: e.dosDate,
  };
}

export function writeZip(entries: ZipOutEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  let total = 22;
  entries.forEach((e, k) => {
    total += 30 + 46 + 2 * names[k].length + e.data.length;
  });
  if (entries.length > 0xffff || total > 0xffffffff) {
    throw new RangeError("The workbook is too large to save (over 4 GB or 65,535 parts).");
  }
  const out = new Uint8Array(total);
  const dv = view(out);
  const flagsOf = (e: ZipOutEntry): number =>
    e.flags | (/[^\x20-\x7e]/.test(e.name) ? UTF8_NAMES : 0);
  /**
   * The fields a local header and the central directory both give an entry, in the same order
   * from "version needed" to the name's length (the central one has "version made by" first).
   */
  const entryFields = (at: number, e: ZipOutEntry, nameLength: number): void => {
    dv.setUint16(at, 20, true); // version needed: 2.0 (deflate)
    dv.setUint16(at + 2, flagsOf(e), true);
    dv.setUint16(at + 4, e.method, true);
    dv.setUint16(at + 6, e.dosTime, true);
    dv.setUint16(at + 8, e.dosDate, true);
    dv.setUint32(at + 10, e.crc, true);
    dv.setUint32(at + 14, e.data.length, true);
    dv.setUint32(at + 18, e.size, true);
    dv.setUint16(at + 22, nameLength, true);
  };
  const offsets: number[] = [];
  let p = 0;
  entries.forEach((e, k) => {
    const name = names[k];
    offsets.push(p);
    dv.setUint32(p, SIG_LOCAL, true);
    entryFields(p + 4, e, name.length);
    // extra field length: zero
    out.set(name, p + 30);
    out.set(e.data, p + 30 + name.length);
    p += 30 + name.length + e.data.length;
  });
  const cdStart = p;
  entries.forEach((e, k) => {
    const name = names[k];
    dv.setUint32(p, SIG_CENTRAL, true);
    dv.setUint16(p + 4, 20, true); // version made by
    entryFields(p + 6, e, name.length);
    // extra, comment, disk number, internal and external attributes: all zero
    dv.setUint32(p + 42, offsets[k], true);
    out.set(name, p + 46);
    p += 46 + name.length;
  });
  dv.setUint32(p, SIG_EOCD, true);
  dv.setUint16(p + 8, entries.length, true);
  dv.setUint16(p + 10, entries.length, true);
  dv.setUint32(p + 12, p - cdStart, true);
  dv.setUint32(p + 16, cdStart, true);
  return out;
}

// CRC-32 (IEEE), slicing by 8.
const CRC_TABLES = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  const t = CRC_TABLES;
  let c = -1;
  let i = 0;
  const n = data.length;
  for (; i + 8 <= n; i += 8) {
    const a = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + data[i + 4]] ^
      t[512 + data[i + 5]] ^
      t[256 + data[i + 6]] ^
      t[data[i + 7]];
  }
  for (; i < n; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
