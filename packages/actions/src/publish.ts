import { resolve } from "node:path";
import * as core from "@actions/core";
import { markPublishedLatest, type PublishResult, publish } from "@fastdeploy/commands";
import { formatSize } from "@fastdeploy/core";
import { readRunContext } from "./context.js";
import { booleanInput, InputError, optionalInput, repositoryInput } from "./inputs.js";
import { runAction } from "./run-action.js";
import { actionLog, githubClient, readConfig } from "./setup.js";
import { workflowArtifacts } from "./workflow-artifacts.js";

await runAction(async () => {
  const context = readRunContext();
  const repo = repositoryInput();
  const artifact = optionalInput("artifact");
  const files = ["archive", "manifest", "checksums"] as const;
  const given = files.filter((name) => optionalInput(name) !== undefined);
  const makeLatest = booleanInput("make-latest") ?? false;
  const version = optionalInput("version");
  // Only a version and make-latest: mark that published release latest, upload nothing. The
  // release workflows do this in a job of its own, apart from the job that runs user code.
  if (!artifact && given.length === 0 && version && makeLatest) {
    const tag = optionalInput("tag");
    // Given the tag (the latest jobs pass the deploy job's), the config is not read: that job
    // has no checkout, and a file an earlier job left in a reused self-hosted workspace must
    // not decide anything.
    const tagPrefix = tag === undefined ? (await readConfig(context)).tagPrefix : undefined;
    const result = await markPublishedLatest(
      { repo, version, ...optional("tagPrefix", tagPrefix), ...optional("tag", tag) },
      { github: githubClient(context), log: actionLog },
    );
    setOutputs(result);
    await writeSummary(result);
    return;
  }
  const config = await readConfig(context);
  if (artifact && given.length) {
    throw new InputError(
      `Give either "artifact" or "archive", "manifest" and "checksums", not both (got artifact and ${given.join(", ")}).`,
    );
  }
  if (!artifact && given.length !== files.length) {
    throw new InputError(
      'Inputs "archive", "manifest" and "checksums" are required together (the build step\'s ' +
        `outputs)${given.length ? `; missing ${files.filter((f) => !given.includes(f)).join(", ")}` : ""}, ` +
        'or set "artifact" to the workflow artifact build uploaded (or give only "version" with ' +
        '"make-latest: true" to mark a published version latest).',
    );
  }
  const inWorkspace = (name: (typeof files)[number]) => {
    const path = optionalInput(name);
    return path === undefined ? {} : { [name]: resolve(context.workspace, path) };
  };
  const github = githubClient(context);
  const result = await publish(
    {
      repo,
      ...inWorkspace("archive"),
      ...inWorkspace("manifest"),
      ...inWorkspace("checksums"),
      ...(artifact ? { artifact } : {}),
      ...optional("version", version),
      ...optional("tag", optionalInput("tag")),
      tagPrefix: config.tagPrefix,
      ...optional("target", optionalInput("target")),
      ...optional("prerelease", booleanInput("prerelease")),
      draft: booleanInput("draft") ?? false,
      ...optional("notes", optionalInput("notes")),
      makeLatest,
    },
    {
      github,
      log: actionLog,
      ...(artifact ? { artifacts: workflowArtifacts() } : {}),
      tempDir: context.runnerTemp,
    },
  );

  setOutputs(result);
  await writeSummary(result);
});

function setOutputs(result: PublishResult): void {
  core.setOutput("release-id", String(result.releaseId));
  core.setOutput("release-url", result.releaseUrl);
  core.setOutput("tag", result.tag);
  core.setOutput("assets", JSON.stringify(result.assets));
  core.setOutput("status", result.status);
  core.info(`${result.status}: ${result.releaseUrl} (${result.requests} API requests)`);
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Hoisted: the top-level await above runs before any `const` below is initialised. */
function html(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

async function writeSummary(result: PublishResult): Promise<void> {
  const heading = {
    published: `Published ${result.tag}`,
    already_published: `${result.tag} was already published`,
    draft: `Draft release ${result.tag}`,
  }[result.status];
  await core.summary
    .addHeading(heading, 2)
    .addRaw(
      `<p><a href="${html(result.releaseUrl)}">${html(result.tag)}</a> at commit ` +
        `<code>${result.commit}</code>${result.prerelease ? " (prerelease)" : ""}, status ` +
        `<code>${result.status}</code>, ${result.requests} API requests.</p>`,
      true,
    )
    .addTable([
      [
        { data: "Asset", header: true },
        { data: "Size", header: true },
        { data: "Digest", header: true },
      ],
      ...result.assets.map((asset) => [
        asset.url ? `<a href="${html(asset.url)}">${html(asset.name)}</a>` : html(asset.name),
        `${formatSize(asset.size)} (${asset.size} bytes)`,
        `<code>${asset.digest}</code>`,
      ]),
    ])
    .write();
}
