export const id = 30;
export const ids = [30];
export const modules = {

/***/ 38252:
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


/***/ }),

/***/ 19364:
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

/***/ 89460:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CL: () => (/* binding */ probeCommand),
/* harmony export */   oX: () => (/* binding */ imagePresenceCommand),
/* harmony export */   tH: () => (/* binding */ listReleases),
/* harmony export */   u5: () => (/* binding */ parseProbe)
/* harmony export */ });
/* harmony import */ var _script_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38959);
/* harmony import */ var _shell_scripts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(55897);


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

/***/ 55897:
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

/***/ 73134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $y: () => (/* binding */ maintenanceDir),
  fM: () => (/* binding */ parseMaintenance),
  wu: () => (/* binding */ setMaintenance),
  Wh: () => (/* binding */ switchCommand)
});

// EXTERNAL MODULE: ./src/host/script.ts
var script = __webpack_require__(38959);
// EXTERNAL MODULE: ./src/runner/runner.ts
var runner_runner = __webpack_require__(41814);
// EXTERNAL MODULE: ./src/host/key-values.ts
var key_values = __webpack_require__(19364);
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

/***/ 56030:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   releasesCommand: () => (/* binding */ releasesCommand)
/* harmony export */ });
/* harmony import */ var _host_probe_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(89460);
/* harmony import */ var _host_key_values_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(19364);
/* harmony import */ var _host_describe_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(82981);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41814);
/* harmony import */ var _ssh_remote_settings_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26630);
/* harmony import */ var _ssh_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(81456);
/* harmony import */ var _maintenance_switch_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73134);
/* harmony import */ var _db_restore_state_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(38252);








/** `releases`: what the host runs, which Docker and Compose it has, and what can be rolled back to. */
async function releasesCommand(settings, reporter, services = {}) {
    const remote = (0,_ssh_remote_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .remoteSettings */ .k)(settings);
    const probe = (0,_host_probe_js__WEBPACK_IMPORTED_MODULE_4__/* .probeCommand */ .CL)(remote.deployPath);
    if (settings.dryRun) {
        reporter.info(`dry-run: would run on ${remote.target.user}@${remote.target.host}:${remote.target.port}:\n  ${(0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .shellText */ .o0)(probe)}`);
        return { ok: true, outputs: { 'dry-run': 'true' } };
    }
    const runner = await (services.connectHost ?? _ssh_connect_js__WEBPACK_IMPORTED_MODULE_2__/* .connectHost */ .Z)(remote.target, reporter);
    try {
        const facts = (0,_host_probe_js__WEBPACK_IMPORTED_MODULE_4__/* .parseProbe */ .u5)((await (0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .runChecked */ .X4)(runner, probe, 'reading the host state')).stdout);
        const releases = (0,_host_probe_js__WEBPACK_IMPORTED_MODULE_4__/* .listReleases */ .tH)(facts);
        const images = [...new Set(releases.flatMap((r) => r.images ?? []))];
        if (images.length > 0) {
            const present = new Set((0,_host_key_values_js__WEBPACK_IMPORTED_MODULE_5__/* .parseKeyValues */ .H)((await (0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .runChecked */ .X4)(runner, (0,_host_probe_js__WEBPACK_IMPORTED_MODULE_4__/* .imagePresenceCommand */ .oX)(images), 'checking which release images the host has')).stdout).get('present') ?? []);
            for (const r of releases)
                if (r.images)
                    r.imagesOnHost = r.images.every((i) => present.has(i));
        }
        return releasesResult(facts, releases, runner.where, reporter);
    }
    finally {
        await runner.close();
    }
}
function releasesResult(facts, releases, where, reporter) {
    if (!facts.dockerVersion)
        reporter.warning(`Docker is not reachable on ${where} for this user: deploys will fail until it is (is the user in the docker group?)`);
    if (!facts.composeCommand)
        reporter.warning(`neither "docker compose" (v2) nor "docker-compose" (v1) was found on ${where}`);
    reporter.info(`host ${where}: Docker ${facts.dockerVersion ?? 'missing'}, ${facts.composeCommand ?? 'no Compose'} ${facts.composeVersion ?? ''}`.trim());
    reporter.info(releases.length === 0 ? 'no releases kept yet' : releases.map((r) => `${r.current ? '*' : ' '} ${r.sha} ${r.deployedAt ?? ''} ${r.actor ?? ''} ${r.rollback ? 'rollback' : ''} ${imagesNote(r)}`.trimEnd()).join('\n'));
    const maintenance = (0,_maintenance_switch_js__WEBPACK_IMPORTED_MODULE_3__/* .parseMaintenance */ .fM)(facts.maintenance);
    const maintenanceLine = maintenance
        ? `🚧 Maintenance is on${maintenance.since ? ` since ${maintenance.since}` : ''}${maintenance.actor ? ` (${maintenance.actor})` : ''}${maintenance.reason ? `: ${maintenance.reason}` : ''}; the proxy answers 503. Switch it off with: compose-deploy maintenance off`
        : undefined;
    const state = (0,_db_restore_state_js__WEBPACK_IMPORTED_MODULE_6__/* .parseRestoreState */ .H)(facts.restoreState);
    const stateLine = facts.restoreState ? `⚠️ Unfinished restore: ${state ? (0,_db_restore_state_js__WEBPACK_IMPORTED_MODULE_6__/* .explainState */ .nH)(state) : `${where}: restore/state.json is unreadable; run restore again to clean up`}.` : undefined;
    const kept = (0,_db_restore_state_js__WEBPACK_IMPORTED_MODULE_6__/* .keptAside */ .pN)(facts.events ?? []);
    const keptLine = kept.length > 0 ? `Databases kept aside by restores (dropped after restore.keep-previous): ${kept.map((k) => `${k.name} (since ${k.since})`).join(', ')}.` : undefined;
    for (const line of [maintenanceLine, stateLine])
        if (line)
            reporter.warning(line);
    if (keptLine)
        reporter.info(keptLine);
    const rows = releases.map((r) => `| \`${r.sha.slice(0, 12)}\` | ${r.current ? '**live**' : ''} | ${r.deployedAt ?? ''} | ${r.actor ?? ''} | ${r.result ?? ''}${r.rollback ? ' (rollback)' : ''} | ${imagesNote(r)} |`);
    const summary = [
        `### Releases on ${where}`,
        '',
        (0,_host_describe_js__WEBPACK_IMPORTED_MODULE_7__/* .hostToolsLine */ .G)(facts),
        '',
        ...[maintenanceLine, stateLine, keptLine].filter((l) => !!l).flatMap((l) => [l, '']),
        releases.length === 0 ? '_No releases kept yet._' : ['| sha | | deployed | by | result | images |', '|---|---|---|---|---|---|', ...rows].join('\n'),
        '',
    ].join('\n');
    return {
        ok: true,
        outputs: {
            'docker-version': facts.dockerVersion ?? '',
            'compose-command': facts.composeCommand ?? '',
            'compose-version': facts.composeVersion ?? '',
            'current-sha': facts.current ?? '',
            releases: JSON.stringify(releases),
            maintenance: maintenance ? 'on' : 'off',
        },
        summary,
    };
}
function imagesNote(r) {
    if (r.imagesOnHost === undefined)
        return '';
    return r.imagesOnHost ? 'on the host' : 'some pruned: a rollback pulls them';
}


/***/ })

};
