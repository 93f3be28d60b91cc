export const id = 972;
export const ids = [972];
export const modules = {

/***/ 9972:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   maintenanceCommand: () => (/* binding */ maintenanceCommand),
/* harmony export */   parseSwitch: () => (/* binding */ parseSwitch)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1814);
/* harmony import */ var _ssh_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1456);
/* harmony import */ var _ssh_remote_settings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6630);
/* harmony import */ var _switch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5343);





/** `maintenance: on | off` as given, checked before anything connects. */
function parseSwitch(value) {
    const v = value?.trim().toLowerCase();
    if (v === 'on')
        return true;
    if (v === 'off')
        return false;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`input "maintenance" must be on or off (CLI: compose-deploy maintenance on|off), got ${value === undefined ? 'nothing' : (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .shownValue */ .JJ)(value)}`);
}
/**
 * `maintenance on|off`: creates or removes `<deploy-path>/maintenance/on`. It takes no deploy lock:
 * a person must be able to switch it off while a stuck run holds the lock.
 */
async function maintenanceCommand(settings, reporter, services = {}) {
    const on = parseSwitch(settings.option('maintenance'));
    const remote = (0,_ssh_remote_settings_js__WEBPACK_IMPORTED_MODULE_3__/* .remoteSettings */ .k)(settings);
    const reason = settings.option('reason')?.trim() || undefined;
    const record = { since: new Date().toISOString(), actor: settings.run.actor, reason, by: 'maintenance' };
    if (settings.dryRun) {
        reporter.info(`dry-run: would run on ${remote.target.user}@${remote.target.host}:${remote.target.port}:\n  ${(0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .shellText */ .o0)({ ...(0,_switch_js__WEBPACK_IMPORTED_MODULE_4__/* .switchCommand */ .Wh)(remote.deployPath, on, record), stdin: undefined })}`);
        return { ok: true, outputs: { 'dry-run': 'true' } };
    }
    const runner = await (services.connectHost ?? _ssh_connect_js__WEBPACK_IMPORTED_MODULE_2__/* .connectHost */ .Z)(remote.target, reporter);
    try {
        const was = await (0,_switch_js__WEBPACK_IMPORTED_MODULE_4__/* .setMaintenance */ .wu)(runner, remote.deployPath, on, record);
        const state = on ? 'on' : 'off';
        const text = was === state ? `maintenance was already ${state} on ${runner.where}` : `maintenance is ${state} on ${runner.where}${on ? `: ${(0,_switch_js__WEBPACK_IMPORTED_MODULE_4__/* .maintenanceDir */ .$y)(remote.deployPath)}/on exists, the proxy answers 503` : ''}`;
        reporter.info(text);
        return { ok: true, outputs: { result: state, maintenance: state }, summary: `### ${on ? '🚧' : '✅'} Maintenance ${state}\n\n${text}.${reason ? ` Reason: ${reason}` : ''}\n` };
    }
    finally {
        await runner.close();
    }
}


/***/ }),

/***/ 5343:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $y: () => (/* binding */ maintenanceDir),
/* harmony export */   Wh: () => (/* binding */ switchCommand),
/* harmony export */   fM: () => (/* binding */ parseMaintenance),
/* harmony export */   wu: () => (/* binding */ setMaintenance)
/* harmony export */ });
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1814);
/* harmony import */ var _host_key_values_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9364);


/**
 * The maintenance switch is one file, `<deploy-path>/maintenance/on`, so any proxy can follow it: the
 * proxy mounts `${COMPOSE_DEPLOY_PATH}/maintenance` read-only and answers 503 while `on` exists. The
 * directory itself is never removed (a bind mount holds its inode); only the file comes and goes.
 * $1 deploy path, $2 on|off; stdin (on): who and why, one JSON line, written as the file's content.
 * The file is written under a temporary name and renamed: a proxy never sees half of it.
 */
const SWITCH_SCRIPT = `
root=$1 want=$2
dir="$root/maintenance"
was=off
[ -f "$dir/on" ] && was=on
if [ "$want" = on ]; then
  mkdir -p "$dir" || exit 1
  cat > "$dir/.on.tmp" && chmod 644 "$dir/.on.tmp" && mv -f "$dir/.on.tmp" "$dir/on" || { rm -f "$dir/.on.tmp"; exit 1; }
else
  rm -f "$dir/on" || exit 1
fi
echo "was=$was"
echo "maintenance=$want"
`;
const maintenanceDir = (deployPath) => `${deployPath}/maintenance`;
function switchCommand(deployPath, on, record) {
    return {
        argv: ['sh', '-c', SWITCH_SCRIPT, 'compose-deploy-maintenance', deployPath, on ? 'on' : 'off'],
        stdin: on ? `${JSON.stringify(record ?? { since: new Date().toISOString() })}\n` : undefined,
    };
}
/** Switches maintenance on or off; returns what it was before. */
async function setMaintenance(runner, deployPath, on, record) {
    const res = await (0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .runChecked */ .X4)(runner, switchCommand(deployPath, on, record), `switching maintenance ${on ? 'on' : 'off'}`);
    return (0,_host_key_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseKeyValues */ .H)(res.stdout).get('was')?.[0] === 'on' ? 'on' : 'off';
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


/***/ })

};
