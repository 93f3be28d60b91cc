export const id = 770;
export const ids = [770];
export const modules = {

/***/ 2770:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployCommand: () => (/* binding */ deployCommand),
  keptReleases: () => (/* binding */ keptReleases),
  lowDisk: () => (/* binding */ lowDisk),
  runOnHost: () => (/* binding */ runOnHost)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/compose/deploy-role.ts
var deploy_role = __webpack_require__(3574);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/host/describe.ts
var describe = __webpack_require__(2981);
// EXTERNAL MODULE: ./src/host/probe.ts
var probe = __webpack_require__(9460);
// EXTERNAL MODULE: ./src/runner/runner.ts
var runner = __webpack_require__(1814);
;// CONCATENATED MODULE: ./src/remote/tar.ts
const BLOCK = 512;
function tarArchive(entries, mtime = 0) {
    const parts = [];
    for (const e of entries) {
        const data = Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content, 'utf8');
        parts.push(header(e.name, data.length, e.mode, mtime), data, Buffer.alloc(padding(data.length)));
    }
    parts.push(Buffer.alloc(BLOCK * 2));
    return Buffer.concat(parts);
}
function padding(size) {
    return (BLOCK - (size % BLOCK)) % BLOCK;
}
function header(name, size, mode, mtime) {
    if (Buffer.byteLength(name) > 100)
        throw new Error(`file name too long for the release archive: ${name}`);
    if (name.startsWith('/') || name.split('/').includes('..'))
        throw new Error(`release file must stay inside the release: ${name}`);
    const h = Buffer.alloc(BLOCK);
    h.write(name, 0, 100, 'utf8');
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0); // uid
    octal(h, 116, 8, 0); // gid
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    h.fill(' ', 148, 156); // checksum is computed over spaces
    h.write('0', 156); // regular file
    h.write('ustar\u000000', 257, 8, 'latin1');
    let sum = 0;
    for (const b of h)
        sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
    return h;
}
function octal(buf, offset, length, value) {
    buf.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'latin1');
}

// EXTERNAL MODULE: ./src/ssh/connect.ts
var ssh_connect = __webpack_require__(1456);
// EXTERNAL MODULE: ./src/ssh/ssh-runner.ts + 1 modules
var ssh_runner = __webpack_require__(2536);
// EXTERNAL MODULE: ./src/deploy/plan.ts
var plan = __webpack_require__(5448);
// EXTERNAL MODULE: ./src/deploy/commands.ts + 2 modules
var commands = __webpack_require__(7765);
// EXTERNAL MODULE: ./src/deploy/deploy-settings.ts + 1 modules
var deploy_settings = __webpack_require__(8229);
// EXTERNAL MODULE: ./src/deploy/env-file-input.ts
var env_file_input = __webpack_require__(4958);
// EXTERNAL MODULE: ./src/rollback/target.ts
var target = __webpack_require__(9899);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
;// CONCATENATED MODULE: ./src/restore/drill-liveness.ts


/**
 * GitHub stops scheduled workflows of a repository without activity for 60 days, silently: a
 * quarterly drill can stop running with nobody noticing. Returns a warning when the last successful
 * run of the drill's workflow is older than warn-after (or there is none); undefined when all is well.
 * An API failure is a warning of its own, never a failed deploy.
 */
async function drillLivenessWarning(t, now) {
    const [owner, repo] = t.repository.split('/');
    try {
        const octokit = (0,github/* getOctokit */.Q)(t.token, { baseUrl: t.apiUrl });
        const runs = await octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: t.workflow, status: 'success', per_page: 1 });
        const last = runs.data.workflow_runs[0];
        if (!last)
            return `no successful run of the restore test (${t.workflow}) yet: nobody knows whether the backups restore`;
        const at = Date.parse(last.run_started_at ?? last.updated_at);
        const age = (now - at) / 1000;
        if (age <= t.warnAfterSeconds)
            return undefined;
        return `the last successful restore test (${t.workflow}) ran ${(0,duration/* humanDuration */.U)(age)} ago (${new Date(at).toISOString()}), longer than restore-test.warn-after: GitHub disables scheduled workflows after 60 days without activity; run it by hand and re-enable its schedule`;
    }
    catch (err) {
        const status = err.status;
        if (status === 404)
            return `no restore-test workflow ${t.workflow} in ${t.repository}: backups are not being restore-tested (restore-test.workflow names it)`;
        return `could not read when the restore test last passed (${err.message}); give the deploy job "actions: read"`;
    }
}

// EXTERNAL MODULE: ./src/deploy/lock.ts
var lock = __webpack_require__(4332);
// EXTERNAL MODULE: ./src/deploy/outcome.ts
var deploy_outcome = __webpack_require__(4535);
// EXTERNAL MODULE: ./src/deploy/services.ts
var deploy_services = __webpack_require__(6063);
;// CONCATENATED MODULE: ./src/deploy/mounts.ts
/**
 * Services that bind-mount a release file that changed (or a folder holding one). Release files are
 * mounted through `current`, a path that stays the same, so Compose sees no change in their
 * definition and would leave them running with the old file.
 */
function servicesSeeingChangedFiles(services, projectDirectory, changed) {
    if (changed.length === 0)
        return [];
    const paths = changed.map((f) => `${projectDirectory}/${f}`);
    return services
        .filter((s) => s.bindSources.some((src) => paths.some((p) => p === src || p.startsWith(`${src.replace(/\/+$/, '')}/`))))
        .map((s) => s.name)
        .sort();
}

;// CONCATENATED MODULE: ./src/deploy/github-deployment.ts

/**
 * A GitHub Deployment for the environment, so the repository's Environments page shows what is
 * live and links to the run. It is bookkeeping: an API failure is a warning, never a failed deploy.
 */
