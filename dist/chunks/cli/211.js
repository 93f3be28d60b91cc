export const id = 211;
export const ids = [211];
export const modules = {

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

/***/ 4640:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E3: () => (/* binding */ STAGED_PREFIX),
  Ej: () => (/* binding */ allowConnectionsCommand),
  gz: () => (/* binding */ clearStateCommand),
  O9: () => (/* binding */ countsCommand),
  NX: () => (/* binding */ cpusCommand),
  hm: () => (/* binding */ dropCommand),
  HV: () => (/* binding */ interruptCommand),
  OH: () => (/* binding */ listDatabasesCommand),
  g4: () => (/* binding */ manifestsCommand),
  bl: () => (/* binding */ parallelRestoreCommand),
  je: () => (/* binding */ pgRestoreCommand),
  fN: () => (/* binding */ prepareCommand),
  fd: () => (/* binding */ readManifestCommand),
  iP: () => (/* binding */ stageCommand),
  Ty: () => (/* binding */ swapCommand),
  XP: () => (/* binding */ unstageCommand),
  Aq: () => (/* binding */ writeStateCommand)
});

// EXTERNAL MODULE: ./src/host/script.ts
var script = __webpack_require__(8959);
// EXTERNAL MODULE: ./src/backup/sql.ts
var sql = __webpack_require__(8130);
;// CONCATENATED MODULE: ./src/db-restore/shell-scripts.ts
// Generated by `npm run generate` from src/db-restore/sh/*.sh: edit those, not this file.
/**
 *  $1 backup dir: each dump's manifest, one line each (manifest=<dump name> <json>).
 */
const MANIFESTS_SCRIPT = "\nfor f in \"$1\"/*.dump.json; do\n  [ -f \"$f\" ] || continue\n  name=${f##*/}\n  printf 'manifest=%s %s\\n' \"${name%.json}\" \"$(tr -d '\\n' < \"$f\")\"\ndone\nexit 0\n";
/**
 * $1 a dump path: its manifest (the preview reads it without reading the dump), or nothing.
 */
const READ_MANIFEST_SCRIPT = "\ncat \"$1.json\" 2>/dev/null || true\n";
/**
 * $1 container, $2 user, $3 database, $4 dump on the host. The whole restore is one transaction
 * (--single-transaction with --exit-on-error): a failure leaves the new database empty, never half
 * filled. Owners and grants come back as dumped: the roles are the same server's.
 */
const RESTORE_SCRIPT = "\nid=$1 user=$2 db=$3 file=$4\n[ -f \"$file\" ] || { echo \"failed=$file is gone\"; exit 2; }\ndocker exec -i \"$id\" pg_restore --exit-on-error --single-transaction -U \"$user\" -d \"$db\" <\"$file\"\n";
/**
 * $1 container, $2 dump on the host, $3 path in the container. pg_restore --jobs reads a file it can
 * seek in, never a stream: the dump is copied into the container (written by its exec user, so
 * pg_restore there can read it), after removing any copy a killed restore left.
 */
const STAGE_SCRIPT = "\nid=$1 file=$2 staged=$3\n[ -f \"$file\" ] || { echo \"failed=$file is gone\"; exit 2; }\ndocker exec -i \"$id\" sh -c 'rm -f /tmp/compose-deploy-restore-*.dump; umask 077; cat > \"$1\"' compose-deploy-stage \"$staged\" <\"$file\"\n";
/**
 *  $1 deploy path, $2 write|clear; stdin (write): the state JSON, written under a temporary name and renamed.
 */
const STATE_SCRIPT = "\nroot=$1 what=$2\ndir=\"$root/restore\"\nif [ \"$what\" = clear ]; then rm -f \"$dir/state.json\"; exit $?; fi\nmkdir -p \"$dir\" && cat > \"$dir/.state.tmp\" && mv -f \"$dir/.state.tmp\" \"$dir/state.json\"\n";

;// CONCATENATED MODULE: ./src/db-restore/commands.ts



function psql(pg, database, vars, sql) {
    const v = Object.entries(vars).flatMap(([k, value]) => ['-v', `${k}=${value}`]);
    return { argv: ['docker', 'exec', '-i', pg.container, 'psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-U', pg.user, '-d', database, ...v], stdin: sql };
}
/**
 * A new, empty database beside the live one, with the live one's owner, encoding and locale; a
 * leftover of that name (a killed restore's) is dropped first. Its sessions (a pg_restore still
 * running from a killed run) are ended so the drop can go through.
 */
const PREPARE_SQL = `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :'restored';
DROP DATABASE IF EXISTS :"restored";
SELECT pg_get_userbyid(datdba) AS owner, pg_encoding_to_char(encoding) AS enc, datcollate AS coll, datctype AS ctype FROM pg_database WHERE datname = :'db' \\gset
CREATE DATABASE :"restored" WITH TEMPLATE template0 OWNER :"owner" ENCODING :'enc' LC_COLLATE :'coll' LC_CTYPE :'ctype';
`;
const prepareCommand = (pg, db, restored) => psql(pg, 'postgres', { db, restored }, PREPARE_SQL);
/** Drops a database (a restore's leftover, or one kept aside whose time is up), ending its sessions first. */
const DROP_SQL = `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :'name';
DROP DATABASE IF EXISTS :"name";
`;
const dropCommand = (pg, name) => psql(pg, 'postgres', { name }, DROP_SQL);
/**
 * A cancelled restore's pg_restore cut off: the new database refuses connections (so a pg_restore
 * not yet connected never starts) and its sessions are ended. Only the restore uses that database.
 */
const INTERRUPT_SQL = `ALTER DATABASE :"name" ALLOW_CONNECTIONS false;
SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :'name';
`;
const interruptCommand = (pg, name) => psql(pg, 'postgres', { name }, INTERRUPT_SQL);
/** The server's databases, one name a line. */
const listDatabasesCommand = (pg) => psql(pg, 'postgres', {}, 'SELECT datname FROM pg_database ORDER BY 1;\n');
const pgRestoreCommand = (pg, restored, file) => (0,script/* hostScript */.Q)('restore', RESTORE_SCRIPT, [pg.container, pg.user, restored, file]);
/** The database container's CPUs, as its processes see them (nproc: its CPU set). */
const cpusCommand = (pg) => ({ argv: ['docker', 'exec', pg.container, 'nproc'] });
/** Where a dump is copied in the database container for a parallel restore; the prefix finds a killed run's copy. */
const STAGED_PREFIX = '/tmp/compose-deploy-restore-';
const stageCommand = (pg, file, staged) => (0,script/* hostScript */.Q)('restore-stage', STAGE_SCRIPT, [pg.container, file, staged]);
const unstageCommand = (pg, staged) => ({ argv: ['docker', 'exec', pg.container, 'rm', '-f', staged] });
/**
 * pg_restore with several jobs from the copy in the container. Not one transaction (pg_restore
 * refuses --single-transaction with --jobs): a failure leaves the new database half filled, and the
 * restore drops it; it never became the live one.
 */
