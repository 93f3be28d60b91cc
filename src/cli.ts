import './runtime/esm-globals.js';
import { readFileSync } from 'node:fs';
import { parseCliArgs, helpText } from './cli/args.js';
import { CliReporter } from './cli/cli-reporter.js';
import { resolveSettings } from './config/settings.js';
import { envName } from './config/options.js';
import { runCommand } from './engine/handlers.js';
import { InputError, exitCodeOf } from './errors.js';
import { processInterrupts } from './runtime/interrupts.js';
import { VERSION } from './version.js';

/** The CLI's front door: flags in, the same engine as the action, a result out. */
async function main(argv: string[]): Promise<number> {
  const reporter = new CliReporter(process.env['COMPOSE_DEPLOY_DEBUG'] === '1');
  let json = argv.includes('--json');
  try {
    const args = parseCliArgs(argv);
    json = args.json;
    if (args.version) {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (args.help) {
      process.stdout.write(`${helpText(args.explicit['command'] ?? process.env[envName('command')])}\n`);
      return 0;
    }
    const explicit: Record<string, string> = { ...args.explicit };
    for (const [option, path] of Object.entries(args.fromFiles)) {
      try {
        explicit[option] = readFileSync(path, 'utf8');
      } catch (err) {
        throw new InputError(`--${option}-file ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? err})`);
      }
    }
    const settings = resolveSettings({ explicit, env: process.env, cwd: process.cwd(), onSecret: (v, publicKeys) => reporter.secret(v, publicKeys) });
    const result = await runCommand(settings, reporter, { interrupts: processInterrupts });
    if (json) writeJson(reporter, { command: settings.command, ok: result.ok, ...(result.message ? { message: result.message } : {}), outputs: result.outputs });
    else {
      if (result.summary) reporter.summary(result.summary);
      printSummaries(reporter);
      for (const [k, v] of Object.entries(result.outputs)) reporter.info(`${k}: ${v}`);
    }
    if (!result.ok) reporter.error(result.message ?? `${settings.command} failed`);
    return result.ok ? 0 : 1;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!json) printSummaries(reporter);
    reporter.error(message);
    if (process.env['COMPOSE_DEPLOY_DEBUG'] === '1' && err instanceof Error) reporter.debug(err.stack ?? '');
    const code = exitCodeOf(err);
    if (json) writeJson(reporter, { ok: false, exitCode: code, error: message });
    return code;
  }
}

/** --json output through the log's mask, string by string, so a masked value never breaks the JSON. */
function writeJson(reporter: CliReporter, value: object): void {
  process.stdout.write(`${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? reporter.redact(v) : v))}\n`);
}

/** What the action puts in the step summary (validate's tables, migration output...), as Markdown on stderr. */
function printSummaries(reporter: CliReporter): void {
  for (const md of reporter.summaries) process.stderr.write(`\n${md.trimEnd()}\n\n`);
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