class GitHubDeployment {
    t;
    reporter;
    id;
    octokit;
    owner;
    repo;
    constructor(t, reporter) {
        this.t = t;
        this.reporter = reporter;
        this.octokit = (0,github/* getOctokit */.Q)(t.token, { baseUrl: t.apiUrl });
        [this.owner, this.repo] = t.repository.split('/');
    }
    async start() {
        await this.bestEffort('creating the GitHub deployment', async () => {
            const res = await this.octokit.rest.repos.createDeployment({
                owner: this.owner,
                repo: this.repo,
                ref: this.t.sha,
                environment: this.t.environment,
                auto_merge: false,
                // The commit's checks already gated the workflow that runs this deploy.
                required_contexts: [],
                production_environment: this.t.environment === 'production',
                description: `compose-deploy ${this.t.sha.slice(0, 12)}`,
            });
            if (!('id' in res.data))
                throw new Error(res.data.message ?? 'no deployment id in the answer');
            this.id = res.data.id;
            await this.status('in_progress');
        });
    }
    async finish(state, description) {
        if (this.id === undefined)
            return;
        await this.bestEffort('updating the GitHub deployment status', () => this.status(state, description));
    }
    async status(state, description) {
        await this.octokit.rest.repos.createDeploymentStatus({
            owner: this.owner,
            repo: this.repo,
            deployment_id: this.id,
            state,
            log_url: this.t.logUrl,
            environment_url: state === 'success' ? this.t.environmentUrl : undefined,
            // Shown on the repository's pages, outside the masked log: the same mask applies.
            description: description === undefined ? undefined : this.reporter.redact(description).slice(0, 140),
            auto_inactive: state === 'success',
        });
    }
    async bestEffort(what, fn) {
        try {
            await fn();
        }
        catch (err) {
            this.reporter.warning(`${what} failed (${err.message}); the deploy itself is not affected. Does the token have "deployments: write"?`);
        }
    }
}

;// CONCATENATED MODULE: ./src/deploy/docker-return.ts


/**
 * How long a deploy waits for a restarting Docker daemon before it gives up on putting the host
 * right. A daemon restart (an upgrade, a crash) takes seconds; the containers it brings back take longer.
 */
const DOCKER_RETURN_SECONDS = 90;
/** Container ids as Docker prints them short, for messages. */
const shortIds = (ids) => ids.map((i) => i.slice(0, 12)).join(', ');
/** Container ids a host script could not remove because Docker stopped answering ("stranded=<ids>" lines). */
function strandedIds(stdout) {
    return ((0,deploy_outcome/* parseKeyValues */.Hl)(stdout).get('stranded') ?? []).flatMap((l) => l.split(/\s+/).filter(Boolean));
}
/**
 * Waits for Docker to answer, then removes the containers a roll meant to remove. Returns what is
 * still wrong, in words, or undefined when the host is settled.
 */
async function settleStranded(runner, ids, service, reporter) {
    reporter.warning(`${service}: Docker on ${runner.where} stopped answering during the roll; waiting up to ${DOCKER_RETURN_SECONDS}s to remove ${ids.length} container${ids.length === 1 ? '' : 's'} it left (${shortIds(ids)}), which its restart policy would otherwise bring back beside the others`);
    const res = await runner.run((0,commands/* settleCommand */.J9)(DOCKER_RETURN_SECONDS, ids));
    if (res.code === 0) {
        reporter.info(`${service}: Docker answered again; removed ${shortIds(ids)}`);
        return undefined;
    }
    const left = strandedIds(res.stdout);
    const down = (0,deploy_outcome/* parseKeyValues */.Hl)(res.stdout).get('docker')?.[0] === 'down';
    return `${down ? `Docker on ${runner.where} did not answer for ${DOCKER_RETURN_SECONDS}s, so` : 'Docker could not remove'} container${left.length === 1 ? '' : 's'} ${shortIds(left)} of ${service}${down ? ' could not be removed' : ''}: when they run, the host serves two releases of ${service} (remove them with docker rm -f)`;
}
/** Waits for Docker to answer; undefined when it does, else what to say. */
async function waitForDocker(runner) {
    const res = await runner.run((0,commands/* settleCommand */.J9)(DOCKER_RETURN_SECONDS));
    if (res.code === 0)
        return undefined;
    return `Docker on ${runner.where} did not answer for ${DOCKER_RETURN_SECONDS}s`;
}
/** From CONTAINERS_SCRIPT's "service image id" lines: the services whose containers run more than one image, with the ids of each. */
function mixedReleases(listing) {
    const byService = new Map();
    for (const line of listing.split('\n')) {
        const [service, image, id] = line.trim().split(/\s+/);
        if (!service || !image || !id)
            continue;
        const images = byService.get(service) ?? new Map();
        images.set(image, [...(images.get(image) ?? []), id]);
        byService.set(service, images);
    }
    return [...byService].filter(([, images]) => images.size > 1).map(([service, images]) => ({ service, images }));
}
/**
 * After a failed deploy: a service that runs containers of the failed release beside the live one's
 * (a daemon restart brought back what a roll had started) loses the failed release's. Returns, in
 * words, what still runs two releases (undefined: nothing). `failedImages`: service -> the failed release's image.
 */
async function settleTwoReleases(runner, project, failedImages, reporter) {
    const res = await runner.run((0,commands/* containersCommand */.I8)(project));
    if (res.code !== 0)
        return `the containers on ${runner.where} could not be listed (${res.stderr.trim().split('\n').at(-1) ?? `exit ${res.code}`}): check the host`;
    const left = [];
    for (const { service, images } of mixedReleases(res.stdout)) {
        const failed = failedImages.get(service);
        const ids = failed ? images.get(failed) : undefined;
        if (ids) {
            const removed = await runner.run((0,commands/* settleCommand */.J9)(DOCKER_RETURN_SECONDS, ids));
            if (removed.code === 0) {
                reporter.warning(`${service}: removed ${shortIds(ids)}, container${ids.length === 1 ? '' : 's'} of the failed release that came back beside the live one's`);
                images.delete(failed);
                if (images.size < 2)
                    continue;
            }
        }
        left.push(`${service} (${[...images].map(([image, n]) => `${n.length} on ${(0,deploy_outcome/* shortImage */.Uq)(image)}`).join(', ')})`);
    }
    return left.length > 0 ? `the host runs containers of two releases: ${left.join('; ')}` : undefined;
}

// EXTERNAL MODULE: ./src/backup/backup-settings.ts
var backup_settings = __webpack_require__(6502);
// EXTERNAL MODULE: ./src/backup/backup-flow.ts + 3 modules
var backup_flow = __webpack_require__(528);
;// CONCATENATED MODULE: ./src/backup/pre-deploy.ts



/**
 * deploy.backup: a backup before every deploy, inside the deploy's lock, before migrations. A failed
 * backup throws before anything running was touched, so the deploy stops there. A first deploy (no
 * database running yet) has nothing to back up: skipped, and said in the summary.
 */
