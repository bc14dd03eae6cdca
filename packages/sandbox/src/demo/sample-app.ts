import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The demo's sample service: a tiny app with a start script, and a deploy script that
 * "installs" the extracted release into a per-target directory the health server reads.
 * Version 1.1.0 ships a health check that fails in production, so the demo shows an
 * automatic rollback.
 */
export function writeSampleApp(workspace: string, version: string, healthPort: number): void {
  const files: Record<string, string> = {
    "app/index.js": `console.log("shop ${version} listening");\n`,
    "app/bin/start.sh": "#!/bin/sh\nexec node ../index.js\n",
    "app/health.json": JSON.stringify(
      { version, prod: version === "1.1.0" ? "failing: checkout-v2 needs a migration" : "ok" },
      null,
      2,
    ),
    "scripts/deploy.sh": [
      "#!/bin/sh",
      "# Installs the release into the target's directory, as an rsync or kubectl apply would.",
      'dest="$FASTDEPLOY_DEMO_ROOT/targets/$FASTDEPLOY_ENVIRONMENT/$FASTDEPLOY_TARGET"',
      'mkdir -p "$dest"',
      'cp -R "$FASTDEPLOY_ARTIFACT_DIR/app/." "$dest/"',
      'previous="$FASTDEPLOY_PREVIOUS_VERSION"',
      'echo "deployed $FASTDEPLOY_VERSION to $FASTDEPLOY_ENVIRONMENT/$FASTDEPLOY_TARGET (was $previous)"',
      "",
    ].join("\n"),
    ".github/fastdeploy.yml": config(healthPort),
  };
  for (const [path, content] of Object.entries(files)) {
    const abs = join(workspace, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    if (path.endsWith(".sh")) chmodSync(abs, 0o755);
  }
}

function config(port: number): string {
  const health = (env: string) => `http://127.0.0.1:${port}/${env}/{target}/health`;
  return `name: shop
build:
  path: app
deploy:
  command: sh "$GITHUB_WORKSPACE/scripts/deploy.sh"
environments:
  - name: dev
    health-url: ${health("dev")}
  - name: qa
    after: [dev]
    require-review: true
    health-url: ${health("qa")}
  - name: prod
    after: [qa]
    production: true
    require-review: true
    targets: [eu-1, us-1]
    health-url: ${health("prod")}
    # A real service gets a minute to come up; the demo's fails fast.
    health-timeout: 4
`;
}
