import { describe, expect, it } from "vitest";
import {
  archiveFileName,
  type Manifest,
  ManifestError,
  manifestFileName,
  parseManifest,
  serializeManifest,
} from "../src/index.js";
import { publishedSchema } from "./schema-validator.js";

const digest = (c: string) => `sha256:${c.repeat(64)}`;

function valid(): Manifest {
  return {
    schema: "fastdeploy/manifest@1",
    name: "my-app",
    version: "1.4.2",
    source: { repository: "acme/my-app", commit: "a".repeat(40), ref: "refs/tags/v1.4.2" },
    build: {
      run_id: 123456789,
      run_attempt: 1,
      workflow: "release",
      run_url: "https://github.com/acme/my-app/actions/runs/123456789",
      builder_version: "0.1.0",
    },
    created_at: "2026-01-31T12:00:00Z",
    archive: { name: "my-app-1.4.2.tar.gz", size: 1234, digest: digest("b") },
    files: [
      { path: "bin/run", size: 10, digest: digest("c"), mode: "0755" },
      { path: "index.html", size: 0, digest: digest("d"), mode: "0644" },
    ],
  };
}

// biome-ignore lint/suspicious/noExplicitAny: mutations write invalid shapes on purpose
type Mutation = (m: any) => void;

// [what is wrong, mutation, expected message]
const invalid: [string, Mutation, RegExp][] = [
  [
    "bad digest",
    (m) => {
      m.files[1].digest = "sha256:xyz";
    },
    /^m\.json: files\[1\]\.digest must be sha256:<64 hex>$/,
  ],
  [
    "uppercase digest",
    (m) => {
      m.archive.digest = `sha256:${"A".repeat(64)}`;
    },
    /archive\.digest must be sha256/,
  ],
  [
    "wrong schema",
    (m) => {
      m.schema = "fastdeploy/manifest@2";
    },
    /schema must be "fastdeploy\/manifest@1"/,
  ],
  [
    "missing field",
    (m) => {
      delete m.source.commit;
    },
    /source\.commit is missing/,
  ],
  [
    "unknown field",
    (m) => {
      m.extra = 1;
    },
    /extra is not a manifest field/,
  ],
  [
    "bad version",
    (m) => {
      m.version = "v1.4.2";
    },
    /version must be a SemVer version/,
  ],
  [
    "bad name",
    (m) => {
      m.name = "../evil";
    },
    /name must be/,
  ],
  [
    "short commit",
    (m) => {
      m.source.commit = "abc1234";
    },
    /source\.commit must be a full commit SHA/,
  ],
  [
    "bad repository",
    (m) => {
      m.source.repository = "nope";
    },
    /source\.repository must be owner\/name/,
  ],
  [
    "negative size",
    (m) => {
      m.files[0].size = -1;
    },
    /files\[0\]\.size must be an integer >= 0/,
  ],
  [
    "float size",
    (m) => {
      m.archive.size = 1.5;
    },
    /archive\.size must be an integer/,
  ],
  [
    "run attempt 0",
    (m) => {
      m.build.run_attempt = 0;
    },
    /build\.run_attempt must be an integer >= 1/,
  ],
  [
    "bad run url",
    (m) => {
      m.build.run_url = "javascript:alert(1)";
    },
    /build\.run_url/,
  ],
  [
    "bad timestamp",
    (m) => {
      m.created_at = "yesterday";
    },
    /created_at must be an RFC 3339/,
  ],
  [
    "bad mode",
    (m) => {
      m.files[0].mode = "0777";
    },
    /files\[0\]\.mode must be "0644" or "0755"/,
  ],
  [
    "numeric mode",
    (m) => {
      m.files[0].mode = 493;
    },
    /files\[0\]\.mode/,
  ],
  [
    "absolute path",
    (m) => {
      m.files[0].path = "/etc/passwd";
    },
    /files\[0\]\.path must be relative/,
  ],
  [
    "dot-dot path",
    (m) => {
      m.files[0].path = "../x";
    },
    /files\[0\]\.path must not contain \.\./,
  ],
  [
    "files not an array",
    (m) => {
      m.files = {};
    },
    /files must be an array/,
  ],
  [
    "archive name",
    (m) => {
      m.archive.name = "x.zip";
    },
    /archive\.name must be a file name ending in \.tar\.gz/,
  ],
  [
    "not an object",
    (m) => {
      m.build = [];
    },
    /build must be an object/,
  ],
];

