import { chmod, mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach } from "vitest";

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary directory, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fastdeploy-artifact-"));
  made.push(dir);
  return dir;
}

/** Writes files (path → content; a `mode` suffix `:x` on the path makes it executable). */
export async function writeTree(
  root: string,
  files: Record<string, string | Buffer>,
  options: { mtime?: number; fileMode?: number; execMode?: number } = {},
): Promise<void> {
  for (const [key, content] of Object.entries(files)) {
    const executable = key.endsWith(":x");
    const path = join(root, executable ? key.slice(0, -2) : key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    await chmod(path, executable ? (options.execMode ?? 0o755) : (options.fileMode ?? 0o644));
    if (options.mtime !== undefined) await utimes(path, options.mtime, options.mtime);
  }
}

export const SAMPLE: Record<string, string | Buffer> = {
  "index.html": "<h1>hello</h1>\n",
  "bin/run:x": "#!/bin/sh\necho run\n",
  "assets/app.js": "console.log(1);\n".repeat(1000),
  "assets/empty.txt": "",
  "assets/ünïcode ñame.txt": "utf-8\n",
  ".env.example": "A=1\n",
  [`${"deep/".repeat(25)}file.txt`]: "long path\n",
};
