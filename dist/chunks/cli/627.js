export const id = 627;
export const ids = [627];
export const modules = {

/***/ 9910:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  backupCommand: () => (/* binding */ backupCommand)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/host/lock.ts
var host_lock = __webpack_require__(2703);
// EXTERNAL MODULE: ./src/host/probe.ts
var probe = __webpack_require__(9460);
// EXTERNAL MODULE: ./src/runner/runner.ts
var runner_runner = __webpack_require__(1814);
// EXTERNAL MODULE: ./src/ssh/connect.ts
var ssh_connect = __webpack_require__(1456);
// EXTERNAL MODULE: ./src/backup/backup-settings.ts
var backup_settings = __webpack_require__(6502);
// EXTERNAL MODULE: ./src/backup/commands.ts + 2 modules
var commands = __webpack_require__(6141);
;// CONCATENATED MODULE: ./src/backup/dry-run.ts


/** dry-run: the backup's remote commands, quoted as they would run; values only the host knows are <placeholders>. */
function printBackupPlan(bs, reporter) {
    const name = '<project>-<UTC stamp>-<sha>.dump';
    const steps = [
        ['inspect the database service', commands/* inspectCommand */.QR(bs.project, bs.service, bs.database, bs.user, bs.dir)],
        ['dump one snapshot with its row counts, and check it', commands/* dumpCommand */.Y3('<container>', bs.database ?? '<POSTGRES_DB>', bs.user ?? '<POSTGRES_USER>', commands/* partialPath */.Dn(bs.dir, name))],
        ['write manifest and sidecar, then name the dump (manifest on stdin)', commands/* finishCommand */.pF(commands/* partialPath */.Dn(bs.dir, name), `${bs.dir}/${name}`, '<sha256>', '')],
        [`retention: keep ${bs.keep}${bs.keepDays ? ` and all younger than ${bs.keepDays} days` : ''}`, commands/* removeCommand */.mR(bs.dir, ['<old dumps>'])],
    ];
    const text = steps.map(([what, c], i) => `${i + 1}. ${what}\n   ${(0,runner_runner/* shellText */.o0)({ ...c, stdin: undefined }).replace(/\n/g, '\n   ')}`).join('\n');
    reporter.info(`dry-run: backup of service ${bs.service} in ${bs.target.user}@${bs.target.host}:${bs.target.port}. Nothing is changed.\n${text}`);
    return { ok: true, outputs: { 'dry-run': 'true', plan: text } };
}

// EXTERNAL MODULE: ./src/backup/backup-flow.ts + 3 modules
var backup_flow = __webpack_require__(528);
// EXTERNAL MODULE: ./src/backup/take-backup.ts
var take_backup = __webpack_require__(414);
// EXTERNAL MODULE: ./src/backup/verify.ts
var verify = __webpack_require__(3257);
;// CONCATENATED MODULE: ./src/backup/backup-command.ts











/** `backup`: a snapshot-consistent, checked Postgres dump of backup.service, kept on the host (and copied off it). */
async function backupCommand(settings, reporter, services = {}) {
    const bs = (0,backup_settings/* backupSettings */.cg)(settings);
    if (bs.dryRun)
        return printBackupPlan(bs, reporter);
    const connect = services.connectHost ?? ssh_connect/* connectHost */.Z;
    const runner = await connect(bs.target, reporter);
    try {
        if (bs.verify)
            return await verifyCommandResult(runner, bs, bs.verify, reporter);
        // The deploy lock: a backup must not run beside a deploy's migration, nor beside another backup's retention.
        const lock = await (0,host_lock/* acquireLock */.IZ)(runner, { ...bs, sha: bs.sha ?? '' }, (0,external_node_crypto_.randomBytes)(8).toString('hex'), reporter, () => undefined);
        try {
            const facts = (0,probe/* parseProbe */.u5)((await (0,runner_runner/* runChecked */.X4)(runner, (0,probe/* probeCommand */.CL)(bs.deployPath), 'reading the host state')).stdout);
            const done = await (0,backup_flow/* backupAndKeep */.P7)(runner, connect, bs, reporter, { sha: facts.current });
            return { ok: true, outputs: (0,backup_flow/* backupOutputs */.zW)(done), summary: (0,backup_flow/* backupSummary */.fj)(done, runner.where) };
        }
        finally {
            await lock.release();
        }
    }
    catch (err) {
        if (err instanceof errors/* InputError */.dz)
            throw err;
        const message = reporter.redact(err.message);
        return { ok: false, message, outputs: { 'backup-file': '', 'backup-manifest': '' }, summary: `### ❌ Backup failed\n\n${message}\n` };
    }
    finally {
        await runner.close();
    }
}
/** `backup --verify FILE`: the checks a fresh dump passes, run again on one already stored. */
async function verifyCommandResult(runner, bs, file, reporter) {
    let verdict;
    if (bs.external)
        verdict = await (0,verify/* verifyDump */.z)(runner, '', file, bs.external.image);
    else {
        const found = await (0,take_backup/* inspectDatabase */.IE)(runner, bs);
        (0,take_backup/* requireRunning */.jq)(bs, found);
        verdict = await (0,verify/* verifyDump */.z)(runner, found.container, file);
    }
    const outputs = { 'backup-file': file, 'backup-manifest': verdict.manifest ?? '' };
    if (verdict.ok) {
        reporter.info(`▸ ${file} verified: sha256 ${verdict.sha256} matches its sidecar and manifest, pg_restore reads every block`);
        return { ok: true, outputs, summary: `### ✅ Backup verified\n\n\`${file}\`: checksum, header and every data block check out.\n` };
    }
    const message = `backup ${file} does not verify: ${verdict.problems.join('; ')}`;
    return { ok: false, message, outputs, summary: `### ❌ Backup does not verify\n\n\`${file}\`\n\n${verdict.problems.map((p) => `- ${p}`).join('\n')}\n` };
}


/***/ }),

