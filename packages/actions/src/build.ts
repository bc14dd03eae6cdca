import { readFileSync } from "node:fs";
import * as core from "@actions/core";
import { build } from "@fastdeploy/commands";
import { formatSize, newestReleaseVersion } from "@fastdeploy/core";
import { listTagRefs } from "@fastdeploy/github";
import { booleanInput, InputError, listInput, optionalInput } from "./inputs.js";
import { runAction } from "./run-action.js";
import { actionLog, githubClient, setupAction } from "./setup.js";
import { BUILDER_VERSION } from "./version.js";
import { workflowArtifacts } from "./workflow-artifacts.js";

await runAction(async () => {
  const { context, config, repo } = await setupAction();
  const paths = listInput("path") ?? config.build.path;
  if (paths.length === 0) {
    throw new InputError(
      'Input "path" is required: name the files, directories or globs to pack (e.g. "dist").',
    );
  }
  const upload = booleanInput("upload") ?? true;
  const version = optionalInput("version");
  // A branch build is a prerelease of the release after the newest one (1.4.3-main.12.sha-…
  // after 1.4.2), so it sorts above what the environments already run and deploys there.
  const baseVersion =
    version || context.ref.startsWith("refs/tags/")
      ? undefined
      : await newestRelease(context, repo, config.tagPrefix);
  const result = await build(
    {
      workspace: context.workspace,
      workingDirectory: optionalInput("working-directory") ?? config.build.workingDirectory ?? ".",
      paths,
      name: optionalInput("name") ?? config.name ?? repo.repo,
      ...(version ? { version } : {}),
      tagPrefix: config.tagPrefix,
      ...(baseVersion ? { baseVersion } : {}),
      ...((optionalInput("command") ?? config.build.command)
        ? { command: optionalInput("command") ?? config.build.command }
        : {}),
      outputDir: optionalInput("output-dir") ?? ".fastdeploy",
      upload,
      source: { repository: `${repo.owner}/${repo.repo}`, commit: context.sha, ref: context.ref },
      run: {
        id: context.runId,
        attempt: context.runAttempt,
        number: context.runNumber,
        workflow: context.workflow,
        url: context.runUrl,
      },
      builderVersion: BUILDER_VERSION,
      now: new Date(),
    },
    { log: actionLog, ...(upload ? { artifacts: workflowArtifacts() } : {}) },
  );

  core.setOutput("version", result.version);
  core.setOutput("archive", result.archive);
  core.setOutput("manifest", result.manifest);
  core.setOutput("checksums", result.checksums);
  core.setOutput("digest", result.digest);
  core.setOutput("artifact-id", result.artifactId !== undefined ? String(result.artifactId) : "");

  const manifest = JSON.parse(readFileSync(result.manifest, "utf8")) as { name: string };
  await core.summary
    .addHeading(`Built ${manifest.name} ${result.version}`, 2)
    .addTable([
      [
        { data: "Name", header: true },
        { data: "Version", header: true },
        { data: "Size", header: true },
        { data: "Files", header: true },
        { data: "Digest", header: true },
      ],
      [
        manifest.name,
        result.version,
        formatSize(result.size),
        String(result.fileCount),
        `<code>${result.digest}</code>`,
      ],
    ])
    .addRaw(
      result.artifactName
        ? `<p>Uploaded as workflow artifact <code>${result.artifactName}</code> (id ${result.artifactId}).</p>`
        : "<p>Not uploaded (upload: false).</p>",
      true,
    )
    .write();
});

/** The newest release tag's version, one request (contents: read); a warning when unreadable. */
async function newestRelease(
  context: Parameters<typeof githubClient>[0],
  repo: { owner: string; repo: string },
  prefix: string,
): Promise<string | undefined> {
  try {
    const tags = await listTagRefs(githubClient(context), repo, prefix);
    return newestReleaseVersion(
      tags.map((t) => t.name),
      prefix,
    );
  } catch (error) {
    core.warning(
      `Could not list the release tags (${(error as Error).message}), so this branch build is a prerelease of 0.0.0 and sorts below every release: an environment running a release will refuse it. Give the job \`contents: read\`.`,
    );
    return undefined;
  }
}
