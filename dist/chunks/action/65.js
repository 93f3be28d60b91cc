export const id = 65;
export const ids = [65];
export const modules = {

/***/ 34446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   matchingDump: () => (/* binding */ matchingDump),
/* harmony export */   parseManifestLines: () => (/* binding */ parseManifestLines),
/* harmony export */   rollbackWithData: () => (/* binding */ rollbackWithData)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _host_probe_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(89460);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41814);
/* harmony import */ var _ssh_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(81456);
/* harmony import */ var _host_key_values_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(19364);
/* harmony import */ var _deploy_run_on_host_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(66169);
/* harmony import */ var _backup_take_backup_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(90414);
/* harmony import */ var _rollback_rollback_kind_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(98917);
/* harmony import */ var _rollback_rollback_target_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(91866);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(54640);
/* harmony import */ var _restore_plan_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(17987);
/* harmony import */ var _db_restore_command_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(60211);
/* harmony import */ var _db_restore_settings_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(30896);













function parseManifestLines(stdout) {
    const out = [];
    for (const line of (0,_host_key_values_js__WEBPACK_IMPORTED_MODULE_10__/* .parseKeyValues */ .H)(stdout).get('manifest') ?? []) {
        const space = line.indexOf(' ');
        if (space < 0)
            continue;
        try {
            const m = JSON.parse(line.slice(space + 1));
            out.push({ name: line.slice(0, space), sha: typeof m.sha === 'string' ? m.sha : undefined, deployingSha: typeof m.deploying_sha === 'string' ? m.deploying_sha : undefined });
        }
        catch {
            // A manifest that does not read is no match; restore itself refuses such a dump.
        }
    }
    return out;
}
/**
 * The pre-deploy backup that holds the target's data: taken while the target was live, just before
 * the next release was deployed (manifest sha = target, deploying_sha set). The newest such, among
 * the verified dumps (newest first). Without one: bad input naming the releases that have one.
 */
function matchingDump(dumps, verified, target) {
    const byName = new Map(dumps.map((d) => [d.name, d]));
    const preDeploy = verified.map((n) => byName.get(n)).filter((d) => !!d?.sha && !!d.deployingSha && d.deployingSha !== d.sha);
    const match = preDeploy.find((d) => d.sha === target);
    if (match)
        return match.name;
    const having = [...new Set(preDeploy.map((d) => d.sha))];
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`rollback with-data: no pre-deploy backup holds the data of ${target.slice(0, 12)} (one taken while it was live, before the next deploy; deploy.backup: true takes them). ${having.length > 0 ? `Releases that have one: ${having.map((s) => s.slice(0, 12)).join(', ')}.` : 'No release has one in the backup dir.'} Nothing was changed.`);
}
/**
 * `rollback` with `with-data: true`: the release goes back, then the database goes back to the
 * pre-deploy backup that holds that release's data. Both are checked before anything changes (the
 * target, the matching dump, confirm); then the rollback (the deploy's gates), then the restore
 * (its own checks, maintenance, swap and gates) with the rolled-back release live.
 */
async function rollbackWithData(settings, reporter, services = {}) {
    const rs = (0,_db_restore_settings_js__WEBPACK_IMPORTED_MODULE_9__/* .dbRestoreSettings */ .K)(settings);
    const connect = services.connectHost ?? _ssh_connect_js__WEBPACK_IMPORTED_MODULE_2__/* .connectHost */ .Z;
    const runner = await connect(rs.bs.target, reporter);
    let dump;
    try {
        const facts = (0,_host_probe_js__WEBPACK_IMPORTED_MODULE_11__/* .parseProbe */ .u5)((await (0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .runChecked */ .X4)(runner, (0,_host_probe_js__WEBPACK_IMPORTED_MODULE_11__/* .probeCommand */ .CL)(rs.bs.deployPath, rs.bs.project), 'reading the host state')).stdout);
        const target = (0,_rollback_rollback_target_js__WEBPACK_IMPORTED_MODULE_6__/* .resolveRollbackTarget */ .aD)(facts, rs.ds.request.to);
        const found = await (0,_backup_take_backup_js__WEBPACK_IMPORTED_MODULE_4__/* .inspectDatabase */ .IE)(runner, rs.bs);
        (0,_backup_take_backup_js__WEBPACK_IMPORTED_MODULE_4__/* .requireRunning */ .jq)(rs.bs, found);
        const dumps = parseManifestLines((await (0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .runChecked */ .X4)(runner, (0,_commands_js__WEBPACK_IMPORTED_MODULE_12__/* .manifestsCommand */ .g4)(rs.bs.dir), 'reading the backups\' manifests')).stdout);
        dump = matchingDump(dumps, (0,_restore_plan_js__WEBPACK_IMPORTED_MODULE_7__/* .verifiedDumps */ .Ub)(found.files, rs.bs.project), target);
        if (!rs.confirmed) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`rollback with-data would make ${target.slice(0, 12)} live again and put database ${found.database} back to ${dump}, the backup taken before the release after it was deployed: everything written since is lost. Nothing was changed. ${rs.confirmGiven ? 'confirm is not the project name. ' : ''}To go ahead, set confirm: ${rs.bs.project}.`);
        }
    }
    finally {
        await runner.close();
    }
    reporter.info(`rollback with-data: the release first, then the database back to ${dump}`);
    const code = await (0,_deploy_run_on_host_js__WEBPACK_IMPORTED_MODULE_3__/* .runOnHost */ .l)(rs.ds, (0,_rollback_rollback_kind_js__WEBPACK_IMPORTED_MODULE_5__/* .rollbackKind */ .b)(rs.ds), reporter, services);
    if (!code.ok)
        return { ...code, message: `${code.message ?? 'the rollback failed'} The database was not touched.` };
    const data = await (0,_db_restore_command_js__WEBPACK_IMPORTED_MODULE_8__.restoreCommandWith)({ ...rs, backup: dump }, reporter, services);
    return { ok: data.ok, outputs: { ...code.outputs, ...data.outputs, result: data.ok ? code.outputs['result'] : 'failed' }, message: data.ok ? undefined : `the release was rolled back, but the database was not: ${data.message ?? ''}` };
}


/***/ })

};