/***/ 528:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  P7: () => (/* binding */ backupAndKeep),
  zW: () => (/* binding */ backupOutputs),
  fj: () => (/* binding */ backupSummary)
});

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/backup/commands.ts + 2 modules
var commands = __webpack_require__(6141);
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
var sha256_file = __webpack_require__(4083);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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
var runner_runner = __webpack_require__(1814);
// EXTERNAL MODULE: ./src/backup/retention.ts
var retention = __webpack_require__(5668);
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
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/backup/take-backup.ts
var take_backup = __webpack_require__(414);
// EXTERNAL MODULE: ./src/host/key-values.ts
var key_values = __webpack_require__(9364);
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

/***/ 5668:
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

/***/ 414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IE: () => (/* binding */ inspectDatabase),
/* harmony export */   ay: () => (/* binding */ takeBackup),
/* harmony export */   jq: () => (/* binding */ requireRunning)
/* harmony export */ });
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2011);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _host_key_values_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9364);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1814);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6141);
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

/***/ 3257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ verifyDump)
/* harmony export */ });
/* unused harmony export judge */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _host_key_values_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9364);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1814);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6141);




/**
 * Checks a stored dump: its bytes against the .sha256 sidecar and the manifest (catches any change
 * after it was written, a flipped byte anywhere), the PGDMP header, pg_restore --list, and a full
 * pg_restore read to /dev/null that decompresses every data block (catches a truncated dump
 * even without its sidecar).
 */
/** `container` "" reads with a throwaway container of `image` (an external database has no container of its own). */
async function verifyDump(runner, container, file, image = '') {
    const res = await runner.run((0,_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .verifyCommand */ .p0)(container, image, file));
    if (res.code === 2)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`verify: no such file on the host: ${file}`);
    if (res.code !== 0)
        throw new _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandFailed */ .nk(`verifying ${file}`, runner.where, res);
    return judge((0,_host_key_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyValues */ .H)(res.stdout));
}
function judge(kv) {
    const one = (k) => kv.get(k)?.[0];
    const problems = [];
    const size = Number(one('size'));
    const sha256 = one('checksum');
    const sidecar = one('sidecar');
    const manifestText = one('manifest');
    if (!sidecar)
        problems.push('no .sha256 sidecar beside the dump');
    else if (sidecar !== sha256)
        problems.push(`sha256 is ${sha256}, the sidecar says ${sidecar}`);
    if (manifestText === undefined)
        problems.push('no .json manifest beside the dump');
    else {
        try {
            const m = JSON.parse(manifestText);
            if (m.size !== size)
                problems.push(`size is ${size} bytes, the manifest says ${m.size}`);
            if (m.sha256 !== sha256)
                problems.push(`sha256 differs from the manifest's ${m.sha256}`);
        }
        catch {
            problems.push('the manifest is not valid JSON');
        }
    }
    if (!(size > 0))
        problems.push('the dump is empty');
    if (one('magic') !== 'ok')
        problems.push('it does not start with PGDMP (not a custom-format archive)');
    if (one('list') !== 'ok')
        problems.push('pg_restore --list cannot read its table of contents');
    if (one('read') !== 'ok')
        problems.push(`pg_restore cannot read every block: ${(one('read') ?? '').replace(/^failed ?/, '') || 'failed'}`);
    return { ok: problems.length === 0, problems, size, sha256, manifest: manifestText };
}


