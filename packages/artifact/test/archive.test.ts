import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { open, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArchiveError, collectFiles, createArchive, formatSha256Sums } from "../src/index.js";
import { SAMPLE, tempDir, writeTree } from "./tree.js";

async function build(options: Parameters<typeof writeTree>[2]) {
  const dir = await tempDir();
  const root = join(dir, "tree");
  await writeTree(root, SAMPLE, options);
  const files = await collectFiles({ cwd: root, patterns: ["."] });
  const out = join(dir, "app-1.0.0.tar.gz");
  return { dir, root, out, result: await createArchive({ root, files, out }) };
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe("createArchive", () => {
  it("is byte-identical for the same tree built twice with other mtimes and umask", async () => {
    const a = await build({ mtime: 1_000_000, fileMode: 0o600, execMode: 0o700 });
    const b = await build({ mtime: 1_700_000_000, fileMode: 0o664, execMode: 0o775 });
    const [bytesA, bytesB] = await Promise.all([readFile(a.out), readFile(b.out)]);
    expect(bytesA.equals(bytesB)).toBe(true);
    expect(a.result).toEqual(b.result);
    expect(a.result.digest).toBe(`sha256:${sha256(bytesA)}`);
    expect(a.result.size).toBe(bytesA.length);
  });

  it("is listed by GNU tar with modes, owner 0/0 and fixed mtime, sorted", async () => {
    const { out, result } = await build({});
    const listing = execFileSync("tar", ["-tzvf", out, "--numeric-owner"], {
      encoding: "utf8",
      env: { ...process.env, TZ: "UTC", LC_ALL: "C.UTF-8" },
    });
    const lines = listing.trimEnd().split("\n");
    expect(lines).toHaveLength(Object.keys(SAMPLE).length);
    lines.forEach((line, index) => {
      const file = result.files[index]!;
      const perms = file.mode === "0755" ? "-rwxr-xr-x" : "-rw-r--r--";
      expect(line).toMatch(new RegExp(`^${perms} 0/0 +${file.size} 2000-01-01 00:00 `));
      expect(line.endsWith(` ${file.path}`)).toBe(true);
    });
    expect(result.files.map((f) => f.path)).toEqual(
      [...result.files.map((f) => f.path)].sort((x, y) =>
        Buffer.compare(Buffer.from(x), Buffer.from(y)),
      ),
    );
    expect(result.files.find((f) => f.path === "bin/run")!.mode).toBe("0755");
    expect(result.files.find((f) => f.path === "index.html")!.mode).toBe("0644");
  });

  it("writes a gzip header without time or name, OS byte Unix", async () => {
    const { out } = await build({});
    const handle = await open(out, "r");
    const header = Buffer.alloc(10);
    await handle.read(header, 0, 10, 0);
    await handle.close();
    // magic, deflate, no FNAME/FCOMMENT/FEXTRA flags, MTIME 0, XFL 0 (level 6), OS 3
    expect([...header]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    execFileSync("gzip", ["-t", out]);
  });

  it("reports per-file digests equal to sha256sum, and SHA256SUMS passes sha256sum -c", async () => {
    const { dir, root, out, result } = await build({});
    for (const file of result.files) {
      const real = execFileSync("sha256sum", ["--", file.path], { cwd: root, encoding: "utf8" });
      expect(file.digest).toBe(`sha256:${real.slice(0, 64)}`);
    }
    await writeFile(join(dir, "manifest.json"), "{}\n");
    const manifest = createHash("sha256").update("{}\n").digest("hex");
    await writeFile(
      join(dir, "SHA256SUMS"),
      formatSha256Sums([
        { name: "app-1.0.0.tar.gz", digest: result.digest },
        { name: "manifest.json", digest: `sha256:${manifest}` },
      ]),
    );
    expect(execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: dir, encoding: "utf8" })).toBe(
      "app-1.0.0.tar.gz: OK\nmanifest.json: OK\n",
    );
    expect(out.endsWith("app-1.0.0.tar.gz")).toBe(true);
  });

  it("extracts with GNU tar to the same bytes and executable bit", async () => {
    const { dir, root, out } = await build({});
    const dest = join(dir, "gnu");
    execFileSync("mkdir", [dest]);
    execFileSync("tar", ["-xzf", out, "-C", dest]);
    const diff = execFileSync("diff", ["-r", root, dest], { encoding: "utf8" });
    expect(diff).toBe("");
    execFileSync(join(dest, "bin/run"));
  });

  it("uses PAX headers only for long paths", async () => {
    const { out } = await build({});
    const tarBytes = execFileSync("gzip", ["-dc", out]);
    const paxHeaders = tarBytes.toString("latin1").split("././@PaxHeader").length - 1;
    expect(paxHeaders).toBe(1);
  });

  it("refuses bad paths, duplicates and symlinks, leaving no output", async () => {
    const dir = await tempDir();
    await writeTree(dir, { a: "1", "b/c": "2" });
    const out = join(dir, "out.tar.gz");
    const make = (files: { path: string; absPath?: string }[]) =>
      createArchive({ root: dir, files, out });
    await expect(make([{ path: "../a" }])).rejects.toThrow(
      /entry "..\/a": path must not contain \.\./,
    );
    await expect(make([{ path: "a" }, { path: "a" }])).rejects.toThrow(/"a": is listed twice/);
    await expect(make([{ path: "missing" }])).rejects.toThrow(ArchiveError);
    execFileSync("ln", ["-s", "/etc/passwd", join(dir, "link")]);
    await expect(make([{ path: "a" }, { path: "link" }])).rejects.toThrow(
      /entry "link": cannot be read \(ELOOP\)/,
    );
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    await expect(
      createArchive({ root: dir, files: [{ path: "a" }], out, gzipLevel: 0 }),
    ).rejects.toThrow(/gzip level/);
  });
});
