export const id = 312;
export const ids = [312];
export const modules = {

/***/ 90528:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  P7: () => (/* binding */ backupAndKeep),
  zW: () => (/* binding */ backupOutputs),
  fj: () => (/* binding */ backupSummary)
});

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/backup/commands.ts + 2 modules
var commands = __webpack_require__(96141);
;// CONCATENATED MODULE: ./src/backup/copy-to.ts



/**
 * Sends a verified dump to the second host through this machine (so neither host holds a key to the
 * other): streamed from the deploy host straight into the copy-to host, checked there against the
 * checksum before it gets its name, then manifest and sidecar, then `sha256sum -c` on that host.
 */
async function copyBackup(from, connect, made, to, reporter) {
    const remote = await connect(to.target, reporter);
    try {
        const pipe = new external_node_stream_.PassThrough();
        const [sent, received] = await Promise.all([
            from.runStream((0,commands/* readCommand */.UK)(made.file), { sink: pipe }),
            remote.runStream((0,commands/* receiveCommand */.TQ)(to.path, made.name, made.manifest.sha256), { source: pipe }),
        ]);
        if (sent.code !== 0)
            throw new errors/* OperationError */.OK(`copy-to: reading ${made.file} failed (exit ${sent.code}): ${sent.stderr.trim()}`);
        if (received.code !== 0)
            throw new errors/* OperationError */.OK(`copy-to ${remote.where}: ${received.stdout.trim() || received.stderr.trim()}`);
        const meta = await remote.run((0,commands/* receiveMetaCommand */.cB)(to.path, made.name, made.manifest.sha256, JSON.stringify(made.manifest, null, 2)));
        if (meta.code !== 0 || !meta.stdout.includes('verified='))
            throw new errors/* OperationError */.OK(`copy-to ${remote.where}: the copy did not verify: ${meta.stderr.trim()}`);
        const where = `${remote.where}:${to.path}/${made.name}`;
        reporter.info(`▸ copied ${made.name} to ${where} (checksum verified there)`);
        return where;
    }
    finally {
        await remote.close();
    }
}

// EXTERNAL MODULE: ./src/runtime/sha256-file.ts
var sha256_file = __webpack_require__(26464);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/backup/download.ts





/**
 * Fetches a verified dump to this machine (CLI --download, the workflow's artifact): written under
 * a temporary name, its sha256 checked against the manifest, then renamed; manifest and sidecar beside it.
 */
async function downloadBackup(runner, made, dir) {
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const final = (0,external_node_path_.join)(dir, made.name);
    const tmp = (0,external_node_path_.join)(dir, `.${made.name}.partial`);
    try {
        const res = await runner.runStream((0,commands/* readCommand */.UK)(made.file), { sink: (0,external_node_fs_.createWriteStream)(tmp) });
        if (res.code !== 0)
            throw new errors/* OperationError */.OK(`downloading ${made.file} failed (exit ${res.code}): ${res.stderr.trim()}`);
        const got = await (0,sha256_file/* sha256File */.Q)(tmp);
        if (got !== made.manifest.sha256)
            throw new errors/* OperationError */.OK(`the downloaded ${made.name} has sha256 ${got}, the manifest says ${made.manifest.sha256}: not kept`);
        (0,external_node_fs_.writeFileSync)(`${final}.json`, `${JSON.stringify(made.manifest, null, 2)}\n`);
        (0,external_node_fs_.writeFileSync)(`${final}.sha256`, `${got}  ${made.name}\n`);
        (0,external_node_fs_.renameSync)(tmp, final);
        return final;
    }
    finally {
        (0,external_node_fs_.rmSync)(tmp, { force: true });
    }
}

// EXTERNAL MODULE: ./src/runner/runner.ts
var runner_runner = __webpack_require__(41814);
// EXTERNAL MODULE: ./src/backup/retention.ts
var retention = __webpack_require__(65668);
;// CONCATENATED MODULE: ./src/backup/prune.ts



