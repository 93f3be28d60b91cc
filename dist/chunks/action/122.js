export const id = 122;
export const ids = [122,158];
export const modules = {

/***/ 16122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollbackCommand: () => (/* binding */ rollbackCommand)
/* harmony export */ });
/* harmony import */ var _config_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49235);
/* harmony import */ var _config_deploy_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9425);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _deploy_run_on_host_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(66169);
/* harmony import */ var _deploy_dry_run_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(82034);
/* harmony import */ var _rollback_kind_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(98917);
/* harmony import */ var _rollback_settings_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(10158);







/**
 * `rollback`: a kept release made live again with the deploy's own lock, rolling procedure, health
 * gates and recovery, without an upload or a migration. A target that fails its health gates leaves
 * the host on the release the rollback started from.
 */
async function rollbackCommand(settings, reporter, services = {}) {
    if ((0,_config_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .toBool */ .AF)('with-data', settings.option('with-data') ?? 'false')) {
        // A restore of the database: like restore, it reaches it through the host's Compose project.
        if ((0,_config_deploy_target_js__WEBPACK_IMPORTED_MODULE_1__/* .deployTarget */ .rQ)(settings.config) === 'swarm')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('rollback: with-data is not available for target: swarm in this version (it restores the database through the host\'s Compose project); roll back without it, and restore by hand');
        return (await Promise.all(/* import() */[__webpack_require__.e(885), __webpack_require__.e(211), __webpack_require__.e(65)]).then(__webpack_require__.bind(__webpack_require__, 34446))).rollbackWithData(settings, reporter, services);
    }
    const rs = (0,_rollback_settings_js__WEBPACK_IMPORTED_MODULE_6__/* .rollbackSettings */ .O)(settings);
    const kind = (0,_rollback_kind_js__WEBPACK_IMPORTED_MODULE_5__/* .rollbackKind */ .b)(rs);
    if (rs.dryRun)
        return (0,_deploy_dry_run_js__WEBPACK_IMPORTED_MODULE_4__/* .printPlan */ .Z)(rs, kind.plan, reporter);
    return (0,_deploy_run_on_host_js__WEBPACK_IMPORTED_MODULE_3__/* .runOnHost */ .l)(rs, kind, reporter, services);
}


/***/ }),

/***/ 98917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ rollbackKind)
/* harmony export */ });
/* harmony import */ var _deploy_commands_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(56215);
/* harmony import */ var _rollback_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(91866);


/**
 * A rollback as a kind of run: its target, a kept release, is resolved from the host under the lock
 * before the rolling procedure starts; nothing is uploaded and nothing migrates; every kept release
 * stays (the one it leaves may be the next one to go back to).
 */
