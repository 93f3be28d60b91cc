export const id = 700;
export const ids = [700];
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
var commands = __webpack_require__(2706);
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
// EXTERNAL MODULE: ./src/deploy/outcome.ts
var outcome = __webpack_require__(4535);
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
    const kv = (0,outcome/* parseKeyValues */.Hl)(res.stdout);
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
/* harmony import */ var _deploy_outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4535);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1814);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2706);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6345);






/** Reads the service's container, database, role, versions and the backup dir; bad input throws InputError. */
async function inspectDatabase(runner, bs, container = '') {
    const res = await runner.run(_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .inspectCommand */ .QR(bs.project, bs.service, bs.database, bs.user, bs.dir, container));
    const kv = (0,_deploy_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyValues */ .Hl)(res.stdout);
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
    const kv = (0,_deploy_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyValues */ .Hl)(res.stdout);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`backup of ${found.database}: could not store the checked dump as ${final}: ${(0,_deploy_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyValues */ .Hl)(finish.stdout).get('failed')?.[0] ?? finish.stderr.trim()}`);
    reporter.info(`▸ backed up ${found.database}: ${final} (${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_5__/* .formatBytes */ .z)(manifest.size)}, ${Object.keys(manifest.tables).length} tables, ${duration.toFixed(1)}s)`);
    return { file: final, name, manifest };
}


/***/ }),

/***/ 7765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  hY: () => (/* binding */ COMPOSE_FILES_RECORD),
  Gi: () => (/* binding */ auditAndPruneCommand),
  Ht: () => (/* binding */ auditCommand),
  Ss: () => (/* binding */ cancelCommand),
  d8: () => (/* binding */ cancelMarker),
  I8: () => (/* binding */ containersCommand),
  Td: () => (/* binding */ convergeCommand),
  wq: () => (/* binding */ downCommand),
  RX: () => (/* binding */ keptReleaseCommand),
  Lg: () => (/* binding */ lockCommand),
  vu: () => (/* binding */ migrateCommand),
  pj: () => (/* binding */ migrationDependenciesCommand),
  TW: () => (/* binding */ pullCommand),
  Cf: () => (/* binding */ releaseCompose),
  be: () => (/* binding */ removeCurrentCommand),
  uF: () => (/* binding */ removeServicesCommand),
  CB: () => (/* binding */ renderCommand),
  r9: () => (/* binding */ renewLeaseCommand),
  Lm: () => (/* binding */ rollCommand),
  J9: () => (/* binding */ settleCommand),
  zg: () => (/* binding */ switchCurrentCommand),
  I_: () => (/* binding */ unlockCommand),
  YT: () => (/* binding */ unpackCommand)
});

// UNUSED EXPORTS: releaseDir

// EXTERNAL MODULE: ./src/compose/service-name.ts
var service_name = __webpack_require__(2311);
;// CONCATENATED MODULE: ./src/compose/cli.ts

/** argv for `<compose> -p P -f A -f B [--env-file E] <args...>` */
function composeCommand(t, args, extra = {}) {
    const base = t.flavor === 'docker compose' ? ['docker', 'compose'] : ['docker-compose'];
    const argv = [
        ...base,
        ...(t.project ? ['--project-name', t.project] : []),
        ...(t.projectDirectory ? ['--project-directory', t.projectDirectory] : []),
        ...(t.allProfiles && t.flavor === 'docker compose' ? ['--profile', '*'] : []),
        ...t.files.flatMap((f) => ['--file', f]),
        ...(t.envFile ? ['--env-file', t.envFile] : []),
        ...args,
    ];
    return { argv, cwd: t.cwd, ...extra };
}
/**
 * Compose arguments that act on named services: the subcommand and its options, then `--`, then the
 * names (and, for `run`, the command after the service). Without the `--` a service named like an
 * option would be read as one, and `up` or `rm` with no name left acts on every service; v1
 * (docopt: `[--] [SERVICE...]`) and v2 (cobra) both end option parsing there.
 */
function withServices(subcommand, services, after = []) {
    // An empty list would make `up`/`rm` act on the whole project: a caller's mistake, never a request.
    if (services.length === 0)
        throw new Error(`compose ${subcommand[0]}: no service named`);
    for (const s of services)
        (0,service_name/* checkServiceName */.PV)(s, `compose ${subcommand[0]}`);
    return [...subcommand, '--', ...services, ...after];
}
/** Which Compose a machine has: v2 first (current hosts and runners), v1 where that is all there is. */
async function detectCompose(runner) {
    const v2 = await runner.run({ argv: ['docker', 'compose', 'version', '--short'] });
    if (v2.code === 0 && v2.stdout.trim())
        return { flavor: 'docker compose', version: v2.stdout.trim().replace(/^v/, '') };
    const v1 = await runner.run({ argv: ['docker-compose', 'version', '--short'] });
    if (v1.code === 0 && v1.stdout.trim())
        return { flavor: 'docker-compose', version: v1.stdout.trim().replace(/^v/, '') };
    return undefined;
}