/** Applies backup.keep / backup.keep-days to the dir as listed before this backup, plus the dump just made. */
async function pruneBackups(runner, bs, reporter, before, made) {
    const files = [...before, { name: made.name, size: made.manifest.size }, { name: `${made.name}.sha256`, size: 1 }, { name: `${made.name}.json`, size: 1 }];
    const plan = (0,retention/* planRetention */.S)(files, bs.project, new Date(), bs.keep, bs.keepDays);
    if (plan.remove.length === 0)
        return [];
    // The dump just made is the newest verified one: the plan can never remove it.
    if (plan.remove.includes(made.name))
        throw new Error(`retention would remove ${made.name}, the newest backup`);
    const res = await (0,runner_runner/* runChecked */.X4)(runner, (0,commands/* removeCommand */.mR)(bs.dir, plan.remove), 'removing old backups');
    const removed = res.stdout.split('\n').filter((l) => l.startsWith('removed=')).map((l) => l.slice(8));
    reporter.info(`backups kept: ${plan.kept.length} (keep ${bs.keep}${bs.keepDays ? `, and all younger than ${bs.keepDays} days` : ''}); removed: ${removed.join(', ')}`);
    return removed;
}

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/backup/take-backup.ts
var take_backup = __webpack_require__(90414);
// EXTERNAL MODULE: ./src/host/key-values.ts
var key_values = __webpack_require__(19364);
;// CONCATENATED MODULE: ./src/backup/backup-flow.ts








/**
 * The whole backup after the lock: inspect, dump and check, name it, apply retention, then take it
 * off the host (copy-to, download). `connect` reaches backup.copy-to's host. `found`: an inspection already made.
 */
