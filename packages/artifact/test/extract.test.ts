import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Manifest, ManifestFile } from "@fastdeploy/core";
import { describe, expect, it } from "vitest";
import { ArchiveError, collectFiles, createArchive, extractArchive } from "../src/index.js";
import { digestOf, type RawEntry, rawTar } from "./raw-tar.js";
import { SAMPLE, tempDir, writeTree } from "./tree.js";

function manifestFor(files: ManifestFile[], archive: Buffer): Manifest {
  return {
    schema: "fastdeploy/manifest@1",
    name: "app",
    version: "1.0.0",
    source: { repository: "acme/app", commit: "a".repeat(40), ref: "refs/tags/v1.0.0" },
    build: { run_id: 0, run_attempt: 1, workflow: "", run_url: "", builder_version: "test" },
    created_at: "2026-01-01T00:00:00Z",
    archive: { name: "app-1.0.0.tar.gz", size: archive.length, digest: digestOf(archive) },
    files,
  };
}

const listed = (path: string, content: string, mode: "0644" | "0755" = "0644"): ManifestFile => ({
  path,
  size: Buffer.byteLength(content),
  digest: digestOf(content),
  mode,
});

describe("extractArchive", () => {
  it("round-trips an archive we wrote, checked against its manifest", async () => {
    const dir = await tempDir();
    const root = join(dir, "tree");
    await writeTree(root, SAMPLE);
    const out = join(dir, "app.tar.gz");
    const result = await createArchive({
      root,
      files: await collectFiles({ cwd: root, patterns: ["."] }),
      out,
    });
    const manifest = manifestFor(result.files, await readFile(out));
    const dest = join(dir, "out");
    const files = await extractArchive({ archive: out, dest, manifest });
    expect(files).toEqual(result.files);
    expect(execFileSync("diff", ["-r", root, dest], { encoding: "utf8" })).toBe("");
    expect((await stat(join(dest, "bin/run"))).mode & 0o777).toBe(0o755);
    expect((await stat(join(dest, "index.html"))).mode & 0o777).toBe(0o644);
  });

  it("extracts without a manifest and reads PAX paths", async () => {
    const dir = await tempDir();
    const long = `${"x/".repeat(70)}f.txt`;
    await writeFile(join(dir, "a.tgz"), rawTar([{ path: long, content: "hi", paxPath: true }]));
    const files = await extractArchive({ archive: join(dir, "a.tgz"), dest: join(dir, "out") });
    expect(files).toEqual([listed(long, "hi")]);
    expect(await readFile(join(dir, "out", long), "utf8")).toBe("hi");
  });

  // A hostile corpus: each archive is refused with a message naming the entry, and nothing
  // is left in the destination or written next to it.
  const ok = { path: "ok.txt", content: "fine" };
  const corpus: [string, RawEntry[], RegExp, ManifestFile[] | undefined][] = [
    [
      "dot-dot path",
      [ok, { path: "../x", content: "evil" }],
      /entry "..\/x": path must not contain \.\. segments/,
      undefined,
    ],
    [
      "nested dot-dot",
      [{ path: "a/../../x", content: "evil" }],
      /must not contain \.\. segments/,
      undefined,
    ],
    [
      "absolute path",
      [{ path: "/tmp/abs", content: "evil" }],
      /entry "\/tmp\/abs": path must be relative/,
      undefined,
    ],
    [
      "PAX dot-dot path",
      [{ path: "../pax", content: "evil", paxPath: true }],
      /entry "..\/pax": path must not contain/,
      undefined,
    ],
    [
      "symlink escaping",
      [
        { path: "link", type: "2", linkname: "/etc/passwd" },
        { path: "link/x", content: "evil" },
      ],
      /entry "link": symbolic links are refused.*"\/etc\/passwd"/,
      undefined,
    ],
    [
      "symlink inside",
      [{ path: "link", type: "2", linkname: "ok.txt" }],
      /symbolic links are refused/,
      undefined,
    ],
    [
      "hard link",
      [ok, { path: "hard", type: "1", linkname: "ok.txt" }],
      /entry "hard": hard links are refused/,
      undefined,
    ],
    [
      "char device",
      [{ path: "dev", type: "3" }],
      /entry "dev": device files are refused/,
      undefined,
    ],
    ["fifo", [{ path: "pipe", type: "6" }], /FIFOs are refused/, undefined],
    ["directory", [{ path: "d/", type: "5" }], /directory entries are refused/, undefined],
    [
      "duplicate entry",
      [ok, { path: "ok.txt", content: "again" }],
      /entry "ok.txt": appears twice/,
      undefined,
    ],
    [
      "unlisted entry",
      [ok, { path: "extra.sh", content: "evil" }],
      /entry "extra.sh": is not listed in the manifest/,
      [listed("ok.txt", "fine")],
    ],
    [
      "tampered content",
      [{ path: "ok.txt", content: "fake" }],
      /entry "ok.txt": content has digest sha256:[0-9a-f]{64} but the manifest says sha256:/,
      [listed("ok.txt", "fine")],
    ],
    [
      "size differs",
      [{ path: "ok.txt", content: "finer" }],
      /has 5 bytes but the manifest says 4/,
      [listed("ok.txt", "fine")],
    ],
    [
      "mode differs",
      [{ ...ok, mode: 0o755 }],
      /has mode 0755 but the manifest says 0644/,
      [listed("ok.txt", "fine")],
    ],
    [
      "missing file",
      [ok],
      /entry "gone.txt": is listed in the manifest but missing/,
      [listed("gone.txt", "x"), listed("ok.txt", "fine")],
    ],
    [
      "file then dir of same name",
      [ok, { path: "ok.txt/x", content: "x" }],
      /conflicts with a file/,
      undefined,
    ],
    ["unknown type", [{ path: "weird", type: "Z" }], /unknown entry type "Z"/, undefined],
  ];

  it.each(corpus)("refuses %s", async (_, entries, message, files) => {
    const dir = await tempDir();
    const archive = join(dir, "evil.tgz");
    const bytes = rawTar(entries);
    await writeFile(archive, bytes);
    const dest = join(dir, "sub", "out");
    const manifest = files ? manifestFor(files, bytes) : undefined;
    const error = await extractArchive({ archive, dest, manifest }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(message);
    expect(await readdir(dir)).toEqual(["evil.tgz", "sub"]);
    expect(await readdir(join(dir, "sub"))).toEqual([]);
  });

  it("streams an archive over 1 MiB through gunzip, checked against its manifest", async () => {
    // Smaller archives are inflated in one call; this one takes the streaming path.
    const dir = await tempDir();
    const root = join(dir, "tree");
    await writeTree(root, { "data.bin": randomBytes(3 << 20), "index.html": "<p>hi</p>" });
    const out = join(dir, "app.tar.gz");
    const result = await createArchive({
      root,
      files: await collectFiles({ cwd: root, patterns: ["."] }),
      out,
    });
    const archive = await readFile(out);
    expect(archive.length).toBeGreaterThan(1 << 20);
    const dest = join(dir, "out");
    const files = await extractArchive({
      archive: out,
      dest,
      manifest: manifestFor(result.files, archive),
    });
    expect(files).toEqual(result.files);
    expect(execFileSync("diff", ["-r", root, dest], { encoding: "utf8" })).toBe("");
  });

  it("refuses a small archive that inflates past what its manifest's files take up", async () => {
    const dir = await tempDir();
    // 32 MiB of zeros compress to a few KB: a manifest that lists the entry as 10 bytes bounds
    // the inflating long before the entry is reached.
    const bytes = rawTar([{ path: "big.bin", content: Buffer.alloc(32 << 20) }]);
    await writeFile(join(dir, "a.tgz"), bytes);
    const manifest = manifestFor([listed("big.bin", "0123456789")], bytes);
    await expect(
      extractArchive({ archive: join(dir, "a.tgz"), dest: join(dir, "out"), manifest }),
    ).rejects.toThrow(/inflates to more than its manifest's files can take up; refused/);
    await expect(stat(join(dir, "out"))).rejects.toThrow(/ENOENT/);
  });

  it("refuses an archive whose digest differs from the manifest", async () => {
    const dir = await tempDir();
    const bytes = rawTar([ok]);
    await writeFile(join(dir, "a.tgz"), bytes);
    const manifest = manifestFor(
      [listed("ok.txt", "fine")],
      rawTar([ok, { path: "b", content: "" }]),
    );
    await expect(
      extractArchive({ archive: join(dir, "a.tgz"), dest: join(dir, "out"), manifest }),
    ).rejects.toThrow(/has digest sha256:.* but the manifest says sha256:/);
    await expect(stat(join(dir, "out"))).rejects.toThrow(/ENOENT/);
  });

  it("refuses truncated, corrupt and trailing-garbage archives", async () => {
    const dir = await tempDir();
    const cases: [Buffer, RegExp][] = [
      [rawTar([ok], { end: false }), /truncated archive/],
      [Buffer.from("not gzip at all"), /not a valid gzip file/],
      [rawTar([{ ...ok, size: 4000 }]), /truncated|checksum|ustar/],
      [
        (() => {
          const tar = rawTar([ok]);
          return tar.subarray(0, tar.length - 10);
        })(),
        /gzip|truncated|unexpected end/,
      ],
    ];
    for (const [index, [bytes, message]] of cases.entries()) {
      const archive = join(dir, `${index}.tgz`);
      await writeFile(archive, bytes);
      await expect(extractArchive({ archive, dest: join(dir, `out${index}`) })).rejects.toThrow(
        message,
      );
      await expect(stat(join(dir, `out${index}`))).rejects.toThrow(/ENOENT/);
    }
  });

  it("refuses a non-empty destination and leaves an existing empty one empty on error", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "a.tgz"), rawTar([ok, { path: "../x", content: "" }]));
    await writeTree(join(dir, "full"), { keep: "me" });
    await expect(
      extractArchive({ archive: join(dir, "a.tgz"), dest: join(dir, "full") }),
    ).rejects.toThrow(/must be a new or empty directory/);
    expect(await readdir(join(dir, "full"))).toEqual(["keep"]);
    execFileSync("mkdir", [join(dir, "empty")]);
    await expect(
      extractArchive({ archive: join(dir, "a.tgz"), dest: join(dir, "empty") }),
    ).rejects.toThrow(/\.\./);
    expect(await readdir(join(dir, "empty"))).toEqual([]);
  });
});
