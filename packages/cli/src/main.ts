// Placeholder until the CLI issue lands.
process.stderr.write("fastdeploy: the CLI is not implemented yet.\n");
process.exit(2);
