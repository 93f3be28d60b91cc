import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import type { Finding } from './findings.js';

/**
 * Workflow files checked with GitHub's own parser (@actions/workflow-parser): the schema, the
 * expressions and the job graph, each problem at its line. Paths are files or folders of *.yml.
 */
export async function checkWorkflows(paths: readonly string[], cwd: string): Promise<{ files: string[]; findings: Finding[] }> {
  const findings: Finding[] = [];
  const files = paths.flatMap((p) => {
    const abs = resolve(cwd, p);
    if (existsSync(abs)) return workflowFiles(abs);
    findings.push({ severity: 'error', rule: 'workflow', message: `workflows path not found: ${p} (check validate.workflows or the "workflows" input)`, loc: { file: p } });
    return [];
  });
  for (const abs of files) {
    const file = relative(cwd, abs) || abs;
    // A starter template's placeholder, filled in by GitHub when the template is used.
    const content = readFileSync(abs, 'utf8').replaceAll('$default-branch', 'main');
    const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    const messages = parsed.context.errors.getErrors().map((e) => e.message);
    if (messages.length === 0 && parsed.value) {
      const template = await convertWorkflowTemplate(parsed.context, parsed.value);
      messages.push(...(template.errors ?? []).map((e) => e.Message));
    }
    for (const m of messages) findings.push(toFinding(m, file));
  }
  return { files: files.map((f) => relative(cwd, f) || f), findings };
}

function workflowFiles(abs: string): string[] {
  if (!statSync(abs).isDirectory()) return [abs];
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(abs, f));
}

/** The parser writes "file (Line: 7, Col: 15): message". */
export function toFinding(message: string, file: string): Finding {
  const m = /^(.*?) \(Line: (\d+), Col: (\d+)\): (.*)$/s.exec(message);
  if (!m) return { severity: 'error', rule: 'workflow', message, loc: { file } };
  return { severity: 'error', rule: 'workflow', message: m[4]!, loc: { file, line: Number(m[2]), column: Number(m[3]) } };
}
