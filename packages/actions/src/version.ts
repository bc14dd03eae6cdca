// Recorded in every manifest so a release says which FastDeploy built it.
export const BUILDER_VERSION = "fastdeploy/0.1.0";
