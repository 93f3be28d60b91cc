export const id = 614;
export const ids = [614];
export const modules = {

/***/ 82034:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ printPlan)
/* harmony export */ });
/* harmony import */ var _host_lock_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62703);
/* harmony import */ var _host_probe_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(89460);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41814);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(56215);
/* harmony import */ var _deploy_settings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(88229);
/* harmony import */ var _swarm_commands_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86614);






/**
 * dry-run: the run's remote commands, built by the same functions the real run uses and quoted
 * the same way. Values only known on the host (images, kept releases) are shown as <placeholders>.
 */
function printPlan(rs, plan, reporter) {
    const flavor = 'docker compose';
    const { sha } = plan;
    const target = _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseCompose */ .Cf(rs, flavor, sha);
    const token = '<run-token>';
    const steps = [
        ['take the deploy lock (owner record on stdin)', (0,_host_lock_js__WEBPACK_IMPORTED_MODULE_0__/* .lockCommand */ .Lg)(rs.deployPath, token, rs.staleLockAfter, rs.forceUnlock, '')],
        ['read the host state', (0,_host_probe_js__WEBPACK_IMPORTED_MODULE_5__/* .probeCommand */ .CL)(rs.deployPath, rs.project, rs.deployTarget)],
        plan.stage,
        ...(rs.deployTarget === 'swarm' ? swarmSteps(rs, plan, sha) : composeSteps(rs, plan, target)),
        plan.record,
        ['release the lock', (0,_host_lock_js__WEBPACK_IMPORTED_MODULE_0__/* .unlockCommand */ .I_)(rs.deployPath, token)],
    ];
    const text = steps.map(([step, c], i) => `${i + 1}. ${step}\n   ${(0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .shellText */ .o0)(c).replace(/\n/g, '\n   ')}`).join('\n');
    const how = rs.deployTarget === 'swarm' ? 'the swarm its manager runs' : 'Compose v2 shown; a v1 host runs docker-compose with the same arguments';
    reporter.info(`dry-run: ${plan.what} ${rs.target.user}@${rs.target.host}:${rs.target.port}${rs.deployPath} (${how}). Nothing is changed.\n${text}`);
    reporter.summary(`### ${plan.title} plan (dry-run)\n\n\`\`\`\n${text}\n\`\`\`\n`);
    return { ok: true, outputs: { 'dry-run': 'true', plan: text } };
}
/** The compose target's steps between the staging and the audit record. */
function composeSteps(rs, plan, target) {
    const login = (0,_deploy_settings_js__WEBPACK_IMPORTED_MODULE_3__/* .registryLogin */ .j8)(rs);
    return [
        ['render the release', _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .renderCommand */ .CB(target)],
        [login ? 'log in (password on stdin) and pull images not on the host' : 'pull images not on the host', _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .pullCommand */ .TW(['<images of the release>'], login && { ...login, password: '' })],
        ...plan.beforeSwitch(target),
        ['point current at the release', _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .switchCurrentCommand */ .zg(rs.deployPath, plan.sha)],
        // Placeholders within the service-name grammar: the names reach the same checked argv builder.
        ['start changed third-party services', _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .convergeCommand */ .Td(target, ['THIRD_PARTY_SERVICES...'])],
        ...rs.order.map((s) => [
            `roll ${s}`,
            _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .rollCommand */ .Lm(target, { service: s, strategy: rs.services[s]?.strategy ?? 'rolling', replicas: 1, stopGraceSeconds: 10, healthUrl: rs.services[s]?.healthUrl }, rs),
        ]),
    ];
}
/**
 * The swarm target's: one stack deploy with the update_config the deploy sets (a kept release: with
 * its recorded digests), current moved, then every service watched in the config's order.
 */
function swarmSteps(rs, plan, sha) {
    const services = plan.swarmServices ?? [{ name: 'SERVICES_OF_THE_KEPT_RELEASE', rolled: true, replicas: 1, image: '<digest from its audit record>' }];
    const login = (0,_deploy_settings_js__WEBPACK_IMPORTED_MODULE_3__/* .registryLogin */ .j8)(rs);
    const files = rs.composeFiles.map((f) => `${_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseDir */ .ZI(rs.deployPath, sha)}/${f}`);
    return [
        [
            `${login ? 'log in (password on stdin), ' : ''}docker stack deploy (digests pinned by the manager; the update_config the deploy sets laid over the files)`,
            (0,_swarm_commands_js__WEBPACK_IMPORTED_MODULE_4__/* .stackDeployCommand */ .F0)({ dir: _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseDir */ .ZI(rs.deployPath, sha), files }, rs.project, (0,_swarm_commands_js__WEBPACK_IMPORTED_MODULE_4__/* .stackOverride */ .Di)(services, rs.healthTimeout, !plan.swarmServices), login && { ...login, password: '' }),
        ],
        ['point current at the release', _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .switchCurrentCommand */ .zg(rs.deployPath, sha)],
        ['watch every service converge, in the config\'s order', (0,_swarm_commands_js__WEBPACK_IMPORTED_MODULE_4__/* .serviceWaitCommand */ .iv)(rs.project, (0,_swarm_commands_js__WEBPACK_IMPORTED_MODULE_4__/* .watchOrder */ .Sg)(services, rs.order), rs.healthTimeout, 0, (0,_host_lock_js__WEBPACK_IMPORTED_MODULE_0__/* .cancelMarker */ .d8)(rs.deployPath))],
    ];
}


/***/ }),

/***/ 66169:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  l: () => (/* binding */ runOnHost)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/ssh/connect.ts
var ssh_connect = __webpack_require__(81456);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(92413);
;// CONCATENATED MODULE: ./src/deploy/github-deployment.ts

/**
 * A GitHub Deployment for the environment, so the repository's Environments page shows what is
 * live and links to the run. It is bookkeeping: an API failure is a warning, never a failed deploy.
 */