class PreDeployBackup {
    bs;
    constructor(bs) {
        this.bs = bs;
    }
    /** Undefined unless deploy.backup is true; bad backup settings are bad input before the deploy starts. */
    static fromSettings(settings) {
        if (!settings.config.deploy?.backup)
            return undefined;
        return new PreDeployBackup({ ...(0,backup_settings/* backupSettings */.cg)(settings), download: undefined, verify: undefined });
    }
    /** Returns the backup-file and backup-manifest outputs (empty when skipped). */
    async run(runner, connect, at, reporter) {
        const { service } = this.bs;
        if (this.bs.external && !at.live) {
            const why = 'Pre-deploy backup skipped: no release is live yet (first deploy), so there is no release .env with the database URL.';
            reporter.info(why);
            reporter.summary(`${why}\n`);
            return (0,backup_flow/* backupOutputs */.zW)(undefined);
        }
        if (!this.bs.external && !at.running[service]) {
            if (!at.services.includes(service))
                throw new errors/* OperationError */.OK(`deploy.backup: backup.service "${service}" is not a service of this release (services: ${at.services.join(', ')})`);
            const why = `Pre-deploy backup skipped: ${service} is not running yet (first deploy of the database), so there is nothing to back up.`;
            reporter.info(why);
            reporter.summary(`${why}\n`);
            return (0,backup_flow/* backupOutputs */.zW)(undefined);
        }
        try {
            const done = await (0,backup_flow/* backupAndKeep */.P7)(runner, connect, this.bs, reporter, { sha: at.live, deployingSha: at.deploying });
            reporter.summary(`Pre-deploy backup: \`${done.file}\` (${Object.keys(done.manifest.tables).length} tables, sha256 \`${done.manifest.sha256.slice(0, 16)}…\`).\n`);
            return (0,backup_flow/* backupOutputs */.zW)(done);
        }
        catch (err) {
            throw new Error(`pre-deploy backup failed, so the deploy stopped before migrations: ${err.message}`, { cause: err });
        }
    }
}

;// CONCATENATED MODULE: ./src/deploy/deploy.ts






















/** `deploy`: the commit's images to the host, gated and rolling, or the previous release left serving. */
async function deployCommand(settings, reporter, services = {}) {
    const ds = (0,deploy_settings/* deploySettings */.$Y)(settings);
    const backup = PreDeployBackup.fromSettings(settings);
    if (ds.dryRun)
        return (0,plan/* printPlan */.Z)(ds, reporter);
    return runOnHost(ds, reporter, { backup }, services);
}
/**
 * Deploy and rollback share everything from here: the connection, the lock, the rolling procedure,
 * the recovery, the interrupts and the GitHub Deployment. A rollback's target (and so the GitHub
 * Deployment's ref) is known only once the host has been read.
 */