/***/ }),

/***/ 1302:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ww: () => (/* binding */ lockOptions),
/* harmony export */   dk: () => (/* binding */ projectHostSettings),
/* harmony export */   j1: () => (/* binding */ projectName)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_names_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6234);
/* harmony import */ var _config_settings_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9235);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _ssh_remote_settings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6630);





function projectHostSettings(settings) {
    const remote = (0,_ssh_remote_settings_js__WEBPACK_IMPORTED_MODULE_3__/* .remoteSettings */ .k)(settings);
    return { ...remote, project: projectName(settings, remote.deployPath), ...lockOptions(settings) };
}
/** The Compose project on the host: input or config `project`, else the deploy path's last part made a valid name. */
function projectName(settings, deployPath) {
    const project = settings.option('project', settings.config.project) ?? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(deployPath).toLowerCase().replace(/[^a-z0-9_-]/g, '-');
    if (!_config_names_js__WEBPACK_IMPORTED_MODULE_4__/* .PROJECT_NAME */ .cb.test(project) || project.length > 255)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`project name ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .shownValue */ .JJ)(project)} is not valid for Compose: set "project" in compose-deploy.yml (${_config_names_js__WEBPACK_IMPORTED_MODULE_4__/* .PROJECT_NAME_HINT */ .ms})`);
    return project;
}
/** The lock's options (config deploy.*, inputs lock-timeout, lock-lease, force-unlock), one reading for every command. */
function lockOptions(settings) {
    const d = settings.config.deploy ?? {};
    return {
        lockTimeout: (0,_config_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .toInt */ .RI)('lock-timeout', settings.option('lock-timeout', d.lockTimeout), 0, 86400),
        staleLockAfter: d.staleLockAfter ?? 3600,
        lockLease: (0,_config_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .toInt */ .RI)('lock-lease', settings.option('lock-lease', d.lockLease), 10, 86400),
        forceUnlock: (0,_config_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .toBool */ .AF)('force-unlock', settings.option('force-unlock')),
    };
}


/***/ }),

/***/ 9364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ parseKeyValues)
/* harmony export */ });
/** Parses the key=value lines the host scripts print. Repeated keys keep every value. */
function parseKeyValues(stdout) {
    const out = new Map();
    for (const line of stdout.split('\n')) {
        const m = /^([a-z-]+)=(.*)$/.exec(line);
        if (!m)
            continue;
        const list = out.get(m[1]) ?? [];
        list.push(m[2]);
        out.set(m[1], list);
    }
    return out;
}


/***/ }),

/***/ 2703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ acquireLock),
/* harmony export */   I_: () => (/* binding */ unlockCommand),
/* harmony export */   Lg: () => (/* binding */ lockCommand),
/* harmony export */   Ss: () => (/* binding */ cancelCommand),
/* harmony export */   d8: () => (/* binding */ cancelMarker)
/* harmony export */ });
/* unused harmony export renewLeaseCommand */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1814);
/* harmony import */ var _key_values_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9364);
/* harmony import */ var _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5897);
/* harmony import */ var _script_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8959);