// EXTERNAL MODULE: ./src/ssh/quote.ts
var quote = __webpack_require__(9038);
;// CONCATENATED MODULE: ./src/deploy/host-scripts.ts
/**
 * Fixed shell scripts run on the host as `sh -c SCRIPT NAME ARG...`. They are constants: every
 * variable part arrives as a positional argument, quoted by quoteArgv like any other argument.
 * Keeping the loops here means a health wait costs one SSH round trip, however many polls it takes.
 */
/**
 * Ending a lock (a release, or a break of a stale one) must happen once, to the lock that was judged:
 * whoever ends it first wins mkdir "$lock/ending" in it, checks it is still the same directory (inode)
 * with the same owner record, and renames it aside (atomic). Two breakers of one stale lock cannot
 * both win, and a breaker that judged the old lock can never end the fresh one another made meanwhile
 * (the old one stays aside until the new one exists, so the new one cannot reuse its inode).
 * set_aside TOKEN INODE: 0 and $aside set when this call moved that lock aside (TOKEN "-": a lock
 * without an owner record, whose run died between its mkdir and writing it).
 */
const SET_ASIDE_FN = `
owns() {
  if [ "$1" = - ]; then [ ! -e "$lock/owner.json" ]; else grep -q "\\"token\\":\\"$1\\"" "$lock/owner.json" 2>/dev/null; fi
}
set_aside() {
  mkdir "$lock/ending" 2>/dev/null || return 1
  if [ "$(stat -c %i "$lock" 2>/dev/null)" != "$2" ] || ! owns "$1"; then rmdir "$lock/ending" 2>/dev/null; return 1; fi
  aside="$lock.ended.$$"
  mv "$lock" "$aside"
}
`;
/**
 * $1 root, $2 token (inside the owner record, named here for the process list), $3 stale-after
 * seconds, $4 force (true/false), $5 lease seconds; stdin: the owner record. The holder renews
 * $lock/lease while it works; a lock whose lease was not renewed for $5 seconds belongs to a run that
 * is gone (killed outright) and is taken over without a person. Without a lease file (a run of an
 * older version), only force-unlock after stale-after breaks it.
 */
const LOCK_SCRIPT = `
root=$1 stale=$3 force=$4 lease=$5
lock="$root/.deploy-lock"
${SET_ASIDE_FN}
take() { cat > "$lock/owner.json"; : > "$lock/lease"; }
mkdir -p "$root" || exit 1
if mkdir "$lock" 2>/dev/null; then take; echo "lock=acquired"; exit 0; fi
ino=$(stat -c %i "$lock" 2>/dev/null)
now=$(date +%s)
owner=$(tr -d '\\n' < "$lock/owner.json" 2>/dev/null)
since=$(stat -c %Y "$lock" 2>/dev/null || echo "$now")
renewed=$(stat -c %Y "$lock/lease" 2>/dev/null)
echo "lock=held"
echo "age=$((now - since))"
[ -n "$renewed" ] && echo "lease-age=$((now - renewed))"
printf 'owner=%s\\n' "$owner"
# The owner and the ages must be of one lock: one that changed while being read is not judged.
[ -n "$ino" ] && [ "$(stat -c %i "$lock" 2>/dev/null)" = "$ino" ] || exit 75
held_by=$(printf '%s' "$owner" | sed -n 's/.*"token":"\\([0-9a-zA-Z]*\\)".*/\\1/p')
how=
if [ -n "$renewed" ] && [ $((now - renewed)) -ge "$lease" ]; then how=taken-over
elif [ "$force" = true ] && [ $((now - since)) -ge "$stale" ]; then how=broken
fi
if [ -n "$how" ] && set_aside "\${held_by:--}" "$ino"; then
  if mkdir "$lock" 2>/dev/null; then
    take
    rm -rf "$aside"
    echo "lock=$how"
    exit 0
  fi
  rm -rf "$aside"
fi
exit 75
`;
/** $1 root, $2 token: renews the lease of the lock this run holds (the heartbeat of a working deploy). */
const RENEW_LEASE_SCRIPT = `
lock="$1/.deploy-lock"
if grep -q "\\"token\\":\\"$2\\"" "$lock/owner.json" 2>/dev/null; then : > "$lock/lease"; echo "lease=renewed"; else echo "lease=not-ours"; fi
`;
/** $1 root, $2 token: leaves a cancel marker in the lock, only if this run holds it (roll waits watch for it). */
const CANCEL_SCRIPT = `
lock="$1/.deploy-lock"
if grep -q "\\"token\\":\\"$2\\"" "$lock/owner.json" 2>/dev/null; then : > "$lock/cancel"; echo "cancel=marked"; fi
`;
/** $1 root, $2 token: removes the lock only if this run holds it. */
const UNLOCK_SCRIPT = `
lock="$1/.deploy-lock"
${SET_ASIDE_FN}
if owns "$2" && set_aside "$2" "$(stat -c %i "$lock" 2>/dev/null)"; then rm -rf "$aside"; echo "lock=released"; else echo "lock=not-ours"; fi
`;
/**
 * Shared by the scripts that make a release live: prints compose-file=<f> for each Compose file the
 * release $1 recorded, live-compose-file=<f> for the live release's, and changed=<f> for each of
 * $1's files that differs from the live release's. A running service that bind-mounts a changed file
 * must be recreated to see it (its Compose definition, and so Compose's own change check, is unchanged).
 */
