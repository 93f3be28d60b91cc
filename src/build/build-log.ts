/** What a build log says, for the summary: which step failed, how much came from the cache. */
export interface LogFacts {
  failingStep?: string;
  /** The last error line (buildx "ERROR: ...", classic "The command ... returned a non-zero code"). */
  reason?: string;
  steps: number;
  cachedSteps: number;
}

export function readBuildLog(log: string): LogFacts {
  const lines = stripAnsi(log).split(/\r?\n/);
  // Classic builder: "Step 3/5 : RUN make" ... " ---> Using cache".
  const classicSteps = lines.filter((l) => /^Step \d+\/\d+ : /.test(l));
  if (classicSteps.length > 0) {
    // FROM is never "built", and the builder turns each --label into its own LABEL step, which the
    // ever-changing created label keeps out of the cache: neither says anything about the cache.
    const ownSteps = classicSteps.filter((l) => !/^Step \d+\/\d+ : (FROM |LABEL org\.opencontainers\.image\.)/.test(l));
    return {
      failingStep: classicSteps.at(-1),
      reason: [...lines].reverse().find((l) => /returned a non-zero code|^error|^Error|^ERROR/i.test(l.trim())),
      steps: ownSteps.length,
      cachedSteps: Math.min(ownSteps.length, lines.filter((l) => /^\s*---> Using cache/.test(l)).length),
    };
  }
  // buildx --progress=plain: "#8 [3/4] RUN make", "#8 CACHED", "#8 ERROR: ...".
  const stepById = new Map<string, string>();
  for (const l of lines) {
    const m = /^#(\d+) (\[(?!internal\])[^\]]*\] .*)$/.exec(l);
    if (m && !stepById.has(m[1]!)) stepById.set(m[1]!, m[2]!);
  }
  const failedId = [...lines].reverse().map((l) => /^#(\d+) ERROR/.exec(l)?.[1]).find(Boolean);
  const cached = new Set(lines.map((l) => /^#(\d+) CACHED/.exec(l)?.[1]).filter((id): id is string => id !== undefined && stepById.has(id)));
  return {
    failingStep: failedId ? stepById.get(failedId) : undefined,
    reason: [...lines].reverse().find((l) => /^(ERROR|error)[: ]/.test(l.trim())),
    steps: stepById.size,
    cachedSteps: cached.size,
  };
}

/** "cache hit" when every step came from the cache, else how many did. */
export function cacheVerdict(f: LogFacts): string {
  if (f.steps === 0) return 'built';
  if (f.cachedSteps >= f.steps) return 'cache hit';
  return f.cachedSteps === 0 ? 'built (no cache)' : `built (${f.cachedSteps}/${f.steps} steps cached)`;
}

export function lastLines(text: string, n: number): string[] {
  return stripAnsi(text).trimEnd().split(/\r?\n/).slice(-n);
}

/** Colour codes the builders print to a terminal-less pipe anyway; they would garble the summary. */
export function stripAnsi(text: string): string {
  // The escape character, built from its code: a control character written into a regex literal reads as a mistake.
  return text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'), '');
}
