// The runner's text formats without processes: file commands, workflow commands, defaults.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are GitHub expressions, not JS templates.
import { describe, expect, it } from "vitest";
import {
  evaluateCondition,
  evaluateTemplate,
  inputEnvName,
  parseCommandLine,
  parseKeyValueFile,
  parsePathFile,
} from "../src/runner/index.js";

describe("parseKeyValueFile", () => {
  it("reads what @actions/core writes (heredoc, os.EOL) and plain NAME=VALUE", () => {
    const d = "ghadelimiter_703375a2-580e-47e3-a56f-e62a886130dd";
    expect(parseKeyValueFile(`tag<<${d}\nv1.2.3\n${d}\nplain=a=b\n`)).toEqual([
      ["tag", "v1.2.3"],
      ["plain", "a=b"],
    ]);
  });

  it("lets whichever of = and << comes first decide", () => {
    expect(parseKeyValueFile("a=x<<y\n")).toEqual([["a", "x<<y"]]);
    expect(parseKeyValueFile("b<<E=F\nvalue\nE=F\n")).toEqual([["b", "value"]]);
  });

  it("keeps inner newlines and drops only the last one; a delimiter at EOF needs no newline", () => {
    expect(parseKeyValueFile("m<<X\none\n\nthree\n\nX")).toEqual([["m", "one\n\nthree\n"]]);
    expect(parseKeyValueFile("e<<X\nX\n")).toEqual([["e", ""]]);
  });

  it("keeps \\r on Linux, as the runner does there", () => {
    expect(parseKeyValueFile("a=1\r\n")).toEqual([["a", "1\r"]]);
  });

  it("fails with the runner's messages", () => {
    expect(() => parseKeyValueFile("m<<X\nvalue\n")).toThrow(
      "Invalid value. Matching delimiter not found 'X'",
    );
    expect(() => parseKeyValueFile("m<<X\nvalue")).toThrow(
      "Invalid value. EOF marker missing new line.",
    );
    expect(() => parseKeyValueFile("no separator\n")).toThrow("Invalid format 'no separator'");
    expect(() => parseKeyValueFile("<<X\nX\n")).toThrow(/Name must not be empty/);
    expect(() => parseKeyValueFile("=v\n")).toThrow(/Name must not be empty/);
  });
});

describe("parsePathFile", () => {
  it("takes one directory per non-empty line; a repeat moves to the end", () => {
    expect(parsePathFile("/a\n\n/b\r\n/a\n")).toEqual(["/b", "/a"]);
  });
});

describe("parseCommandLine", () => {
  it("parses properties and unescapes data and properties like the runner", () => {
    expect(
      parseCommandLine("::error title=T%3A x%2Cy,file=src/a.ts,line=3,endLine=4::bad%0Athing %25"),
    ).toEqual({
      command: "error",
      properties: { title: "T: x,y", file: "src/a.ts", line: "3", endLine: "4" },
      data: "bad\nthing %",
    });
    // %25 is decoded last, so an escaped "%0A" stays literal text.
    expect(parseCommandLine("::notice::100%250A")?.data).toBe("100%0A");
  });

  it("allows leading whitespace and ignores lines that are not commands", () => {
    expect(parseCommandLine("   ::warning::w")?.command).toBe("warning");
    expect(parseCommandLine("text ::error::x")).toBeNull();
    expect(parseCommandLine("::error no end")).toBeNull();
  });
});

describe("inputs and expressions", () => {
  it("names input variables as the runner does: spaces to _, hyphens kept, upper case", () => {
    expect(inputEnvName("my-input")).toBe("INPUT_MY-INPUT");
    expect(inputEnvName("my input")).toBe("INPUT_MY_INPUT");
  });

  it("evaluates context paths in defaults and rejects anything else", () => {
    const context = {
      github: { token: "t", event: { inputs: { env: "prod" } } },
      runner: { temp: "/tmp/r" },
      env: {},
    };
    expect(evaluateTemplate("${{ github.token }}", context)).toBe("t");
    expect(evaluateTemplate("${{github.event.inputs.env}}-${{ runner.temp }}", context)).toBe(
      "prod-/tmp/r",
    );
    expect(evaluateTemplate("${{ github.missing }}", context)).toBe("");
    expect(() => evaluateTemplate("${{ format('{0}', github.token) }}", context)).toThrow(
      /Unsupported expression/,
    );
  });

  it("evaluates pre-if/post-if status functions", () => {
    expect(evaluateCondition("always()", "failure")).toBe(true);
    expect(evaluateCondition("${{ failure() }}", "failure")).toBe(true);
    expect(evaluateCondition("success()", "cancelled")).toBe(false);
    expect(() => evaluateCondition("github.ref == 'x'", "success")).toThrow(/Unsupported/);
  });
});
