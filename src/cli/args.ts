import { InputError } from '../errors.js';
import { COMMANDS, OPTIONS, envName, type OptionSpec } from '../config/options.js';
import { closest } from '../config/schema.js';

export interface CliArgs {
  /** Option values by option name, files already named but not yet read. */
  explicit: Record<string, string>;
  /** Options whose value is to be read from a file: option name -> path. */
  fromFiles: Record<string, string>;
  json: boolean;
  help: boolean;
  version: boolean;
}

/** Options whose value may come from a file, so a secret never has to be on a command line. */
export const FILE_FLAGS: Readonly<Record<string, string>> = Object.fromEntries(
  OPTIONS.filter((o) => o.kind === 'secret' || o.name.endsWith('known-hosts')).map((o) => [`${o.name}-file`, o.name]),
);

/** `compose-deploy <command> [--name value | --name=value | --bool-flag]...` */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { explicit: {}, fromFiles: {}, json: false, help: false, version: false };
  const byName = new Map<string, OptionSpec>(OPTIONS.map((o) => [o.name, o]));
  const flagNames = [...byName.keys(), ...Object.keys(FILE_FLAGS), 'json', 'help', 'version'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') { out.help = true; continue; }
    if (arg === '--version') { out.version = true; continue; }
    if (arg === '--json') { out.json = true; continue; }
    if (!arg.startsWith('--')) {
      // `compose-deploy maintenance on|off`: the switch is the command's one word.
      if (out.explicit['command'] === 'maintenance' && out.explicit['maintenance'] === undefined) {
        out.explicit['maintenance'] = arg;
        continue;
      }
      if (out.explicit['command'] !== undefined) throw new InputError(`unexpected argument ${JSON.stringify(arg)}: options are written --name value`);
      out.explicit['command'] = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const spec = byName.get(name);
    const fileTarget = FILE_FLAGS[name];
    if (!spec && !fileTarget) {
      const hint = closest(name, flagNames);
      throw new InputError(`unknown option --${name}${hint ? `; did you mean --${hint}?` : ''} (see --help)`);
    }
    if (spec?.kind === 'bool' && inline === undefined) {
      const next = argv[i + 1];
      if (next === 'true' || next === 'false') { out.explicit[name] = next; i++; } else out.explicit[name] = 'true';
      continue;
    }
    let value = inline;
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new InputError(`option --${name} needs a value`);
    }
    if (fileTarget) out.fromFiles[fileTarget] = value;
    else out.explicit[name] = value;
  }
  return out;
}

export function helpText(command?: string): string {
  const known = command !== undefined && (COMMANDS as readonly string[]).includes(command);
  const relevant = OPTIONS.filter((o) => o.name !== 'command' && (!known || !o.commands || o.commands.includes(command as never)));
  const fileFlagFor = (o: OptionSpec) => Object.entries(FILE_FLAGS).find(([, target]) => target === o.name)?.[0];
  const lines = [
    known ? `Usage: compose-deploy ${command} [options]` : `Usage: compose-deploy <command> [options]`,
    '',
    ...(known ? [] : ['Commands:', ...COMMANDS.map((c) => `  ${c}`), '']),
    'Options (each also read from COMPOSE_DEPLOY_<NAME>; a flag beats the environment, which beats the config file):',
    ...relevant.flatMap((o) => {
      const flag = o.kind === 'bool' ? `--${o.name}` : `--${o.name} <${o.kind === 'int' ? 'n' : 'value'}>`;
      const rows = [`  ${flag.padEnd(36)} ${o.description}${o.default ? ` (default ${o.default})` : ''}  [${envName(o.name)}]`];
      const ff = fileFlagFor(o);
      if (ff) rows.push(`  ${`--${ff} <path>`.padEnd(36)} Read ${o.name} from a file (keeps it off the command line)`);
      return rows;
    }),
    `  ${'--json'.padEnd(36)} Print the result as one JSON object on stdout (logs go to stderr)`,
    `  ${'--help'.padEnd(36)} This text`,
    '',
    'Exit codes: 0 success, 1 the operation failed, 2 bad input or configuration (nothing was executed).',
  ];
  return lines.join('\n');
}
