/** The zip container: CRC-32, entries copied compressed as they are, streamed zips (data
 * descriptors), and output that another zip reader (fflate's) reads back exactly. */
import { Zip, ZipDeflate, ZipPassThrough, strToU8, unzipSync, zipSync } from "fflate";
import {
  copyEntry,
  crc32,
  deflateEntry,
  inflateEntry,
  readZipEntries,
  writeZip,
} from "../../src/workbook/xlsx/zip";

function crcBitwise(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

test("CRC-32 (slicing by 8) matches the bitwise definition at every length", () => {
  expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
  const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff);
  for (let n = 0; n <= 40; n++)
    expect(crc32(data.subarray(0, n))).toBe(crcBitwise(data.subarray(0, n)));
  expect(crc32(data)).toBe(crcBitwise(data));
});

/** A zip written the way streaming writers do: sizes and CRC after the data (bit 3). */
function streamedZip(files: Record<string, Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, data] of Object.entries(files)) {
    const entry = name.endsWith(".png")
      ? new ZipPassThrough(name)
      : new ZipDeflate(name, { level: 9 });
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

test("a streamed zip is read, and copied entries keep their compressed bytes", () => {
  const files = {
    "[Content_Types].xml": strToU8("<Types/>".repeat(50)),
    "xl/media/image1.png": Uint8Array.from({ length: 999 }, (_, i) => i & 0xff),
    "xl/ünïcode näme.xml": strToU8("<x>é</x>"),
  };
  const zip = streamedZip(files);
  const entries = readZipEntries(zip);
  expect(entries.map((e) => e.name)).toEqual(Object.keys(files));
  expect(entries[0].flags & 8).toBe(8);
  entries.forEach((e) => expect(inflateEntry(zip, e)).toEqual(files[e.name as keyof typeof files]));

  const again = writeZip([
    copyEntry(zip, entries[0]),
    copyEntry(zip, entries[1]),
    deflateEntry(entries[2].name, strToU8("<x>changed</x>")),
  ]);
  const read = unzipSync(again);
  expect(read["[Content_Types].xml"]).toEqual(files["[Content_Types].xml"]);
  expect(read["xl/media/image1.png"]).toEqual(files["xl/media/image1.png"]);
  expect(read["xl/ünïcode näme.xml"]).toEqual(strToU8("<x>changed</x>"));
  const copied = readZipEntries(again);
  expect(copied[0].compressedSize).toBe(entries[0].compressedSize);
  expect(copied[1].method).toBe(0);
});

test("a zip from another writer (fflate's zipSync) round-trips through ours unchanged", () => {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 30; i++)
    files[`part${i}.xml`] = strToU8(`<p n="${i}">${"x".repeat(i * 100)}</p>`);
  const zip = zipSync(files);
  const again = writeZip(readZipEntries(zip).map((e) => copyEntry(zip, e)));
  expect(unzipSync(again)).toEqual(files);
});

test("a new part is DEFLATE either way: Node's zlib here, fflate where there is none (a browser)", () => {
  const small = strToU8(`<sst>${"<si><t>NGO</t></si>".repeat(100)}</sst>`);
  const large = strToU8(
    Array.from(
      { length: 40_000 },
      (_, i) => `<row r="${i}"><c r="A${i}"><v>${i}</v></c></row>`
    ).join("")
  );
  expect(large.length).toBeGreaterThan(1 << 20); // compressed at the fast level
  const proc = process as { getBuiltinModule?: unknown };
  const getBuiltinModule = proc.getBuiltinModule;
  let browser: { deflateEntry: typeof deflateEntry } | undefined;
  try {
    proc.getBuiltinModule = undefined;
    jest.isolateModules(() => {
      browser = jest.requireActual<{ deflateEntry: typeof deflateEntry }>(
        "../../src/workbook/xlsx/zip"
      );
    });
  } finally {
    proc.getBuiltinModule = getBuiltinModule;
  }
  for (const data of [small, large]) {
    const node = deflateEntry("p.xml", data);
    const fflate = browser!.deflateEntry("p.xml", data);
    const crc = crcBitwise(data);
    expect([node.crc, fflate.crc]).toEqual([crc, crc]);
    expect([node.size, fflate.size]).toEqual([data.length, data.length]);
    const same = (entry: typeof node): boolean =>
      Buffer.from(unzipSync(writeZip([entry]))["p.xml"]).equals(Buffer.from(data));
    expect([same(node), same(fflate)]).toEqual([true, true]);
  }
  // Two compressors really were used (else this test would prove nothing).
  expect(
    Buffer.from(deflateEntry("p.xml", large).data).equals(
      Buffer.from(browser!.deflateEntry("p.xml", large).data)
    )
  ).toBe(false);
});