const parallelRestoreCommand = (pg, restored, staged, jobs) => ({
    argv: ['docker', 'exec', pg.container, 'pg_restore', '--exit-on-error', `--jobs=${jobs}`, '-U', pg.user, '-d', restored, staged],
});
/** Every table's rows in a database, counted as the backup's manifest counted them (counts=JSON). */
const countsCommand = (pg, database) => psql(pg, database, {}, `${sql/* COUNTS_SQL */.O}\n`);
/**
 * The swap, in one transaction: `live` renamed to `aside`, `incoming` renamed to `live`. Either both
 * renames happen or neither: no moment leaves the app without its database. New sessions to `live`
 * are refused first and the open ones ended (a rename needs none); then both accept connections (the
 * one set aside, so a person can read rows from it). The caller retries while a session is still closing.
 */
const SWAP_SQL = `ALTER DATABASE :"live" ALLOW_CONNECTIONS false;
SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname IN (:'live', :'incoming') AND pid <> pg_backend_pid();
SELECT pg_sleep(0.2);
BEGIN;
ALTER DATABASE :"live" RENAME TO :"aside";
ALTER DATABASE :"incoming" RENAME TO :"live";
ALTER DATABASE :"live" ALLOW_CONNECTIONS true;
ALTER DATABASE :"aside" ALLOW_CONNECTIONS true;
COMMIT;
`;
const swapCommand = (pg, live, incoming, aside) => psql(pg, 'postgres', { live, incoming, aside }, SWAP_SQL);
/** After a swap that failed: the live database accepts connections again (the swap refused them first). */
const allowConnectionsCommand = (pg, name) => psql(pg, 'postgres', { name }, 'ALTER DATABASE :"name" ALLOW_CONNECTIONS true;\n');
const writeStateCommand = (deployPath, state) => (0,script/* hostScript */.Q)('restore-state', STATE_SCRIPT, [deployPath, 'write'], `${JSON.stringify(state)}\n`);
const clearStateCommand = (deployPath) => (0,script/* hostScript */.Q)('restore-state', STATE_SCRIPT, [deployPath, 'clear']);
/** $1 a dump path: its manifest (the preview reads it without reading the dump). */
const readManifestCommand = (file) => (0,script/* hostScript */.Q)('restore-manifest', READ_MANIFEST_SCRIPT, [file]);
const manifestsCommand = (dir) => (0,script/* hostScript */.Q)('restore-manifests', MANIFESTS_SCRIPT, [dir]);


/***/ }),

/***/ 211:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  restoreCommand: () => (/* binding */ restoreCommand),
  restoreCommandWith: () => (/* binding */ restoreCommandWith)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/host/probe.ts
var probe = __webpack_require__(9460);
// EXTERNAL MODULE: ./src/runner/runner.ts
var runner_runner = __webpack_require__(1814);
// EXTERNAL MODULE: ./src/ssh/connect.ts
var ssh_connect = __webpack_require__(1456);
// EXTERNAL MODULE: ./src/host/lock.ts
var host_lock = __webpack_require__(2703);
// EXTERNAL MODULE: ./src/deploy/commands.ts + 1 modules
var commands = __webpack_require__(6215);
// EXTERNAL MODULE: ./src/host/key-values.ts
var key_values = __webpack_require__(9364);
// EXTERNAL MODULE: ./src/deploy/outcome.ts
var outcome = __webpack_require__(4535);
// EXTERNAL MODULE: ./src/deploy/compose-services.ts
var compose_services = __webpack_require__(3124);
// EXTERNAL MODULE: ./src/backup/backup-flow.ts + 3 modules
var backup_flow = __webpack_require__(528);
// EXTERNAL MODULE: ./src/backup/manifest.ts
var backup_manifest = __webpack_require__(6345);
// EXTERNAL MODULE: ./src/backup/take-backup.ts
var take_backup = __webpack_require__(414);
// EXTERNAL MODULE: ./src/backup/verify.ts
var verify = __webpack_require__(3257);
// EXTERNAL MODULE: ./src/restore/manifest.ts
var restore_manifest = __webpack_require__(4453);
// EXTERNAL MODULE: ./src/maintenance/switch.ts + 1 modules
var maintenance_switch = __webpack_require__(3134);
// EXTERNAL MODULE: ./src/db-restore/commands.ts + 1 modules
var db_restore_commands = __webpack_require__(4640);
// EXTERNAL MODULE: ./src/db-restore/restore-plan.ts
var restore_plan = __webpack_require__(7987);
// EXTERNAL MODULE: ./src/db-restore/db-restore-settings.ts
var db_restore_settings = __webpack_require__(8515);
;// CONCATENATED MODULE: ./src/db-restore/dry-run.ts
/** dry-run: the restore's steps, in order; nothing connects. */
function printRestorePlan(rs, reporter) {
    const steps = [
        'read the host (probe) and the database service (inspect); pick the dump: ' + (rs.backup ?? 'the newest verified one in ' + rs.bs.dir),
        'without confirm: print what would be restored and lost, exit 2',
        'take the deploy lock; check the dump (sha256 against sidecar and manifest, PGDMP, pg_restore --list, every block read)',
        `maintenance on (${rs.bs.deployPath}/maintenance/on); stop the services that write (${rs.services?.join(', ') ?? 'those the deploy rolls'})`,
        'safety backup of the live database (the backup command\'s checked dump)',
        `restore into a new database <db>_restoring_<stamp> on the same server: pg_restore --jobs=${rs.jobs ?? 'the container\'s CPUs, at most 4'} from a copy of the dump in the container (made before maintenance), or streamed in one transaction with one job`,
        'compare every table\'s rows with the manifest',
        'swap the names in one transaction: <db> -> <db>_pre_restore_<stamp>, the new one -> <db>',
        'start the services through the deploy\'s health gates; maintenance off; audit record',
        `drop databases kept aside longer than ${rs.keepPrevious}`,
    ];
    const text = steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
    reporter.info(`dry-run: restore on ${rs.bs.target.user}@${rs.bs.target.host}:${rs.bs.target.port}. Nothing is changed.\n${text}`);
    return { ok: true, outputs: { 'dry-run': 'true', plan: text } };
}

;// CONCATENATED MODULE: ./src/db-restore/dump-feed.ts



/**
 * Chooses pg_restore's jobs (restore.jobs, else the container's CPUs, at most four; one for a dump
 * that cannot be restored in parallel) and, for more than one, copies the dump into the database
 * container: done before maintenance goes on, so the copy costs no downtime.
 */