async function runOnHost(ds, reporter, { request, backup }, services = {}) {
    let tracker;
    const track = async (sha) => {
        if (!ds.github)
            return;
        tracker = new GitHubDeployment({ ...ds.github, sha }, reporter);
        await tracker.start();
    };
    if (!request)
        await track(ds.sha);
    let result;
    const startedAt = Date.now();
    try {
        const connect = services.connectHost ?? ssh_connect/* connectHost */.Z;
        const runner = await connect(ds.target, reporter);
        const deployment = new Deployment(runner, ds, reporter, { request, onTarget: request ? track : undefined, backup, connect });
        // First request: stop and roll back. Second (the kill is near): record it and free the lock before the process ends.
        const stopListening = services.interrupts?.listen(() => deployment.cancel(), () => Promise.all([deployment.abandon(), tracker?.finish('failure', 'the run was cancelled')]).then(() => undefined));
        try {
            result = await deployment.run();
            return result;
        }
        finally {
            stopListening?.();
            await runner.close();
        }
    }
    catch (err) {
        // Bad input stays an exception (exit 2); a deploy that could not start still reports its outputs.
        if (err instanceof errors/* InputError */.dz)
            throw err;
        result = notStarted(ds, err.message, startedAt, reporter, request);
        return result;
    }
    finally {
        await tracker?.finish(result ? (result.ok ? 'success' : 'failure') : 'error', result?.message);
    }
}
class Cancelled extends Error {
}
class Deployment {
    runner;
    ds;
    reporter;
    token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    startedAt = new Date();
    cancelled = false;
    /** Set once running services may have changed: from here a failure is answered by a rollback. */
    touched = false;
    lock;
    flavor = 'docker compose';
    migrated = false;
    facts;
    previous;
    outcomes = [];
    /** Release files that differ from the live release's. */
    changedFiles = [];
    /** The new release's services, as rendered on the host. */
    services = [];
    composeFilesOf = new Map();
    /** What the host was left with that a person must know (containers Docker could not remove). */
    hostProblems = [];
    constructor(runner, ds, reporter, what = {}) {
        this.runner = runner;
        this.ds = ds;
        this.reporter = reporter;
        this.request = what.request;
        this.onTarget = what.onTarget;
        this.backup = what.backup;
        this.connect = what.connect ?? ssh_connect/* connectHost */.Z;
    }
    /** Set for a rollback: the target to resolve on the host, and why. */
    request;
    /** A rollback's GitHub Deployment starts once its target is known. */
    onTarget;
    /** deploy.backup: the backup taken after the pull, before migrations. */
    backup;
    connect;
    /** backup-file and backup-manifest, once the pre-deploy backup ran. */
    backupOutputs = {};
    /** First signal: a health wait on the host stops at once (the marker), then the deploy rolls back. */
    cancel() {
        if (this.cancelled)
            return;
        this.reporter.warning('cancel requested: stopping the current step, then rolling back and releasing the lock');
        this.cancelled = true;
        if (this.lock)
            void this.runner.run(commands/* cancelCommand */.Ss(this.ds.deployPath, this.token)).catch(() => undefined);
    }
    /**
     * Second signal: the runner kills us in moments. Say so in the audit log, point `current` back at
     * the release that was serving (the health wait in flight gave up on the first signal, keeping
     * its old containers), and free the lock.
     */
    async abandon() {
        if (!this.lock)
            return;
        const { deployPath } = this.ds;
        const record = this.auditRecord('failed', 'cancelled: the runner stopped the deploy before it finished rolling back; check the host (compose-deploy releases)');
        const quietly = (c) => this.runner.run(c).catch(() => undefined);
        await Promise.all([
            quietly(commands/* auditCommand */.Ht(deployPath, record)),
            this.touched && this.previous ? quietly(commands/* switchCurrentCommand */.zg(deployPath, this.previous)) : undefined,
        ]);
        await this.lock.release();
    }
    async run() {
        const { ds } = this;
        // The lock comes first: a deploy that waited for another must read the host as that one left it.
        this.lock = await (0,lock/* acquireLock */.I)(this.runner, ds, this.token, this.reporter, () => this.checkCancelled());
        try {
            this.facts = (0,probe/* parseProbe */.u5)((await this.exec((0,probe/* probeCommand */.CL)(ds.deployPath, ds.project), 'reading the host state')).stdout);
            this.checkCancelled();
            this.preflight();
            if (this.lock.tookOverFrom)
                await this.recordAbandoned(this.lock.tookOverFrom);
            if (this.request) {
                this.ds = { ...ds, sha: (0,target/* resolveRollbackTarget */.aD)(this.facts, this.request.to) };
                await this.onTarget?.(this.ds.sha);
                if (this.ds.sha === this.facts.current)
                    return this.alreadyLive();
            }
            this.previous = this.facts.current && this.facts.current !== this.ds.sha ? this.facts.current : undefined;
            return await this.apply();
        }
        finally {
            await this.lock.release();
        }
    }
    /**
     * A run killed outright left the lock (taken over once its lease lapsed) and maybe a half-moved
     * host: the audit log says so, and if it had already pointed current at its own, never-verified
     * release, a failure of this deploy returns to the last release that succeeded instead.
     */
    async recordAbandoned(gone) {
        const { ds, facts } = this;
        const who = [gone.actor, gone.runUrl].filter(Boolean).join(' ') || 'an unknown run';
        await this.exec(commands/* auditCommand */.Ht(ds.deployPath, {
            action: 'deploy',
            kind: 'abandoned',
            sha: gone.sha ?? 'unknown',
            actor: gone.actor ?? undefined,
            runUrl: gone.runUrl ?? undefined,
            startedAt: gone.startedAt,
            finishedAt: new Date().toISOString(),
            result: 'failed',
            error: `abandoned: the run stopped renewing its lock lease (it was killed outright); taken over by ${[ds.actor, ds.runUrl].filter(Boolean).join(' ') || 'the next deploy'}`,
        }), 'recording the run whose lock was taken over');
        const unverified = gone.sha && facts.current === gone.sha && !facts.audit.some((r) => r.sha === gone.sha && r.result === 'success');
        if (!unverified)
            return;
        const good = [...facts.audit].reverse().find((r) => r.result === 'success' && facts.releases.includes(r.sha));
        this.reporter.warning(`the run taken over (${who}) had pointed current at its own release ${gone.sha.slice(0, 12)}, which never passed its gates; ${good ? `a failure of this deploy returns to ${good.sha.slice(0, 12)}, the last release that succeeded` : 'no earlier successful release is kept'}`);
        this.facts = { ...facts, current: good?.sha };
    }
    /** Everything after the preflight: any failure from here on is answered by a rollback (or, on a first deploy, a clean-up). */
    async apply() {
        const { ds } = this;
        let plan;
        const moved = [];
        try {
            this.changedFiles = this.request ? await this.readKeptRelease() : await this.upload();
            const target = this.compose(ds.sha);
            if (!this.previous && this.facts.current !== ds.sha)
                await this.exec(commands/* switchCurrentCommand */.zg(ds.deployPath, ds.sha), 'pointing current at the first release');
            const services = (0,deploy_services/* parseRenderedCompose */.xx)((await this.exec(commands/* renderCommand */.CB(target), 'rendering the release\'s Compose files')).stdout);
            this.services = services;
            plan = this.planFor(services, ds.sha);
            this.outcomes = plan.updates.map((u) => ({
                service: u.service,
                strategy: u.strategy,
                newImage: u.image,
                oldImage: this.facts.running[u.service],
                result: 'not-started',
                note: u.note,
            }));
            for (const u of plan.updates)
                if (u.note)
                    this.reporter.warning(`${u.service}: ${u.note}`);
            await this.pull(services);
            this.checkCancelled();
            if (this.backup && !this.request)
                this.backupOutputs = await this.backup.run(this.runner, this.connect, { live: this.facts.current, deploying: ds.sha, running: this.facts.running, services: services.map((s) => s.name) }, this.reporter);
            if (ds.migrate && !this.request) {
                await this.migrate(target, services);
                this.migrated = true;
            }
            this.checkCancelled();
            this.touched = true;
            if (this.previous)
                await this.exec(commands/* switchCurrentCommand */.zg(ds.deployPath, ds.sha), 'pointing current at the new release');
            await this.converge(target, services, plan.converge);
            for (const u of plan.updates) {
                this.checkCancelled();
                await this.roll(target, u, 'updated');
                moved.push(u);
            }
            if (ds.smokeUrl)
                await this.smoke(ds.smokeUrl);
            return await this.succeed();
        }
        catch (err) {
            return await this.fail(err, moved, plan);
        }
    }
    preflight() {
        const { facts, ds } = this;
        const where = this.runner.where;
        if (!facts.dockerVersion)
            throw new errors/* OperationError */.OK(`preflight: Docker is not reachable on ${where} for user ${ds.target.user} (is it installed, running, and is the user in the docker group?). Nothing was changed.`);
        if (!facts.composeCommand)
            throw new errors/* OperationError */.OK(`preflight: neither "docker compose" (v2) nor "docker-compose" (v1) is installed on ${where}. Nothing was changed.`);
        this.flavor = facts.composeCommand;
        if (ds.envFileContent !== undefined && !this.request)
            (0,env_file_input/* checkEnvFileInput */.O)(ds.envFileContent, facts.composeCommand, where);
        const short = lowDisk(facts, ds);
        if (short.length > 0) {
            throw new errors/* OperationError */.OK(`preflight: ${short.join('; ')} on ${where}; deploy needs ${ds.minFreeDiskMb} MB free in each (deploy.min-free-disk-mb). Free space (docker image prune) and retry. Nothing was changed.`);
        }
        this.reporter.info(`host ${where}: Docker ${facts.dockerVersion}, ${facts.composeCommand} ${facts.composeVersion ?? ''}; live release: ${facts.current ?? 'none'}`);
    }
    /** Third-party services to the release's state; those mounting a changed release file are recreated. */
    async converge(target, services, names) {
        if (names.length === 0)
            return;
        const seeing = new Set(servicesSeeingChangedFiles(services, target.projectDirectory, this.changedFiles));
        const recreate = names.filter((n) => seeing.has(n));
        const plain = names.filter((n) => !seeing.has(n));
        if (plain.length > 0)
            await this.exec(commands/* convergeCommand */.Td(target, plain), `starting ${plain.join(', ')}`);
        if (recreate.length > 0) {
            this.reporter.warning(`recreating ${recreate.join(', ')}: a file it mounts changed (${this.changedFiles.join(', ')}); a short restart`);
            await this.exec(commands/* convergeCommand */.Td(target, recreate, true), `recreating ${recreate.join(', ')}`);
        }
    }
    /** Returns the release files that differ from the live release's. */
    async upload() {
        const { ds } = this;
        const env = [ds.envFileContent?.replace(/\n?$/, '\n') ?? '', ...Object.entries((0,deploy_role/* releaseVariables */.hV)(ds.sha, ds.deployPath)).map(([k, v]) => `${k}=${v}\n`)].join('');
        const tar = tarArchive([
            ...ds.files.map((f) => ({ name: f.path, content: f.content, mode: f.mode })),
            { name: commands/* COMPOSE_FILES_RECORD */.hY, content: ds.composeFiles.map((f) => `${f}\n`).join(''), mode: 0o644 },
            { name: '.env', content: env, mode: 0o600 },
        ], Math.floor(this.startedAt.getTime() / 1000));
        const res = await this.exec(commands/* unpackCommand */.YT(ds.deployPath, ds.sha, tar.toString('base64')), `uploading release ${ds.sha.slice(0, 12)} (${ds.files.length} files and .env)`);
        for (const dir of (0,deploy_outcome/* parseKeyValues */.Hl)(res.stdout).get('removed-leftover') ?? [])
            this.reporter.warning(`removed ${dir}, left on the host by an upload that was killed (it held a release's .env)`);
        return this.readReleaseRecords(res.stdout);
    }
    /** rollback: nothing to upload, the target's files are kept on the host; returns those that differ from the live release's. */
    async readKeptRelease() {
        const res = await this.exec(commands/* keptReleaseCommand */.RX(this.ds.deployPath, this.ds.sha), `reading kept release ${this.ds.sha.slice(0, 12)}`);
        return this.readReleaseRecords(res.stdout);
    }
    /**
     * The Compose files each release was made with, as it recorded them: a release made with other
     * file names than the repository has now still starts (and is returned to) with its own.
     */
    readReleaseRecords(stdout) {
        const kv = (0,deploy_outcome/* parseKeyValues */.Hl)(stdout);
        const own = kv.get('compose-file');
        if (own?.length)
            this.composeFilesOf.set(this.ds.sha, own);
        const live = kv.get('live-compose-file');
        if (live?.length && this.facts.current)
            this.composeFilesOf.set(this.facts.current, live);
        return kv.get('changed') ?? [];
    }
    /** Compose pointed at one release, with the Compose files that release recorded (else the repository's prod set). */
    compose(sha) {
        return commands/* releaseCompose */.Cf({ ...this.ds, composeFiles: this.composeFilesOf.get(sha) ?? this.ds.composeFiles }, this.flavor, sha);
    }
    planFor(services, sha) {
        return (0,deploy_services/* planUpdates */.CY)(services, sha, { order: this.ds.order, migrateService: this.ds.migrate?.service, perService: this.ds.services });
    }
    async render(sha) {
        return (0,deploy_services/* parseRenderedCompose */.xx)((await this.exec(commands/* renderCommand */.CB(this.compose(sha)), `rendering release ${sha.slice(0, 12)}`)).stdout);
    }
    async pull(services) {
        const { ds } = this;
        const images = [...new Set(services.map((s) => s.image).filter((i) => !!i))];
        const started = Date.now();
        const res = await this.runner.run(commands/* pullCommand */.TW(images, (0,deploy_settings/* registryLogin */.j8)(ds)));
        if (res.code === 3) {
            throw new errors/* OperationError */.OK(`registry login to ${ds.registry} as ${ds.registryUsername} was refused on the host: ${lastLine(res.stderr)}. Check registry-username and registry-password (for GHCR a token with read:packages).`);
        }
        // The host script names the image it gave up on (after its bounded retries); the error says which.
        const failed = (0,deploy_outcome/* parseKeyValues */.Hl)(res.stdout).get('failed')?.[0];
        if (res.code !== 0)
            throw new errors/* OperationError */.OK(`pulling ${failed ?? "the release's images"} failed on ${this.runner.where}${(0,runner/* tail */.RT)(res.stderr)}`);
        this.reporter.info(`▸ pulling ${images.length} images (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        const pulled = res.stdout.split('\n').filter((l) => l.startsWith('pulled=')).length;
        this.reporter.info(`images: ${pulled} pulled, ${images.length - pulled} already on the host`);
    }
    async migrate(target, services) {
        const { ds } = this;
        const started = Date.now();
        const dependencies = (0,deploy_services/* dependenciesOf */.hk)(services, ds.migrate.service);
        // `up --no-recreate` of what already runs changes nothing: the host's answer saves a Compose start.
        const stopped = dependencies.filter((d) => !this.facts.running[d]);
        if (stopped.length > 0)
            await this.exec(commands/* migrationDependenciesCommand */.pj(target, dependencies), `starting what the migration needs (${dependencies.join(', ')})`);
        else if (dependencies.length > 0)
            this.reporter.info(`what the migration needs is running (${dependencies.join(', ')})`);
        const res = await this.runner.run(commands/* migrateCommand */.vu(target, ds.migrate));
        if (res.code !== 0) {
            // The output stays in the (masked) log and summary: migrations print connection strings, and
            // the error message travels on to the audit log and the GitHub deployment status.
            const output = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-30).join('\n');
            this.reporter.info(`migration output:\n${output}`);
            this.reporter.summary(`#### Migration output (exit ${res.code})\n\n\`\`\`\n${output}\n\`\`\`\n`);
            const serving = this.previous ? `release ${this.previous.slice(0, 12)} keeps serving` : 'nothing was running before';
            throw new Error(`migration "${ds.migrate.service}" exited with ${res.code}; no service was touched, ${serving} (its output is in the log and the summary)`);
        }
        this.reporter.info(`▸ migration ${ds.migrate.service} finished (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    }
    async roll(target, u, success) {
        const started = Date.now();
        // A rollback must finish, so only a forward roll watches the cancel marker.
        const marker = success === 'updated' ? commands/* cancelMarker */.d8(this.ds.deployPath) : '';
        const command = commands/* rollCommand */.Lm(target, u, this.ds, marker);
        this.reporter.debug((0,runner/* shellText */.o0)(command));
        this.reporter.info(`▸ ${success === 'updated' ? 'rolling' : 'rolling back'} ${u.service} (${u.strategy})`);
        const res = await this.runner.run(command);
        const report = (0,deploy_outcome/* parseRollOutput */.yT)(res.stdout, res.code === 0);
        const stranded = strandedIds(res.stdout);
        const unsettled = stranded.length > 0 ? await settleStranded(this.runner, stranded, u.service, this.reporter) : undefined;
        if (unsettled)
            this.hostProblems.push(unsettled);
        if (unsettled && report.ok)
            throw new errors/* OperationError */.OK(unsettled);
        const outcome = this.outcomes.find((o) => o.service === u.service);
        if (!report.ok) {
            if (outcome && success === 'updated') {
                outcome.result = 'failed';
                outcome.diagnostics = report.diagnostics;
            }
            throw new ServiceFailed(u.service, report.reason ?? `exit ${res.code}: ${lastLine(res.stderr)}`, report.diagnostics, lastLine(report.diagnostics.replace(/^(health|log)\| /gm, '')));
        }
        if (outcome && success === 'updated') {
            outcome.result = 'updated';
            outcome.secondsToHealthy = report.secondsToHealthy;
        }
        this.reporter.info(`${u.service}: ${u.strategy}, ${success} in ${((Date.now() - started) / 1000).toFixed(1)}s (healthy after ${report.secondsToHealthy ?? '?'}s${report.phases ? `; ${report.phases}` : ''})`);
    }
    async smoke(url) {
        let last = '';
        for (let attempt = 1; attempt <= 3; attempt++) {
            try {
                const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
                if (res.ok)
                    return void this.reporter.info(`smoke check ${url}: ${res.status}`);
                last = `HTTP ${res.status}`;
            }
            catch (err) {
                last = err.message;
            }
            if (attempt < 3)
                await sleep(2000);
        }
        throw new errors/* OperationError */.OK(`smoke check ${url} failed: ${last}`);
    }
    async succeed() {
        const { ds } = this;
        const record = this.auditRecord('success');
        // A rollback keeps every release it found: the one it left may be the next one to go back to.
        if (this.request)
            await this.exec(commands/* auditCommand */.Ht(ds.deployPath, record), 'appending to the audit log');
        else {
            const keep = keptReleases([...this.facts.audit, record], ds.sha, ds.keepReleases);
            const pruned = (await this.exec(commands/* auditAndPruneCommand */.Gi(ds.deployPath, record, keep), 'appending to the audit log, pruning old releases')).stdout
                .split('\n')
                .filter((l) => l.startsWith('pruned='))
                .map((l) => l.slice(7));
            if (pruned.length > 0)
                this.reporter.info(`pruned releases: ${pruned.join(', ')}`);
        }
        const title = this.request ? '↩️ Rolled back' : '✅ Deployed';
        const reason = this.request?.reason ? ` Reason: ${this.request.reason}` : '';
        const notes = [...this.schemaWarning(), ...(await this.drillWarning())];
        this.reporter.summary(this.summary(title, `\`${ds.sha}\` is live on ${this.runner.where}${this.previous ? `, replacing \`${this.previous.slice(0, 12)}\`` : ''}.${reason}`, notes));
        return { ok: true, outputs: this.outputs('success', false) };
    }
    /** A rollback past a migration: the code goes back, the database schema does not. */
    schemaWarning() {
        if (!this.request)
            return [];
        const later = (0,target/* migrationsSince */.ud)(this.facts.audit, this.ds.sha);
        if (later.length === 0)
            return [];
        const list = later.map((m) => `\`${m.sha.slice(0, 12)}\` (${m.service}${m.at ? `, ${m.at}` : ''})`).join(', ');
        const text = `Migrations ran after \`${this.ds.sha.slice(0, 12)}\` was live: ${list}. The database keeps their schema; check that this release works with it, or restore a backup taken before them.`;
        this.reporter.warning(text.replace(/`/g, ''));
        return [`> ⚠️ ${text}`];
    }
    /** Backups nobody restore-tested for too long: said where the team looks after every deploy. */
    async drillWarning() {
        const { drillCheck, github } = this.ds;
        if (!drillCheck || !github)
            return [];
        const warning = await drillLivenessWarning({ ...drillCheck, token: github.token, apiUrl: github.apiUrl, repository: github.repository }, Date.now());
        if (!warning)
            return [];
        this.reporter.warning(warning);
        return [`> ⚠️ ${warning}`];
    }
    /** rollback to the release already live: nothing to do, and nothing done. */
    alreadyLive() {
        const text = `\`${this.ds.sha}\` is already the live release on ${this.runner.where}: nothing was changed.`;
        this.reporter.info(text.replace(/`/g, ''));
        this.reporter.summary([`### ↩️ Nothing to roll back`, '', text, ''].join('\n'));
        return { ok: true, outputs: this.outputs('success', false) };
    }
    async fail(err, moved, plan) {
        const { ds, touched } = this;
        const why = this.cancelled ? 'the run was cancelled' : this.reporter.redact(err.message);
        this.reporter.error(`${this.request ? 'rollback to' : 'deploy of'} ${ds.sha.slice(0, 12)} failed: ${why}`);
        let result = 'failed';
        let rollbackProblem;
        // Without a connection nothing more can be done from here: the lock's lease lapses, and the next
        // deploy takes it over and converges the host.
        const lost = err instanceof ssh_runner/* ConnectionLost */.pz || (err instanceof runner/* CommandFailed */.nk && /Not connected/.test(err.message));
        // A Docker daemon restarting under the deploy: the rollback waits for it rather than failing at once.
        const dockerGone = !lost && touched ? await waitForDocker(this.runner).catch((e) => e.message) : undefined;
        if (lost)
            rollbackProblem = 'the connection is gone';
        else if (dockerGone) {
            rollbackProblem = dockerGone;
            this.reporter.error(`cannot roll back: ${dockerGone}`);
        }
        else if (touched || !this.previous) {
            try {
                if (touched)
                    await this.rollBack(moved, err, plan);
                else
                    await this.undoFirstRelease();
                result = touched && this.previous ? 'rolled-back' : 'failed';
            }
            catch (rollbackErr) {
                rollbackProblem = rollbackErr.message;
                this.reporter.error(`rollback failed too: ${rollbackProblem}`);
            }
        }
        if (touched && !lost) {
            // Whatever happened on the way (a daemon restart brings back containers a roll had removed), the
            // host must not run two releases of a service unannounced.
            const failedImages = new Map(this.outcomes.filter((o) => o.newImage && o.newImage !== o.oldImage).map((o) => [o.service, o.newImage]));
            const mixed = await settleTwoReleases(this.runner, ds.project, failedImages, this.reporter).catch((e) => `the containers could not be listed (${e.message}): check the host`);
            if (mixed) {
                this.hostProblems.push(mixed);
                this.reporter.error(mixed);
            }
        }
        const problems = [...new Set(this.hostProblems)];
        await this.runner.run(commands/* auditCommand */.Ht(ds.deployPath, this.auditRecord(result, [why, ...problems].join('; ')))).catch(() => undefined);
        const diagnostics = this.outcomes.filter((o) => o.diagnostics).map((o) => `#### ${o.service}: health output and last log lines\n\n\`\`\`\n${o.diagnostics}\n\`\`\``);
        const serving = lost
            ? `The SSH connection was lost, so nothing could be undone from here: check the host (compose-deploy releases). The next deploy takes the lock over after lock-lease (${ds.lockLease}s) and converges it.`
            : rollbackProblem
                ? `Rolling back failed as well (${rollbackProblem}); check the host.`
                : this.previous
                    ? `Release \`${this.previous.slice(0, 12)}\` is serving, as before.`
                    : this.facts.current === ds.sha
                        ? 'This was a redeploy of the live release: the containers that did not become ready were removed and the others keep serving.'
                        : 'This was the first deploy: nothing was left running.';
        const changed = rollbackProblem ? '' : touched ? 'Services already updated were rolled back. ' : 'No running service was changed. ';
        const warned = problems.length > 0 ? ` Also: ${problems.join('; ')}.` : '';
        const message = `${this.request ? `Rollback to ${ds.sha} on` : `Deploy of ${ds.sha} to`} ${this.runner.where} failed: ${why}. ${changed}${serving}${warned}`;
        const title = this.request ? '❌ Rollback failed' : result === 'rolled-back' ? '↩️ Rolled back' : '❌ Deploy failed';
        this.reporter.summary(this.summary(title, message, diagnostics));
        return { ok: false, message, outputs: this.outputs(result, result === 'rolled-back') };
    }
    /** Puts every moved service (and a failed recreate) back on the previous release, with the same rolling procedure. */
    async rollBack(moved, err, plan) {
        const { ds } = this;
        if (!this.previous)
            return this.undoFirstRelease();
        const failed = err instanceof ServiceFailed ? plan?.updates.find((u) => u.service === err.service) : undefined;
        const toRestore = new Set([...moved.map((u) => u.service), ...(failed?.strategy === 'recreate' ? [failed.service] : [])]);
        await this.exec(commands/* switchCurrentCommand */.zg(ds.deployPath, this.previous), 'pointing current back at the previous release');
        const target = this.compose(this.previous);
        const previousServices = await this.render(this.previous);
        const previousPlan = this.planFor(previousServices, this.previous);
        const added = this.services.map((s) => s.name).filter((n) => !previousServices.some((p) => p.name === n));
        if (added.length > 0)
            await this.exec(commands/* removeServicesCommand */.uF(this.compose(ds.sha), added), `removing ${added.join(', ')} (not in the previous release)`);
        await this.converge(target, previousServices, previousPlan.converge);
        // One service that will not come back must not keep the others on the failed release.
        const problems = [];
        for (const u of previousPlan.updates) {
            if (!toRestore.has(u.service))
                continue;
            try {
                await this.roll(target, u, 'rolled-back');
            }
            catch (rollErr) {
                problems.push(rollErr.message);
                continue;
            }
            const o = this.outcomes.find((x) => x.service === u.service);
            if (o && o.result === 'updated')
                o.result = 'rolled-back';
        }
        if (problems.length > 0)
            throw new Error(problems.join('; '));
    }
    async undoFirstRelease() {
        const { ds } = this;
        if (this.facts.current)
            return;
        await this.exec(commands/* downCommand */.wq(this.compose(ds.sha)), 'removing what the failed first release started');
        await this.exec(commands/* removeCurrentCommand */.be(ds.deployPath), 'removing current');
    }
    checkCancelled() {
        if (this.cancelled)
            throw new Cancelled('the run was cancelled');
    }
    async exec(command, what) {
        this.reporter.debug((0,runner/* shellText */.o0)(command));
        const started = Date.now();
        const res = await (0,runner/* runChecked */.X4)(this.runner, command, what);
        this.reporter.info(`▸ ${what} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        return res;
    }
    auditRecord(result, error) {
        return {
            action: this.request ? 'rollback' : 'deploy',
            kind: this.request ? 'rollback' : 'deploy',
            sha: this.ds.sha,
            // facts may not be read yet: a second signal can come while the host is being read.
            previousSha: this.previous ?? this.facts?.current,
            actor: this.ds.actor,
            runUrl: this.ds.runUrl,
            startedAt: this.startedAt.toISOString(),
            finishedAt: new Date().toISOString(),
            result,
            ...(error ? { error: error.slice(0, 500) } : {}),
            ...(this.request ? { reason: this.request.reason ?? null, from: this.facts?.current ?? null, to: this.ds.sha } : {}),
            ...(this.migrated ? { migration: this.ds.migrate.service } : {}),
            images: [...new Set(this.services.map((s) => s.image).filter((i) => !!i))],
            services: this.outcomes.map(({ service, strategy, result: r, secondsToHealthy }) => ({ service, strategy, result: r, secondsToHealthy })),
        };
    }
    outputs(result, rolledBack) {
        return {
            'deployed-sha': result === 'success' ? this.ds.sha : '',
            'previous-sha': this.previous ?? '',
            result,
            'rolled-back': String(rolledBack),
            'duration-seconds': ((Date.now() - this.startedAt.getTime()) / 1000).toFixed(1),
            services: JSON.stringify(this.outcomes.map(({ diagnostics: _d, ...o }) => o)),
            'round-trips': String(this.runner.commandCount),
            'compose-command': this.flavor,
            'compose-version': this.facts?.composeVersion ?? '',
            'docker-version': this.facts?.dockerVersion ?? '',
            ...this.backupOutputs,
        };
    }
    summary(title, text, extra = []) {
        const host = this.facts ? [`Host: ${(0,describe/* hostToolsLine */.G)(this.facts)}`, ''] : [];
        return [`### ${title}`, '', text, '', ...host, (0,deploy_outcome/* outcomeTable */.Lh)(this.outcomes), '', ...extra, ''].join('\n');
    }
}
/**
 * Where the host has less free space than min-free-disk-mb: the deploy path (the release files) and
 * Docker's data root (the pulled images), each said with what was seen. A filesystem the probe could
 * not measure is not judged.
 */
function lowDisk(facts, ds) {
    const needKb = ds.minFreeDiskMb * 1024;
    const mb = (kb) => Math.floor(kb / 1024);
    const short = [];
    if (facts.freeKb !== undefined && facts.freeKb < needKb)
        short.push(`only ${mb(facts.freeKb)} MB free under the deploy path ${ds.deployPath}`);
    if (facts.dockerRoot && facts.dockerRootFreeKb !== undefined && facts.dockerRootFreeKb < needKb) {
        short.push(`only ${mb(facts.dockerRootFreeKb)} MB free under Docker's data root ${facts.dockerRoot} (where pulled images go)`);
    }
    return short;
}
/** A deploy that failed before it touched anything (no connection, lock held, preflight): outputs and summary all the same. */
function notStarted(ds, why, startedAt, reporter, request) {
    const what = request ? 'Rollback on' : `Deploy of ${ds.sha} to`;
    const message = `${what} ${ds.target.user}@${ds.target.host}:${ds.target.port} did not start: ${why}`;
    reporter.summary([`### ❌ ${request ? 'Rollback' : 'Deploy'} failed`, '', message, ''].join('\n'));
    return {
        ok: false,
        message,
        outputs: {
            'deployed-sha': '',
            'previous-sha': '',
            result: 'failed',
            'rolled-back': 'false',
            'duration-seconds': ((Date.now() - startedAt) / 1000).toFixed(1),
            services: '[]',
        },
    };
}
class ServiceFailed extends Error {
    service;
    diagnostics;
    constructor(service, reason, diagnostics, lastOutput) {
        // The last line of output says why (port already allocated, image not found) when compose itself failed.
        super(`service ${service} did not become healthy: ${reason}${reason.startsWith('compose') && lastOutput ? `: ${lastOutput}` : ''}`);
        this.service = service;
        this.diagnostics = diagnostics;
    }
}
/** The newest successful releases, the live one always among them. */
function keptReleases(audit, live, keep) {
    const out = [live];
    for (let i = audit.length - 1; i >= 0 && out.length < keep; i--) {
        const r = audit[i];
        if (r.result === 'success' && !out.includes(r.sha))
            out.push(r.sha);
    }
    return out;
}
function lastLine(text) {
    return text.trim().split('\n').pop() ?? '';
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


/***/ }),

/***/ 5448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ printPlan)
/* harmony export */ });
/* harmony import */ var _host_probe_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9460);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1814);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7765);
/* harmony import */ var _deploy_settings_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8229);




