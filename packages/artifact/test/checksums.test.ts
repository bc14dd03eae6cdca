import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ChecksumError,
  formatSha256Sums,
  parseSha256Sums,
  sha256File,
  verifyChecksums,
} from "../src/index.js";
import { tempDir } from "./tree.js";

const A = `sha256:${"a".repeat(64)}`;
const B = `sha256:${"b".repeat(64)}`;

describe("SHA256SUMS", () => {
  it("formats GNU coreutils lines sorted by name and parses them back", () => {
    const text = formatSha256Sums([
      { name: "z.tar.gz", digest: A },
      { name: "m.json", digest: "b".repeat(64) },
    ]);
    expect(text).toBe(`${"b".repeat(64)}  m.json\n${"a".repeat(64)}  z.tar.gz\n`);
    expect(parseSha256Sums(text)).toEqual([
      { name: "m.json", digest: B },
      { name: "z.tar.gz", digest: A },
    ]);
  });

  it("accepts the binary marker and upper-case hex", () => {
    expect(parseSha256Sums(`${"A".repeat(64)} *x.bin\n`)).toEqual([{ name: "x.bin", digest: A }]);
  });

  it.each([
    ["no newline at end", `${"a".repeat(64)}  x`, /must end with a newline/],
    ["one space", `${"a".repeat(64)} x\n`, /SHA256SUMS:1: must be/],
    ["short hex", `${"a".repeat(63)}  x\n`, /SHA256SUMS:1:/],
    ["CRLF", `${"a".repeat(64)}  x\r\n`, /LF line endings/],
    ["blank line", `${"a".repeat(64)}  x\n\n`, /SHA256SUMS:2:/],
    [
      "duplicate",
      `${"a".repeat(64)}  x\n${"b".repeat(64)}  x\n`,
      /SHA256SUMS:2: "x" is listed twice/,
    ],
    ["empty", "", /lists no files/],
  ])("refuses %s", (_, text, message) => {
    expect(() => parseSha256Sums(text)).toThrow(ChecksumError);
    expect(() => parseSha256Sums(text)).toThrow(message);
  });

  it("refuses names it cannot write", () => {
    expect(() => formatSha256Sums([{ name: "a\nb", digest: A }])).toThrow(/newline/);
    expect(() => formatSha256Sums([{ name: "a", digest: "md5:1" }])).toThrow(/sha256:<64 hex>/);
    expect(() =>
      formatSha256Sums([
        { name: "a", digest: A },
        { name: "a", digest: A },
      ]),
    ).toThrow(/twice/);
  });

  it("hashes a file as a stream, like sha256sum", async () => {
    const dir = await tempDir();
    const path = join(dir, "data.bin");
    await writeFile(path, Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a));
    const real = execFileSync("sha256sum", [path], { encoding: "utf8" }).slice(0, 64);
    expect(await sha256File(path)).toEqual({ digest: `sha256:${real}`, size: 3 * 1024 * 1024 + 7 });
  });
});

describe("verifyChecksums", () => {
  const listed = [
    { name: "a.tar.gz", digest: A },
    { name: "a.manifest.json", digest: B },
  ];

  it("passes when every file matches", () => {
    expect(() => verifyChecksums(listed, [{ name: "a.tar.gz", digest: A }])).not.toThrow();
  });

  it("names the file and both digests on a mismatch", () => {
    expect(() => verifyChecksums(listed, [{ name: "a.tar.gz", digest: B }])).toThrow(
      `SHA256SUMS: "a.tar.gz" has digest ${B} but SHA256SUMS says ${A}`,
    );
    expect(() => verifyChecksums(listed, [{ name: "b", digest: A }])).toThrow(/does not list "b"/);
  });
});