const lockCommand = (root, token, staleAfter, force, owner, leaseSeconds = 180) => (0,_script_js__WEBPACK_IMPORTED_MODULE_2__/* .hostScript */ .Q)('lock', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__/* .LOCK_SCRIPT */ .g$, [root, token, String(staleAfter), String(force), String(leaseSeconds)], owner);
const renewLeaseCommand = (root, token) => (0,_script_js__WEBPACK_IMPORTED_MODULE_2__/* .hostScript */ .Q)('renew-lease', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__/* .RENEW_LEASE_SCRIPT */ .ju, [root, token]);
const unlockCommand = (root, token) => (0,_script_js__WEBPACK_IMPORTED_MODULE_2__/* .hostScript */ .Q)('unlock', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__/* .UNLOCK_SCRIPT */ .ZU, [root, token]);
/** Where a cancelled run leaves its marker: inside its own lock, so it goes away with the lock. */
const cancelMarker = (root) => `${root}/.deploy-lock/cancel`;
const cancelCommand = (root, token) => (0,_script_js__WEBPACK_IMPORTED_MODULE_2__/* .hostScript */ .Q)('cancel', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__/* .CANCEL_SCRIPT */ .tl, [root, token]);
const LOCK_HELD = 75;
const POLL_MS = 2000;
/**
 * The deploy lock is a directory (mkdir is atomic) holding an owner record: who, which run,
 * which commit, since when. It is a lease: the holder renews it every few seconds while it works, so
 * a run killed outright (no signal, no clean-up) stops renewing it, and once lock-lease seconds have
 * passed the next deploy takes it over without a person. A second deploy waits up to lock-timeout and
 * then fails naming the holder; a lock without a lease (an older version's) is broken only with
 * force-unlock after stale-lock-after.
 */
async function acquireLock(runner, ds, token, reporter, checkCancelled) {
    const owner = JSON.stringify({ token, sha: ds.sha ?? '', actor: ds.actor ?? null, runUrl: ds.runUrl ?? null, startedAt: new Date().toISOString(), pid: process.pid });
    const deadline = Date.now() + ds.lockTimeout * 1000;
    let announced = false;
    for (;;) {
        const res = await runner.run(lockCommand(ds.deployPath, token, ds.staleLockAfter, ds.forceUnlock, owner, ds.lockLease));
        const kv = (0,_key_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseKeyValues */ .H)(res.stdout);
        if (res.code === 0) {
            // The script says lock=held before it says how it took the lock anyway.
            const how = kv.get('lock')?.at(-1);
            if (how === 'broken')
                reporter.warning(`force-unlock: broke a stale deploy lock held by ${describeHolder(kv)}`);
            if (how === 'taken-over')
                reporter.warning(`took over the deploy lock of ${describeHolder(kv)}: its lease was not renewed for ${kv.get('lease-age')?.[0] ?? '?'}s (lock-lease ${ds.lockLease}s), so that run is gone`);
            return handle(runner, ds.deployPath, token, reporter, ds.lockLease, how === 'taken-over' ? ownerRecord(kv) : undefined);
        }
        if (res.code !== LOCK_HELD)
            throw new _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandFailed */ .nk('taking the deploy lock', runner.where, res);
        const holder = describeHolder(kv);
        const age = Number(kv.get('age')?.[0] ?? 0);
        if (Date.now() >= deadline) {
            const staleHint = age >= ds.staleLockAfter
                ? ` The lock is older than stale-lock-after (${ds.staleLockAfter}s): if that run is gone, re-run with force-unlock: true.`
                : ` If that run is gone, wait until the lock is older than stale-lock-after (${ds.staleLockAfter}s) and re-run with force-unlock: true.`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`another deploy holds the lock on ${ds.deployPath}: ${holder}, for ${age}s. Waited ${ds.lockTimeout}s (lock-timeout).${staleHint} Nothing was changed.`);
        }
        if (!announced)
            reporter.info(`waiting up to ${ds.lockTimeout}s for the deploy lock held by ${holder}`);
        announced = true;
        checkCancelled();
        await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
    }
}
/** Renews the lease a few times per lock-lease, so a slow SSH round trip never lets it lapse. */
function handle(runner, root, token, reporter, leaseSeconds, tookOverFrom) {
    let released = false;
    const heartbeat = setInterval(() => void runner.run(renewLeaseCommand(root, token)).catch(() => undefined), Math.max(1, Math.floor(leaseSeconds / 4)) * 1000);
    heartbeat.unref();
    return {
        tookOverFrom,
        async release() {
            if (released)
                return;
            released = true;
            clearInterval(heartbeat);
            const res = await runner.run(unlockCommand(root, token)).catch((err) => ({ code: 1, stdout: '', stderr: err.message }));
            if (res.code !== 0)
                reporter.warning(`could not release the deploy lock on ${root}: ${res.stderr.trim()}. Remove ${root}/.deploy-lock by hand once no deploy runs.`);
        },
    };
}
function ownerRecord(kv) {
    try {
        return JSON.parse(kv.get('owner')?.[0] ?? '');
    }
    catch {
        return {};
    }
}
function describeHolder(kv) {
    try {
        const o = JSON.parse(kv.get('owner')?.[0] ?? '');
        return [o.actor ? `${o.actor}` : 'an unknown actor', o.sha ? `deploying ${o.sha.slice(0, 12)}` : '', o.runUrl ? `(${o.runUrl})` : '', o.startedAt ? `since ${o.startedAt}` : ''].filter(Boolean).join(' ');
    }
    catch {
        return 'an unreadable owner record';
    }
}


