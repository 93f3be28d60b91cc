export const id = 76;
export const ids = [76];
export const modules = {

/***/ 76:
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
// EXTERNAL MODULE: ./src/deploy/lock.ts
var deploy_lock = __webpack_require__(4332);
// EXTERNAL MODULE: ./src/host/probe.ts
var probe = __webpack_require__(9460);
// EXTERNAL MODULE: ./src/runner/runner.ts
var runner_runner = __webpack_require__(1814);
// EXTERNAL MODULE: ./src/ssh/connect.ts
var ssh_connect = __webpack_require__(1456);
// EXTERNAL MODULE: ./src/backup/backup-settings.ts
var backup_settings = __webpack_require__(6502);
// EXTERNAL MODULE: ./src/backup/commands.ts + 2 modules
var commands = __webpack_require__(2706);
;// CONCATENATED MODULE: ./src/backup/plan.ts


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
        const lock = await (0,deploy_lock/* acquireLock */.I)(runner, { ...bs, sha: bs.sha ?? '' }, (0,external_node_crypto_.randomBytes)(8).toString('hex'), reporter, () => undefined);
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

/***/ 3257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ verifyDump)
/* harmony export */ });
/* unused harmony export judge */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _deploy_outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4535);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1814);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2706);




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
    return judge((0,_deploy_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKeyValues */ .Hl)(res.stdout));
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


/***/ })

};