async function backupAndKeep(runner, connect, bs, reporter, release, found) {
    let made;
    let inspection;
    if (bs.external) {
        const client = await startClient(runner, bs, reporter);
        try {
            inspection = client.container ? await (0,take_backup/* inspectDatabase */.IE)(runner, bs, client.container) : client;
            made = await (0,take_backup/* takeBackup */.ay)(runner, bs, reporter, inspection, release);
        }
        finally {
            if (client.container)
                await runner.run((0,commands/* clientStopCommand */.dJ)(client.container)).catch(() => undefined);
        }
    }
    else {
        inspection = found ?? (await (0,take_backup/* inspectDatabase */.IE)(runner, bs));
        made = await (0,take_backup/* takeBackup */.ay)(runner, bs, reporter, inspection, release);
    }
    const removed = await pruneBackups(runner, bs, reporter, inspection.files, made);
    const copiedTo = bs.copyTo ? await copyBackup(runner, connect, made, bs.copyTo, reporter) : undefined;
    const downloadedTo = bs.download ? await downloadBackup(runner, made, bs.download) : undefined;
    if (downloadedTo)
        reporter.info(`▸ downloaded ${made.name} to ${downloadedTo} (checksum verified)`);
    return { ...made, removed, copiedTo, downloadedTo };
}
function backupOutputs(done) {
    return { 'backup-file': done?.file ?? '', 'backup-manifest': done ? JSON.stringify(done.manifest) : '' };
}
function backupSummary(done, where) {
    const m = done.manifest;
    const tables = Object.entries(m.tables);
    return [
        `### ✅ Backup of \`${m.database}\``,
        '',
        `\`${done.file}\` on ${where}: ${(0,format/* formatBytes */.z)(m.size)}, ${tables.length} tables, ${m.duration_seconds}s, Postgres ${m.server_version.split(' ')[0]}, release \`${m.sha.slice(0, 12)}\`.`,
        `Checked: PGDMP header, pg_restore --list, every data block read; sha256 \`${m.sha256}\`.`,
        ...(done.copiedTo ? [`Copied to ${done.copiedTo} (checksum verified there).`] : []),
        ...(done.downloadedTo ? [`Downloaded to ${done.downloadedTo}.`] : []),
        ...(done.removed.length > 0 ? [`Retention removed: ${done.removed.map((r) => `\`${r}\``).join(', ')}.`] : []),
        '',
        '| table | rows |',
        '|---|---|',
        ...tables.slice(0, 50).map(([t, n]) => `| ${t} | ${n} |`),
        ...(tables.length > 50 ? [`| … ${tables.length - 50} more | |`] : []),
        '',
    ].join('\n');
}
/** External Postgres: starts the throwaway client container, or says why it could not. */
async function startClient(runner, bs, reporter) {
    const { image, urlVariable } = bs.external;
    const res = await runner.run((0,commands/* clientStartCommand */.p1)(bs.deployPath, urlVariable, image));
    const kv = (0,key_values/* parseKeyValues */.H)(res.stdout);
    if (res.code !== 0)
        throw new errors/* OperationError */.OK(`backup of the external database: ${kv.get('failed')?.[0] ?? `exit ${res.code}`}: ${reporter.redact(res.stderr.trim())}`);
    const state = kv.get('state')?.[0] === 'running' ? 'running' : 'absent';
    if (state === 'running')
        reporter.info(`▸ started a ${image} client container for ${urlVariable}`);
    return { state, container: kv.get('container')?.[0], why: kv.get('why')?.[0], files: [] };
}


/***/ }),

/***/ 65668:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ planRetention)
/* harmony export */ });
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6345);

const DAY_MS = 86_400_000;
/**
 * Keeps the newest `keep` verified dumps and every one younger than `keepDays`; the newest verified
 * dump is never removed. A dump counts as verified only with its .sha256 sidecar beside it (the
 * backup writes the sidecar before it renames the dump): anything else of ours is a leftover of a
 * failed run, removed and never counted. Files that are not ours are left alone.
 */
function planRetention(files, project, now, keep, keepDays) {
    const names = new Set(files.map((f) => f.name));
    const dumps = files
        .map((f) => ({ ...f, at: (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDumpName */ .Zy)(f.name, project) }))
        .filter((f) => f.at !== undefined);
    const verified = dumps.filter((d) => names.has(`${d.name}.sha256`) && d.size > 0).sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
    const kept = verified.filter((d, i) => i < Math.max(1, keep) || now.getTime() - d.at.getTime() < keepDays * DAY_MS).map((d) => d.name);
    const remove = new Set();
    for (const d of dumps)
        if (!kept.includes(d.name))
            remove.add(d.name);
    for (const f of files) {
        const sidecarOf = /^(.*\.dump)\.(sha256|json)$/.exec(f.name)?.[1];
        if (sidecarOf && (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDumpName */ .Zy)(sidecarOf, project) && !names.has(sidecarOf))
            remove.add(sidecarOf);
        if (/^\..*\.dump\.partial$/.test(f.name) && (0,_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDumpName */ .Zy)(f.name.slice(1, -'.partial'.length), project))
            remove.add(f.name);
    }
    return { kept, remove: [...remove].sort() };
}


/***/ }),

/***/ 90414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IE: () => (/* binding */ inspectDatabase),
/* harmony export */   ay: () => (/* binding */ takeBackup),
/* harmony export */   jq: () => (/* binding */ requireRunning)
/* harmony export */ });
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(12011);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _host_key_values_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19364);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41814);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96141);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6345);






/** Reads the service's container, database, role, versions and the backup dir; bad input throws InputError. */
async function inspectDatabase(runner, bs, container = '') {
    const res = await runner.run(_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .inspectCommand */ .QR(bs.project, bs.service, bs.database, bs.user, bs.dir, container));
    const kv = (0,_host_key_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyValues */ .H)(res.stdout);
    const one = (k) => kv.get(k)?.[0];
    const state = one('state');
    if (!state)
        throw new _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandFailed */ .nk('inspecting the database service', runner.where, res);
    const files = (kv.get('file') ?? []).map((l) => ({ size: Number(l.slice(0, l.indexOf(' '))), name: l.slice(l.indexOf(' ') + 1) }));
    const found = { state, container: one('container'), database: one('database'), user: one('user'), pgDumpVersion: one('pg-dump-version'), files };
    if (state !== 'running')
        return found;
    if (one('bad-name') !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`the database or user read from the ${bs.service} container's POSTGRES_DB/POSTGRES_USER (${one('bad-name')}) holds characters a backup does not accept; set backup.database and backup.user`);
    }
    if (res.code === 3) {
        const why = (kv.get('connect-error') ?? []).join(' ').trim();
        if (/does not exist/.test(why))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`backup: ${why.replace(/^.*?FATAL:\s*/, '')} in service ${bs.service} (check backup.database and backup.user)`);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`backup: could not connect to database ${found.database} as ${found.user} in service ${bs.service}: ${why}`);
    }
    if (res.code !== 0)
        throw new _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandFailed */ .nk('inspecting the database service', runner.where, res);
    const facts = JSON.parse(one('facts') ?? '{}');
    const freeKb = one('free-kb');
    return { ...found, serverVersion: facts.server_version, databaseSize: facts.database_size, freeKb: freeKb && /^\d+$/.test(freeKb) ? Number(freeKb) : undefined };
}
/** The inspection's verdict for a backup that must run now: the container, or a clear error. */
function requireRunning(bs, found) {
    if (found.state === 'absent' && bs.external)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`backup of the external database: ${found.why ?? 'no client could be started'}`);
    if (found.state === 'absent') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`backup.service "${bs.service}": no container of that service in Compose project ${bs.project} on the host (is the name right, and has the stack been deployed?)`);
    }
    if (found.state === 'stopped')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`backup.service "${bs.service}" of project ${bs.project} is not running: start it, then back up`);
    // The dump is compressed and usually much smaller, but an estimate that can be wrong must err on the safe side.
    if (found.databaseSize !== undefined && found.freeKb !== undefined && found.freeKb * 1024 < found.databaseSize) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`not enough disk for the dump in ${bs.dir}: ${Math.floor(found.freeKb / 1024)} MB free, the database is ${Math.ceil(found.databaseSize / 1048576)} MB (pg_database_size, the estimate); free space or point backup.dir elsewhere`);
    }
}
/**
 * Dumps the database in one snapshot with its row counts, checks the dump, and gives it its final
 * name with manifest and sidecar beside it. Any failure leaves no file under a final name.
 */