/***/ }),

/***/ 9460:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CL: () => (/* binding */ probeCommand),
/* harmony export */   oX: () => (/* binding */ imagePresenceCommand),
/* harmony export */   tH: () => (/* binding */ listReleases),
/* harmony export */   u5: () => (/* binding */ parseProbe)
/* harmony export */ });
/* harmony import */ var _script_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8959);
/* harmony import */ var _shell_scripts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5897);


/** With a project name, the probe also lists what the project runs (service and image): its containers, or on a swarm its stack's services. */
function probeCommand(deployPath, project = '', target = 'compose') {
    return (0,_script_js__WEBPACK_IMPORTED_MODULE_0__/* .hostScript */ .Q)('probe', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_1__/* .PROBE_SCRIPT */ .JW, [deployPath, project, ...(target === 'swarm' ? [target] : [])]);
}
function parseProbe(stdout) {
    const facts = { releases: [], audit: [], events: [], running: {} };
    for (const line of stdout.split('\n')) {
        const eq = line.indexOf('=');
        if (eq < 0)
            continue;
        const key = line.slice(0, eq);
        const value = line.slice(eq + 1).trim();
        switch (key) {
            case 'docker-version':
                if (value)
                    facts.dockerVersion = value;
                break;
            case 'swarm':
                if (value)
                    facts.swarm = value;
                break;
            case 'compose-command':
                if (value === 'docker compose' || value === 'docker-compose')
                    facts.composeCommand = value;
                break;
            case 'compose-version':
                if (value)
                    facts.composeVersion = value.replace(/^v/, '');
                break;
            case 'current':
                if (value)
                    facts.current = value;
                break;
            case 'release':
                facts.releases.push(value);
                break;
            case 'audit':
                try {
                    const record = JSON.parse(value);
                    // A restore's record names the live release, but no release was deployed by it.
                    if (record.action === 'deploy' || record.action === 'rollback' || record.action === undefined)
                        facts.audit.push(record);
                    else
                        (facts.events ??= []).push(record);
                }
                catch {
                    // A torn last line (a deploy killed mid-append) must not hide the rest of the log.
                }
                break;
            case 'running': {
                const [service, image] = value.split(' ');
                if (service && image)
                    facts.running[service] = image;
                break;
            }
            case 'maintenance':
                facts.maintenance = value;
                break;
            case 'restore-state':
                if (value)
                    facts.restoreState = value;
                break;
            case 'free-kb':
                if (/^[0-9]+$/.test(value))
                    facts.freeKb = Number(value);
                break;
            case 'docker-root':
                if (value)
                    facts.dockerRoot = value;
                break;
            case 'docker-root-free-kb':
                if (/^[0-9]+$/.test(value))
                    facts.dockerRootFreeKb = Number(value);
                break;
        }
    }
    return facts;
}
/** Kept releases, newest first, with what the audit log says of each. */
function listReleases(facts) {
    const lastRecord = new Map();
    facts.audit.forEach((r) => lastRecord.set(r.sha, r));
    const order = (sha) => facts.audit.map((r) => r.sha).lastIndexOf(sha);
    return [...facts.releases]
        .sort((a, b) => order(b) - order(a) || a.localeCompare(b))
        .map((sha) => {
        const r = lastRecord.get(sha);
        const images = Array.isArray(r?.['images']) ? r['images'].filter((i) => typeof i === 'string') : undefined;
        return {
            sha,
            current: sha === facts.current,
            deployedAt: r?.finishedAt ?? r?.startedAt,
            actor: r?.actor,
            result: r?.result,
            rollback: r?.action === 'rollback',
            ...(images ? { images } : {}),
        };
    });
}
/** Which of these images the host has: one round trip, present=<image> per image found. */
function imagePresenceCommand(images) {
    return (0,_script_js__WEBPACK_IMPORTED_MODULE_0__/* .hostScript */ .Q)('images', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_1__/* .IMAGES_PRESENT_SCRIPT */ .Nt, images);
}