// Rules a JSON Schema cannot express: only the parser enforces them.
const parserOnly: [string, Mutation, RegExp][] = [
  [
    "duplicate",
    (m) => {
      m.files[1].path = "bin/run";
    },
    /files\[1\]\.path duplicates files\[0\]\.path "bin\/run"/,
  ],
  [
    "unsorted",
    (m) => {
      m.files.reverse();
    },
    /files\[1\]\.path "bin\/run" must sort after "index.html"/,
  ],
  [
    "file under a file",
    (m) => {
      m.files[1].path = "bin/run/x";
    },
    /"bin\/run\/x" is inside "bin\/run", which is a file/,
  ],
];

describe("parseManifest", () => {
  const schema = publishedSchema("manifest.schema.json");

  it("accepts a valid manifest, as does the published schema", () => {
    const text = serializeManifest(valid());
    expect(parseManifest(text, "m.json")).toEqual(valid());
    expect(schema(JSON.parse(text))).toBe(true);
    expect(
      schema({ ...valid(), files: [], build: { ...valid().build, run_id: 0, run_url: "" } }),
    ).toBe(true);
  });

  it.each(invalid)("refuses %s, as does the published schema", (_, mutate, message) => {
    const manifest = valid();
    mutate(manifest);
    const text = JSON.stringify(manifest);
    expect(() => parseManifest(text, "m.json")).toThrow(message);
    expect(() => parseManifest(text, "m.json")).toThrow(ManifestError);
    expect(schema(JSON.parse(text))).toBe(false);
  });

  it.each(parserOnly)("refuses %s (parser only)", (_, mutate, message) => {
    const manifest = valid();
    mutate(manifest);
    expect(() => parseManifest(JSON.stringify(manifest), "m.json")).toThrow(message);
  });

  it("names the file and field in a typed error", () => {
    const manifest = valid();
    manifest.files[1]!.digest = "nope";
    try {
      parseManifest(JSON.stringify(manifest), "app.manifest.json");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ManifestError);
      expect(error).toMatchObject({
        name: "ManifestError",
        file: "app.manifest.json",
        field: "files[1].digest",
        message: "app.manifest.json: files[1].digest must be sha256:<64 hex>",
      });
    }
  });

  it("refuses malformed JSON", () => {
    expect(() => parseManifest("{", "m.json")).toThrow(/m\.json: is not valid JSON/);
    expect(() => parseManifest("[]", "m.json")).toThrow(/m\.json: must be an object/);
  });

  it("refuses an oversized manifest", () => {
    expect(() => parseManifest(" ".repeat(16 * 1024 * 1024 + 1), "m.json")).toThrow(
      /oversized manifest/,
    );
    // 200,001 real entries would pass 16 MiB first, so the count is checked before the items.
    const many = { ...valid(), files: Array(200_001).fill(0) };
    expect(() => parseManifest(JSON.stringify(many), "m.json")).toThrow(
      /files oversized manifest: more than 200000 files/,
    );
  });

  it("serializes canonically", () => {
    const shuffled = {
      ...valid(),
      files: valid().files.map((f) => Object.fromEntries(Object.entries(f).reverse()) as typeof f),
    };
    expect(serializeManifest(shuffled)).toBe(serializeManifest(valid()));
    expect(serializeManifest(valid()).endsWith("}\n")).toBe(true);
    expect(archiveFileName("app", "1.0.0")).toBe("app-1.0.0.tar.gz");
    expect(manifestFileName("app", "1.0.0")).toBe("app-1.0.0.manifest.json");
  });
});