const RELEASE_RECORDS_FN = `
release_records() {
  [ -f "$1/.compose-files" ] && sed 's/^/compose-file=/' "$1/.compose-files"
  [ -f "$root/current/.compose-files" ] && sed 's/^/live-compose-file=/' "$root/current/.compose-files"
  [ -d "$root/current" ] || return 0
  (cd "$1" && find . -type f ! -name .env) | while read -r f; do
    f=\${f#./}
    if [ ! -f "$root/current/$f" ] || [ "$(cksum < "$1/$f")" != "$(cksum < "$root/current/$f")" ]; then echo "changed=$f"; fi
  done
}
`;
/** $1 root, $2 sha; stdin: base64 of a tar of the release files. Replaces releases/<sha> atomically; prints release_records of it, and removed-leftover=<dir> for each interrupted upload it cleared. */
const UNPACK_RELEASE_SCRIPT = `
set -eu
root=$1 sha=$2
${RELEASE_RECORDS_FN}
# maintenance/ exists before any proxy mounts it: Docker would create a missing one owned by root.
mkdir -p "$root/releases" "$root/maintenance"
# An upload killed outright (SIGKILL, a runner that vanished) ran no trap and left its directory,
# .env included. This deploy holds the lock, so every .incoming-* is such a leftover.
for old in "$root"/releases/.incoming-*; do
  [ -e "$old" ] || continue
  rm -rf "$old"
  echo "removed-leftover=\${old##*/}"
done
incoming="$root/releases/.incoming-$sha-$$"
# A failed or interrupted extract must not leave a half release (with its .env) behind.
trap 'rm -rf "$incoming"' EXIT
trap 'rm -rf "$incoming"; trap - EXIT; exit 129' HUP
trap 'rm -rf "$incoming"; trap - EXIT; exit 130' INT
trap 'rm -rf "$incoming"; trap - EXIT; exit 141' PIPE
trap 'rm -rf "$incoming"; trap - EXIT; exit 143' TERM
mkdir -p "$incoming"
base64 -d | tar -x -f - -C "$incoming"
release_records "$incoming"
rm -rf "$root/releases/$sha"
mv "$incoming" "$root/releases/$sha"
echo "unpacked=$root/releases/$sha"
`;
/** $1 root, $2 sha of a kept release (rollback): exit 4 when it is gone, else release_records of it. */
const KEPT_RELEASE_SCRIPT = `
root=$1 sha=$2
${RELEASE_RECORDS_FN}
dir="$root/releases/$sha"
if [ ! -f "$dir/.env" ]; then echo "missing=$dir"; exit 4; fi
release_records "$dir"
exit 0
`;
/**
 * $1 registry, $2 user ("" for no login), then images; stdin: the registry password. Logs in into a
 * private DOCKER_CONFIG that exists only while this script runs, then pulls the images not on the
 * host yet, retrying transient failures (not a missing image or a refusal). Exit 3: the registry refused the login.
 */
