import { formatLocation } from '../errors.js';
import type { DriftRow } from './drift.js';
import { countBySeverity, distinctFindings, type Finding } from './findings.js';
import type { Renderer } from './render.js';
import { rendererLabel } from './render.js';
import { ruleInfo } from '../config/rule-catalog.js';
import { describeSet, type ComposeSet } from '../compose/sets.js';
import type { SwarmServiceRow } from './rules/swarm.js';

export interface SetReport {
  set: ComposeSet;
  services: string[];
  findings: Finding[];
  /** target: swarm, prod set: the services the deploy rolls and the update_config it sets on each. */
  swarm?: SwarmServiceRow[];
}

export interface WorkflowReport {
  files: string[];
  findings: Finding[];
}

export interface ValidateReport {
  renderer: Renderer;
  failOn: 'error' | 'warning';
  /** Each set lists its own findings, so a file both sets share shows in both tables. */
  sets: SetReport[];
  drift?: DriftRow[];
  workflows?: WorkflowReport;
  /** The run's distinct findings: what every count (outputs, exit, summary, JSON) and every annotation uses. */
  findings: Finding[];
}

/** The one place findings are de-duplicated, so no two consumers can count them differently. */
export function buildReport(parts: Omit<ValidateReport, 'findings'>): ValidateReport {
  return { ...parts, findings: distinctFindings([...parts.sets.flatMap((s) => s.findings), ...(parts.workflows?.findings ?? [])]) };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function summaryMarkdown(r: ValidateReport): string {
  const { errors, warnings } = countBySeverity(r.findings);
  const out = [
    '### compose-deploy validate',
    '',
    `Rendered with ${rendererLabel(r.renderer)}. **${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}** (fail-on: ${r.failOn}).`,
    '',
  ];
  for (const s of r.sets) {
    out.push(`#### ${s.set.name}: ${cell(describeSet(s.set))}${s.set.discovered ? ' (found by convention)' : ''}`, '');
    if (s.findings.length === 0) out.push(`No findings in ${s.services.length} service${s.services.length === 1 ? '' : 's'}.`, '');
    else {
      out.push('| severity | rule | where | message |', '|---|---|---|---|');
      for (const f of s.findings) out.push(`| ${f.severity} | \`${f.rule}\` | \`${cell(formatLocation(f.loc))}\` | ${cell(f.message)} |`);
      out.push('');
    }
    if (s.swarm) out.push(...swarmSection(s.swarm));
  }
  if (r.drift) {
    out.push('#### Drift between dev and prod', '');
    if (r.drift.length === 0) out.push('Same services in both sets, same image repositories.', '');
    else {
      out.push('| service | dev | prod | difference |', '|---|---|---|---|');
      for (const d of r.drift) out.push(`| \`${cell(d.service)}\` | ${d.dev ? `\`${cell(d.dev)}\`` : ''} | ${d.prod ? `\`${cell(d.prod)}\`` : ''} | ${d.difference} |`);
      out.push('');
    }
  }
  if (r.workflows) {
    out.push(`#### Workflows: ${r.workflows.files.length} file${r.workflows.files.length === 1 ? '' : 's'} (GitHub's workflow parser)`, '');
    if (r.workflows.findings.length === 0) out.push('No findings.', '');
    else {
      out.push('| where | message |', '|---|---|');
      for (const f of r.workflows.findings) out.push(`| \`${cell(formatLocation(f.loc))}\` | ${cell(f.message)} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

function swarmSection(rows: readonly SwarmServiceRow[]): string[] {
  const out = ['##### What the deploy sets on the swarm (target: swarm)', ''];
  if (rows.length === 0) return [...out, 'No service is rolled by the deploy (none runs the release\'s own image), so it sets no `update_config`.', ''];
  out.push(`\`deploy.update_config\` of each service the deploy rolls: ${rows[0]!.settings.map((x) => `\`${x.key}: ${x.value}\` (${x.from})`).join(', ')}.`, '');
  out.push('| service | update_config | the file says |', '|---|---|---|');
  for (const row of rows) {
    const set = row.settings.map((x) => `${x.key}: ${x.value}`).join(', ');
    const differs = row.differs.map((d) => `\`${d.key}: ${cell(d.written)}\` at \`${cell(formatLocation(d.loc))}\` (replaced; see \`swarm-update-config\`)`).join('<br>');
    out.push(`| \`${cell(row.service)}\` | ${set} | ${differs || 'the same, or nothing'} |`);
  }
  out.push('');
  return out;
}

/** The JSON report: stable keys, one object per finding, rule ids with their why. */
export function jsonReport(r: ValidateReport): unknown {
  return {
    version: 1,
    renderer: r.renderer.kind === 'compose-cli' ? { kind: r.renderer.kind, command: r.renderer.flavor, version: r.renderer.version } : { kind: r.renderer.kind, reason: r.renderer.reason },
    failOn: r.failOn,
    ...countBySeverity(r.findings),
    sets: r.sets.map((s) => ({
      name: s.set.name,
      files: s.set.files,
      envFile: s.set.envFile ?? null,
      discovered: s.set.discovered,
      services: s.services,
      ...(s.swarm ? { swarm: s.swarm.map((row) => ({ service: row.service, updateConfig: Object.fromEntries(row.settings.map((x) => [x.key, x.value])), differs: row.differs.map((d) => ({ key: d.key, written: d.written, file: d.loc.file, line: d.loc.line ?? null })) })) } : {}),
      findings: s.findings.map((f) => ({
        severity: f.severity,
        rule: f.rule,
        why: ruleInfo(f.rule)?.why ?? null,
        file: f.loc.file,
        line: f.loc.line ?? null,
        column: f.loc.column ?? null,
        message: f.message,
      })),
    })),
    drift: r.drift ?? null,
    workflows: r.workflows ? { files: r.workflows.files, findings: r.workflows.findings.map((f) => ({ rule: f.rule, file: f.loc.file, line: f.loc.line ?? null, column: f.loc.column ?? null, message: f.message })) } : null,
  };
}