/***/ }),

/***/ 5897:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JW: () => (/* binding */ PROBE_SCRIPT),
/* harmony export */   Nt: () => (/* binding */ IMAGES_PRESENT_SCRIPT),
/* harmony export */   ZU: () => (/* binding */ UNLOCK_SCRIPT),
/* harmony export */   g$: () => (/* binding */ LOCK_SCRIPT),
/* harmony export */   ju: () => (/* binding */ RENEW_LEASE_SCRIPT),
/* harmony export */   tl: () => (/* binding */ CANCEL_SCRIPT)
/* harmony export */ });
/* unused harmony export SET_ASIDE_FN */
// Generated by `npm run generate` from src/host/sh/*.sh: edit those, not this file.
/**
 *  $1 root, $2 token: leaves a cancel marker in the lock, only if this run holds it (roll waits watch for it).
 */
const CANCEL_SCRIPT = "\nlock=\"$1/.deploy-lock\"\nif grep -q \"\\\"token\\\":\\\"$2\\\"\" \"$lock/owner.json\" 2>/dev/null; then : > \"$lock/cancel\"; echo \"cancel=marked\"; fi\n";
/**
 * Then images: present=<image> for each one the host's engine has.
 */
const IMAGES_PRESENT_SCRIPT = "\nfor i in \"$@\"; do\n  docker image inspect \"$i\" >/dev/null 2>&1 && printf 'present=%s\\n' \"$i\"\ndone\nexit 0\n";
/**
 * $1 root, $2 token (inside the owner record, named here for the process list), $3 stale-after
 * seconds, $4 force (true/false), $5 lease seconds; stdin: the owner record. The holder renews
 * $lock/lease while it works; a lock whose lease was not renewed for $5 seconds belongs to a run that
 * is gone (killed outright) and is taken over without a person. Without a lease file (a run of an
 * older version), only force-unlock after stale-after breaks it.
 */