const PULL_SCRIPT = `
registry=$1 user=$2
shift 2
err=
auth=
cleanup() { [ -z "$err" ] || rm -f "$err"; [ -z "$auth" ] || rm -rf "$auth"; }
# A signal (the SSH client gone, a cancelled run) must not leave the login in /tmp either; the traps
# come before the first temporary file, so none is made that a signal could leave behind.
trap cleanup EXIT
trap 'cleanup; trap - EXIT; exit 129' HUP
trap 'cleanup; trap - EXIT; exit 130' INT
trap 'cleanup; trap - EXIT; exit 141' PIPE
trap 'cleanup; trap - EXIT; exit 143' TERM
err=$(mktemp)
if [ -n "$user" ]; then
  auth=$(mktemp -d) || exit 1
  export DOCKER_CONFIG="$auth"
  if ! docker login "$registry" --username "$user" --password-stdin >/dev/null 2>"$err"; then
    echo "login=refused"
    cat "$err" >&2
    exit 3
  fi
fi
# "--": an image reference comes from the rendered Compose file and must never act as an option.
for img in "$@"; do
  if docker image inspect -- "$img" >/dev/null 2>&1; then echo "present=$img"; continue; fi
  n=0
  until docker pull -q -- "$img" >/dev/null 2>"$err"; do
    n=$((n + 1))
    # An image that is not there, or a refusal, will not change on a retry.
    if [ $n -ge 3 ] || grep -qiE 'manifest unknown|not found|unauthorized|denied|invalid reference' "$err"; then
      echo "failed=$img"; cat "$err" >&2; exit 1
    fi
    sleep $((n * 2))
  done
  echo "pulled=$img"
done
`;
/**
 * Rolls one service. $1 service, $2 replicas, $3 timeout, $4 min-ready seconds, $5 drain seconds,
 * $6 health URL or "", $7 strategy (rolling|recreate), $8 project, $9 stop grace seconds, $10 a
 * cancel marker path or "" (when it appears, the wait gives up at once and the old containers keep
 * serving), $11 the healthcheck's command as quoted words or "" (run by the wait itself while Docker
 * still says "starting", so readiness is seen at once rather than at Docker's next interval); then the
 * Compose command ("docker compose ..." or "docker-compose ...", files and env file included).
 *
 * rolling: start the new containers beside the old (--scale 2n --no-recreate), wait until every
 * new one is ready, let the proxy see them for the drain delay, then stop the old ones within their
 * grace period. If a new container is not ready in time, the new ones are removed and the old keep serving.
 * recreate: stop first (a short outage), then wait for the new ones.
 */