async function prepareFeed(runner, pg, file, manifestText, asked, token, reporter) {
    const format = (0,restore_plan/* dumpFormat */.Wi)(manifestText);
    let cpus;
    if (asked === undefined && (0,restore_plan/* parallelFormat */.Ji)(format)) {
        const res = await runner.run(db_restore_commands/* cpusCommand */.NX(pg));
        cpus = res.code === 0 ? Number(res.stdout.trim()) : undefined;
    }
    const jobs = (0,restore_plan/* restoreJobs */.Zq)(asked, format, cpus);
    if (jobs === 1)
        return { jobs, restore: (restored) => db_restore_commands/* pgRestoreCommand */.je(pg, restored, file), cleanUp: async () => undefined };
    const staged = `${db_restore_commands/* STAGED_PREFIX */.E3}${token}.dump`;
    const started = Date.now();
    await (0,runner_runner/* runChecked */.X4)(runner, db_restore_commands/* stageCommand */.iP(pg, file, staged), `copying the dump into the database container for pg_restore --jobs=${jobs}`);
    reporter.info(`▸ copied the dump into the database container for pg_restore --jobs=${jobs} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return {
        jobs,
        restore: (restored) => db_restore_commands/* parallelRestoreCommand */.bl(pg, restored, staged, jobs),
        cleanUp: async () => void (await runner.run(db_restore_commands/* unstageCommand */.XP(pg, staged)).catch(() => undefined)),
    };
}

;// CONCATENATED MODULE: ./src/db-restore/kept-aside.ts



/** Drops the databases earlier restores set aside once restore.keep-previous has passed (never `keep`): the names dropped. */
async function dropExpiredAside(runner, pg, rs, reporter, names, keep) {
    const cutoff = Date.now() - rs.keepPreviousSeconds * 1000;
    const old = (0,restore_plan/* asideDatabases */.PO)(names, pg.database).filter((d) => d.name !== keep && d.at.getTime() < cutoff);
    const dropped = [];
    for (const d of old) {
        const res = await runner.run(db_restore_commands/* dropCommand */.hm(pg, d.name));
        if (res.code === 0)
            dropped.push(d.name);
        else
            reporter.warning(`could not drop ${d.name} (kept aside since ${d.at.toISOString()}): ${(0,runner_runner/* tail */.RT)(res.stderr, 2).trim()}`);
    }
    if (dropped.length > 0)
        reporter.info(`dropped databases kept aside longer than ${rs.keepPrevious}: ${dropped.join(', ')}`);
    return dropped;
}

// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
;// CONCATENATED MODULE: ./src/db-restore/restore-report.ts


/** The audit record, the summary and the outputs, for every ending of a restore. */
async function finishRestore(run, result, name, message, createdAt, done = {}) {
    const { rs, runner, reporter, startedAt, maintenanceAt } = run;
    const rpo = createdAt ? Math.max(0, Math.round((startedAt.getTime() - new Date(createdAt).getTime()) / 1000)) : undefined;
    const downtime = done.downtime ?? (maintenanceAt ? (Date.now() - maintenanceAt) / 1000 : 0);
    const record = {
        action: 'restore',
        kind: 'restore',
        sha: run.live ?? '',
        actor: rs.ds.actor,
        runUrl: rs.ds.runUrl,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        result: result === 'restored' ? 'success' : 'failed',
        outcome: result,
        reason: rs.reason ?? null,
        backup: name,
        rpoSeconds: rpo ?? null,
        downtimeSeconds: Math.round(downtime * 10) / 10,
        ...(done.previousDatabase ? { previousDatabase: done.previousDatabase } : {}),
        ...(done.safety ? { safetyBackup: done.safety } : {}),
        ...(done.dropped?.length ? { dropped: done.dropped } : {}),
        ...(message ? { error: message.slice(0, 500) } : {}),
    };
    await runner.run((0,commands/* auditCommand */.Ht)(rs.bs.deployPath, record)).catch(() => undefined);
    const outputs = {
        result,
        backup: name,
        'rpo-seconds': rpo === undefined ? '' : String(rpo),
        'downtime-seconds': downtime.toFixed(1),
        'previous-database': done.previousDatabase ?? '',
        'backup-file': done.safety ?? '',
    };
    if (result === 'restored') {
        const text = `Database \`${run.pg.database}\` on ${runner.where} holds \`${name}\` again (taken ${createdAt ?? '?'}${rpo !== undefined ? `, ${(0,duration/* humanDuration */.U)(rpo)} before the restore` : ''}). Maintenance lasted ${downtime.toFixed(1)}s. The replaced database is kept as \`${done.previousDatabase}\` for ${rs.keepPrevious}${done.safety ? `; safety backup \`${done.safety}\`` : ''}.${rs.reason ? ` Reason: ${rs.reason}` : ''}`;
        reporter.info(text.replace(/`/g, ''));
        reporter.summary(`### ✅ Restored\n\n${text}\n\n${backupsList(run.verified)}`);
        return { ok: true, outputs };
    }
    reporter.summary(`### ❌ Restore failed${result === 'unchanged' ? ': production unchanged' : ''}\n\n${message}\n\n${backupsList(run.verified)}`);
    return { ok: false, message, outputs };
}
function backupsList(verified) {
    return `#### Verified backups on the host, newest first\n\n${listOf(verified)}\n`;
}
function listOf(names) {
    return names.length === 0 ? '_none_' : names.slice(0, 20).map((n) => `- \`${n}\``).join('\n') + (names.length > 20 ? `\n- … ${names.length - 20} more` : '');
}

// EXTERNAL MODULE: ./src/db-restore/state.ts
var db_restore_state = __webpack_require__(8252);
;// CONCATENATED MODULE: ./src/db-restore/preview-message.ts






