import { describe, expect, it } from "vitest";
import { archivePathProblem, comparePaths, utf8Length } from "../src/index.js";

describe("archivePathProblem", () => {
  it.each(["a", "dist/app.js", "a b/c-d_e.f", "ünï/cödé", ".env", "a/.hidden/..x"])(
    "accepts %j",
    (path) => {
      expect(archivePathProblem(path)).toBeUndefined();
    },
  );

  it.each([
    ["", /empty/],
    ["/etc/passwd", /relative/],
    ["C:/x", /drive letter/],
    ["../x", /\.\./],
    ["a/../../x", /\.\./],
    ["a/./b", /normalised/],
    ["a//b", /normalised/],
    ["a/", /normalised/],
    [".", /normalised/],
    ["a\\b", /backslash/],
    ["a\nb", /control/],
    ["x".repeat(4097), /4096/],
  ])("refuses %j", (path, reason) => {
    expect(archivePathProblem(path)).toMatch(reason);
  });
});

describe("comparePaths", () => {
  it("orders by UTF-8 bytes like LC_ALL=C sort", () => {
    const paths = ["b", "a/b", "a-b", "a", "\u{1F600}", "\uFF61", "B"];
    const bytes = [...paths].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...paths].sort(comparePaths)).toEqual(bytes);
    expect(comparePaths("a", "a")).toBe(0);
  });

  it("counts UTF-8 bytes", () => {
    for (const text of ["abc", "é", "\u20ac", "\u{1F600}x", ""]) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text));
    }
  });
});
