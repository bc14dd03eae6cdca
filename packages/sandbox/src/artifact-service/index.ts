export type { ArtifactRecord, ArtifactState } from "./artifact-store.js";
export { FIRST_ARTIFACT_ID } from "./artifact-store.js";
export { ARTIFACT_CONTAINER, DEV_ACCOUNT, DEV_ACCOUNT_KEY } from "./blob-store.js";
export type { JobScope } from "./runtime-token.js";
export { mintRuntimeToken } from "./runtime-token.js";
export type { ArtifactService, ArtifactServiceOptions } from "./service.js";
export { startArtifactService } from "./service.js";