/** Without confirm: what would be restored, from when, and what would be lost (the summary too); exit 2 follows. */
async function previewMessage(c, name, leftover) {
    const { rs, runner } = c;
    const file = `${rs.bs.dir}/${name}`;
    const text = (await (0,runner_runner/* runChecked */.X4)(runner, db_restore_commands/* readManifestCommand */.fd(file), 'reading the manifest')).stdout.trim();
    let manifest = {};
    try {
        manifest = text ? (0,restore_manifest/* parseManifest */.N)(text, `${file}.json`) : {};
    }
    catch {
        // The restore itself refuses a dump whose manifest does not read; the preview says what it can.
    }
    const p = (0,restore_plan/* preview */.VH)(name, manifest, rs.bs.project, c.audit, new Date());
    const lines = [
        ...(leftover ? [`Found ${(0,db_restore_state/* explainState */.nH)(leftover)}.`, ''] : []),
        (0,restore_plan/* previewText */.DX)(p, runner.where, c.database, rs.keepPrevious),
        '',
        `Nothing was changed. ${rs.confirmGiven ? 'confirm is not the project name. ' : ''}To restore, set confirm to the project name: confirm: ${rs.bs.project} (CLI: --confirm ${rs.bs.project}).`,
    ];
    c.reporter.summary(['### 🛑 Restore not confirmed', '', '```', ...lines, '```', '', backupsList(c.verified)].join('\n'));
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/db-restore/db-restore-command.ts

























/**
 * `restore`: the production database put back to a verified backup, under the deploy's lock. The dump
 * is checked before anything changes; then maintenance on, the writers stopped, a safety backup, the
 * dump restored into a new database and its rows compared with the manifest, the names swapped in one
 * transaction, the writers started through the deploy's health gates, maintenance off. A failure
 * before the swap leaves production as it was; one after it swaps back.
 */
async function restoreCommand(settings, reporter, services = {}) {
    const rs = (0,db_restore_settings/* dbRestoreSettings */.K)(settings);
    if (rs.dryRun)
        return printRestorePlan(rs, reporter);
    return restoreCommandWith(rs, reporter, services);
}
/** A restore with its settings parsed (rollback with-data names the dump itself). */
async function restoreCommandWith(rs, reporter, services = {}) {
    const connect = services.connectHost ?? ssh_connect/* connectHost */.Z;
    const runner = await connect(rs.bs.target, reporter);
    const run = new RestoreRun(runner, rs, reporter, connect);
    // First request: stop before the swap and put production back (after it: finish). Second (the kill
    // is near): the audit record says where it stopped, and the lock is freed.
    const stopListening = services.interrupts?.listen(() => run.cancel(), () => run.abandon());
    try {
        return await run.run();
    }
    finally {
        stopListening?.();
        await runner.close();
    }
}
/** Where a failed restore left production: unchanged (as before it), or failed (a person must look). */
class RestoreFailed extends Error {
}
/** A cancel heard before the swap: the run stops at its next step and puts production back. */
class Cancelled extends errors/* OperationError */.OK {
}
class RestoreRun {
    runner;
    rs;
    reporter;
    connect;
    token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    startedAt = new Date();
    facts;
    pg;
    target;
    updates = [];
    state;
    /** What has been changed so far, for the undo. */
    maintenanceSet = false;
    writersStopped = false;
    restoredCreated = false;
    isSwapped = false;
    maintenanceAt;
    /** The backup dir's verified dumps, newest first, for the summary. */
    verified = [];
    lock;
    cancelled = false;
    /** The new database while pg_restore fills it: what a cancel interrupts. */
    filling;
    /** The audit record is written (by finish): a second signal has nothing left to record. */
    ended = false;
    constructor(runner, rs, reporter, connect) {
        this.runner = runner;
        this.rs = rs;
        this.reporter = reporter;
        this.connect = connect;
    }
    async run() {
        const { rs } = this;
        await this.readHost();
        const leftover = (0,db_restore_state/* parseRestoreState */.H)(this.facts.restoreState);
        const files = (await this.inspect()).files;
        const name = leftover && (0,db_restore_state/* swapped */.RX)(leftover) ? leftover.backup : (0,restore_plan/* pickDump */.g2)(files, rs.bs.project, rs.backup);
        if (!rs.confirmed)
            throw new errors/* InputError */.dz(await previewMessage({ runner: this.runner, rs, reporter: this.reporter, database: this.pg.database, audit: this.facts.audit, verified: this.verified }, name, leftover));
        const lock = (this.lock = await (0,host_lock/* acquireLock */.IZ)(this.runner, rs.ds, this.token, this.reporter, () => this.checkCancelled()));
        try {
            this.checkCancelled();
            // Read again under the lock: a run that held it may have changed the host meanwhile.
            await this.readHost();
            const found = await this.inspect();
            const names = await this.databases();
            const unfinished = (0,db_restore_state/* parseRestoreState */.H)(this.facts.restoreState);
            if (unfinished) {
                this.reporter.warning(`found ${(0,db_restore_state/* explainState */.nH)(unfinished)}`);
                if (names.includes(unfinished.aside))
                    return await this.finishInterrupted(unfinished);
            }
            // A restore killed before its swap left its new database: never the live one, so dropped.
            for (const leftoverDb of (0,restore_plan/* restoringDatabases */.oT)(names, this.pg.database)) {
                await this.exec(db_restore_commands/* dropCommand */.hm(this.pg, leftoverDb), `dropping ${leftoverDb}, left by a restore that did not finish`);
            }
            return await this.restore((0,restore_plan/* pickDump */.g2)(found.files, rs.bs.project, rs.backup), unfinished);
        }
        finally {
            await lock.release();
        }
    }
    /**
     * First signal. Before the swap the run stops at its next step (a pg_restore in flight is cut off
     * at once) and undoes what it did: production as it was. From the swap on it finishes: the live
     * name holds the restored data and the services may already have written to it, so swapping back
     * would lose those writes; the replaced database is kept aside either way (docs/restore.md).
     */
    cancel() {
        if (this.cancelled)
            return;
        this.cancelled = true;
        if (this.isSwapped) {
            this.reporter.warning('cancel requested after the swap: finishing the restore (the restored data is live; swapping back would lose what the started services wrote). The replaced database stays kept aside');
            return;
        }
        this.reporter.warning('cancel requested: stopping before the swap, then putting production back as it was and releasing the lock');
        if (this.filling)
            void this.runner.run(db_restore_commands/* interruptCommand */.HV(this.pg, this.filling)).catch(() => undefined);
    }
    /**
     * Second signal: the process ends in moments. The audit record says where the run stopped (the state
     * file stays: `releases` explains it, the next restore finishes it) and the lock is freed.
     */
    async abandon() {
        if (!this.lock)
            return;
        const state = this.state;
        if (!this.ended && state) {
            await this.finish('failed', state.backup, `cancelled: the runner stopped the restore at "${state.phase}" before it had put production back; found ${(0,db_restore_state/* explainState */.nH)(state)}`, undefined).catch(() => undefined);
        }
        await this.lock.release();
    }
    checkCancelled() {
        if (this.cancelled && !this.isSwapped)
            throw new Cancelled('the run was cancelled');
    }
    async readHost() {
        this.facts = (0,probe/* parseProbe */.u5)((await (0,runner_runner/* runChecked */.X4)(this.runner, (0,probe/* probeCommand */.CL)(this.rs.bs.deployPath, this.rs.bs.project), 'reading the host state')).stdout);
        if (!this.facts.dockerVersion)
            throw new errors/* OperationError */.OK(`Docker is not reachable on ${this.runner.where} for user ${this.rs.bs.target.user}. Nothing was changed.`);
        if (!this.facts.composeCommand)
            throw new errors/* OperationError */.OK(`neither "docker compose" nor "docker-compose" is installed on ${this.runner.where}. Nothing was changed.`);
        if (!this.facts.current)
            throw new errors/* InputError */.dz(`restore: nothing is deployed on ${this.runner.where} yet (no live release under ${this.rs.bs.deployPath}): deploy first, then restore into the running database`);
    }
    async inspect() {
        const found = await (0,take_backup/* inspectDatabase */.IE)(this.runner, this.rs.bs);
        (0,take_backup/* requireRunning */.jq)(this.rs.bs, found);
        this.pg = { container: found.container, user: found.user, database: found.database };
        this.verified = (0,restore_plan/* verifiedDumps */.Ub)(found.files, this.rs.bs.project);
        return found;
    }
    async databases() {
        return (await this.exec(db_restore_commands/* listDatabasesCommand */.OH(this.pg), 'listing the databases')).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    }
    async restore(name, unfinished) {
        const { rs, pg } = this;
        const file = `${rs.bs.dir}/${name}`;
        const at = new Date();
        const restored = (0,restore_plan/* restoringName */.j7)(pg.database, at);
        const aside = (0,restore_plan/* asideName */.o1)(pg.database, at);
        // 1. The dump, checked before anything changes: a bad one is refused with production untouched.
        const verdict = await (0,verify/* verifyDump */.z)(this.runner, pg.container, file);
        const manifest = verdict.manifest ? safeManifest(verdict.manifest, `${file}.json`) : undefined;
        if (!verdict.ok || !manifest?.tables) {
            const problems = verdict.ok ? ['its manifest has no row counts to compare the restored tables with'] : verdict.problems;
            return this.finish('unchanged', name, `the backup ${name} was refused before maintenance was turned on: ${problems.join('; ')}. Nothing was changed.`, manifest?.created_at);
        }
        this.reporter.info(`▸ ${name} verified: sha256 matches its sidecar and manifest, pg_restore reads every block`);
        const writers = await this.planWriters();
        this.updates = writers;
        // The dump made ready for pg_restore (copied into the container for several jobs) before any downtime.
        let feed;
        try {
            feed = await prepareFeed(this.runner, pg, file, verdict.manifest, rs.jobs, this.token, this.reporter);
        }
        catch (err) {
            return this.finish('unchanged', name, `${err.message}. Nothing was changed: maintenance was never turned on.`, manifest.created_at);
        }
        this.state = { phase: 'stopping', backup: name, database: pg.database, restored, aside, writers: writers.map((u) => u.service), startedAt: this.startedAt.toISOString(), actor: rs.ds.actor, ...(unfinished ? { takenOverFrom: unfinished.startedAt } : {}) };
        let safety;
        try {
            // 2. Maintenance on, then the writers stopped: the proxy answers 503 instead of errors.
            this.checkCancelled();
            await this.writeState('stopping');
            this.maintenanceAt = Date.now();
            const was = await (0,maintenance_switch/* setMaintenance */.wu)(this.runner, rs.bs.deployPath, true, { since: new Date().toISOString(), actor: rs.ds.actor, reason: `restore of ${name}`, by: 'restore' });
            // On before a restore: a person's switch stays on after it; one left by a killed restore is this one's to end.
            this.maintenanceSet = was === 'off' || (0,maintenance_switch/* parseMaintenance */.fM)(this.facts.maintenance)?.by === 'restore';
            this.reporter.info('▸ maintenance on');
            this.checkCancelled();
            if (writers.length > 0) {
                this.writersStopped = true;
                await this.exec((0,commands/* removeServicesCommand */.uF)(this.target, writers.map((u) => u.service)), `stopping ${writers.map((u) => u.service).join(', ')}`);
            }
            // 3. A safety backup of what is live now, with nothing writing: the way back from this restore.
            // Retention is held back for it: the dump being restored may be the oldest one kept.
            this.checkCancelled();
            const done = await (0,backup_flow/* backupAndKeep */.P7)(this.runner, this.connect, { ...rs.bs, keep: Number.MAX_SAFE_INTEGER, keepDays: 0, download: undefined, verify: undefined }, this.reporter, { sha: this.facts.current });
            safety = done.file;
            // 4. Into a new database on the same server.
            await this.writeState('restoring');
            this.restoredCreated = true;
            await this.exec(db_restore_commands/* prepareCommand */.fN(pg, pg.database, restored), `creating database ${restored}`);
            // Set before the check: a cancel from here on cuts pg_restore off (or keeps it from connecting).
            this.filling = restored;
            this.checkCancelled();
            await this.exec(feed.restore(restored), `restoring ${name} into ${restored}${feed.jobs > 1 ? ` (${feed.jobs} jobs)` : ''}`);
            this.filling = undefined;
            // 5. Every table's rows against the manifest.
            await this.writeState('comparing');
            const counted = (0,key_values/* parseKeyValues */.H)((await this.exec(db_restore_commands/* countsCommand */.O9(pg, restored), `counting the rows of ${restored}`)).stdout).get('counts')?.[0];
            const mismatches = (0,restore_plan/* countMismatches */.Mv)(manifest.tables, (0,backup_manifest/* parseTableCounts */.em)(counted ?? '{}'));
            if (mismatches.length > 0)
                throw new RestoreFailed(`the restored rows do not match the manifest of ${name}: ${mismatches.slice(0, 10).join('; ')}${mismatches.length > 10 ? `; and ${mismatches.length - 10} more` : ''}`);
            this.reporter.info(`▸ ${Object.keys(manifest.tables).length} tables match the manifest's row counts`);
            // 6. The swap: both renames in one transaction.
            await this.writeState('swapping');
            await this.swap(pg.database, restored, aside);
            this.isSwapped = true;
            if (this.cancelled)
                this.reporter.warning('the cancel came while the names were swapped, and the swap went through: finishing the restore');
            await this.writeState('starting');
            // 7. The writers of the live release, through the deploy's health gates.
            await this.startWriters(writers);
            return await this.succeed(name, manifest.created_at, aside, safety);
        }
        catch (err) {
            this.filling = undefined;
            return await this.undo(err, name, manifest.created_at, restored, aside, safety);
        }
        finally {
            await feed.cleanUp();
        }
    }
    /** The live release's services that write, as the deploy rolls them (restore.services names others). */
    async planWriters() {
        const { rs } = this;
        const live = this.facts.current;
        const recorded = (0,key_values/* parseKeyValues */.H)((await this.exec((0,commands/* keptReleaseCommand */.RX)(rs.bs.deployPath, live), `reading release ${live.slice(0, 12)}`)).stdout).get('compose-file');
        this.target = (0,commands/* releaseCompose */.Cf)({ deployPath: rs.bs.deployPath, project: rs.bs.project, composeFiles: recorded?.length ? recorded : rs.ds.composeFiles }, this.facts.composeCommand, live);
        const services = (0,compose_services/* parseRenderedCompose */.xx)((await this.exec((0,commands/* renderCommand */.CB)(this.target), 'rendering the live release')).stdout);
        const names = services.map((s) => s.name);
        const asked = rs.services;
        for (const s of asked ?? [])
            if (!names.includes(s))
                throw new errors/* InputError */.dz(`restore.services: "${s}" is not a service of the live release (services: ${names.join(', ')})`);
        if (asked?.includes(rs.bs.service))
            throw new errors/* InputError */.dz(`restore.services: "${rs.bs.service}" is backup.service, the database itself; it keeps running through a restore`);
        // A service named in restore.services is rolled like the deploy's own: given a strategy, it is one of them.
        const perService = { ...rs.ds.services, ...Object.fromEntries((asked ?? []).filter((s) => !rs.ds.services[s]?.strategy).map((s) => [s, { ...rs.ds.services[s], strategy: 'recreate' }])) };
        const plan = (0,compose_services/* planUpdates */.CY)(services, live, { order: rs.ds.order, migrateService: rs.ds.migrate?.service, perService });
        return asked ? plan.updates.filter((u) => asked.includes(u.service)) : plan.updates.filter((u) => u.service !== rs.bs.service);
    }
    /** The rename, retried while a closing session still holds the database; a failed try changes nothing. */
    async swap(live, incoming, aside) {
        let last;
        for (let attempt = 1; attempt <= 10; attempt++) {
            last = await this.runner.run(db_restore_commands/* swapCommand */.Ty(this.pg, live, incoming, aside));
            if (last.code === 0)
                return void this.reporter.info(`▸ swapped: ${incoming} is now ${live}, the replaced one is kept as ${aside}`);
            await this.runner.run(db_restore_commands/* allowConnectionsCommand */.Ej(this.pg, live)).catch(() => undefined);
            await new Promise((r) => setTimeout(r, 500));
        }
        throw new RestoreFailed(`renaming the databases failed: ${(0,runner_runner/* tail */.RT)(last?.stderr ?? '', 3).trim()}`);
    }
    async startWriters(writers) {
        for (const u of writers) {
            const started = Date.now();
            const res = await this.runner.run((0,commands/* rollCommand */.Lm)(this.target, u, this.rs.ds, ''));
            const report = (0,outcome/* parseRollOutput */.yT)(res.stdout, res.code === 0);
            if (!report.ok)
                throw new RestoreFailed(`service ${u.service} did not become healthy: ${report.reason ?? `exit ${res.code}`}`);
            this.reporter.info(`▸ started ${u.service} through its health gate (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        }
        this.writersStopped = false;
    }
    async succeed(name, createdAt, aside, safety) {
        if (this.maintenanceSet)
            await (0,maintenance_switch/* setMaintenance */.wu)(this.runner, this.rs.bs.deployPath, false);
        const downtime = this.maintenanceAt ? (Date.now() - this.maintenanceAt) / 1000 : 0;
        this.reporter.info(this.maintenanceSet ? `▸ maintenance off (${downtime.toFixed(1)}s after it went on)` : 'maintenance stays on: it was on before the restore');
        await this.exec(db_restore_commands/* clearStateCommand */.gz(this.rs.bs.deployPath), 'clearing the restore state');
        const dropped = await dropExpiredAside(this.runner, this.pg, this.rs, this.reporter, await this.databases().catch(() => []), aside);
        return this.finish('restored', name, undefined, createdAt, { previousDatabase: aside, safety, downtime, dropped });
    }
    /** A failure: before the swap, production is put back as it was; after it, the swap is undone. */
    async undo(err, name, createdAt, restored, aside, safety) {
        const why = this.reporter.redact(err.message);
        // A step cut off by the cancel fails with its own words; the cancel is the reason.
        const failed = err instanceof Cancelled || (this.cancelled && !this.isSwapped) ? 'was cancelled before the swap' : `failed: ${why}`;
        this.reporter.error(`restore of ${name} ${failed}`);
        const problems = [];
        const step = async (what, f) => {
            try {
                await f();
            }
            catch (e) {
                problems.push(`${what}: ${this.reporter.redact(e.message)}`);
            }
        };
        if (this.isSwapped) {
            await step(`swapping back (${aside} to ${this.pg.database})`, () => this.swap(this.pg.database, aside, restored));
            if (problems.length === 0)
                this.isSwapped = false;
        }
        if (!this.isSwapped && this.restoredCreated)
            await step(`dropping ${restored}`, () => this.exec(db_restore_commands/* dropCommand */.hm(this.pg, restored), `dropping ${restored}`));
        if (!this.isSwapped && this.writersStopped && this.state) {
            const writers = this.updates.length > 0 ? this.updates : await this.planWriters().catch(() => []);
            await step('starting the services again', () => this.startWriters(writers));
        }
        const unchanged = !this.isSwapped && problems.length === 0;
        if (unchanged) {
            if (this.maintenanceSet)
                await step('switching maintenance off', () => (0,maintenance_switch/* setMaintenance */.wu)(this.runner, this.rs.bs.deployPath, false));
            await step('clearing the restore state', () => this.exec(db_restore_commands/* clearStateCommand */.gz(this.rs.bs.deployPath), 'clearing the restore state'));
        }
        const message = unchanged
            ? `restore of ${name} ${failed}. Production is as it was before: database ${this.pg.database} was not replaced${this.writersStopped ? '' : ', the services run again'}${this.maintenanceSet ? ', maintenance is off' : ''}.${safety ? ` A safety backup was taken: ${safety}.` : ''}`
            : `restore of ${name} ${failed}; and putting production back failed too: ${problems.join('; ')}. Maintenance stays on; restore/state.json on the host says where it stopped, and compose-deploy releases explains it.`;
        return this.finish(unchanged ? 'unchanged' : 'failed', name, message, createdAt, { safety });
    }
    /**
     * The next restore after a run killed at or after its swap: the live name holds the restored data
     * already, so it finishes that run (writers started through their gates, maintenance off).
     */
    async finishInterrupted(state) {
        this.state = state;
        this.isSwapped = true;
        this.reporter.warning(`finishing the interrupted restore of ${state.backup}: ${state.database} holds its data; starting ${state.writers.join(', ') || 'nothing'}`);
        const writers = (await this.planWriters()).filter((u) => state.writers.includes(u.service));
        this.maintenanceAt = Date.now();
        this.maintenanceSet = true;
        try {
            await this.startWriters(writers);
        }
        catch (err) {
            const why = err.message;
            return this.finish('failed', state.backup, `finishing the interrupted restore of ${state.backup} failed: ${why}. Maintenance stays on; ${state.aside} holds the data from before that restore.`, undefined);
        }
        return this.succeed(state.backup, undefined, state.aside, undefined);
    }
    /** The audit record, the summary and the outputs, for every ending. */
    finish(result, name, message, createdAt, done = {}) {
        const { rs, runner, reporter, startedAt, maintenanceAt, verified } = this;
        this.ended = true;
        return finishRestore({ rs, runner, reporter, startedAt, maintenanceAt, verified, live: this.facts.current, pg: this.pg }, result, name, message, createdAt, done);
    }
    /** Before each step that changes something: a cancel heard before the swap stops the run here. */
    async writeState(phase) {
        this.checkCancelled();
        this.state = { ...this.state, phase };
        await this.exec(db_restore_commands/* writeStateCommand */.Aq(this.rs.bs.deployPath, this.state), `restore: ${phase}`);
    }
    async exec(command, what) {
        this.reporter.debug((0,runner_runner/* shellText */.o0)({ ...command, stdin: undefined }));
        const started = Date.now();
        const res = await (0,runner_runner/* runChecked */.X4)(this.runner, command, what);
        this.reporter.info(`▸ ${what} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        return res;
    }
}
function safeManifest(text, file) {
    try {
        return (0,restore_manifest/* parseManifest */.N)(text, file);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 8515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ dbRestoreSettings)
/* harmony export */ });
/* harmony import */ var _config_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9235);
/* harmony import */ var _config_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7840);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _backup_backup_settings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6502);
/* harmony import */ var _rollback_rollback_settings_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7777);