async function takeBackup(runner, bs, reporter, found, release) {
    requireRunning(bs, found);
    const sha = release.sha ?? bs.sha ?? 'unknown';
    let at = new Date();
    // Two backups within one second would share a name: wait for the next second instead.
    while (found.files.some((f) => f.name === (0,_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .dumpFileName */ .Mq)(bs.project, at, sha))) {
        await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
        at = new Date();
    }
    const name = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .dumpFileName */ .Mq)(bs.project, at, sha);
    const tmp = _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .partialPath */ .Dn(bs.dir, name);
    const final = `${bs.dir}/${name}`;
    const started = Date.now();
    const dump = _commands_js__WEBPACK_IMPORTED_MODULE_2__/* .dumpCommand */ .Y3(found.container, found.database, found.user, tmp);
    reporter.debug((0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .shellText */ .o0)(dump));
    const res = await runner.run(dump);
    const kv = (0,_host_key_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyValues */ .H)(res.stdout);
    if (res.code !== 0) {
        const detail = res.stdout.split('\n').filter((l) => /^[a-z_]+\.err\| /.test(l)).slice(-10).join('\n');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(reporter.redact(`backup of ${found.database} failed on ${runner.where}: ${kv.get('failed')?.[0] ?? `exit ${res.code}`}${(0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .tail */ .RT)(detail || res.stderr, 10)}. No file was kept under a final name.`));
    }
    const duration = (Date.now() - started) / 1000;
    const manifest = {
        project: bs.project,
        service: bs.service,
        database: found.database,
        user: found.user,
        format: 'custom',
        server_version: found.serverVersion ?? '',
        pg_dump_version: found.pgDumpVersion ?? '',
        size: Number(kv.get('size')?.[0]),
        sha256: kv.get('checksum')?.[0] ?? '',
        created_at: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        duration_seconds: Math.round(duration * 10) / 10,
        sha,
        tables: (0,_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .parseTableCounts */ .em)(kv.get('counts')?.[0] ?? '{}'),
        ...(release.deployingSha ? { deploying_sha: release.deployingSha } : {}),
    };
    if (!/^[0-9a-f]{64}$/.test(manifest.sha256) || !(manifest.size > 0))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`backup of ${found.database}: the host did not report a size and checksum for the dump`);
    const finish = await runner.run(_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .finishCommand */ .pF(tmp, final, manifest.sha256, JSON.stringify(manifest, null, 2)));
    if (finish.code !== 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`backup of ${found.database}: could not store the checked dump as ${final}: ${(0,_host_key_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyValues */ .H)(finish.stdout).get('failed')?.[0] ?? finish.stderr.trim()}`);
    reporter.info(`▸ backed up ${found.database}: ${final} (${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z)(manifest.size)}, ${Object.keys(manifest.tables).length} tables, ${duration.toFixed(1)}s)`);
    return { file: final, name, manifest };
}


/***/ }),

/***/ 73312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployCommand: () => (/* binding */ deployCommand),
  deployKind: () => (/* binding */ deployKind),
  keptReleases: () => (/* binding */ keptReleases)
});

