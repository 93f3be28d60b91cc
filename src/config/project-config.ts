import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { checkDocument, type Field } from './schema.js';
import { parseYamlText } from './yaml-source.js';
import { containPath, OutsideRepositoryError, readContainedText } from './contained-file.js';
import { PROJECT_NAME, PROJECT_NAME_HINT } from './names.js';
import { configFolder, fromConfigFolder } from './config-paths.js';
import { composeSection, type ComposeConfig } from './sections/compose.js';
import { hostSection, type HostConfig } from './sections/host.js';
import { deploySection, type DeployConfig } from './sections/deploy.js';
import { validateSection, type ValidateConfig } from './sections/validate.js';
import { buildSection, type BuildConfig } from './sections/build.js';
import { restoreTestSection, type RestoreTestConfig } from './sections/restore-test.js';
import { backupSection, type BackupConfig } from './sections/backup.js';
import { restoreSection, type RestoreConfig } from './sections/restore.js';
import { DEPLOY_TARGETS, type DeployTarget } from './deploy-target.js';

export const DEFAULT_CONFIG_FILE = 'compose-deploy.yml';

/** The whole config file schema; docs/config.md is generated from these descriptions. */
export const projectSchema: Extract<Field, { kind: 'object' }> = {
  kind: 'object',
  describe: 'compose-deploy.yml',
  fields: {
    project: { kind: 'string', describe: 'Compose project name on the host; every release drives the same containers', pattern: PROJECT_NAME, patternHint: PROJECT_NAME_HINT },
    registry: { kind: 'string', describe: 'Registry host (default ghcr.io)', pattern: /^[a-z0-9.-]+(:[0-9]+)?$/, patternHint: 'a host[:port]' },
    'image-prefix': { kind: 'string', describe: 'Where images are pushed (default <registry>/<owner>/<repo>, lower-cased)', pattern: /^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)*$/, patternHint: 'lower-case registry/path, as GHCR requires' },
    environment: { kind: 'string', describe: 'Deployment environment name (default production)', pattern: /^[A-Za-z0-9._-]+$/, patternHint: 'letters, digits, ".", "_", "-"' },
    target: { kind: 'string', describe: 'What the prod set runs on: compose (Docker Compose on one host, the default) or swarm (a Docker Swarm; host is a manager node). With swarm, validate also checks what Swarm ignores or rejects (docs/validate.md#the-swarm-target); deploy and rollback make the stack live through the manager (docs/swarm.md); restore and backup for swarm are not available in this version', values: DEPLOY_TARGETS },
    compose: composeSection,
    host: hostSection,
    deploy: deploySection,
    validate: validateSection,
    build: buildSection,
    'restore-test': restoreTestSection,
    backup: backupSection,
    restore: restoreSection,
  },
};

export interface ProjectConfig {
  project?: string;
  registry?: string;
  imagePrefix?: string;
  environment?: string;
  target?: DeployTarget;
  compose?: ComposeConfig;
  host?: HostConfig;
  deploy?: DeployConfig;
  validate?: ValidateConfig;
  build?: BuildConfig;
  restoreTest?: RestoreTestConfig;
  backup?: BackupConfig;
  restore?: RestoreConfig;
}

export interface LoadedConfig {
  /** Absolute path of the file, or undefined when none was found at the default path. */
  path?: string;
  config: ProjectConfig;
}

/**
 * Reads the config file. A missing file is fine at the default path (conventions apply)
 * but an error when the user named one explicitly. It must be a regular file inside the working
 * directory (the repository), symlinks followed: a pull request may choose it.
 */
export function loadProjectConfig(configPath: string | undefined, cwd: string): LoadedConfig {
  const explicit = configPath !== undefined && configPath !== '';
  const rel = explicit ? configPath : DEFAULT_CONFIG_FILE;
  const abs = resolve(cwd, rel);
  if (!containPath(cwd, cwd, rel).inside) throw new OutsideRepositoryError(explicit ? 'input "config"' : DEFAULT_CONFIG_FILE, rel);
  if (!existsSync(abs)) {
    if (explicit) throw new InputError(`config file not found: ${rel} (input "config"); create it or point "config" at the right path`);
    return { config: {} };
  }
  const source = parseYamlText(readContainedText(cwd, cwd, rel, { key: 'input "config"', what: 'file', displayName: rel }), rel);
  // Its paths are relative to its own folder (as Compose reads -f paths); from here on, to the repository.
  return { path: abs, config: rebaseConfigPaths(checkDocument(source, projectSchema) as ProjectConfig, configFolder(cwd, abs)) };
}

/** The config with every path key rebased from its folder to the repository. */
export function rebaseConfigPaths(config: ProjectConfig, folder: string): ProjectConfig {
  if (folder === '') return config;
  const at = (p: string) => fromConfigFolder(folder, p);
  const out: ProjectConfig = { ...config };
  if (config.compose) {
    out.compose = { ...config.compose };
    for (const name of ['dev', 'prod'] as const) {
      const set = config.compose[name];
      if (set) out.compose[name] = { ...set, files: set.files.map(at), ...(set.envFile === undefined ? {} : { envFile: at(set.envFile) }) };
    }
  }
  if (config.deploy?.files) out.deploy = { ...config.deploy, files: config.deploy.files.map(at) };
  if (config.validate?.workflows) out.validate = { ...config.validate, workflows: config.validate.workflows.map(at) };
  if (config.restoreTest?.assertions) out.restoreTest = { ...config.restoreTest, assertions: at(config.restoreTest.assertions) };
  if (config.build?.services) {
    out.build = {
      ...config.build,
      services: Object.fromEntries(Object.entries(config.build.services).map(([name, s]) => [name, s.context === undefined ? s : { ...s, context: at(s.context) }])),
    };
  }
  return out;
}