const ROLL_SCRIPT = `
svc=$1 n=$2 timeout=$3 min_ready=$4 drain=$5 url=$6 strategy=$7 project=$8 grace=$9 cancel=\${10} probe=\${11}
shift 11
ids() {
  docker ps -aq --no-trunc --filter "label=com.docker.compose.project=$project" \\
    --filter "label=com.docker.compose.service=$svc" --filter "label=com.docker.compose.oneoff=False" | sort
}
report_failure() {
  id=$1 why=$2
  echo "failed=$id"
  echo "reason=$why"
  docker inspect -f '{{if .State.Health}}{{range .State.Health.Log}}{{printf "%s" .Output}}{{end}}{{end}}' "$id" 2>/dev/null | tail -n 20 | sed 's/^/health| /'
  docker logs --tail 30 "$id" 2>&1 | sed 's/^/log| /'
}
cancelled() { [ -n "$cancel" ] && [ -e "$cancel" ]; }
# A failed docker command may mean the daemon itself is away (a restart): that is said as such.
docker_down() { ! docker version >/dev/null 2>&1; }
# Milliseconds on this host's clock (whole seconds where date has no %N).
now_ms() {
  t=$(date +%s%N 2>/dev/null)
  case $t in ''|*[!0-9]*) echo $(( $(date +%s) * 1000 )) ;; *) echo $((t / 1000000)) ;; esac
}
# The service's own healthcheck, run now: Docker runs it only every interval, and an app that is up
# should not wait for the next one. $probe holds the command's words, quoted by compose-deploy.
probe_ok() {
  [ -n "$probe" ] || return 1
  probe_id=$1
  eval "set -- $probe"
  timeout 10 docker exec "$probe_id" "$@" >/dev/null 2>&1
}
# The new containers go when this roll fails. If Docker cannot remove them (the daemon restarting),
# they are named: their restart policy would bring them back beside the old ones.
remove_new() {
  if docker rm -f $new >/dev/null 2>&1; then echo "removed-new=$(echo $new)"; else echo "stranded=$(echo $new)"; fi
}
wait_ready() {
  id=$1 seen_start='' seen_at=''
  while :; do
    st=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}} {{.State.StartedAt}}' "$id" 2>/dev/null) || st="gone none 0 -"
    if [ "$st" = "gone none 0 -" ] && docker_down; then report_failure "$id" "the Docker daemon stopped answering"; return 1; fi
    set -- $st
    now=$(date +%s)
    if cancelled; then report_failure "$id" "deploy cancelled"; return 1; fi
    case "$1" in running) ;; *) report_failure "$id" "container is $1"; return 1 ;; esac
    if [ "$3" != 0 ]; then report_failure "$id" "container restarted $3 times"; return 1; fi
    # Without a healthcheck, ready means the same start time for min_ready seconds of this host's
    # clock: no date parsing, which busybox date cannot do for Docker's timestamps.
    if [ "$4" != "$seen_start" ]; then seen_start=$4 seen_at=$(now_ms); fi
    ok=
    case "$2" in
      healthy) ok=1 ;;
      unhealthy) report_failure "$id" "healthcheck reported unhealthy"; return 1 ;;
      starting) probe_ok "$id" && ok=1 ;;
      none) [ $(($(now_ms) - seen_at)) -ge $((min_ready * 1000)) ] && ok=1 ;;
    esac
    if [ -n "$ok" ] && [ -n "$url" ]; then
      timeout 10 docker exec "$id" wget -q -O /dev/null "$url" >/dev/null 2>&1 || ok=
    fi
    if [ -n "$ok" ]; then echo "ready=$id after=$((now - t0))"; return 0; fi
    if [ "$now" -ge "$deadline" ]; then report_failure "$id" "not ready after \${timeout}s (health: $2)"; return 1; fi
    # A tenth of a second: each poll is one docker inspect (and, while starting, the healthcheck),
    # and every poll interval is time both releases' containers wait on the roll.
    sleep 0.1
  done
}
still_ready() {
  st=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}}' "$1" 2>/dev/null) || st="gone none 0"
  if [ "$st" = "gone none 0" ] && docker_down; then report_failure "$1" "the Docker daemon stopped answering during the drain"; return 1; fi
  set -- "$1" $st
  if [ "$2" != running ]; then report_failure "$1" "container is $2 after the drain"; return 1; fi
  if [ "$4" != 0 ]; then report_failure "$1" "container restarted during the drain"; return 1; fi
  case "$3" in healthy|none) return 0 ;; esac
  # Ready by its own healthcheck before Docker's first run of it: still passing is still ready.
  if [ "$3" = starting ] && probe_ok "$1"; then return 0; fi
  report_failure "$1" "healthcheck turned $3 during the drain"
  return 1
}
t0=$(date +%s)
deadline=$((t0 + timeout))
echo "at-start=$(now_ms)"
old=$(ids)
count=$(printf '%s\\n' $old | grep -c . || true)
echo "old=$(echo $old)"
# sh runs no EXIT trap when a signal ends it (the SSH connection gone, a killed runner): without
# these, every roll cut short left its compose output in /tmp. Set before the file exists: a signal
# between mktemp and the traps left it (sh runs a trap only once the assignment is done).
uplog=
trap 'rm -f "$uplog"' EXIT
trap 'rm -f "$uplog"; trap - EXIT; exit 129' HUP
trap 'rm -f "$uplog"; trap - EXIT; exit 130' INT
trap 'rm -f "$uplog"; trap - EXIT; exit 143' TERM
uplog=$(mktemp)
# "--": the service is a name, never an option (the name was checked too, before it got here).
if [ -z "$old" ]; then
  "$@" up -d --no-deps --scale "$svc=$n" -- "$svc" >"$uplog" 2>&1
elif [ "$strategy" = recreate ]; then
  "$@" up -d --no-deps --force-recreate --scale "$svc=$n" -- "$svc" >"$uplog" 2>&1
else
  "$@" up -d --no-deps --no-recreate --scale "$svc=$((count + n))" -- "$svc" >"$uplog" 2>&1
fi
up_status=$?
echo "at-up=$(now_ms)"
now_ids=$(ids)
new=$(printf '%s\\n' $now_ids | grep -vxF "$(printf '%s\\n' $old)" || true)
[ -n "$old" ] && [ "$strategy" = recreate ] && new=$now_ids
echo "new=$(echo $new)"
if [ "$up_status" != 0 ] || [ -z "$new" ]; then
  # A daemon restarting under compose up fails it, or hides what it created from the listing above.
  if docker_down; then echo "reason=the Docker daemon stopped answering"
  elif [ "$up_status" != 0 ]; then echo "reason=compose up failed (exit $up_status)"
  else echo "reason=compose started no new container"; fi
  tail -n 20 "$uplog" | sed 's/^/log| /'
  if [ "$strategy" != recreate ] && [ -n "$old" ] && [ -n "$new" ]; then remove_new; fi
  exit 1
fi
for id in $new; do
  if ! wait_ready "$id"; then
    if [ "$strategy" != recreate ] && [ -n "$old" ]; then remove_new; fi
    exit 1
  fi
done
echo "at-ready=$(now_ms)"
if [ "$strategy" != recreate ] && [ -n "$old" ]; then
  sleep "$drain"
  echo "at-drained=$(now_ms)"
  if cancelled; then
    echo "reason=deploy cancelled"
    remove_new
    exit 1
  fi
  # A container that turned unhealthy (or restarted) while both served must not be the one left.
  for id in $new; do
    if ! still_ready "$id"; then
      remove_new
      exit 1
    fi
  done
  if docker stop -t "$grace" $old >/dev/null && docker rm $old >/dev/null; then
    echo "stopped-old=$(echo $old)"
  else
    # The daemon went away (a restart) after the new ones were ready: the old ones must still go.
    echo "stranded=$(echo $old)"
  fi
fi
echo "at-end=$(now_ms)"
echo "done-after=$(( $(date +%s) - t0 ))"
`;
/**
 * $1 seconds to wait for the Docker daemon to answer, then container ids to remove once it does.
 * After a daemon restart, containers with a restart policy come back: the ones a failed or finished
 * roll meant to remove must go, or the host runs two releases of a service.
 */
