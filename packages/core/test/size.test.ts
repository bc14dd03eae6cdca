import { describe, expect, it } from "vitest";
import { formatSize, parseSize, SizeError } from "../src/index.js";

describe("parseSize", () => {
  it.each([
    ["1048576", 1048576],
    ["500MB", 500_000_000],
    ["2GiB", 2 * 1024 ** 3],
    ["1.5 GB", 1_500_000_000],
    ["10kib", 10240],
    ["0", 0],
    [" 7B ", 7],
  ])("reads %s", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(["", "MB", "-1", "5 parsecs", "1e3", "1,5GB", "99999999999TiB"])("refuses %j", (text) => {
    expect(() => parseSize(text)).toThrow(SizeError);
  });

  it("says what a size looks like", () => {
    expect(() => parseSize("lots")).toThrow(/e\.g\. 500MB or 2GiB/);
  });
});

describe("formatSize", () => {
  it("uses IEC units", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(1536)).toBe("1.5 KiB");
    expect(formatSize(2 * 1024 ** 3)).toBe("2.0 GiB");
  });
});