function dbRestoreSettings(settings) {
    const bs = (0,_backup_backup_settings_js__WEBPACK_IMPORTED_MODULE_3__/* .backupSettings */ .cg)(settings);
    if (bs.external)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('restore puts back a database of the stack (backup.service); an external database (backup.image) is restored with its provider\'s tools');
    const ds = (0,_rollback_rollback_settings_js__WEBPACK_IMPORTED_MODULE_4__/* .rollbackSettings */ .O)(settings);
    const r = settings.config.restore ?? {};
    const keepPrevious = r.keepPrevious ?? '7d';
    const confirm = settings.option('confirm')?.trim();
    const backup = settings.option('backup')?.trim() || undefined;
    const jobs = settings.option('restore-jobs', r.jobs);
    return {
        bs,
        ds: { ...ds, project: bs.project },
        backup,
        confirmed: confirm === bs.project,
        confirmGiven: !!confirm,
        reason: ds.request.reason,
        keepPrevious,
        keepPreviousSeconds: (0,_config_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E)('restore.keep-previous', keepPrevious),
        jobs: jobs === undefined || jobs === '' ? undefined : (0,_config_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .toInt */ .RI)('restore-jobs', jobs, 1, 64),
        services: r.services,
        dryRun: settings.dryRun,
    };
}


