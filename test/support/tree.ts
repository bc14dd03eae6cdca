import { chmodSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A small service tree like a build would leave: text, binary, an executable, nested dirs. */
export const SAMPLE_FILES: Record<string, string | Buffer> = {
  "app/index.js": 'console.log("shop");\n',
  "app/static/site.css": "body { color: #123; }\n",
  "app/static/logo.bin": Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256)),
  "app/bin/start.sh": "#!/bin/sh\nexec node index.js\n",
  "app/deep/a/b/c/readme.txt": "nested\n",
};

export function writeTree(
  root: string,
  files: Record<string, string | Buffer> = SAMPLE_FILES,
  mtime?: Date,
) {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    if (path.endsWith(".sh")) chmodSync(abs, 0o755);
    if (mtime) utimesSync(abs, mtime, mtime);
  }
  return root;
}

export function tempDir(prefix = "fd-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
