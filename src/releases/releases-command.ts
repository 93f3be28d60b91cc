import type { Settings } from '../config/settings.js';
import type { CommandResult } from '../engine/result.js';
import type { EngineServices } from '../engine/services.js';
import { imagePresenceCommand, listReleases, parseProbe, probeCommand, type HostFacts, type ReleaseInfo } from '../host/probe.js';
import { parseKeyValues } from '../host/key-values.js';
import { hostToolsLine } from '../host/describe.js';
import type { Reporter } from '../report/reporter.js';
import { runChecked, shellText } from '../runner/runner.js';
import { remoteSettings } from '../ssh/remote-settings.js';
import { connectHost } from '../ssh/connect.js';
import { parseMaintenance } from '../maintenance/switch.js';
import { explainState, keptAside, parseRestoreState } from '../db-restore/state.js';

/** `releases`: what the host runs, which Docker and Compose it has, and what can be rolled back to. */
export async function releasesCommand(settings: Settings, reporter: Reporter, services: EngineServices = {}): Promise<CommandResult> {
  const remote = remoteSettings(settings);
  const probe = probeCommand(remote.deployPath);
  if (settings.dryRun) {
    reporter.info(`dry-run: would run on ${remote.target.user}@${remote.target.host}:${remote.target.port}:\n  ${shellText(probe)}`);
    return { ok: true, outputs: { 'dry-run': 'true' } };
  }
  const runner = await (services.connectHost ?? connectHost)(remote.target, reporter);
  try {
    const facts = parseProbe((await runChecked(runner, probe, 'reading the host state')).stdout);
    const releases = listReleases(facts);
    const images = [...new Set(releases.flatMap((r) => r.images ?? []))];
    if (images.length > 0) {
      const present = new Set(parseKeyValues((await runChecked(runner, imagePresenceCommand(images), 'checking which release images the host has')).stdout).get('present') ?? []);
      for (const r of releases) if (r.images) r.imagesOnHost = r.images.every((i) => present.has(i));
    }
    return releasesResult(facts, releases, runner.where, reporter);
  } finally {
    await runner.close();
  }
}

function releasesResult(facts: HostFacts, releases: ReleaseInfo[], where: string, reporter: Reporter): CommandResult {
  if (!facts.dockerVersion) reporter.warning(`Docker is not reachable on ${where} for this user: deploys will fail until it is (is the user in the docker group?)`);
  if (!facts.composeCommand) reporter.warning(`neither "docker compose" (v2) nor "docker-compose" (v1) was found on ${where}`);
  reporter.info(`host ${where}: Docker ${facts.dockerVersion ?? 'missing'}, ${facts.composeCommand ?? 'no Compose'} ${facts.composeVersion ?? ''}`.trim());
  reporter.info(releases.length === 0 ? 'no releases kept yet' : releases.map((r) => `${r.current ? '*' : ' '} ${r.sha} ${r.deployedAt ?? ''} ${r.actor ?? ''} ${r.rollback ? 'rollback' : ''} ${imagesNote(r)}`.trimEnd()).join('\n'));
  const maintenance = parseMaintenance(facts.maintenance);
  const maintenanceLine = maintenance
    ? `🚧 Maintenance is on${maintenance.since ? ` since ${maintenance.since}` : ''}${maintenance.actor ? ` (${maintenance.actor})` : ''}${maintenance.reason ? `: ${maintenance.reason}` : ''}; the proxy answers 503. Switch it off with: compose-deploy maintenance off`
    : undefined;
  const state = parseRestoreState(facts.restoreState);
  const stateLine = facts.restoreState ? `⚠️ Unfinished restore: ${state ? explainState(state) : `${where}: restore/state.json is unreadable; run restore again to clean up`}.` : undefined;
  const kept = keptAside(facts.events ?? []);
  const keptLine = kept.length > 0 ? `Databases kept aside by restores (dropped after restore.keep-previous): ${kept.map((k) => `${k.name} (since ${k.since})`).join(', ')}.` : undefined;
  for (const line of [maintenanceLine, stateLine]) if (line) reporter.warning(line);
  if (keptLine) reporter.info(keptLine);
  const rows = releases.map((r) => `| \`${r.sha.slice(0, 12)}\` | ${r.current ? '**live**' : ''} | ${r.deployedAt ?? ''} | ${r.actor ?? ''} | ${r.result ?? ''}${r.rollback ? ' (rollback)' : ''} | ${imagesNote(r)} |`);
  const summary = [
    `### Releases on ${where}`,
    '',
    hostToolsLine(facts),
    '',
    ...[maintenanceLine, stateLine, keptLine].filter((l): l is string => !!l).flatMap((l) => [l, '']),
    releases.length === 0 ? '_No releases kept yet._' : ['| sha | | deployed | by | result | images |', '|---|---|---|---|---|---|', ...rows].join('\n'),
    '',
  ].join('\n');
  return {
    ok: true,
    outputs: {
      'docker-version': facts.dockerVersion ?? '',
      'compose-command': facts.composeCommand ?? '',
      'compose-version': facts.composeVersion ?? '',
      'current-sha': facts.current ?? '',
      releases: JSON.stringify(releases),
      maintenance: maintenance ? 'on' : 'off',
    },
    summary,
  };
}

function imagesNote(r: ReleaseInfo): string {
  if (r.imagesOnHost === undefined) return '';
  return r.imagesOnHost ? 'on the host' : 'some pruned: a rollback pulls them';
}
