export const id = 158;
export const ids = [158];
export const modules = {

/***/ 7777:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ rollbackSettings)
/* harmony export */ });
/* harmony import */ var _deploy_deploy_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8229);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _rollback_target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1866);



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

/***/ 1866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aD: () => (/* binding */ resolveRollbackTarget),
/* harmony export */   ud: () => (/* binding */ migrationsSince),
/* harmony export */   xI: () => (/* binding */ parseRollbackTo)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _host_probe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9460);


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