const LOCK_SCRIPT = "\nroot=$1 stale=$3 force=$4 lease=$5\nlock=\"$root/.deploy-lock\"\n\nowns() {\n  if [ \"$1\" = - ]; then [ ! -e \"$lock/owner.json\" ]; else grep -q \"\\\"token\\\":\\\"$1\\\"\" \"$lock/owner.json\" 2>/dev/null; fi\n}\nset_aside() {\n  mkdir \"$lock/ending\" 2>/dev/null || return 1\n  if [ \"$(stat -c %i \"$lock\" 2>/dev/null)\" != \"$2\" ] || ! owns \"$1\"; then rmdir \"$lock/ending\" 2>/dev/null; return 1; fi\n  aside=\"$lock.ended.$$\"\n  mv \"$lock\" \"$aside\"\n}\n\ntake() { cat > \"$lock/owner.json\"; : > \"$lock/lease\"; }\nmkdir -p \"$root\" || exit 1\nif mkdir \"$lock\" 2>/dev/null; then take; echo \"lock=acquired\"; exit 0; fi\nino=$(stat -c %i \"$lock\" 2>/dev/null)\nnow=$(date +%s)\nowner=$(tr -d '\\n' < \"$lock/owner.json\" 2>/dev/null)\nsince=$(stat -c %Y \"$lock\" 2>/dev/null || echo \"$now\")\nrenewed=$(stat -c %Y \"$lock/lease\" 2>/dev/null)\necho \"lock=held\"\necho \"age=$((now - since))\"\n[ -n \"$renewed\" ] && echo \"lease-age=$((now - renewed))\"\nprintf 'owner=%s\\n' \"$owner\"\n# The owner and the ages must be of one lock: one that changed while being read is not judged.\n[ -n \"$ino\" ] && [ \"$(stat -c %i \"$lock\" 2>/dev/null)\" = \"$ino\" ] || exit 75\nheld_by=$(printf '%s' \"$owner\" | sed -n 's/.*\"token\":\"\\([0-9a-zA-Z]*\\)\".*/\\1/p')\nhow=\nif [ -n \"$renewed\" ] && [ $((now - renewed)) -ge \"$lease\" ]; then how=taken-over\nelif [ \"$force\" = true ] && [ $((now - since)) -ge \"$stale\" ]; then how=broken\nfi\nif [ -n \"$how\" ] && set_aside \"${held_by:--}\" \"$ino\"; then\n  if mkdir \"$lock\" 2>/dev/null; then\n    take\n    rm -rf \"$aside\"\n    echo \"lock=$how\"\n    exit 0\n  fi\n  rm -rf \"$aside\"\nfi\nexit 75\n";
/**
 * One round trip that tells what the host has: Docker, which Compose, the live release, the kept
 * releases, the tail of the audit log and the free space under the deploy path and under Docker's
 * data root (where pulled images land). A fixed script; the variable parts are $1, the deploy path, and $2, the project.
 */
const PROBE_SCRIPT = "\nroot=$1 project=$2 target=${3:-compose}\n# One call for the version, the swarm role and the data root: docker info reads them from the daemon.\n# It also starts every CLI plugin to read its metadata, Compose v2's version among them (second line).\ndaemon='{{.ServerVersion}} {{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.DockerRootDir}}'\nplugins='plugin={{range .ClientInfo.Plugins}}{{if eq .Name \"compose\"}}{{.Version}}{{end}}{{end}}'\nall=$(docker info --format \"$daemon\n$plugins\" 2>/dev/null) || all=\n# A docker CLI whose info has no plugin list refuses that template: the daemon's part alone, then.\n[ -n \"$all\" ] || all=$(docker info --format \"$daemon\" 2>/dev/null) || all=\ninfo=$(printf '%s\\n' \"$all\" | head -n 1)\nplugin=$(printf '%s\\n' \"$all\" | sed -n 's/^plugin=//p')\nprintf 'docker-version=%s\\n' \"${info%% *}\"\nswarm=${info#* }\nprintf 'swarm=%s\\n' \"${swarm%% /*}\"\ncase $info in\n  *' /'*) data=\"/${info#* /}\"; printf 'docker-root=%s\\ndocker-root-free-kb=%s\\n' \"$data\" \"$(df -Pk \"$data\" 2>/dev/null | awk 'NR==2 {print $4}')\" ;;\nesac\n# Each Compose CLI is asked once at most: its start-up is most of what this probe costs. A swarm needs none.\nif [ \"$target\" = swarm ]; then :\nelif [ -n \"$plugin\" ]; then\n  printf 'compose-command=docker compose\\ncompose-version=%s\\n' \"$plugin\"\nelif v=$(docker compose version --short 2>/dev/null); then\n  printf 'compose-command=docker compose\\ncompose-version=%s\\n' \"$v\"\nelif command -v docker-compose >/dev/null 2>&1; then\n  printf 'compose-command=docker-compose\\ncompose-version=%s\\n' \"$(docker-compose version --short)\"\nfi\nif [ -L \"$root/current\" ]; then printf 'current=%s\\n' \"$(basename \"$(readlink \"$root/current\")\")\"; fi\nif [ -d \"$root/releases\" ]; then\n  for d in \"$root\"/releases/*; do [ -d \"$d\" ] && printf 'release=%s\\n' \"$(basename \"$d\")\"; done\nfi\nif [ -f \"$root/releases.jsonl\" ]; then tail -n 500 \"$root/releases.jsonl\" | sed 's/^/audit=/'; fi\nif [ -f \"$root/maintenance/on\" ]; then printf 'maintenance=%s\\n' \"$(head -c 2000 \"$root/maintenance/on\" | tr -d '\\n')\"; fi\nif [ -f \"$root/restore/state.json\" ]; then printf 'restore-state=%s\\n' \"$(tr -d '\\n' < \"$root/restore/state.json\")\"; fi\n# A first deploy's directory does not exist yet: its nearest existing parent is where it will be made.\nnear=$root\nwhile [ ! -e \"$near\" ] && [ \"$near\" != / ]; do near=$(dirname \"$near\"); done\nprintf 'free-kb=%s\\n' \"$(df -Pk \"$near\" 2>/dev/null | awk 'NR==2 {print $4}')\"\nif [ -n \"$project\" ] && [ \"$target\" = swarm ]; then\n  docker service ls --filter \"label=com.docker.stack.namespace=$project\" --format '{{.Name}} {{.Image}}' 2>/dev/null | sed \"s/^${project}_/running=/\"\nelif [ -n \"$project\" ]; then\n  docker ps --filter \"label=com.docker.compose.project=$project\" --filter \"label=com.docker.compose.oneoff=False\" \\\n    --format 'running={{.Label \"com.docker.compose.service\"}} {{.Image}}' 2>/dev/null\nfi\nexit 0\n";
/**
 *  $1 root, $2 token: renews the lease of the lock this run holds (the heartbeat of a working deploy).
 */