// EXTERNAL MODULE: ./src/compose/deploy-role.ts
var deploy_role = __webpack_require__(53574);
// EXTERNAL MODULE: ./src/host/key-values.ts
var key_values = __webpack_require__(19364);
// EXTERNAL MODULE: ./src/runtime/tar.ts
var runtime_tar = __webpack_require__(28623);
// EXTERNAL MODULE: ./src/ssh/connect.ts
var ssh_connect = __webpack_require__(81456);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/backup/backup-settings.ts
var backup_settings = __webpack_require__(26502);
// EXTERNAL MODULE: ./src/backup/backup-flow.ts + 3 modules
var backup_flow = __webpack_require__(90528);
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
    /**
     * Undefined unless deploy.backup is true; bad backup settings are bad input before the deploy starts.
     * `host`: the deploy's own reading of the host, project and lock, not parsed a second time.
     */
    static forDeploy(settings, host) {
        if (!settings.config.deploy?.backup)
            return undefined;
        return new PreDeployBackup({ ...(0,backup_settings/* backupSettings */.cg)(settings, host), download: undefined, verify: undefined });
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

// EXTERNAL MODULE: ./src/deploy/commands.ts + 1 modules
var commands = __webpack_require__(56215);
// EXTERNAL MODULE: ./src/deploy/deploy-settings.ts + 1 modules
var deploy_settings = __webpack_require__(88229);
// EXTERNAL MODULE: ./src/deploy/env-file-input.ts
var env_file_input = __webpack_require__(24958);
// EXTERNAL MODULE: ./src/deploy/dry-run.ts
var dry_run = __webpack_require__(82034);
// EXTERNAL MODULE: ./src/deploy/run-on-host.ts + 11 modules
var run_on_host = __webpack_require__(66169);
// EXTERNAL MODULE: ./src/deploy/compose-services.ts
var compose_services = __webpack_require__(13124);
// EXTERNAL MODULE: ./src/deploy/swarm-commands.ts
var swarm_commands = __webpack_require__(86614);
// EXTERNAL MODULE: ./src/compose/model-env.ts + 1 modules
var model_env = __webpack_require__(89445);
;// CONCATENATED MODULE: ./src/deploy/deploy-command.ts














/** `deploy`: the commit's images to the host, gated and rolling, or the previous release left serving. */
async function deployCommand(settings, reporter, services = {}) {
    const ds = (0,deploy_settings/* deploySettings */.$Y)(settings);
    const backup = PreDeployBackup.forDeploy(settings, ds);
    if (ds.deployTarget === 'swarm')
        refuseOnSwarm(ds, backup);
    const kind = deployKind(ds, { backup, connect: services.connectHost ?? ssh_connect/* connectHost */.Z });
    if (ds.dryRun)
        return (0,dry_run/* printPlan */.Z)(ds, kind.plan, reporter);
    return (0,run_on_host/* runOnHost */.l)(ds, kind, reporter, services);
}
/**
 * A deploy as a kind of run: its commit is known from the start; its files and .env are uploaded;
 * after the pull come the pre-deploy backup (deploy.backup) and the migration; a success prunes old
 * releases.
 */
function deployKind(ds, { backup, connect = ssh_connect/* connectHost */.Z } = {}) {
    const swarmServices = ds.deployTarget === 'swarm' ? swarmServicesOf(ds) : undefined;
    return {
        name: 'deploy',
        knownSha: ds.sha,
        swarmServices,
        plan: {
            what: `deploy of ${ds.sha} to`,
            title: 'Deploy',
            sha: ds.sha,
            stage: ['upload the release (tar on stdin)', commands/* unpackCommand */.YT(ds.deployPath, ds.sha, '')],
            beforeSwitch: (target) => ds.migrate
                ? [
                    ['start what the migration needs, recreating nothing that runs', commands/* migrationDependenciesCommand */.pj(target, ['MIGRATION_DEPENDENCIES...'])],
                    ['run the migration', commands/* migrateCommand */.vu(target, ds.migrate)],
                ]
                : [],
            record: ['append to the audit log (record on stdin), then prune old releases', commands/* auditAndPruneCommand */.Gi(ds.deployPath, {}, [ds.sha, '<kept releases>'])],
            swarmServices,
        },
        words: {
            notStarted: `Deploy of ${ds.sha} to`,
            notStartedTitle: '❌ Deploy failed',
            failedLine: (sha) => `deploy of ${sha}`,
            failedMessage: (sha) => `Deploy of ${sha} to`,
            succeededTitle: '✅ Deployed',
            failedTitle: (rolledBack) => (rolledBack ? '↩️ Rolled back' : '❌ Deploy failed'),
            successSuffix: '',
        },
        preflight(facts, where) {
            if (ds.envFileContent !== undefined)
                (0,env_file_input/* checkEnvFileInput */.O)(ds.envFileContent, facts.composeCommand, where);
        },
        resolveTarget: () => ds.sha,
        // A deploy of the live release is a redeploy: it runs.
        nothingToDo: () => undefined,
        stage: (steps, sha, startedAt) => upload(steps, ds, sha, startedAt),
        async beforeSwitch(steps, at, adds) {
            if (backup)
                adds.outputs = await backup.run(steps.runner, connect, { live: at.facts.current, deploying: at.sha, running: at.facts.running, services: at.services.map((s) => s.name) }, steps.reporter);
            if (ds.migrate) {
                await migrate(steps, ds.migrate, at);
                adds.audit = { migration: ds.migrate.service };
            }
        },
        auditFields: () => ({}),
        async recordSuccess(steps, record, sha, facts) {
            const keep = keptReleases([...facts.audit, record], sha, ds.keepReleases);
            const pruned = (await steps.exec(commands/* auditAndPruneCommand */.Gi(ds.deployPath, record, keep), 'appending to the audit log, pruning old releases')).stdout
                .split('\n')
                .filter((l) => l.startsWith('pruned='))
                .map((l) => l.slice(7));
            if (pruned.length > 0)
                steps.reporter.info(`pruned releases: ${pruned.join(', ')}`);
        },
        successNotes: () => [],
    };
}
/**
 * What the swarm target does not do in this version, refused before anything connects: the migration
 * (Compose's one-off run has no stack counterpart the deploy drives yet) and the pre-deploy backup
 * (it reaches the database through the host's Compose project).
 */
function refuseOnSwarm(ds, backup) {
    const refused = [ds.migrate ? 'deploy.migrate' : '', backup ? 'deploy.backup' : ''].filter(Boolean);
    if (refused.length > 0)
        throw new errors/* InputError */.dz(`target: swarm: ${refused.join(' and ')} ${refused.length > 1 ? 'are' : 'is'} not available for a swarm in this version; remove ${refused.length > 1 ? 'them' : 'it'} from the config (run the migration and the backup outside the deploy) or deploy with target: compose. Nothing was done`);
}
/** The release's services as its Compose files and the env-file input name them (the manager has no Compose to render them). */
function swarmServicesOf(ds) {
    const texts = ds.files.filter((f) => ds.composeFiles.includes(f.path)).map((f) => f.content.toString('utf8'));
    const env = ds.envFileContent === undefined ? {} : (0,model_env/* envValues */.Qo)((0,model_env/* parseEnvText */.iQ)(ds.envFileContent, 'input env-file'));
    return (0,swarm_commands/* releaseServices */.sE)(texts, ds.sha, ds.deployPath, env, ds);
}
/** The release's files, its .env and the Compose files it is made with, unpacked on the host; returns the host's release records. */
async function upload(steps, ds, sha, startedAt) {
    const env = [ds.envFileContent?.replace(/\n?$/, '\n') ?? '', ...Object.entries((0,deploy_role/* releaseVariables */.hV)(sha, ds.deployPath)).map(([k, v]) => `${k}=${v}\n`)].join('');
    const tar = (0,runtime_tar/* tarArchive */.G)([
        ...ds.files.map((f) => ({ path: f.path, data: f.content, mode: f.mode })),
        { path: commands/* COMPOSE_FILES_RECORD */.hY, data: ds.composeFiles.map((f) => `${f}\n`).join(''), mode: 0o644 },
        { path: '.env', data: env, mode: 0o600 },
    ], Math.floor(startedAt.getTime() / 1000));
    const res = await steps.exec(commands/* unpackCommand */.YT(ds.deployPath, sha, tar.toString('base64')), `uploading release ${sha.slice(0, 12)} (${ds.files.length} files and .env)`);
    for (const dir of (0,key_values/* parseKeyValues */.H)(res.stdout).get('removed-leftover') ?? [])
        steps.reporter.warning(`removed ${dir}, left on the host by an upload that was killed (it held a release's .env)`);
    return res.stdout;
}
async function migrate(steps, migration, at) {
    const { reporter, runner } = steps;
    const started = Date.now();
    const dependencies = (0,compose_services/* dependenciesOf */.hk)(at.services, migration.service);
    // `up --no-recreate` of what already runs changes nothing: the host's answer saves a Compose start.
    const stopped = dependencies.filter((d) => !at.facts.running[d]);
    if (stopped.length > 0)
        await steps.exec(commands/* migrationDependenciesCommand */.pj(at.target, dependencies), `starting what the migration needs (${dependencies.join(', ')})`);
    else if (dependencies.length > 0)
        reporter.info(`what the migration needs is running (${dependencies.join(', ')})`);
    const res = await runner.run(commands/* migrateCommand */.vu(at.target, migration));
    if (res.code !== 0) {
        // The output stays in the (masked) log and summary: migrations print connection strings, and
        // the error message travels on to the audit log and the GitHub deployment status.
        const output = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-30).join('\n');
        reporter.info(`migration output:\n${output}`);
        reporter.summary(`#### Migration output (exit ${res.code})\n\n\`\`\`\n${output}\n\`\`\`\n`);
        const serving = at.previous ? `release ${at.previous.slice(0, 12)} keeps serving` : 'nothing was running before';
        throw new Error(`migration "${migration.service}" exited with ${res.code}; no service was touched, ${serving} (its output is in the log and the summary)`);
    }
    reporter.info(`▸ migration ${migration.service} finished (${((Date.now() - started) / 1000).toFixed(1)}s)`);
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


/***/ }),