/**
 * dry-run: the deploy's remote commands, built by the same functions the real run uses and quoted
 * the same way. Values only known on the host (images, kept releases) are shown as <placeholders>.
 */
function printPlan(ds, reporter, rollback) {
    const flavor = 'docker compose';
    const sha = rollback ? (ds.sha || '<target>') : ds.sha;
    const target = _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .releaseCompose */ .Cf(ds, flavor, sha);
    const token = '<run-token>';
    const login = (0,_deploy_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .registryLogin */ .j8)(ds);
    const steps = [
        ['take the deploy lock (owner record on stdin)', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .lockCommand */ .Lg(ds.deployPath, token, ds.staleLockAfter, ds.forceUnlock, '')],
        ['read the host state', (0,_host_probe_js__WEBPACK_IMPORTED_MODULE_3__/* .probeCommand */ .CL)(ds.deployPath, ds.project)],
        rollback
            ? [`read the kept release ${rollback.to ? `matching ${rollback.to}` : 'live before the current one'}`, _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .keptReleaseCommand */ .RX(ds.deployPath, sha)]
            : ['upload the release (tar on stdin)', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .unpackCommand */ .YT(ds.deployPath, sha, '')],
        ['render the release', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .renderCommand */ .CB(target)],
        [login ? 'log in (password on stdin) and pull images not on the host' : 'pull images not on the host', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .pullCommand */ .TW(['<images of the release>'], login && { ...login, password: '' })],
        ...(ds.migrate && !rollback
            ? [
                ['start what the migration needs, recreating nothing that runs', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .migrationDependenciesCommand */ .pj(target, ['MIGRATION_DEPENDENCIES...'])],
                ['run the migration', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .migrateCommand */ .vu(target, ds.migrate)],
            ]
            : []),
        ['point current at the release', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .switchCurrentCommand */ .zg(ds.deployPath, sha)],
        // Placeholders within the service-name grammar: the names reach the same checked argv builder.
        ['start changed third-party services', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .convergeCommand */ .Td(target, ['THIRD_PARTY_SERVICES...'])],
        ...ds.order.map((s) => [
            `roll ${s}`,
            _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .rollCommand */ .Lm(target, { service: s, strategy: ds.services[s]?.strategy ?? 'rolling', replicas: 1, stopGraceSeconds: 10, healthUrl: ds.services[s]?.healthUrl }, ds),
        ]),
        rollback
            ? ['append to the audit log (record on stdin)', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .auditCommand */ .Ht(ds.deployPath, {})]
            : ['append to the audit log (record on stdin), then prune old releases', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .auditAndPruneCommand */ .Gi(ds.deployPath, {}, [sha, '<kept releases>'])],
        ['release the lock', _commands_js__WEBPACK_IMPORTED_MODULE_1__/* .unlockCommand */ .I_(ds.deployPath, token)],
    ];
    const what = rollback ? `rollback to ${rollback.to ?? 'the release live before the current one'}` : `deploy of ${sha}`;
    const text = steps.map(([step, c], i) => `${i + 1}. ${step}\n   ${(0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .shellText */ .o0)(c).replace(/\n/g, '\n   ')}`).join('\n');
    reporter.info(`dry-run: ${what} ${rollback ? 'on' : 'to'} ${ds.target.user}@${ds.target.host}:${ds.target.port}${ds.deployPath} (Compose v2 shown; a v1 host runs docker-compose with the same arguments). Nothing is changed.\n${text}`);
    reporter.summary(`### ${rollback ? 'Rollback' : 'Deploy'} plan (dry-run)\n\n\`\`\`\n${text}\n\`\`\`\n`);
    return { ok: true, outputs: { 'dry-run': 'true', plan: text } };
}


/***/ }),

/***/ 2981:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ hostToolsLine)
/* harmony export */ });
/* unused harmony export composeGeneration */
/** "v2" or "v1": which Compose generation the host's command is, for a reader who knows them by that name. */
function composeGeneration(command) {
    return command === 'docker compose' ? 'v2' : command === 'docker-compose' ? 'v1' : '';
}
/**
 * The summary's line about the host's tools: which Docker, and which Compose ran the deploy (v1 and
 * v2 differ in what they recreate and how they name things, so a reader comparing two runs needs it).
 */
function hostToolsLine(facts) {
    const docker = `Docker ${facts.dockerVersion ?? '**missing**'}`;
    const compose = facts.composeCommand
        ? `Compose ${composeGeneration(facts.composeCommand)} (\`${facts.composeCommand}\` ${facts.composeVersion ?? ''})`.replace(' )', ')')
        : '**no Compose**';
    return `${docker} · ${compose}`;
}


/***/ })

};
