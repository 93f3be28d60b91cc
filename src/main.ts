import './runtime/esm-globals.js';
import * as core from '@actions/core';
import { ActionReporter } from './action/action-reporter.js';
import { actionsLayerCache } from './action/actions-layer-cache.js';
import { OPTIONS } from './config/options.js';
import { resolveSettings } from './config/settings.js';
import { USES_LAYER_CACHE, runCommand } from './engine/handlers.js';
import { InputError, exitCodeOf } from './errors.js';
import { processInterrupts } from './runtime/interrupts.js';

/** The action's front door: inputs in, engine, outputs and summary out. */
async function main(): Promise<void> {
  const reporter = new ActionReporter();
  try {
    const explicit = Object.fromEntries(OPTIONS.map((o) => [o.name, core.getInput(o.name)]));
    const settings = resolveSettings({
      explicit,
      env: process.env,
      cwd: process.env['GITHUB_WORKSPACE'] || process.cwd(),
      onSecret: (v, publicKeys) => reporter.secret(v, publicKeys),
    });
    const layerCache = USES_LAYER_CACHE.has(settings.command) ? await actionsLayerCache(process.env) : undefined;
    const result = await runCommand(settings, reporter, { layerCache, interrupts: processInterrupts });
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
    if (result.summary) reporter.summary(result.summary);
    await reporter.flushSummary();
    if (!result.ok) {
      reporter.fail(result.message ?? `${settings.command} failed`);
      process.exitCode = 1;
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof InputError && err.location) reporter.error(err.detail, err.location);
    await reporter.flushSummary().catch(() => undefined);
    reporter.fail(message);
    if (!(err instanceof InputError) && !(err as { exitCode?: number }).exitCode) reporter.debug((err as Error).stack ?? '');
    process.exitCode = exitCodeOf(err);
  }
}

void main();