const SETTLE_SCRIPT = `
wait=$1; shift
i=0
until docker version >/dev/null 2>&1; do
  i=$((i + 1))
  if [ $i -gt $((wait * 4)) ]; then echo "docker=down"; [ $# -eq 0 ] || echo "stranded=$*"; exit 1; fi
  sleep 0.25
done
echo "docker=up waited=$((i / 4))"
left=
for id in "$@"; do
  # A container already gone counts as removed.
  docker rm -f -- "$id" >/dev/null 2>&1 || { docker inspect -- "$id" >/dev/null 2>&1 && left="$left $id"; }
done
[ $# -eq 0 ] || echo "removed=$*"
if [ -n "$left" ]; then echo "stranded=$(echo $left)"; exit 1; fi
exit 0
`;
/**
 * $1 project: every service container (one-off runs aside) as "service image id", so a deploy that
 * failed can say whether the host runs containers of two releases.
 */
const CONTAINERS_SCRIPT = `
docker ps -a --no-trunc --filter "label=com.docker.compose.project=$1" --filter "label=com.docker.compose.oneoff=False" \\
  --format '{{.Label "com.docker.compose.service"}} {{.Image}} {{.ID}}'
`;
/** $1 root, $2 sha: points current at the release (atomic rename of a new symlink). */
const SWITCH_CURRENT_SCRIPT = `
set -eu
ln -sfn "releases/$2" "$1/.current-next"
mv -T "$1/.current-next" "$1/current"
echo "current=$2"
`;
/** $1 root; stdin: one JSON line appended to the audit log. */
const AUDIT_SCRIPT = `
cat >> "$1/releases.jsonl"
`;
/** $1 root, then the release shas to keep: removes other releases and the images only they used. */
const PRUNE_SCRIPT = `
root=$1; shift
keep=" $* "
for d in "$root"/releases/*; do
  [ -d "$d" ] || continue
  sha=$(basename "$d")
  case "$keep" in *" $sha "*) continue ;; esac
  rm -rf "$d"
  echo "pruned=$sha"
  docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -F ":sha-$sha" | while read -r img; do
    docker image rm "$img" >/dev/null 2>&1 && echo "pruned-image=$img"
  done
done
exit 0
`;

;// CONCATENATED MODULE: ./src/deploy/commands.ts




