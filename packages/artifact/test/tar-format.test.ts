import { describe, expect, it } from "vitest";
import { BLOCK, fileHeader, parseHeader, parsePax } from "../src/tar-format.js";

/** Splits what `fileHeader` wrote into the PAX records (if any) and the file's own header. */
function decode(bytes: Buffer) {
  const first = parseHeader(bytes.subarray(0, BLOCK))!;
  if (first.type !== "x") return { header: first, pax: new Map<string, string>() };
  const body = bytes.subarray(BLOCK, BLOCK + first.size);
  const header = parseHeader(bytes.subarray(bytes.length - BLOCK))!;
  return { header, pax: parsePax(body) };
}

describe("tar headers", () => {
  it("writes plain ustar for short paths", () => {
    const bytes = fileHeader("a/b.txt", 5, 0o755, 946684800);
    expect(bytes.length).toBe(BLOCK);
    expect(parseHeader(bytes)).toMatchObject({ path: "a/b.txt", size: 5, mode: 0o755, type: "0" });
  });

  it("writes exact PAX record lengths around digit boundaries", () => {
    for (let length = 101; length <= 1100; length += 7) {
      const path = `${"p".repeat(length - 4)}.txt`;
      const { header, pax } = decode(fileHeader(path, 1, 0o644, 0));
      expect(pax.get("path")).toBe(path);
      expect(header.path).toBe(path.slice(0, 100));
    }
  });

  it("keeps multi-byte paths intact in PAX records", () => {
    const path = `${"ü".repeat(60)}/file`;
    expect(decode(fileHeader(path, 0, 0o644, 0)).pax.get("path")).toBe(path);
  });

  it("uses a PAX size record for files of 8 GiB and more", () => {
    const size = 9 * 1024 ** 3;
    const { header, pax } = decode(fileHeader("big.bin", size, 0o644, 0));
    expect(pax.get("size")).toBe(String(size));
    expect(header.size).toBe(8 * 1024 ** 3 - 1);
    expect(decode(fileHeader("edge.bin", 8 * 1024 ** 3 - 1, 0o644, 0)).pax.size).toBe(0);
  });

  it("rejects corrupt headers", () => {
    const bytes = fileHeader("a", 1, 0o644, 0);
    bytes[0] = 0x62;
    expect(() => parseHeader(bytes)).toThrow(/checksum/);
    expect(parseHeader(Buffer.alloc(BLOCK))).toBeUndefined();
    expect(() => parsePax(Buffer.from("5 a=b\n"))).toThrow(/malformed PAX record/);
  });
});