/***/ }),

/***/ 7987:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DX: () => (/* binding */ previewText),
/* harmony export */   Ji: () => (/* binding */ parallelFormat),
/* harmony export */   Mv: () => (/* binding */ countMismatches),
/* harmony export */   PO: () => (/* binding */ asideDatabases),
/* harmony export */   Ub: () => (/* binding */ verifiedDumps),
/* harmony export */   VH: () => (/* binding */ preview),
/* harmony export */   Wi: () => (/* binding */ dumpFormat),
/* harmony export */   Zq: () => (/* binding */ restoreJobs),
/* harmony export */   g2: () => (/* binding */ pickDump),
/* harmony export */   j7: () => (/* binding */ restoringName),
/* harmony export */   o1: () => (/* binding */ asideName),
/* harmony export */   oT: () => (/* binding */ restoringDatabases)
/* harmony export */ });
/* unused harmony exports nameStamp, MAX_AUTO_JOBS */
/* harmony import */ var _backup_manifest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6345);
/* harmony import */ var _backup_retention_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5668);
/* harmony import */ var _config_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7840);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);




/** Postgres keeps 63 bytes of a name: the database's name is shortened so the suffix always fits. */
const MAX_NAME = 63;
/** yyyymmdd_hhmmss in UTC: lower-case and digits, so a person can type the name in psql without quotes. */
function nameStamp(at) {
    return at.toISOString().replace(/\.\d{3}Z$/, '').replace(/[-:]/g, '').replace('T', '_');
}
function withSuffix(db, suffix) {
    return `${db.slice(0, MAX_NAME - suffix.length)}${suffix}`;
}
/** The new database a restore fills before the swap. */
const restoringName = (db, at) => withSuffix(db, `_restoring_${nameStamp(at)}`);
/** The name the replaced database is kept under. */
const asideName = (db, at) => withSuffix(db, `_pre_restore_${nameStamp(at)}`);
/** Databases this database's restores set aside, with when: those past keep-previous are dropped. */
function asideDatabases(names, db) {
    const prefix = withSuffix(db, '_pre_restore_00000000_000000').slice(0, -'00000000_000000'.length);
    const out = [];
    for (const name of names) {
        if (!name.startsWith(prefix))
            continue;
        const m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(name.slice(prefix.length));
        if (m)
            out.push({ name, at: new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) });
    }
    return out;
}
/** Leftovers of restores that never swapped (killed, or failed without clean-up). */
function restoringDatabases(names, db) {
    const prefix = withSuffix(db, '_restoring_00000000_000000').slice(0, -'00000000_000000'.length);
    return names.filter((n) => n.startsWith(prefix) && /^\d{8}_\d{6}$/.test(n.slice(prefix.length)));
}
/** Verified dumps in the backup dir, newest first: what a restore can pick. */
function verifiedDumps(files, project) {
    return (0,_backup_retention_js__WEBPACK_IMPORTED_MODULE_2__/* .planRetention */ .S)(files, project, new Date(), Number.MAX_SAFE_INTEGER, 0).kept;
}
/**
 * The dump to restore: the one named (a file name in the backup dir, verified: with its sidecar), or
 * the newest verified one. Anything else is bad input, answered with the dumps there are.
 */