/** Each remote step of a deploy as a Command: pure functions, unit-tested, printed by dry-run. */
const script = (name, body, args, stdin) => ({
    argv: ['sh', '-c', body, `compose-deploy-${name}`, ...args],
    stdin,
});
const releaseDir = (root, sha) => `${root}/releases/${sha}`;
/** Compose pointed at one release: its files and .env, with the stable project directory `current`. */
function releaseCompose(ds, flavor, sha) {
    const dir = releaseDir(ds.deployPath, sha);
    return {
        flavor,
        project: ds.project,
        files: ds.composeFiles.map((f) => `${dir}/${f}`),
        envFile: `${dir}/.env`,
        // Relative bind mounts (./Caddyfile) resolve under `current`, a path that does not change
        // between releases, so a proxy whose definition did not change is not recreated by a deploy.
        projectDirectory: `${ds.deployPath}/current`,
    };
}
const lockCommand = (root, token, staleAfter, force, owner, leaseSeconds = 180) => script('lock', LOCK_SCRIPT, [root, token, String(staleAfter), String(force), String(leaseSeconds)], owner);
const renewLeaseCommand = (root, token) => script('renew-lease', RENEW_LEASE_SCRIPT, [root, token]);
const unlockCommand = (root, token) => script('unlock', UNLOCK_SCRIPT, [root, token]);
/** Where a cancelled run leaves its marker: inside its own lock, so it goes away with the lock. */
const cancelMarker = (root) => `${root}/.deploy-lock/cancel`;
const cancelCommand = (root, token) => script('cancel', CANCEL_SCRIPT, [root, token]);
const unpackCommand = (root, sha, tarBase64) => script('unpack', UNPACK_RELEASE_SCRIPT, [root, sha], tarBase64);
/** Each release records the Compose files it was made with, so a rollback starts it with its own. */
const COMPOSE_FILES_RECORD = '.compose-files';
/** rollback: what the kept release recorded, and which of its files differ from the live release's. */
const keptReleaseCommand = (root, sha) => script('kept-release', KEPT_RELEASE_SCRIPT, [root, sha]);
/** The rendered release with every service, profile-gated ones included, under v1 and v2 alike. */
const renderCommand = (target) => composeCommand({ ...target, allProfiles: true }, ['config']);
/** Pulls what the host lacks; with credentials, logs in first (the password on stdin) into a throwaway DOCKER_CONFIG. */
function pullCommand(images, login) {
    return script('pull', PULL_SCRIPT, [login?.registry ?? '', login?.user ?? '', ...images], login?.password);
}
/**
 * Starts what the migration needs without touching what already runs. `compose run` would start the
 * dependencies itself, but v2 recreates a running dependency whose definition changed (v1 does not):
 * the database restarting under the live release before the rolling update even began. `up
 * --no-recreate` starts missing ones and leaves running ones alone on both; the rolling update
 * updates them later, each by its own strategy.
 */
const migrationDependenciesCommand = (target, dependencies) => composeCommand(target, withServices(['up', '-d', '--no-recreate'], dependencies));
/** The migration itself, its dependencies already up (migrationDependenciesCommand). */
function migrateCommand(target, migrate) {
    return composeCommand(target, withServices(['run', '--rm', '-T', '--no-deps'], [migrate.service], migrate.command ?? []));
}
const switchCurrentCommand = (root, sha) => script('switch', SWITCH_CURRENT_SCRIPT, [root, sha]);
/** Third-party services to their declared state; `recreate`: they mount a release file that changed. */
const convergeCommand = (target, services, recreate = false) => composeCommand(target, withServices(['up', '-d', '--no-deps', ...(recreate ? ['--force-recreate'] : [])], services));
/** Stops and removes services (those a failed release added), with the files that define them. */
const removeServicesCommand = (target, services) => composeCommand(target, withServices(['rm', '--stop', '--force'], services));
/** `cancelMarker`: the file whose appearance ends the health wait early (none for a rollback, which must finish). */
function rollCommand(target, u, ds, cancelMarkerPath = '') {
    const compose = composeCommand(target, []).argv;
    return script('roll', ROLL_SCRIPT, [
        (0,service_name/* checkServiceName */.PV)(u.service, 'roll'),
        String(u.replicas),
        String(ds.healthTimeout),
        String(ds.minReadySeconds),
        String(ds.drainSeconds),
        u.healthUrl ?? '',
        u.strategy,
        ds.project,
        String(u.stopGraceSeconds),
        cancelMarkerPath,
        // Run on the host through eval: words quoted by the one quoting function.
        u.healthProbe ? (0,quote/* quoteArgv */.r)(u.healthProbe) : '',
        ...compose,
    ]);
}
/** Waits up to `seconds` for the Docker daemon, then removes the named containers (ids only: checked here). */
function settleCommand(seconds, ids = []) {
    for (const id of ids)
        if (!/^[0-9a-f]{12,64}$/.test(id))
            throw new Error(`not a container id: ${JSON.stringify(id)}`);
    return script('settle', SETTLE_SCRIPT, [String(seconds), ...ids]);
}
const containersCommand = (project) => script('containers', CONTAINERS_SCRIPT, [project]);
/** Removes what a failed first deploy started (volumes stay: they may hold data already). */
const downCommand = (target) => composeCommand(target, ['down', '--remove-orphans']);
const removeCurrentCommand = (root) => ({ argv: ['rm', '-f', `${root}/current`] });
const auditCommand = (root, record) => script('audit', AUDIT_SCRIPT, [root], `${JSON.stringify(record)}\n`);
/** A deploy's last two steps in one round trip: the record is written first, then old releases go. */
const auditAndPruneCommand = (root, record, keep) => script('audit-prune', `${AUDIT_SCRIPT}[ $? = 0 ] || exit 1\n${PRUNE_SCRIPT}`, [root, ...keep], `${JSON.stringify(record)}\n`);