function rollbackKind(rs) {
    const { request } = rs;
    return {
        name: 'rollback',
        plan: {
            what: `rollback to ${request.to ?? 'the release live before the current one'} on`,
            title: 'Rollback',
            sha: '<target>',
            stage: [`read the kept release ${request.to ? `matching ${request.to}` : 'live before the current one'}`, _deploy_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .keptReleaseCommand */ .RX(rs.deployPath, '<target>')],
            beforeSwitch: () => [],
            record: ['append to the audit log (record on stdin)', _deploy_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .auditCommand */ .Ht(rs.deployPath, {})],
        },
        words: {
            notStarted: 'Rollback on',
            notStartedTitle: '❌ Rollback failed',
            failedLine: (sha) => `rollback to ${sha}`,
            failedMessage: (sha) => `Rollback to ${sha} on`,
            succeededTitle: '↩️ Rolled back',
            failedTitle: () => '❌ Rollback failed',
            successSuffix: request.reason ? ` Reason: ${request.reason}` : '',
        },
        preflight: () => undefined,
        resolveTarget: (facts) => (0,_rollback_target_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveRollbackTarget */ .aD)(facts, request.to),
        nothingToDo: (sha, facts, where) => sha === facts.current ? { title: '↩️ Nothing to roll back', text: `\`${sha}\` is already the live release on ${where}: nothing was changed.` } : undefined,
        // Nothing to upload: the target's files are kept on the host.
        stage: async (steps, sha) => (await steps.exec(_deploy_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .keptReleaseCommand */ .RX(rs.deployPath, sha), `reading kept release ${sha.slice(0, 12)}`)).stdout,
        beforeSwitch: async () => undefined,
        auditFields: (sha, facts) => ({ reason: request.reason ?? null, from: facts?.current ?? null, to: sha }),
        async recordSuccess(steps, record) {
            await steps.exec(_deploy_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .auditCommand */ .Ht(rs.deployPath, record), 'appending to the audit log');
        },
        successNotes: schemaWarning,
    };
}
/** A rollback past a migration: the code goes back, the database schema does not. */
function schemaWarning(sha, facts, reporter) {
    const later = (0,_rollback_target_js__WEBPACK_IMPORTED_MODULE_1__/* .migrationsSince */ .ud)(facts.audit, sha);
    if (later.length === 0)
        return [];
    const list = later.map((m) => `\`${m.sha.slice(0, 12)}\` (${m.service}${m.at ? `, ${m.at}` : ''})`).join(', ');
    const text = `Migrations ran after \`${sha.slice(0, 12)}\` was live: ${list}. The database keeps their schema; check that this release works with it, or restore a backup taken before them.`;
    reporter.warning(text.replace(/`/g, ''));
    return [`> ⚠️ ${text}`];
}


/***/ }),

/***/ 10158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ rollbackSettings)
/* harmony export */ });
/* harmony import */ var _deploy_deploy_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88229);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _rollback_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(91866);



/**
 * rollback: the deploy's settings without what only a new release has (its files, its .env; its
 * commit is resolved on the host). The repository's prod set names the Compose files of releases
 * made before each release recorded its own.
 */
function rollbackSettings(settings) {
    const reason = settings.option('reason')?.trim();
    if (reason !== undefined && reason.length > 500)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('input "reason" is longer than 500 characters; say it in a sentence');
    return {
        ...(0,_deploy_deploy_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .rolloutSettings */ .jI)(settings, (0,_deploy_deploy_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .releaseComposeFiles */ .Z)(settings)),
        request: { to: (0,_rollback_target_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRollbackTo */ .xI)(settings.option('to')), reason: reason || undefined },
    };
}


/***/ }),

/***/ 91866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aD: () => (/* binding */ resolveRollbackTarget),
/* harmony export */   ud: () => (/* binding */ migrationsSince),
/* harmony export */   xI: () => (/* binding */ parseRollbackTo)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _host_probe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89460);


/** What `to` may be: a sha or a prefix long enough to mean something (git's shortest is 4). */
const SHA_PREFIX = /^[0-9a-f]{4,40}$/;
/** `to` as the user gave it, checked before anything connects: a bad one is exit 2 with nothing done. */
function parseRollbackTo(to) {
    if (to === undefined || to.trim() === '')
        return undefined;
    const v = to.trim().toLowerCase();
    if (!SHA_PREFIX.test(v))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`input "to" must be a commit sha or a prefix of one (4 to 40 hex digits), got ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .shownValue */ .JJ)(to)}`);
    return v;
}
/**
 * The kept release a rollback goes to: `to` matched against the release directories on the host,
 * or without it the newest kept release (other than the live one) whose last deploy succeeded.
 * Anything else is bad input, answered with the list a person can pick from.
 */
function resolveRollbackTarget(facts, to) {
    const releases = (0,_host_probe_js__WEBPACK_IMPORTED_MODULE_1__/* .listReleases */ .tH)(facts);
    if (!facts.current)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`nothing is deployed on the host yet, so there is nothing to roll back${keptList(releases)}`);
    if (to === undefined) {
        const previous = releases.find((r) => !r.current && r.result === 'success');
        if (!previous)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`no kept release to roll back to: only the live release ${facts.current.slice(0, 12)} succeeded on this host${keptList(releases)}`);
        return previous.sha;
    }
    const matches = releases.filter((r) => r.sha.startsWith(to));
    if (matches.length === 1)
        return matches[0].sha;
    if (matches.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`"to": no kept release matches ${to}${keptList(releases)}`);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`"to": ${to} is ambiguous, ${matches.length} kept releases start with it; give more digits${keptList(matches)}`);
}
function keptList(releases) {
    if (releases.length === 0)
        return '. No releases are kept on the host.';
    const rows = releases.map((r) => `  ${r.sha}${r.current ? ' (live)' : ''}  ${r.deployedAt ?? 'unknown time'}  ${r.result ?? 'no audit record'}`);
    return `. Kept releases, newest first:\n${rows.join('\n')}`;
}
function migrationsSince(audit, target) {
    let since = -1;
    audit.forEach((r, i) => {
        if (r.sha === target && r.result === 'success')
            since = i;
    });
    const out = [];
    for (let i = since + 1; i < audit.length; i++) {
        const r = audit[i];
        if (typeof r['migration'] === 'string' && r.sha !== target)
            out.push({ sha: r.sha, service: r['migration'], at: r.finishedAt ?? r.startedAt });
    }
    return out;
}


/***/ })

};