const RENEW_LEASE_SCRIPT = "\nlock=\"$1/.deploy-lock\"\nif grep -q \"\\\"token\\\":\\\"$2\\\"\" \"$lock/owner.json\" 2>/dev/null; then : > \"$lock/lease\"; echo \"lease=renewed\"; else echo \"lease=not-ours\"; fi\n";
/**
 * Ending a lock (a release, or a break of a stale one) must happen once, to the lock that was judged:
 * whoever ends it first wins mkdir "$lock/ending" in it, checks it is still the same directory (inode)
 * with the same owner record, and renames it aside (atomic). Two breakers of one stale lock cannot
 * both win, and a breaker that judged the old lock can never end the fresh one another made meanwhile
 * (the old one stays aside until the new one exists, so the new one cannot reuse its inode).
 * set_aside TOKEN INODE: 0 and $aside set when this call moved that lock aside (TOKEN "-": a lock
 * without an owner record, whose run died between its mkdir and writing it).
 */
const SET_ASIDE_FN = "\nowns() {\n  if [ \"$1\" = - ]; then [ ! -e \"$lock/owner.json\" ]; else grep -q \"\\\"token\\\":\\\"$1\\\"\" \"$lock/owner.json\" 2>/dev/null; fi\n}\nset_aside() {\n  mkdir \"$lock/ending\" 2>/dev/null || return 1\n  if [ \"$(stat -c %i \"$lock\" 2>/dev/null)\" != \"$2\" ] || ! owns \"$1\"; then rmdir \"$lock/ending\" 2>/dev/null; return 1; fi\n  aside=\"$lock.ended.$$\"\n  mv \"$lock\" \"$aside\"\n}\n";
/**
 *  $1 root, $2 token: removes the lock only if this run holds it.
 */
const UNLOCK_SCRIPT = "\nlock=\"$1/.deploy-lock\"\n\nowns() {\n  if [ \"$1\" = - ]; then [ ! -e \"$lock/owner.json\" ]; else grep -q \"\\\"token\\\":\\\"$1\\\"\" \"$lock/owner.json\" 2>/dev/null; fi\n}\nset_aside() {\n  mkdir \"$lock/ending\" 2>/dev/null || return 1\n  if [ \"$(stat -c %i \"$lock\" 2>/dev/null)\" != \"$2\" ] || ! owns \"$1\"; then rmdir \"$lock/ending\" 2>/dev/null; return 1; fi\n  aside=\"$lock.ended.$$\"\n  mv \"$lock\" \"$aside\"\n}\n\nif owns \"$2\" && set_aside \"$2\" \"$(stat -c %i \"$lock\" 2>/dev/null)\"; then rm -rf \"$aside\"; echo \"lock=released\"; else echo \"lock=not-ours\"; fi\n";


/***/ }),

/***/ 2011:
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


/***/ })

};
