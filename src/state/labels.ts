// docker compose's label contract, so that other tools see our stacks and we see theirs.
export const Label = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
  image: 'com.docker.compose.image',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  environmentFile: 'com.docker.compose.project.environment_file',
  dependsOn: 'com.docker.compose.depends_on',
  version: 'com.docker.compose.version',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  replace: 'com.docker.compose.replace',
  slug: 'com.docker.compose.slug',
  /** Ours: per-key digests of the service config, to name what changed. */
  fieldDigests: 'dev.tcompose.config-digests',
  /** Ours: digest of the content of the secrets and configs a container uses. */
  contentDigest: 'dev.tcompose.content-digest',
  /** Ours: digest of a volume's settings, to notice that the compose file changed them. */
  volumeHash: 'dev.tcompose.volume-hash',
} as const;

/** Label filter selecting everything of one project. */
export const projectFilter = (project: string): string[] => [`${Label.project}=${project}`];