/***/ 12011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Sizes as people read them in logs and summaries: 512 B, 1.5 KiB, 62.0 MiB. */
function formatBytes(n) {
    if (n === undefined)
        return '';
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB'];
    let v = n / 1024;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
    }
    return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}


/***/ }),

/***/ 28623:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ tarArchive),
/* harmony export */   M: () => (/* binding */ withParents)
/* harmony export */ });
/*
 * The one ustar writer: a release's files travel to the host as one archive on stdin (one round
 * trip, and the .env secret never touches a command line), and validate's sandbox image is one
 * archive `docker import` reads. Regular files and directories only, no links, owner root. Small
 * enough to write here rather than depend on a package.
 */
const BLOCK = 512;
/** `mtime`: every entry's time unless it has its own. */
function tarArchive(entries, mtime = 0) {
    const parts = [];
    for (const e of entries) {
        const data = e.data === undefined ? undefined : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
        const path = e.path.replace(/^\/+/, '');
        if (path === '' || path.split('/').includes('..'))
            throw new Error(`a path that leaves the archive's root: ${e.path}`);
        parts.push(header(path + (data ? '' : '/'), data?.length ?? 0, e.mode, data ? '0' : '5', e.mtime ?? mtime));
        if (data)
            parts.push(data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
    }
    parts.push(Buffer.alloc(BLOCK * 2));
    return Buffer.concat(parts);
}
/** Every directory the entries' paths pass through, parents first, as entries of their own. */
function withParents(entries) {
    const dirs = new Set();
    for (const e of entries) {
        const parts = e.path.replace(/^\/+/, '').split('/');
        for (let i = 1; i < parts.length; i++)
            dirs.add(parts.slice(0, i).join('/'));
    }
    return [...[...dirs].sort().map((d) => ({ path: d, mode: 0o755 })), ...entries];
}
/** A name over 100 bytes is split at a "/" into ustar's prefix (155 bytes) and name fields. */
function header(name, size, mode, type, mtime) {
    const h = Buffer.alloc(BLOCK);
    let [prefix, base] = ['', name];
    if (Buffer.byteLength(name) > 100) {
        const at = [...name.matchAll(/\//g)].map((m) => m.index).find((i) => i <= 155 && i < name.length - 1 && Buffer.byteLength(name.slice(i + 1)) <= 100);
        if (at === undefined)
            throw new Error(`a path too long for a tar header: ${name}`);
        [prefix, base] = [name.slice(0, at), name.slice(at + 1)];
        if (Buffer.byteLength(prefix) > 155)
            throw new Error(`a path too long for a tar header: ${name}`);
    }
    h.write(base, 0, 100, 'utf8');
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0); // uid
    octal(h, 116, 8, 0); // gid
    octal(h, 124, 12, size);
    octal(h, 136, 12, Math.floor(mtime));
    h.fill(' ', 148, 156); // the checksum is computed over spaces
    h.write(type, 156);
    h.write('ustar\u000000', 257, 8, 'latin1');
    h.write(prefix, 345, 155, 'utf8');
    let sum = 0;
    for (const b of h)
        sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
    return h;
}
function octal(buf, offset, length, value) {
    buf.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'latin1');
}


/***/ })

};
