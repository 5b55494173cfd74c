// What the command line (or the programmatic API) tells the loader.
export interface ProjectOptions {
  /** Compose files as given with -f, in order ("-" = stdin). Empty: discover, or COMPOSE_FILE. */
  readonly files?: readonly string[];
  /** -p / --project-name. */
  readonly projectName?: string;
  /** --project-directory. Default: the directory of the first file. */
  readonly projectDirectory?: string;
  /** --env-file, repeatable. Default: COMPOSE_ENV_FILES, else <project dir>/.env. */
  readonly envFiles?: readonly string[];
  /** --profile, repeatable. Default: COMPOSE_PROFILES. */
  readonly profiles?: readonly string[];
  /** Services named on the command line; enables them even when their profile is not active. */
  readonly services?: readonly string[];
  /** The process environment to read (default: process.env). Shell environment wins over .env. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Working directory for discovery (default: process.cwd()). */
  readonly cwd?: string;
  /** Text to read for "-f -" (default: process stdin). */
  readonly stdin?: () => Promise<string>;
  /** --no-interpolate. */
  readonly interpolate?: boolean;
  /** --no-normalize: keep short syntax (config only). */
  readonly normalize?: boolean;
  /** Called once per warning (unset variables, obsolete `version`, …). */
  readonly onWarning?: (message: string) => void;
}
