import type { WorkflowArtifacts } from "@fastdeploy/commands";

/**
 * Workflow artifacts through the unmodified @actions/artifact client, loaded on first use:
 * it brings the Azure SDK along, about 30 MB of memory a step that never touches an
 * artifact should not pay. Only build and publish import this file, so the bundle's chunk
 * that holds the client is reachable from those two entries alone.
 */
export function workflowArtifacts(): WorkflowArtifacts {
  const load = async () => new (await import("@actions/artifact")).DefaultArtifactClient();
  return {
    upload: async (name, files, rootDirectory) => {
      const client = await load();
      const { id, size } = await client.uploadArtifact(name, files, rootDirectory);
      if (id === undefined) throw new Error(`Upload of workflow artifact ${name} returned no id.`);
      return { id, size: size ?? 0 };
    },
    download: async (name, dest) => {
      const client = await load();
      const { artifact } = await client.getArtifact(name);
      const { downloadPath } = await client.downloadArtifact(artifact.id, { path: dest });
      return [downloadPath ?? dest];
    },
  };
}