function pickDump(files, project, asked) {
    const verified = verifiedDumps(files, project);
    const list = verified.length === 0 ? ' There is no verified backup in the backup dir.' : ` Verified backups, newest first:\n${verified.slice(0, 20).map((n) => `  ${n}`).join('\n')}`;
    if (asked === undefined) {
        if (verified.length === 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`restore: no verified backup of project ${project} in the backup dir (take one with the backup command first).`);
        return verified[0];
    }
    if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(asked))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`input "backup" must be a dump's file name in the backup dir (no path), got ${JSON.stringify(asked.slice(0, 100))}.${list}`);
    if (verified.includes(asked))
        return asked;
    const there = files.some((f) => f.name === asked);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`input "backup": ${asked} ${there ? 'has no .sha256 sidecar beside it (not a verified backup)' : 'is not in the backup dir'}.${list}`);
}
function preview(name, manifest, project, audit, now) {
    const created = manifest.created_at ? new Date(manifest.created_at) : (0,_backup_manifest_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDumpName */ .Zy)(name, project);
    const at = created && !Number.isNaN(created.getTime()) ? created : undefined;
    const tables = manifest.tables ?? {};
    return {
        backup: name,
        createdAt: at?.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        rpoSeconds: at ? Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000)) : undefined,
        tables: Object.keys(tables).length,
        rows: Object.values(tables).reduce((a, b) => a + b, 0),
        deployedSince: at ? audit.filter((r) => r.result === 'success' && new Date(r.finishedAt ?? r.startedAt).getTime() > at.getTime()) : [],
    };
}
function previewText(p, where, database, keepPrevious) {
    const since = p.deployedSince.length === 0 ? 'no release was deployed since' : `releases deployed since: ${p.deployedSince.map((r) => `${r.sha.slice(0, 12)} (${r.action}, ${r.finishedAt ?? r.startedAt})`).join(', ')}`;
    return [
        `restore would put database ${database} on ${where} back to ${p.backup}`,
        `  taken ${p.createdAt ?? 'at an unknown time'}${p.rpoSeconds !== undefined ? `, ${(0,_config_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .humanDuration */ .U)(p.rpoSeconds)} ago: everything written since is lost` : ''}`,
        `  ${p.tables} tables, ${p.rows} rows; ${since}`,
        `  the current database is kept aside (renamed) for ${keepPrevious}, and a safety backup is taken first`,
    ].join('\n');
}
/** Each table of the manifest, compared with what the new database holds: the mismatches, in words. */
function countMismatches(expected, restored) {
    const out = [];
    for (const [t, n] of Object.entries(expected)) {
        if (restored[t] === undefined)
            out.push(`${t}: missing (the manifest says ${n} rows)`);
        else if (restored[t] !== n)
            out.push(`${t}: ${restored[t]} rows, the manifest says ${n}`);
    }
    for (const t of Object.keys(restored))
        if (expected[t] === undefined)
            out.push(`${t}: ${restored[t]} rows, not in the manifest`);
    return out;
}
/** Most jobs a restore picks by itself: past four, the server's disk, not its CPUs, sets the pace. */
const MAX_AUTO_JOBS = 4;
/** Whether pg_restore can restore a dump of this format with several jobs (undefined: a backup's own, custom). */
const parallelFormat = (format) => format === undefined || format === 'custom' || format === 'directory';
/**
 * pg_restore's jobs: restore.jobs when set; else the database container's CPUs, at most four. A dump
 * pg_restore cannot run in parallel (plain SQL, tar) gets one, whatever is asked; so does a
 * container whose CPUs could not be read.
 */
