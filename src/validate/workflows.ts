import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { parseComposeText } from '../compose/model.js';
import { containPath, readRegularFile } from '../config/contained-file.js';
import { InputError } from '../errors.js';
import { echoContext, redactLine, type EchoContext } from './echo-redact.js';
import type { Finding } from './findings.js';

/**
 * Workflow files checked with GitHub's own parser (@actions/workflow-parser): the schema, the
 * expressions and the job graph, each problem at its line. Paths are files or folders of *.yml,
 * read only when they are inside the repository (`cwd`): the parser repeats what it reads in its
 * errors, so a path outside (/proc/self/environ, a key in $HOME) would print the runner's secrets.
 * `key` names where the paths came from (the input or validate.workflows), for the findings.
 */
export async function checkWorkflows(paths: readonly string[], cwd: string, key = 'workflows'): Promise<{ files: string[]; findings: Finding[] }> {
  const findings: Finding[] = [];
  const files: string[] = [];
  paths.forEach((p, i) => {
    const c = containPath(cwd, cwd, p);
    if (!c.inside) {
      findings.push({ severity: 'error', rule: 'outside-repository', message: `${key}[${i}]: ${JSON.stringify(p)} is outside the repository (after following symlinks); it is not read`, loc: { file: p } });
      return;
    }
    if (!c.exists) {
      findings.push({ severity: 'error', rule: 'workflow', message: `workflows path not found: ${p} (check validate.workflows or the "workflows" input)`, loc: { file: p } });
      return;
    }
    for (const f of workflowFiles(c.abs, c.real)) {
      const entry = containPath(cwd, cwd, f);
      const file = relative(cwd, f) || f;
      if (entry.inside) files.push(f);
      else findings.push({ severity: 'error', rule: 'outside-repository', message: `${key}[${i}]: ${JSON.stringify(file)} is a symlink to outside the repository; it is not read`, loc: { file } });
    }
  });
  for (const abs of files) {
    const file = relative(cwd, abs) || abs;
    const target = containPath(cwd, cwd, abs);
    if (!target.inside) continue;
    let text: string;
    try {
      text = readRegularFile(target.real, 'workflow file', file);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      findings.push({ severity: 'error', rule: 'workflow', message: err.detail, loc: { file } });
      continue;
    }
    // A starter template's placeholder, filled in by GitHub when the template is used.
    const content = text.replaceAll('$default-branch', 'main');
    const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    const messages = parsed.context.errors.getErrors().map((e) => e.message);
    if (messages.length === 0 && parsed.value) {
      const template = await convertWorkflowTemplate(parsed.context, parsed.value);
      messages.push(...(template.errors ?? []).map((e) => e.Message));
    }
    const echo = workflowEcho(content, file);
    for (const m of messages) findings.push(toFinding(m, file, echo));
  }
  return { files: files.map((f) => relative(cwd, f) || f), findings };
}

/** A folder's *.yml files (by the path as given, so a symlinked entry is still judged by its target). */
function workflowFiles(abs: string, real: string): string[] {
  if (!statSync(real).isDirectory()) return [abs];
  return readdirSync(real)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(abs, f));
}

/** The file's keys may be named in a message, its values not (see echo-redact.ts). */
function workflowEcho(content: string, file: string): EchoContext {
  try {
    return echoContext([parseComposeText(content, file)], [file]);
  } catch {
    return echoContext([], [file]);
  }
}

/** The parser writes "file (Line: 7, Col: 15): message". */
export function toFinding(message: string, file: string, echo: EchoContext = echoContext([], [file])): Finding {
  const m = /^(.*?) \(Line: (\d+), Col: (\d+)\): (.*)$/s.exec(message);
  if (!m) return { severity: 'error', rule: 'workflow', message: redactLine(message, echo), loc: { file } };
  return { severity: 'error', rule: 'workflow', message: redactLine(m[4]!, echo), loc: { file, line: Number(m[2]), column: Number(m[3]) } };
}