/***/ }),

/***/ 4332:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ acquireLock)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1814);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7765);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4535);




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
    const owner = JSON.stringify({ token, sha: ds.sha, actor: ds.actor ?? null, runUrl: ds.runUrl ?? null, startedAt: new Date().toISOString(), pid: process.pid });
    const deadline = Date.now() + ds.lockTimeout * 1000;
    let announced = false;
    for (;;) {
        const res = await runner.run((0,_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .lockCommand */ .Lg)(ds.deployPath, token, ds.staleLockAfter, ds.forceUnlock, owner, ds.lockLease));
        const kv = (0,_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyValues */ .Hl)(res.stdout);
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
    const heartbeat = setInterval(() => void runner.run((0,_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .renewLeaseCommand */ .r9)(root, token)).catch(() => undefined), Math.max(1, Math.floor(leaseSeconds / 4)) * 1000);
    heartbeat.unref();
    return {
        tookOverFrom,
        async release() {
            if (released)
                return;
            released = true;
            clearInterval(heartbeat);
            const res = await runner.run((0,_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .unlockCommand */ .I_)(root, token)).catch((err) => ({ code: 1, stdout: '', stderr: err.message }));
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
/**
 * One round trip that tells what the host has: Docker, which Compose, the live release, the kept
 * releases, the tail of the audit log and the free space under the deploy path and under Docker's
 * data root (where pulled images land). A fixed script; the variable parts are $1, the deploy path, and $2, the project.
 */
const PROBE_SCRIPT = `
root=$1 project=$2
# One call for the version and the data root: docker info reads both from the daemon.
info=$(docker info --format '{{.ServerVersion}} {{.DockerRootDir}}' 2>/dev/null) || info=
printf 'docker-version=%s\\n' "\${info%% *}"
case $info in
  *' /'*) data="/\${info#* /}"; printf 'docker-root=%s\\ndocker-root-free-kb=%s\\n' "$data" "$(df -Pk "$data" 2>/dev/null | awk 'NR==2 {print $4}')" ;;
esac
# Each Compose CLI is asked once: its start-up is most of what this probe costs.
if v=$(docker compose version --short 2>/dev/null); then
  printf 'compose-command=docker compose\\ncompose-version=%s\\n' "$v"
elif command -v docker-compose >/dev/null 2>&1; then
  printf 'compose-command=docker-compose\\ncompose-version=%s\\n' "$(docker-compose version --short)"
fi
if [ -L "$root/current" ]; then printf 'current=%s\\n' "$(basename "$(readlink "$root/current")")"; fi
if [ -d "$root/releases" ]; then
  for d in "$root"/releases/*; do [ -d "$d" ] && printf 'release=%s\\n' "$(basename "$d")"; done
fi
if [ -f "$root/releases.jsonl" ]; then tail -n 500 "$root/releases.jsonl" | sed 's/^/audit=/'; fi
if [ -f "$root/maintenance/on" ]; then printf 'maintenance=%s\\n' "$(head -c 2000 "$root/maintenance/on" | tr -d '\\n')"; fi
if [ -f "$root/restore/state.json" ]; then printf 'restore-state=%s\\n' "$(tr -d '\\n' < "$root/restore/state.json")"; fi
# A first deploy's directory does not exist yet: its nearest existing parent is where it will be made.
near=$root
while [ ! -e "$near" ] && [ "$near" != / ]; do near=$(dirname "$near"); done
printf 'free-kb=%s\\n' "$(df -Pk "$near" 2>/dev/null | awk 'NR==2 {print $4}')"
if [ -n "$project" ]; then
  docker ps --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.oneoff=False" \\
    --format 'running={{.Label "com.docker.compose.service"}} {{.Image}}' 2>/dev/null
fi
exit 0
`;
/** With a project name, the probe also lists what the project runs (service and image). */
function probeCommand(deployPath, project = '') {
    return { argv: ['sh', '-c', PROBE_SCRIPT, 'compose-deploy-probe', deployPath, project] };
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
    return { argv: ['sh', '-c', 'for i in "$@"; do docker image inspect "$i" >/dev/null 2>&1 && printf "present=%s\\n" "$i"; done; exit 0', 'compose-deploy-images', ...images] };
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


/***/ })

};