function restoreJobs(asked, format, cpus) {
    if (!parallelFormat(format))
        return 1;
    if (asked !== undefined)
        return asked;
    return cpus !== undefined && Number.isInteger(cpus) && cpus > 0 ? Math.min(MAX_AUTO_JOBS, cpus) : 1;
}
/** The format a dump's manifest states (backup writes "custom"); undefined when it says none. */
function dumpFormat(manifestText) {
    try {
        const format = JSON.parse(manifestText ?? '').format;
        return typeof format === 'string' ? format : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 8252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ parseRestoreState),
/* harmony export */   RX: () => (/* binding */ swapped),
/* harmony export */   nH: () => (/* binding */ explainState),
/* harmony export */   pN: () => (/* binding */ keptAside)
/* harmony export */ });
function parseRestoreState(text) {
    if (!text)
        return undefined;
    try {
        const o = JSON.parse(text);
        if (o && typeof o.phase === 'string' && typeof o.database === 'string' && typeof o.restored === 'string' && typeof o.aside === 'string')
            return { ...o, writers: Array.isArray(o.writers) ? o.writers : [] };
    }
    catch {
        // A torn write (killed while writing it): nothing can be said of it but that it is there.
    }
    return undefined;
}
/** Whether the live name holds the restored data: from the swap on. */
function swapped(state) {
    return state.phase === 'swapped' || state.phase === 'starting';
}
/** One sentence a person can act on: what an unfinished restore left, and what the next `restore` does about it. */
function explainState(state) {
    const when = `${state.startedAt}${state.actor ? ` by ${state.actor}` : ''}`;
    if (swapped(state)) {
        return `a restore of ${state.backup} (started ${when}) swapped the database and did not finish: ${state.database} holds the restored data, the replaced one is kept as ${state.aside}, and ${state.writers.join(', ') || 'no service'} may still be stopped with maintenance on. Run restore again (with confirm) to finish it: it starts the services through their health gates and switches maintenance off`;
    }
    return `a restore of ${state.backup} (started ${when}) stopped at "${state.phase}", before the swap: ${state.database} was not changed; ${state.writers.join(', ') || 'no service'} may be stopped with maintenance on, and ${state.restored} may be left half restored. Run restore again (with confirm): it drops ${state.restored} first; or switch maintenance off and start the services with a rollback to the live release`;
}
/** Databases set aside by restores and not dropped since, as the audit log tells (newest first). */
function keptAside(events) {
    const dropped = new Set(events.flatMap((r) => (Array.isArray(r['dropped']) ? r['dropped'].filter((d) => typeof d === 'string') : [])));
    const kept = [];
    for (const r of events) {
        const name = r['previousDatabase'];
        if (r.action !== 'restore' || r.result !== 'success' || typeof name !== 'string' || dropped.has(name))
            continue;
        kept.push({ name, since: r.finishedAt ?? r.startedAt, backup: typeof r['backup'] === 'string' ? r['backup'] : undefined });
    }
    return kept.reverse();
}


/***/ }),

/***/ 3134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $y: () => (/* binding */ maintenanceDir),
  fM: () => (/* binding */ parseMaintenance),
  wu: () => (/* binding */ setMaintenance),
  Wh: () => (/* binding */ switchCommand)
});

// EXTERNAL MODULE: ./src/host/script.ts
var script = __webpack_require__(8959);
// EXTERNAL MODULE: ./src/runner/runner.ts
var runner_runner = __webpack_require__(1814);
// EXTERNAL MODULE: ./src/host/key-values.ts
var key_values = __webpack_require__(9364);
;// CONCATENATED MODULE: ./src/maintenance/shell-scripts.ts
// Generated by `npm run generate` from src/maintenance/sh/*.sh: edit those, not this file.
/**
 * The maintenance switch is one file, `<deploy-path>/maintenance/on`, so any proxy can follow it: the
 * proxy mounts `${COMPOSE_DEPLOY_PATH}/maintenance` read-only and answers 503 while `on` exists. The
 * directory itself is never removed (a bind mount holds its inode); only the file comes and goes.
 * $1 deploy path, $2 on|off; stdin (on): who and why, one JSON line, written as the file's content.
 * The file is written under a temporary name and renamed: a proxy never sees half of it.
 */
const SWITCH_SCRIPT = "\nroot=$1 want=$2\ndir=\"$root/maintenance\"\nwas=off\n[ -f \"$dir/on\" ] && was=on\nif [ \"$want\" = on ]; then\n  mkdir -p \"$dir\" || exit 1\n  cat > \"$dir/.on.tmp\" && chmod 644 \"$dir/.on.tmp\" && mv -f \"$dir/.on.tmp\" \"$dir/on\" || { rm -f \"$dir/.on.tmp\"; exit 1; }\nelse\n  rm -f \"$dir/on\" || exit 1\nfi\necho \"was=$was\"\necho \"maintenance=$want\"\n";

;// CONCATENATED MODULE: ./src/maintenance/switch.ts




const maintenanceDir = (deployPath) => `${deployPath}/maintenance`;
function switchCommand(deployPath, on, record) {
    return (0,script/* hostScript */.Q)('maintenance', SWITCH_SCRIPT, [deployPath, on ? 'on' : 'off'], on ? `${JSON.stringify(record ?? { since: new Date().toISOString() })}\n` : undefined);
}
/** Switches maintenance on or off; returns what it was before. */
async function setMaintenance(runner, deployPath, on, record) {
    const res = await (0,runner_runner/* runChecked */.X4)(runner, switchCommand(deployPath, on, record), `switching maintenance ${on ? 'on' : 'off'}`);
    return (0,key_values/* parseKeyValues */.H)(res.stdout).get('was')?.[0] === 'on' ? 'on' : 'off';
}
/** The `on` file's content as the probe printed it: a record, or (written by hand) whatever it says. */
function parseMaintenance(line) {
    if (line === undefined)
        return undefined;
    try {
        const o = JSON.parse(line);
        if (o && typeof o === 'object' && typeof o.since === 'string')
            return o;
    }
    catch {
        // Made by hand (touch): on, with nothing more known.
    }
    return { since: '' };
}


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


/***/ }),

/***/ 4453:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ majorOf),
/* harmony export */   N: () => (/* binding */ parseManifest)
/* harmony export */ });
/** Parses a manifest; a broken one is a finding of its own, not a crash. */
function parseManifest(text, file) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (err) {
        throw new Error(`${file} is not valid JSON (${err.message})`, { cause: err });
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        throw new Error(`${file} is not a JSON object`);
    const o = raw;
    const str = (k) => (typeof o[k] === 'string' ? o[k] : undefined);
    let tables;
    if (o['tables'] !== undefined) {
        if (o['tables'] === null || typeof o['tables'] !== 'object' || Array.isArray(o['tables']))
            throw new Error(`${file}: "tables" is not an object of "schema.table": row count`);
        tables = {};
        for (const [k, v] of Object.entries(o['tables'])) {
            if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
                throw new Error(`${file}: tables["${k}"] is not a row count`);
            tables[k] = v;
        }
    }
    return {
        database: str('database'),
        server_version: str('server_version'),
        pg_dump_version: str('pg_dump_version'),
        size: typeof o['size'] === 'number' ? o['size'] : undefined,
        sha256: str('sha256'),
        created_at: str('created_at'),
        sha: str('sha'),
        tables,
    };
}
/** "15.18 (Debian 15.18-0+deb12u1)" or "PostgreSQL 17.2" -> 15 / 17. */
function majorOf(version) {
    const m = /(\d+)(?:\.(\d+))?/.exec(version ?? '');
    if (!m)
        return undefined;
    const major = Number(m[1]);
    // Before 10, the major was two numbers (9.6); every server this drill can start is 10 or later.
    return major >= 10 ? major : undefined;
}


/***/ })

};