class GitHubDeployment {
    t;
    sha;
    reporter;
    id;
    octokit;
    owner;
    repo;
    constructor(t, 
    /** The commit made live: the deployment's ref. */
    sha, reporter) {
        this.t = t;
        this.sha = sha;
        this.reporter = reporter;
        this.octokit = (0,github/* getOctokit */.Q)(t.token, { baseUrl: t.apiUrl });
        [this.owner, this.repo] = t.repository.split('/');
    }
    async start() {
        await this.bestEffort('creating the GitHub deployment', async () => {
            const res = await this.octokit.rest.repos.createDeployment({
                owner: this.owner,
                repo: this.repo,
                ref: this.sha,
                environment: this.t.environment,
                auto_merge: false,
                // The commit's checks already gated the workflow that runs this deploy.
                required_contexts: [],
                production_environment: this.t.environment === 'production',
                description: `compose-deploy ${this.sha.slice(0, 12)}`,
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/host/lock.ts
var lock = __webpack_require__(62703);
// EXTERNAL MODULE: ./src/host/probe.ts
var probe = __webpack_require__(89460);
// EXTERNAL MODULE: ./src/runner/runner.ts
var runner_runner = __webpack_require__(41814);
// EXTERNAL MODULE: ./src/deploy/commands.ts + 1 modules
var commands = __webpack_require__(56215);
;// CONCATENATED MODULE: ./src/deploy/preflight.ts

/**
 * What the host must have before anything changes: Docker, a Compose (for the swarm target: to be a
 * swarm manager instead), room for the release. `ownChecks` are the kind's own, made once the Compose
 * is known. Returns the Compose the host has (v2's name on a swarm, which runs none).
 */
function preflight(facts, rs, where, reporter, ownChecks) {
    if (!facts.dockerVersion)
        throw new errors/* OperationError */.OK(`preflight: Docker is not reachable on ${where} for user ${rs.target.user} (is it installed, running, and is the user in the docker group?). Nothing was changed.`);
    if (rs.deployTarget === 'swarm') {
        if (facts.swarm !== 'active true') {
            throw new errors/* OperationError */.OK(`preflight: target: swarm, but ${where} is ${facts.swarm?.startsWith('active') ? 'a swarm worker' : 'not part of a swarm'}: set host to a manager node (docker node ls lists them). Nothing was changed.`);
        }
    }
    else if (!facts.composeCommand)
        throw new errors/* OperationError */.OK(`preflight: neither "docker compose" (v2) nor "docker-compose" (v1) is installed on ${where}. Nothing was changed.`);
    ownChecks();
    const short = lowDisk(facts, rs);
    if (short.length > 0) {
        throw new errors/* OperationError */.OK(`preflight: ${short.join('; ')} on ${where}; deploy needs ${rs.minFreeDiskMb} MB free in each (deploy.min-free-disk-mb). Free space (docker image prune) and retry. Nothing was changed.`);
    }
    const engine = rs.deployTarget === 'swarm' ? 'swarm manager' : `${facts.composeCommand} ${facts.composeVersion ?? ''}`;
    reporter.info(`host ${where}: Docker ${facts.dockerVersion}, ${engine}; live release: ${facts.current ?? 'none'}`);
    return facts.composeCommand ?? 'docker compose';
}
/**
 * Where the host has less free space than min-free-disk-mb: the deploy path (the release files) and
 * Docker's data root (the pulled images), each said with what was seen. A filesystem the probe could
 * not measure is not judged.
 */
function lowDisk(facts, rs) {
    const needKb = rs.minFreeDiskMb * 1024;
    const mb = (kb) => Math.floor(kb / 1024);
    const short = [];
    if (facts.freeKb !== undefined && facts.freeKb < needKb)
        short.push(`only ${mb(facts.freeKb)} MB free under the deploy path ${rs.deployPath}`);
    if (facts.dockerRoot && facts.dockerRootFreeKb !== undefined && facts.dockerRootFreeKb < needKb) {
        short.push(`only ${mb(facts.dockerRootFreeKb)} MB free under Docker's data root ${facts.dockerRoot} (where pulled images go)`);
    }
    return short;
}

// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(97840);
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

// EXTERNAL MODULE: ./src/ssh/ssh-runner.ts
var ssh_runner = __webpack_require__(81191);
// EXTERNAL MODULE: ./src/host/key-values.ts
var key_values = __webpack_require__(19364);
// EXTERNAL MODULE: ./src/deploy/outcome.ts
var deploy_outcome = __webpack_require__(84535);
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
    return ((0,key_values/* parseKeyValues */.H)(stdout).get('stranded') ?? []).flatMap((l) => l.split(/\s+/).filter(Boolean));
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
    const down = (0,key_values/* parseKeyValues */.H)(res.stdout).get('docker')?.[0] === 'down';
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

// EXTERNAL MODULE: ./src/deploy/deploy-settings.ts + 1 modules
var deploy_settings = __webpack_require__(88229);
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

// EXTERNAL MODULE: ./src/deploy/compose-services.ts
var compose_services = __webpack_require__(13124);
;// CONCATENATED MODULE: ./src/deploy/rollout-steps.ts










/**
 * The steps of the rolling procedure, shared by its forward path (Rollout) and its recovery
 * (rollout-recovery.ts): the release's Compose, its render, the pull, one service's roll.
 */
class RolloutSteps {
    hostRun;
    sha;
    facts;
    /** The release that was serving, when it is another one: where a failure returns to. */
    previous;
    /** Set once running services may have changed: from here a failure is answered by a rollback. */
    touched = false;
    outcomes = [];
    /** The new release's services, as rendered on the host. */
    services = [];
    /** What the kind's own steps added to the outputs and the audit record. */
    additions = {};
    /** Release files that differ from the live release's. */
    changedFiles = [];
    /** What the host was left with that a person must know (containers Docker could not remove). */
    hostProblems = [];
    composeFilesOf = new Map();
    constructor(hostRun, sha, facts) {
        this.hostRun = hostRun;
        this.sha = sha;
        this.facts = facts;
        this.previous = facts.current && facts.current !== sha ? facts.current : undefined;
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
            this.hostRun.reporter.warning(`recreating ${recreate.join(', ')}: a file it mounts changed (${this.changedFiles.join(', ')}); a short restart`);
            await this.exec(commands/* convergeCommand */.Td(target, recreate, true), `recreating ${recreate.join(', ')}`);
        }
    }
    /**
     * The Compose files each release was made with, as it recorded them: a release made with other
     * file names than the repository has now still starts (and is returned to) with its own. Keeps
     * the release files that differ from the live release's.
     */
    readReleaseRecords(stdout) {
        const kv = (0,key_values/* parseKeyValues */.H)(stdout);
        const own = kv.get('compose-file');
        if (own?.length)
            this.composeFilesOf.set(this.sha, own);
        const live = kv.get('live-compose-file');
        if (live?.length && this.facts.current)
            this.composeFilesOf.set(this.facts.current, live);
        this.changedFiles = kv.get('changed') ?? [];
    }
    /** Compose pointed at one release, with the Compose files that release recorded (else the repository's prod set). */
    compose(sha) {
        const { rs, flavor } = this.hostRun;
        return commands/* releaseCompose */.Cf({ ...rs, composeFiles: this.composeFilesOf.get(sha) ?? rs.composeFiles }, flavor, sha);
    }
    planFor(services, sha) {
        const { rs } = this.hostRun;
        return (0,compose_services/* planUpdates */.CY)(services, sha, { order: rs.order, migrateService: rs.migrate?.service, perService: rs.services });
    }
    async render(sha) {
        return (0,compose_services/* parseRenderedCompose */.xx)((await this.exec(commands/* renderCommand */.CB(this.compose(sha)), `rendering release ${sha.slice(0, 12)}`)).stdout);
    }
    async pull(services) {
        const { rs, runner, reporter } = this.hostRun;
        const images = [...new Set(services.map((s) => s.image).filter((i) => !!i))];
        const started = Date.now();
        const res = await runner.run(commands/* pullCommand */.TW(images, (0,deploy_settings/* registryLogin */.j8)(rs)));
        if (res.code === 3) {
            throw new errors/* OperationError */.OK(`registry login to ${rs.registry} as ${rs.registryUsername} was refused on the host: ${lastLine(res.stderr)}. Check registry-username and registry-password (for GHCR a token with read:packages).`);
        }
        // The host script names the image it gave up on (after its bounded retries); the error says which.
        const failed = (0,key_values/* parseKeyValues */.H)(res.stdout).get('failed')?.[0];
        if (res.code !== 0)
            throw new errors/* OperationError */.OK(`pulling ${failed ?? "the release's images"} failed on ${runner.where}${(0,runner_runner/* tail */.RT)(res.stderr)}`);
        reporter.info(`▸ pulling ${images.length} images (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        const pulled = res.stdout.split('\n').filter((l) => l.startsWith('pulled=')).length;
        reporter.info(`images: ${pulled} pulled, ${images.length - pulled} already on the host`);
    }
    async roll(target, u, success) {
        const { rs, runner, reporter } = this.hostRun;
        const started = Date.now();
        // A rollback must finish, so only a forward roll watches the cancel marker.
        const marker = success === 'updated' ? (0,lock/* cancelMarker */.d8)(rs.deployPath) : '';
        const command = commands/* rollCommand */.Lm(target, u, rs, marker);
        reporter.debug((0,runner_runner/* shellText */.o0)(command));
        reporter.info(`▸ ${success === 'updated' ? 'rolling' : 'rolling back'} ${u.service} (${u.strategy})`);
        const res = await runner.run(command);
        const report = (0,deploy_outcome/* parseRollOutput */.yT)(res.stdout, res.code === 0);
        const stranded = strandedIds(res.stdout);
        const unsettled = stranded.length > 0 ? await settleStranded(runner, stranded, u.service, reporter) : undefined;
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
        reporter.info(`${u.service}: ${u.strategy}, ${success} in ${((Date.now() - started) / 1000).toFixed(1)}s (healthy after ${report.secondsToHealthy ?? '?'}s${report.phases ? `; ${report.phases}` : ''})`);
    }
    exec(command, what) {
        return this.hostRun.exec(command, what);
    }
}
/** A service that did not pass its health gate: its own diagnostics, for the summary. */
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
function lastLine(text) {
    return text.trim().split('\n').pop() ?? '';
}

// EXTERNAL MODULE: ./src/host/describe.ts
var describe = __webpack_require__(82981);
;// CONCATENATED MODULE: ./src/deploy/run-report.ts


function auditRecord(s, result, error) {
    return {
        action: s.kind.name,
        kind: s.kind.name,
        sha: s.sha,
        // facts may not be read yet: a second signal can come while the host is being read.
        previousSha: s.previous ?? s.facts?.current,
        actor: s.rs.actor,
        runUrl: s.rs.runUrl,
        startedAt: s.startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        result,
        ...(error ? { error: error.slice(0, 500) } : {}),
        ...s.kind.auditFields(s.sha, s.facts),
        ...s.additions.audit,
        images: [...new Set(s.services.map((x) => x.image).filter((i) => !!i))],
        services: s.outcomes.map(({ service, strategy, result: r, secondsToHealthy }) => ({ service, strategy, result: r, secondsToHealthy })),
    };
}
function runOutputs(s, result, rolledBack) {
    return {
        'deployed-sha': result === 'success' ? s.sha : '',
        'previous-sha': s.previous ?? '',
        result,
        'rolled-back': String(rolledBack),
        'duration-seconds': ((Date.now() - s.startedAt.getTime()) / 1000).toFixed(1),
        services: JSON.stringify(s.outcomes.map(({ diagnostics: _d, ...o }) => o)),
        'round-trips': String(s.runner.commandCount),
        'compose-command': s.flavor,
        'compose-version': s.facts?.composeVersion ?? '',
        'docker-version': s.facts?.dockerVersion ?? '',
        ...s.additions.outputs,
    };
}
function runSummary(s, title, text, extra = []) {
    const host = s.facts ? [`Host: ${(0,describe/* hostToolsLine */.G)(s.facts)}`, ''] : [];
    return [`### ${title}`, '', text, '', ...host, (0,deploy_outcome/* outcomeTable */.Lh)(s.outcomes), '', ...extra, ''].join('\n');
}
/** A run that failed before it touched anything (no connection, lock held, preflight): outputs and summary all the same. */
function notStarted(rs, kind, why, startedAt, reporter) {
    const message = `${kind.words.notStarted} ${rs.target.user}@${rs.target.host}:${rs.target.port} did not start: ${why}`;
    reporter.summary([`### ${kind.words.notStartedTitle}`, '', message, ''].join('\n'));
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

;// CONCATENATED MODULE: ./src/deploy/rollout-recovery.ts






/**
 * A failed rollout: what moved goes back to the previous release (or a first release is cleaned
 * up), the host is checked for two releases of one service, and the audit log, the summary and the
 * outputs say what is serving now.
 */
async function failRollout(r, err, moved, plan) {
    const { hostRun, sha, touched } = r;
    const { rs, kind, reporter, runner } = hostRun;
    const why = hostRun.cancelled ? 'the run was cancelled' : reporter.redact(err.message);
    reporter.error(`${kind.words.failedLine(sha.slice(0, 12))} failed: ${why}`);
    let result = 'failed';
    let rollbackProblem;
    // Without a connection nothing more can be done from here: the lock's lease lapses, and the next
    // deploy takes it over and converges the host.
    const lost = err instanceof ssh_runner/* ConnectionLost */.p || (err instanceof runner_runner/* CommandFailed */.nk && /Not connected/.test(err.message));
    // A Docker daemon restarting under the deploy: the rollback waits for it rather than failing at once.
    const dockerGone = !lost && touched ? await waitForDocker(runner).catch((e) => e.message) : undefined;
    if (lost)
        rollbackProblem = 'the connection is gone';
    else if (dockerGone) {
        rollbackProblem = dockerGone;
        reporter.error(`cannot roll back: ${dockerGone}`);
    }
    else if (touched || !r.previous) {
        try {
            if (touched)
                await rollBack(r, moved, err, plan);
            else
                await undoFirstRelease(r);
            result = touched && r.previous ? 'rolled-back' : 'failed';
        }
        catch (rollbackErr) {
            rollbackProblem = rollbackErr.message;
            reporter.error(`rollback failed too: ${rollbackProblem}`);
        }
    }
    if (touched && !lost) {
        // Whatever happened on the way (a daemon restart brings back containers a roll had removed), the
        // host must not run two releases of a service unannounced.
        const failedImages = new Map(r.outcomes.filter((o) => o.newImage && o.newImage !== o.oldImage).map((o) => [o.service, o.newImage]));
        const mixed = await settleTwoReleases(runner, rs.project, failedImages, reporter).catch((e) => `the containers could not be listed (${e.message}): check the host`);
        if (mixed) {
            r.hostProblems.push(mixed);
            reporter.error(mixed);
        }
    }
    const problems = [...new Set(r.hostProblems)];
    await runner.run(commands/* auditCommand */.Ht(rs.deployPath, auditRecord(hostRun.state, result, [why, ...problems].join('; ')))).catch(() => undefined);
    const diagnostics = r.outcomes.filter((o) => o.diagnostics).map((o) => `#### ${o.service}: health output and last log lines\n\n\`\`\`\n${o.diagnostics}\n\`\`\``);
    const serving = lost
        ? `The SSH connection was lost, so nothing could be undone from here: check the host (compose-deploy releases). The next deploy takes the lock over after lock-lease (${rs.lockLease}s) and converges it.`
        : rollbackProblem
            ? `Rolling back failed as well (${rollbackProblem}); check the host.`
            : r.previous
                ? `Release \`${r.previous.slice(0, 12)}\` is serving, as before.`
                : r.facts.current === sha
                    ? 'This was a redeploy of the live release: the containers that did not become ready were removed and the others keep serving.'
                    : 'This was the first deploy: nothing was left running.';
    const changed = rollbackProblem ? '' : touched ? 'Services already updated were rolled back. ' : 'No running service was changed. ';
    const warned = problems.length > 0 ? ` Also: ${problems.join('; ')}.` : '';
    const message = `${kind.words.failedMessage(sha)} ${runner.where} failed: ${why}. ${changed}${serving}${warned}`;
    reporter.summary(runSummary(hostRun.state, kind.words.failedTitle(result === 'rolled-back'), message, diagnostics));
    return { ok: false, message, outputs: runOutputs(hostRun.state, result, result === 'rolled-back') };
}
/** Puts every moved service (and a failed recreate) back on the previous release, with the same rolling procedure. */
async function rollBack(r, moved, err, plan) {
    const { rs } = r.hostRun;
    if (!r.previous)
        return undoFirstRelease(r);
    const failed = err instanceof ServiceFailed ? plan?.updates.find((u) => u.service === err.service) : undefined;
    const toRestore = new Set([...moved.map((u) => u.service), ...(failed?.strategy === 'recreate' ? [failed.service] : [])]);
    await r.exec(commands/* switchCurrentCommand */.zg(rs.deployPath, r.previous), 'pointing current back at the previous release');
    const target = r.compose(r.previous);
    const previousServices = await r.render(r.previous);
    const previousPlan = r.planFor(previousServices, r.previous);
    const added = r.services.map((s) => s.name).filter((n) => !previousServices.some((p) => p.name === n));
    if (added.length > 0)
        await r.exec(commands/* removeServicesCommand */.uF(r.compose(r.sha), added), `removing ${added.join(', ')} (not in the previous release)`);
    await r.converge(target, previousServices, previousPlan.converge);
    // One service that will not come back must not keep the others on the failed release.
    const problems = [];
    for (const u of previousPlan.updates) {
        if (!toRestore.has(u.service))
            continue;
        try {
            await r.roll(target, u, 'rolled-back');
        }
        catch (rollErr) {
            problems.push(rollErr.message);
            continue;
        }
        const o = r.outcomes.find((x) => x.service === u.service);
        if (o && o.result === 'updated')
            o.result = 'rolled-back';
    }
    if (problems.length > 0)
        throw new Error(problems.join('; '));
}
async function undoFirstRelease(r) {
    if (r.facts.current)
        return;
    await r.exec(commands/* downCommand */.wq(r.compose(r.sha)), 'removing what the failed first release started');
    await r.exec(commands/* removeCurrentCommand */.be(r.hostRun.rs.deployPath), 'removing current');
}

;// CONCATENATED MODULE: ./src/deploy/rollout.ts







/**
 * The rolling procedure, one for every kind of run: the release `sha` (resolved before it starts,
 * never changed) is put in place, rendered and pulled; the kind's own steps run; then `current`
 * moves, third-party services converge and each service rolls behind its health gate. Any failure
 * from there on is answered by a rollback (or, on a first release, a clean-up).
 */
class Rollout extends RolloutSteps {
    async run() {
        const { hostRun, sha, facts } = this;
        const { rs, kind } = hostRun;
        let plan;
        const moved = [];
        try {
            this.readReleaseRecords(await kind.stage(hostRun, sha, hostRun.startedAt));
            const target = this.compose(sha);
            if (!this.previous && facts.current !== sha)
                await this.exec(commands/* switchCurrentCommand */.zg(rs.deployPath, sha), 'pointing current at the first release');
            const services = (0,compose_services/* parseRenderedCompose */.xx)((await this.exec(commands/* renderCommand */.CB(target), 'rendering the release\'s Compose files')).stdout);
            this.services = services;
            plan = this.planFor(services, sha);
            this.outcomes = plan.updates.map((u) => ({
                service: u.service,
                strategy: u.strategy,
                newImage: u.image,
                oldImage: facts.running[u.service],
                result: 'not-started',
                note: u.note,
            }));
            for (const u of plan.updates)
                if (u.note)
                    hostRun.reporter.warning(`${u.service}: ${u.note}`);
            await this.pull(services);
            hostRun.checkCancelled();
            await kind.beforeSwitch(hostRun, { sha, facts, previous: this.previous, target, services }, this.additions);
            hostRun.checkCancelled();
            this.touched = true;
            if (this.previous)
                await this.exec(commands/* switchCurrentCommand */.zg(rs.deployPath, sha), 'pointing current at the new release');
            await this.converge(target, services, plan.converge);
            for (const u of plan.updates) {
                hostRun.checkCancelled();
                await this.roll(target, u, 'updated');
                moved.push(u);
            }
            if (rs.smokeUrl)
                await this.smoke(rs.smokeUrl);
            return await this.succeed();
        }
        catch (err) {
            return await failRollout(this, err, moved, plan);
        }
    }
    async smoke(url) {
        const { reporter } = this.hostRun;
        let last = '';
        for (let attempt = 1; attempt <= 3; attempt++) {
            try {
                const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
                if (res.ok)
                    return void reporter.info(`smoke check ${url}: ${res.status}`);
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
        const { hostRun, sha, facts } = this;
        const { kind, reporter, runner } = hostRun;
        await kind.recordSuccess(hostRun, auditRecord(hostRun.state, 'success'), sha, facts);
        const notes = [...kind.successNotes(sha, facts, reporter), ...(await this.drillWarning())];
        const live = `\`${sha}\` is live on ${runner.where}${this.previous ? `, replacing \`${this.previous.slice(0, 12)}\`` : ''}.${kind.words.successSuffix}`;
        reporter.summary(runSummary(hostRun.state, kind.words.succeededTitle, live, notes));
        return { ok: true, outputs: runOutputs(hostRun.state, 'success', false) };
    }
    /** Backups nobody restore-tested for too long: said where the team looks after every deploy. */
    async drillWarning() {
        const { drillCheck, github } = this.hostRun.rs;
        if (!drillCheck || !github)
            return [];
        const warning = await drillLivenessWarning({ ...drillCheck, token: github.token, apiUrl: github.apiUrl, repository: github.repository }, Date.now());
        if (!warning)
            return [];
        this.hostRun.reporter.warning(warning);
        return [`> ⚠️ ${warning}`];
    }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// EXTERNAL MODULE: ./src/deploy/swarm-commands.ts
var swarm_commands = __webpack_require__(86614);
;// CONCATENATED MODULE: ./src/deploy/swarm-rollout.ts









/** A service that did not converge: Swarm's task list says why. */
class NotConverged extends Error {
    service;
    tasks;
    constructor(service, reason, tasks) {
        super(`service ${service} did not converge: ${reason}`);
        this.service = service;
        this.tasks = tasks;
    }
}
/**
 * The rolling procedure of the swarm target, for every kind of run: the release's files in place on
 * the manager (the kind's stage), one `docker stack deploy` of them with the update_config the deploy
 * sets (a kept release: with its recorded digests), every image checked pinned by digest, then each
 * service watched until it converged, in the config's order. A failure from the stack deploy on is
 * answered by the tool itself: the previous release's files deployed again with its digests, and
 * watched the same way (Swarm's own rollback only covers the service whose task failed).
 */
class SwarmRollout extends RolloutSteps {
    async run() {
        const { hostRun, sha, facts } = this;
        const { kind, rs } = hostRun;
        try {
            this.readReleaseRecords(await kind.stage(hostRun, sha, hostRun.startedAt));
            const kept = kind.swarmServices ? undefined : (0,swarm_commands/* keptStack */.t5)(facts.audit, sha);
            const services = kind.swarmServices ?? kept?.services;
            if (!services)
                throw new errors/* OperationError */.OK(`release ${sha.slice(0, 12)} has no digests recorded for a swarm (it was not deployed to one by this tool): deploy its commit instead`);
            const ordered = (0,swarm_commands/* watchOrder */.Sg)(services, rs.order);
            this.outcomes = ordered.map((s) => ({ service: s.name, strategy: s.rolled ? 'start-first' : 'converge', oldImage: facts.running[s.name], result: 'not-started' }));
            hostRun.checkCancelled();
            this.touched = true;
            const { pinned, since } = await this.deployStack(sha, ordered, !!kept, true);
            this.swarmServices = pinned;
            if (facts.current !== sha)
                await this.exec(commands/* switchCurrentCommand */.zg(rs.deployPath, sha), 'pointing current at the release');
            await this.watch(pinned, since, (0,lock/* cancelMarker */.d8)(rs.deployPath), 'updated');
            return await this.succeed(pinned);
        }
        catch (err) {
            return await this.fail(err);
        }
    }
    /** The services as the manager runs them now, with the digests it pinned. */
    swarmServices = [];
    async deployStack(sha, services, pin, forward) {
        const { rs, runner, reporter } = this.hostRun;
        const target = this.compose(sha);
        const command = (0,swarm_commands/* stackDeployCommand */.F0)({ dir: commands/* releaseDir */.ZI(rs.deployPath, sha), files: target.files }, rs.project, (0,swarm_commands/* stackOverride */.Di)(services, rs.healthTimeout, pin), (0,deploy_settings/* registryLogin */.j8)(rs));
        reporter.debug((0,runner_runner/* shellText */.o0)({ ...command, stdin: undefined }));
        const started = Date.now();
        const res = await runner.run(command);
        if (res.code === 3)
            throw new errors/* OperationError */.OK(`registry login to ${rs.registry} as ${rs.registryUsername} was refused on the manager: ${lastLine(res.stderr)}. Check registry-username and registry-password.`);
        if (res.code !== 0)
            throw new errors/* OperationError */.OK(`docker stack deploy of release ${sha.slice(0, 12)} failed on ${runner.where}${(0,runner_runner/* tail */.RT)(res.stderr)}`);
        const retries = res.stdout.match(/^retried=/gm)?.length ?? 0;
        const retried = retries > 0 ? `, tried ${retries + 1} times: Swarm was changing a service itself` : '';
        reporter.info(`▸ docker stack deploy of release ${sha.slice(0, 12)} (${((Date.now() - started) / 1000).toFixed(1)}s${retried})`);
        const images = (0,swarm_commands/* parseStackImages */.O$)(res.stdout, rs.project);
        const pinned = services.map((s) => ({ ...s, image: images.get(s.name) }));
        // The manager could not read a tag's digest (the registry unreachable, a missing tag): the nodes
        // would each resolve the tag on their own, and the release would not be the same everywhere.
        const loose = pinned.filter((s) => !s.image?.includes('@sha256:'));
        if (loose.length > 0)
            throw new errors/* OperationError */.OK(`the manager did not pin ${loose.map((s) => `${s.name} (${s.image ?? 'not in the stack'})`).join(', ')} to a digest: is the image in the registry, and the login right?`);
        if (forward)
            for (const o of this.outcomes)
                o.newImage = images.get(o.service);
        return { pinned, since: (0,swarm_commands/* parseSince */.m1)(res.stdout) };
    }
    async watch(services, since, marker, success) {
        const { rs, runner, reporter } = this.hostRun;
        reporter.info(`▸ watching ${services.map((s) => s.name).join(', ')} converge`);
        const res = await runner.run((0,swarm_commands/* serviceWaitCommand */.iv)(rs.project, services, rs.healthTimeout, since, marker, success === 'rolled-back' ? 'return' : 'update'));
        const report = (0,swarm_commands/* parseWaitOutput */.gD)(res.stdout);
        for (const c of report.converged) {
            const o = this.outcomes.find((x) => x.service === c.service);
            if (o && success === 'updated')
                Object.assign(o, { result: o.strategy === 'converge' ? 'converged' : 'updated', secondsToHealthy: c.seconds });
            if (o && success === 'rolled-back' && o.result === 'updated')
                o.result = 'rolled-back';
            reporter.info(`${c.service}: converged in ${c.seconds}s`);
        }
        if (res.code === 0)
            return;
        const service = report.failed ?? '?';
        const o = this.outcomes.find((x) => x.service === service);
        if (o && success === 'updated')
            Object.assign(o, { result: 'failed', diagnostics: report.tasks });
        throw new NotConverged(service, report.reason ?? `exit ${res.code}: ${lastLine(res.stderr)}`, report.tasks);
    }
    async succeed(services) {
        const { hostRun, sha, facts } = this;
        const { kind, reporter, runner } = hostRun;
        this.additions.audit = { ...this.additions.audit, target: 'swarm', swarm: { services } };
        await kind.recordSuccess(hostRun, this.record('success'), sha, facts);
        const notes = kind.successNotes(sha, facts, reporter);
        const live = `\`${sha}\` is live on the swarm of ${runner.where}${this.previous ? `, replacing \`${this.previous.slice(0, 12)}\`` : ''}.${kind.words.successSuffix}`;
        reporter.summary(runSummary(hostRun.state, kind.words.succeededTitle, live, notes));
        return { ok: true, outputs: runOutputs(hostRun.state, 'success', false) };
    }
    /** The audit record, with each service's pinned image (what a rollback to this release deploys). */
    record(result, error) {
        return { ...auditRecord(this.hostRun.state, result, error), images: this.swarmServices.map((s) => s.image).filter((i) => !!i) };
    }
    /** Back to the previous release's digests (or, on a first release, the stack removed); then the audit log and the summary. */
    async fail(err) {
        const { hostRun, sha, touched, facts } = this;
        const { rs, kind, reporter, runner } = hostRun;
        const why = hostRun.cancelled ? 'the run was cancelled' : reporter.redact(err.message);
        reporter.error(`${kind.words.failedLine(sha.slice(0, 12))} failed: ${why}`);
        const lost = err instanceof ssh_runner/* ConnectionLost */.p || (err instanceof runner_runner/* CommandFailed */.nk && /Not connected/.test(err.message));
        let result = 'failed';
        let problem;
        if (lost)
            problem = 'the connection is gone';
        else if (touched) {
            try {
                if (this.previous) {
                    await this.returnTo(this.previous);
                    result = 'rolled-back';
                }
                else if (!facts.current) {
                    await this.exec((0,swarm_commands/* stackRemoveCommand */.aG)(rs.project), 'removing the stack the failed first release started');
                    await this.exec(commands/* removeCurrentCommand */.be(rs.deployPath), 'removing current');
                }
            }
            catch (backErr) {
                problem = backErr.message;
                reporter.error(`rollback failed too: ${problem}`);
            }
        }
        if (!lost)
            await runner.run(commands/* auditCommand */.Ht(rs.deployPath, this.record(result, [why, problem].filter(Boolean).join('; ')))).catch(() => undefined);
        const diagnostics = err instanceof NotConverged && err.tasks ? [`#### ${err.service}: its tasks\n\n\`\`\`\n${err.tasks.replace(/^task\| /gm, '')}\n\`\`\``] : [];
        const serving = lost
            ? `The SSH connection was lost, so nothing could be undone from here: the next deploy takes the lock over after lock-lease (${rs.lockLease}s) and deploys its release over the stack.`
            : problem
                ? `Rolling back failed as well (${problem}); check the swarm (docker stack ps ${rs.project}).`
                : this.previous
                    ? `The stack was deployed again with release \`${this.previous.slice(0, 12)}\`'s digests and converged: it is serving, as before.`
                    : facts.current === sha
                        ? 'This was a redeploy of the live release.'
                        : 'This was the first deploy: the stack was removed.';
        const message = `${kind.words.failedMessage(sha)} ${runner.where} failed: ${why}. ${serving}`;
        reporter.summary(runSummary(hostRun.state, kind.words.failedTitle(result === 'rolled-back'), message, diagnostics));
        return { ok: false, message, outputs: runOutputs(hostRun.state, result, result === 'rolled-back') };
    }
    /** The previous release's files deployed again with the digests its audit record keeps, and watched to convergence. */
    async returnTo(previous) {
        const { rs, reporter } = this.hostRun;
        const kept = (0,swarm_commands/* keptStack */.t5)(this.facts.audit, previous);
        if (!kept)
            throw new Error(`release ${previous.slice(0, 12)} has no digests recorded for a swarm, so the tool cannot put it back`);
        reporter.warning(`rolling the stack back to release ${previous.slice(0, 12)} (its recorded digests)`);
        await this.exec(commands/* switchCurrentCommand */.zg(rs.deployPath, previous), 'pointing current back at the previous release');
        const services = (0,swarm_commands/* watchOrder */.Sg)(kept.services, rs.order);
        const { since } = await this.deployStack(previous, services, true, false);
        await this.watch(services, since, '', 'rolled-back');
    }
}

;// CONCATENATED MODULE: ./src/deploy/host-run.ts









class Cancelled extends Error {
}
/** The rolling procedure of each target: the kinds of run (deploy, rollback) are the same on both. */
const PROCEDURES = {
    compose: Rollout,
    swarm: SwarmRollout,
};
/**
 * One run on the host, whatever its kind: the lock, the host read under it, the preflight, then the
 * target resolved and handed to the rolling procedure (`Rollout`), which never changes it. Also
 * what a signal does at any point of the run.
 */
class HostRun {
    runner;
    rs;
    reporter;
    kind;
    onTarget;
    token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    startedAt = new Date();
    cancelled = false;
    flavor = 'docker compose';
    lock;
    facts;
    /** The release this run makes live, once resolved. */
    target;
    rollout;
    constructor(runner, rs, reporter, kind, 
    /** Told the target as soon as it is resolved (a rollback's GitHub Deployment starts then). */
    onTarget = async () => undefined) {
        this.runner = runner;
        this.rs = rs;
        this.reporter = reporter;
        this.kind = kind;
        this.onTarget = onTarget;
    }
    /** First signal: a health wait on the host stops at once (the marker), then the run rolls back. */
    cancel() {
        if (this.cancelled)
            return;
        this.reporter.warning('cancel requested: stopping the current step, then rolling back and releasing the lock');
        this.cancelled = true;
        if (this.lock)
            void this.runner.run((0,lock/* cancelCommand */.Ss)(this.rs.deployPath, this.token)).catch(() => undefined);
    }
    /**
     * Second signal: the runner kills us in moments. Say so in the audit log, point `current` back at
     * the release that was serving (the health wait in flight gave up on the first signal, keeping
     * its old containers), and free the lock.
     */
    async abandon() {
        if (!this.lock)
            return;
        const { deployPath } = this.rs;
        const record = auditRecord(this.state, 'failed', 'cancelled: the runner stopped the deploy before it finished rolling back; check the host (compose-deploy releases)');
        const quietly = (c) => this.runner.run(c).catch(() => undefined);
        const back = this.rollout?.touched ? this.rollout.previous : undefined;
        await Promise.all([quietly(commands/* auditCommand */.Ht(deployPath, record)), back ? quietly(commands/* switchCurrentCommand */.zg(deployPath, back)) : undefined]);
        await this.lock.release();
    }
    async run() {
        const { rs, kind } = this;
        // The lock comes first: a run that waited for another must read the host as that one left it.
        this.lock = await (0,lock/* acquireLock */.IZ)(this.runner, { ...rs, sha: kind.knownSha }, this.token, this.reporter, () => this.checkCancelled());
        try {
            let facts = (0,probe/* parseProbe */.u5)((await this.exec((0,probe/* probeCommand */.CL)(rs.deployPath, rs.project, rs.deployTarget), 'reading the host state')).stdout);
            this.facts = facts;
            this.checkCancelled();
            this.flavor = preflight(facts, rs, this.runner.where, this.reporter, () => kind.preflight(facts, this.runner.where));
            if (this.lock.tookOverFrom)
                facts = this.facts = await this.recordAbandoned(this.lock.tookOverFrom, facts);
            const sha = kind.resolveTarget(facts);
            this.target = sha;
            await this.onTarget(sha);
            const idle = kind.nothingToDo(sha, facts, this.runner.where);
            if (idle) {
                this.reporter.info(idle.text.replace(/`/g, ''));
                this.reporter.summary([`### ${idle.title}`, '', idle.text, ''].join('\n'));
                return { ok: true, outputs: runOutputs(this.state, 'success', false) };
            }
            const rollout = new PROCEDURES[rs.deployTarget](this, sha, facts);
            this.rollout = rollout;
            return await rollout.run();
        }
        finally {
            await this.lock.release();
        }
    }
    /** Everything the outputs, the summary and the audit record are made of, as far as the run got. */
    get state() {
        const r = this.rollout;
        return {
            kind: this.kind,
            rs: this.rs,
            runner: this.runner,
            startedAt: this.startedAt,
            flavor: this.flavor,
            sha: this.target ?? this.kind.knownSha ?? '',
            previous: r?.previous,
            facts: this.facts,
            outcomes: r?.outcomes ?? [],
            services: r?.services ?? [],
            additions: r?.additions ?? {},
        };
    }
    /**
     * A run killed outright left the lock (taken over once its lease lapsed) and maybe a half-moved
     * host: the audit log says so, and if it had already pointed current at its own, never-verified
     * release, a failure of this run returns to the last release that succeeded instead (the facts
     * returned say so).
     */
    async recordAbandoned(gone, facts) {
        const { rs } = this;
        const who = [gone.actor, gone.runUrl].filter(Boolean).join(' ') || 'an unknown run';
        await this.exec(commands/* auditCommand */.Ht(rs.deployPath, {
            action: 'deploy',
            kind: 'abandoned',
            sha: gone.sha ?? 'unknown',
            actor: gone.actor ?? undefined,
            runUrl: gone.runUrl ?? undefined,
            startedAt: gone.startedAt,
            finishedAt: new Date().toISOString(),
            result: 'failed',
            error: `abandoned: the run stopped renewing its lock lease (it was killed outright); taken over by ${[rs.actor, rs.runUrl].filter(Boolean).join(' ') || 'the next deploy'}`,
        }), 'recording the run whose lock was taken over');
        const unverified = gone.sha && facts.current === gone.sha && !facts.audit.some((r) => r.sha === gone.sha && r.result === 'success');
        if (!unverified)
            return facts;
        const good = [...facts.audit].reverse().find((r) => r.result === 'success' && facts.releases.includes(r.sha));
        this.reporter.warning(`the run taken over (${who}) had pointed current at its own release ${gone.sha.slice(0, 12)}, which never passed its gates; ${good ? `a failure of this deploy returns to ${good.sha.slice(0, 12)}, the last release that succeeded` : 'no earlier successful release is kept'}`);
        return { ...facts, current: good?.sha };
    }
    checkCancelled() {
        if (this.cancelled)
            throw new Cancelled('the run was cancelled');
    }
    async exec(command, what) {
        this.reporter.debug((0,runner_runner/* shellText */.o0)(command));
        const started = Date.now();
        const res = await (0,runner_runner/* runChecked */.X4)(this.runner, command, what);
        this.reporter.info(`▸ ${what} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        return res;
    }
}

;// CONCATENATED MODULE: ./src/deploy/run-on-host.ts





/**
 * Every kind of run shares everything from here: the connection, the lock, the rolling procedure,
 * the recovery, the interrupts and the GitHub Deployment. The Deployment's ref is the release made
 * live: known at once for a deploy, once the host has been read for a rollback.
 */
async function runOnHost(rs, kind, reporter, services = {}) {
    let tracker;
    const track = async (sha) => {
        if (!rs.github || tracker)
            return;
        tracker = new GitHubDeployment(rs.github, sha, reporter);
        await tracker.start();
    };
    if (kind.knownSha !== undefined)
        await track(kind.knownSha);
    let result;
    const startedAt = Date.now();
    try {
        const connect = services.connectHost ?? ssh_connect/* connectHost */.Z;
        const runner = await connect(rs.target, reporter);
        const run = new HostRun(runner, rs, reporter, kind, track);
        // First request: stop and roll back. Second (the kill is near): record it and free the lock before the process ends.
        const stopListening = services.interrupts?.listen(() => run.cancel(), () => Promise.all([run.abandon(), tracker?.finish('failure', 'the run was cancelled')]).then(() => undefined));
        try {
            result = await run.run();
            return result;
        }
        finally {
            stopListening?.();
            await runner.close();
        }
    }
    catch (err) {
        // Bad input stays an exception (exit 2); a run that could not start still reports its outputs.
        if (err instanceof errors/* InputError */.dz)
            throw err;
        result = notStarted(rs, kind, err.message, startedAt, reporter);
        return result;
    }
    finally {
        await tracker?.finish(result ? (result.ok ? 'success' : 'failure') : 'error', result?.message);
    }
}


/***/ }),

/***/ 86614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Di: () => (/* binding */ stackOverride),
/* harmony export */   F0: () => (/* binding */ stackDeployCommand),
/* harmony export */   O$: () => (/* binding */ parseStackImages),
/* harmony export */   Sg: () => (/* binding */ watchOrder),
/* harmony export */   aG: () => (/* binding */ stackRemoveCommand),
/* harmony export */   gD: () => (/* binding */ parseWaitOutput),
/* harmony export */   iv: () => (/* binding */ serviceWaitCommand),
/* harmony export */   m1: () => (/* binding */ parseSince),
/* harmony export */   sE: () => (/* binding */ releaseServices),
/* harmony export */   t5: () => (/* binding */ keptStack)
/* harmony export */ });
/* unused harmony exports updateConfig, convergeSeconds */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _compose_deploy_role_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53574);
/* harmony import */ var _compose_service_name_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(82311);
/* harmony import */ var _compose_model_vars_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8040);
/* harmony import */ var _host_script_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(38959);
/* harmony import */ var _shell_scripts_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(10428);






/** The update_config the deploy sets (validate's summary shows the same, src/validate/rules/swarm.ts). */
function updateConfig(healthTimeout) {
    return { parallelism: 1, order: 'start-first', failure_action: 'rollback', monitor: `${healthTimeout}s` };
}
/**
 * The file laid over the release's Compose files: every rolled service gets the update_config the
 * deploy sets (and a start-first rollback_config, for Swarm's own rollback), and with `pin`, each
 * service the image its digest names. JSON is YAML: no quoting of our own.
 */
function stackOverride(services, healthTimeout, pin) {
    const out = {};
    for (const s of services) {
        const deploy = s.rolled ? { update_config: updateConfig(healthTimeout), rollback_config: { parallelism: 1, order: 'start-first' } } : undefined;
        const image = pin ? s.image : undefined;
        if (deploy || image)
            out[s.name] = { ...(image ? { image } : {}), ...(deploy ? { deploy } : {}) };
    }
    return `services: ${JSON.stringify(out)}`;
}
/**
 * The release's services as the runner reads its Compose files (the swarm target has no Compose on the
 * manager to render them): names, replicas, and which the deploy rolls, judged as the compose target
 * judges it (deployRole) on the image with the release's variables and the env-file's values.
 */
function releaseServices(composeTexts, sha, deployPath, env, rs) {
    const merged = new Map();
    for (const text of composeTexts) {
        const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
        for (const [name, s] of Object.entries(doc?.services ?? {})) {
            const was = merged.get(name) ?? { profiles: [] };
            const deploy = (s?.['deploy'] ?? {});
            merged.set(name, {
                image: typeof s?.['image'] === 'string' ? s['image'] : was.image,
                replicas: typeof deploy.replicas === 'number' ? deploy.replicas : was.replicas,
                profiles: Array.isArray(s?.['profiles']) ? s['profiles'] : was.profiles,
                restart: typeof s?.['restart'] === 'string' ? s['restart'] : was.restart,
            });
        }
    }
    const vars = new Map(Object.entries({ ...env, ...(0,_compose_deploy_role_js__WEBPACK_IMPORTED_MODULE_3__/* .releaseVariables */ .hV)(sha, deployPath) }));
    return [...merged].map(([name, s]) => {
        (0,_compose_service_name_js__WEBPACK_IMPORTED_MODULE_1__/* .checkServiceName */ .PV)(name, 'the prod Compose set');
        const image = s.image === undefined ? undefined : (0,_compose_model_vars_js__WEBPACK_IMPORTED_MODULE_2__/* .interpolate */ .GW)(s.image, vars, () => undefined);
        const role = (0,_compose_deploy_role_js__WEBPACK_IMPORTED_MODULE_3__/* .deployRole */ .sy)({ name, image, profiles: s.profiles, restart: s.restart }, sha, { migrateService: rs.migrate?.service, perService: rs.services });
        return { name, rolled: role === 'update', replicas: s.replicas ?? 1 };
    });
}
/** The services a kept release ran, pinned by digest, from its last successful audit record. */
function keptStack(audit, sha) {
    const r = [...audit].reverse().find((x) => x.sha === sha && x.result === 'success' && x['swarm']);
    const swarm = r?.['swarm'];
    if (!swarm || !Array.isArray(swarm.services) || swarm.services.some((s) => typeof s.image !== 'string' || !s.image.includes('@sha256:')))
        return undefined;
    return { services: swarm.services.map((s) => ({ name: (0,_compose_service_name_js__WEBPACK_IMPORTED_MODULE_1__/* .checkServiceName */ .PV)(s.name, 'the audit log'), rolled: !!s.rolled, replicas: Number(s.replicas) || 1, image: s.image })) };
}
/** The order services are watched in: the config's order first, then the others as the files list them. */
function watchOrder(services, order) {
    const first = order.map((n) => services.find((s) => s.name === n)).filter((s) => !!s);
    return [...first, ...services.filter((s) => !order.includes(s.name))];
}
/**
 * How long one service may take to converge: a health-timeout for each task replaced one at a time,
 * one more for Swarm's monitor window after the last, and a minute for the pulls on the nodes.
 */
function convergeSeconds(s, healthTimeout) {
    return healthTimeout * (s.rolled ? s.replicas + 1 : 1) + 60;
}
/** `docker stack deploy` of a release's files with the override laid over them; the password on stdin. */
function stackDeployCommand(release, stack, override, login) {
    return (0,_host_script_js__WEBPACK_IMPORTED_MODULE_4__/* .hostScript */ .Q)('stack-deploy', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_5__/* .STACK_DEPLOY_SCRIPT */ .Bl, [release.dir, (0,_compose_service_name_js__WEBPACK_IMPORTED_MODULE_1__/* .checkServiceName */ .PV)(stack, 'the stack'), override, login?.registry ?? '', login?.user ?? '', ...release.files], login?.password);
}
/** Waits for each service in turn (one round trip); `cancelMarker`: none for a rollback, which must finish. */
function serviceWaitCommand(stack, services, healthTimeout, since, cancelMarker = '', mode = 'update') {
    return (0,_host_script_js__WEBPACK_IMPORTED_MODULE_4__/* .hostScript */ .Q)('service-wait', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_5__/* .SERVICE_WAIT_SCRIPT */ ._f, [stack, cancelMarker, String(since), mode, ...services.map((s) => `${s.name}:${convergeSeconds(s, healthTimeout)}`)]);
}
/** Removes what a failed first release started (volumes stay). */
const stackRemoveCommand = (stack) => ({ argv: ['docker', 'stack', 'rm', (0,_compose_service_name_js__WEBPACK_IMPORTED_MODULE_1__/* .checkServiceName */ .PV)(stack, 'the stack')] });
/** The manager's clock before its stack deploy, from stack-deploy's since= line (0: take every update status as this run's). */
function parseSince(stdout) {
    const m = /^since=(\d+)$/m.exec(stdout);
    return m ? Number(m[1]) : 0;
}
/** The images the stack's services run, from stack-deploy's image=<stack> <stack>_<service> <ref> lines. */
function parseStackImages(stdout, stack) {
    const out = new Map();
    for (const line of stdout.split('\n')) {
        const m = /^image=(\S*) (\S+) (\S+)$/.exec(line);
        if (!m || m[1] !== stack || !m[2].startsWith(`${stack}_`))
            continue;
        out.set(m[2].slice(stack.length + 1), m[3]);
    }
    return out;
}
function parseWaitOutput(stdout) {
    const lines = stdout.split('\n');
    const converged = lines
        .map((l) => /^converged=(\S+) after=(\d+)/.exec(l))
        .filter((m) => !!m)
        .map((m) => ({ service: m[1], seconds: Number(m[2]) }));
    const value = (key) => lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);
    return { converged, failed: value('failed'), reason: value('reason'), tasks: lines.filter((l) => l.startsWith('task| ')).join('\n') };
}


/***/ }),

/***/ 82981:
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
