export const id = 885;
export const ids = [885];
export const modules = {

/***/ 26502:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cg: () => (/* binding */ backupSettings),
/* harmony export */   nx: () => (/* binding */ copyTarget),
/* harmony export */   su: () => (/* binding */ backupDir)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_names_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(86234);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _host_host_settings_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(91302);
/* harmony import */ var _ssh_remote_settings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26630);
/* harmony import */ var _ssh_ssh_target_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(89028);






/**
 * `host`: what the run already parsed of the host, the project and the lock (a deploy's pre-deploy
 * backup hands its own, so nothing is read twice); the backup command reads them here.
 */
function backupSettings(settings, host) {
    const remote = host ? { target: host.target, deployPath: host.deployPath } : (0,_ssh_remote_settings_js__WEBPACK_IMPORTED_MODULE_3__/* .remoteSettings */ .k)(settings);
    const b = settings.config.backup ?? {};
    if (!b.service && !b.image) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('backup needs backup.service in compose-deploy.yml (the Compose service running Postgres, e.g. db), or backup.image for an external database');
    }
    if (b.service && b.image)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('backup.service and backup.image exclude each other: a service of the stack, or an external database reached with that image');
    const project = host?.project ?? (0,_host_host_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .projectName */ .j1)(settings, remote.deployPath);
    const lock = host ? { lockTimeout: host.lockTimeout, staleLockAfter: host.staleLockAfter, lockLease: host.lockLease, forceUnlock: host.forceUnlock } : (0,_host_host_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .lockOptions */ .Ww)(settings);
    const download = settings.option('download');
    const verify = settings.option('verify');
    // A name in backup.dir, or an absolute path: never an option to the host's tools, never "..".
    const verifyShape = verify !== undefined && (verify.includes('/') ? _config_names_js__WEBPACK_IMPORTED_MODULE_5__/* .REMOTE_PATH */ .dX.test(verify) && !verify.split('/').includes('..') : /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(verify));
    if (verify !== undefined && (!verifyShape || verify.length > 1024))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`input "verify" must be a backup's name in backup.dir or an absolute path of letters, digits, ".", "_", "-" and "/" with no ".." part, got ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .shownValue */ .JJ)(verify)}`);
    return {
        ...remote,
        project,
        service: b.service ?? 'external',
        external: b.image ? { image: b.image, urlVariable: b.urlVariable ?? 'DATABASE_URL' } : undefined,
        database: b.database,
        user: b.user,
        dir: backupDir(remote.deployPath, b.dir, b.allowOutside ?? false),
        keep: b.keep ?? 7,
        keepDays: b.keepDays ?? 0,
        sha: settings.sha,
        copyTo: copyTarget(settings),
        download: download === undefined ? undefined : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(settings.cwd, download),
        verify: verify === undefined ? undefined : verify.includes('/') ? verify : `${backupDir(remote.deployPath, b.dir, b.allowOutside ?? false)}/${verify}`,
        ...lock,
        actor: settings.run.actor,
        runUrl: settings.run.runUrl,
        dryRun: settings.dryRun,
    };
}
/** backup.dir resolved against the deploy path; outside it only with allow-outside (a typo must not write into /etc). */
function backupDir(deployPath, dir, allowOutside) {
    const raw = dir ?? 'backups';
    if (raw.split('/').includes('..'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`backup.dir ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .shownValue */ .JJ)(raw)} must not contain ".."`);
    const abs = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize((0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(raw) ? raw : `${deployPath}/${raw}`).replace(/\/+$/, '');
    if (!_config_names_js__WEBPACK_IMPORTED_MODULE_5__/* .REMOTE_PATH */ .dX.test(abs) || abs === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`backup.dir ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .shownValue */ .JJ)(raw)} is not a usable path`);
    const root = deployPath.replace(/\/+$/, '');
    const inside = abs.startsWith(`${root}/`);
    if (!inside && !allowOutside) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`backup.dir ${abs} is outside the deploy path ${root}; set backup.allow-outside: true if that is intended`);
    }
    return abs;
}
/** backup.copy-to as a pinned SSH target, with its key and known_hosts inputs (also the restore-test source "copy"). */
function copyTarget(settings) {
    const c = settings.config.backup?.copyTo;
    if (!c)
        return undefined;
    const privateKey = settings.option('copy-to-ssh-private-key');
    const knownHosts = settings.option('copy-to-known-hosts');
    if (!privateKey)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('backup.copy-to needs input "copy-to-ssh-private-key" (CLI: --copy-to-ssh-private-key-file)');
    if (!knownHosts)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('backup.copy-to needs input "copy-to-known-hosts": the second host\'s key is pinned like the deploy host\'s');
    const target = (0,_ssh_ssh_target_js__WEBPACK_IMPORTED_MODULE_4__/* .sshTarget */ .o)({ host: c.address, port: c.port ?? 22, user: c.user, privateKey, knownHosts });
    return { target, path: c.path.replace(/\/+$/, '') };
}


/***/ }),

/***/ 96141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p1: () => (/* binding */ clientStartCommand),
  dJ: () => (/* binding */ clientStopCommand),
  Y3: () => (/* binding */ dumpCommand),
  pF: () => (/* binding */ finishCommand),
  QR: () => (/* binding */ inspectCommand),
  Dn: () => (/* binding */ partialPath),
  UK: () => (/* binding */ readCommand),
  TQ: () => (/* binding */ receiveCommand),
  cB: () => (/* binding */ receiveMetaCommand),
  mR: () => (/* binding */ removeCommand),
  p0: () => (/* binding */ verifyCommand)
});

;// CONCATENATED MODULE: ./src/backup/shell-scripts.ts
// Generated by `npm run generate` from src/backup/sh/*.sh: edit those, not this file.
/**
 * External Postgres. $1 deploy path, $2 the .env variable holding the URL, $3 client image, $4 the
 * URL parser (an awk program). Reads the URL from the live release's .env, turns it into libpq's
 * PG* variables in a 0600 file, and starts a throwaway client container with them (--env-file: the
 * password is never on a command line, here or in the container). Prints state=running and
 * container=, or state=absent and why=.
 */
const CLIENT_START_SCRIPT = "\nroot=$1 var=$2 image=$3 parse=$4\nenvf=\"$root/current/.env\"\n[ -f \"$envf\" ] || { echo \"state=absent\"; echo \"why=no live release: $envf does not exist\"; exit 0; }\numask 077\npgenv=$(mktemp) || exit 1\ntrap 'rm -f \"$pgenv\"' EXIT\nline=$(grep \"^$var=\" \"$envf\" | tail -n 1)\n[ -n \"$line\" ] || { echo \"state=absent\"; echo \"why=$var is not set in the live release's .env\"; exit 0; }\nprintf '%s\\n' \"${line#*=}\" | sed -e 's/^\"\\(.*\\)\"$/\\1/' -e \"s/^'\\(.*\\)'$/\\1/\" | awk \"$parse\" >\"$pgenv\" ||\n  { echo \"state=absent\"; echo \"why=$var is not a postgres:// URL\"; exit 0; }\nid=$(docker run -d --rm --network host --env-file \"$pgenv\" --label compose-deploy.backup-client=true --entrypoint sleep \"$image\" 3600) ||\n  { echo \"failed=could not start a client container of $image\"; exit 1; }\necho \"state=running\"\necho \"container=$id\"\n";
/**
 *  $1 client container id: removes it.
 */
const CLIENT_STOP_SCRIPT = "\ndocker rm -f \"$1\" >/dev/null 2>&1 || true\n";
/**
 * $1 container id, $2 database, $3 user, $4 temporary dump path, $5 counts SQL, $6 the in-container script.
 * One psql session (fed through a FIFO, so it stays open) starts a REPEATABLE READ transaction and
 * exports its snapshot; pg_dump --snapshot dumps exactly that snapshot while the same session counts
 * every table's rows in it, so the counts match the dump even while writers insert. Then the file
 * is checked: non-empty, PGDMP, pg_restore --list, and its sha256.
 * Prints snapshot=, counts=, size=, checksum= (the sha256); on any failure removes the temporary file and exits 1.
 */
const DUMP_SCRIPT = "\nid=$1 db=$2 user=$3 tmp=$4 counts_sql=$5 in_container=$6\nwork=$(mktemp -d) || exit 1\npsql_pid='' dump_pid='' finished=''\ncleanup() {\n  exec 3>&- 4<&-\n  for p in $dump_pid $psql_pid; do kill \"$p\" 2>/dev/null; done\n  rm -rf \"$work\"\n  # However this script ends before its last line, the partial dump goes with it.\n  [ -n \"$finished\" ] || rm -f \"$tmp\"\n}\nfail() {\n  rm -f \"$tmp\"\n  printf 'failed=%s\n' \"$1\"\n  for f in \"$work\"/*.err; do [ -s \"$f\" ] && grep -v -- '-rc=' \"$f\" | sed \"s/^/${f##*/}| /\"; done\n  exit 1\n}\ntrap cleanup EXIT\ntrap 'rm -f \"$tmp\"; exit 129' HUP\ntrap 'rm -f \"$tmp\"; exit 130' INT\ntrap 'rm -f \"$tmp\"; exit 143' TERM\n# A Postgres that dies mid-dump closes psql's end of the FIFO: writing to it must fail (and be\n# reported below), not kill this script silently with SIGPIPE.\ntrap '' PIPE\nmkfifo \"$work/sql\" \"$work/out\" || fail \"mkfifo\"\ndocker exec -i \"$id\" psql -X -q -A -t -v ON_ERROR_STOP=1 -U \"$user\" -d \"$db\" <\"$work/sql\" >\"$work/out\" 2>\"$work/psql.err\" &\npsql_pid=$!\nexec 3>\"$work/sql\" 4<\"$work/out\"\nprintf '%s\n' 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;' \"SELECT 'snapshot=' || pg_export_snapshot();\" >&3\nIFS= read -r line <&4 || fail \"psql could not open the snapshot transaction\"\ncase \"$line\" in snapshot=?*) snap=${line#snapshot=} ;; *) fail \"unexpected psql output\" ;; esac\necho \"snapshot=$snap\"\ndocker exec \"$id\" sh -c \"$in_container\" compose-deploy-dump \"$snap\" \"$user\" \"$db\" >\"$tmp\" 2>\"$work/dump.err\" &\ndump_pid=$!\n# Counted in the exporting transaction, while pg_dump reads the same snapshot.\nprintf '%s\n' \"$counts_sql\" >&3\nIFS= read -r counts <&4 || fail \"the snapshot session ended before it counted the rows: did the database stop or restart during the dump?\"\nwait \"$dump_pid\"; exec_rc=$?; dump_pid=''\nprintf 'COMMIT;\n' >&3\nexec 3>&-\nwait \"$psql_pid\"; psql_rc=$?; psql_pid=''\nrc_of() { sed -n \"s/^$1=//p\" \"$work/dump.err\" 2>/dev/null | tail -n 1; }\ndump_rc=$(rc_of dump-rc)\n[ -n \"$dump_rc\" ] || fail \"pg_dump did not finish (docker exec exit $exec_rc): did the container stop during the dump, or is $tmp not writable?\"\nif [ \"$dump_rc\" != 0 ]; then\n  # The database killed under pg_dump may still let it report its own exit: say what happened.\n  [ \"$(docker inspect -f '{{.State.Running}}' \"$id\" 2>/dev/null)\" = true ] || fail \"pg_dump exited with $dump_rc: the database container is no longer running (did the database stop or restart during the dump?)\"\n  fail \"pg_dump exited with $dump_rc\"\nfi\n[ \"$exec_rc\" = 0 ] && [ \"$(rc_of tee-rc)\" = 0 ] || fail \"writing $tmp failed (disk full?)\"\n[ \"$psql_rc\" = 0 ] || fail \"the snapshot session ended with an error\"\ncase \"$counts\" in counts=*) ;; *) fail \"unexpected row count output\" ;; esac\nsize=$(wc -c <\"$tmp\" | tr -d ' ')\n[ \"$size\" -gt 0 ] || fail \"the dump is empty\"\n[ \"$(head -c 5 \"$tmp\")\" = PGDMP ] || fail \"the dump does not start with PGDMP (not a custom-format archive)\"\n[ \"$(rc_of verify-rc)\" = 0 ] || fail \"pg_restore could not read every block of the dump\"\n# The table of contents of the file as stored, read while its checksum is computed. pg_restore --list\n# stops reading a pipe after the table of contents: the rest is drained, or Docker's stream breaks\n# off under the client (\"connection reset by peer\") and a good dump fails the check.\ndocker exec -i \"$id\" sh -c 'pg_restore --list >/dev/null; rc=$?; cat >/dev/null; exit $rc' <\"$tmp\" 2>\"$work/pg_restore_list.err\" &\nlist_pid=$!\nsum=$(sha256sum \"$tmp\" | cut -d ' ' -f 1)\nwait \"$list_pid\" || fail \"pg_restore --list cannot read the dump\"\nfinished=1\nprintf '%s\nsize=%s\nchecksum=%s\n' \"$counts\" \"$size\" \"$sum\"\n";
/**
 * $1 temporary dump, $2 final dump path, $3 its sha256; stdin: the manifest JSON.
 * Checks the temporary file still has the checksum it was verified with, writes the manifest and
 * the .sha256 sidecar, then renames the dump last: a final name only ever holds a checked dump.
 * Exit 4: the final name is taken.
 */
const FINISH_SCRIPT = "\ntmp=$1 final=$2 sum=$3\nname=${final##*/}\nif [ -e \"$final\" ]; then rm -f \"$tmp\"; echo \"failed=$final exists\"; exit 4; fi\n[ \"$(sha256sum \"$tmp\" | cut -d ' ' -f 1)\" = \"$sum\" ] || { rm -f \"$tmp\"; echo \"failed=the dump changed after it was verified\"; exit 1; }\ncat >\"$final.json.tmp\" && mv \"$final.json.tmp\" \"$final.json\" || { rm -f \"$tmp\" \"$final.json.tmp\"; exit 1; }\nprintf '%s  %s\\n' \"$sum\" \"$name\" >\"$final.sha256.tmp\" && mv \"$final.sha256.tmp\" \"$final.sha256\" || { rm -f \"$tmp\" \"$final.json\" \"$final.sha256.tmp\"; exit 1; }\nmv \"$tmp\" \"$final\" || { rm -f \"$tmp\" \"$final.json\" \"$final.sha256\"; exit 1; }\necho \"file=$final\"\n";
/**
 * Runs inside the database container: $1 snapshot, $2 user, $3 database. pg_dump's stream goes to
 * stdout (the host's file) and, through a FIFO, to pg_restore, which reads and decompresses every
 * data block while the dump is written: a bad block fails now, not on the day of a restore. Both
 * run in the container, so the stream crosses Docker once, as a plain dump's does. The statuses
 * come back on stderr as dump-rc=, verify-rc=, tee-rc= lines; stdout carries only the dump.
 */
const IN_CONTAINER_DUMP_SCRIPT = "\nsnap=$1 user=$2 db=$3\nw=$(mktemp -d) && mkfifo \"$w/verify\" || { echo \"dump-rc=no FIFO could be made in the container\" >&2; exit 1; }\npg_restore -f /dev/null <\"$w/verify\" 2>\"$w/restore.err\" &\nverify_pid=$!\n{ pg_dump --format=custom --snapshot=\"$snap\" -U \"$user\" -d \"$db\"; echo $? >\"$w/dump.rc\"; } | tee \"$w/verify\"\ntee_rc=$?\nwait \"$verify_pid\"\nverify_rc=$?\ncat \"$w/restore.err\" >&2\nprintf 'dump-rc=%s\\nverify-rc=%s\\ntee-rc=%s\\n' \"$(cat \"$w/dump.rc\" 2>/dev/null)\" \"$verify_rc\" \"$tee_rc\" >&2\nrm -rf \"$w\"\n";
/**
 * $1 project, $2 service, $3 database or "", $4 user or "", $5 backup dir, $6 facts SQL, $7 a container
 * id or "" (then the service's running container is found by its Compose labels).
 * Finds the container, resolves database and user (defaults: the container's POSTGRES_DB /
 * POSTGRES_USER, or PGDATABASE / PGUSER in a client container), checks that they connect, and
 * reports the versions, the database size, the free space in the backup dir and the files already there.
 * Exit 0 with state=running, state=stopped or state=absent; exit 3: the connection was refused.
 */
const INSPECT_SCRIPT = "\nproject=$1 svc=$2 db=$3 user=$4 dir=$5 facts_sql=$6 id=$7\nfind_ids() {\n  docker ps -q --no-trunc \"$@\" --filter \"label=com.docker.compose.project=$project\" \\\n    --filter \"label=com.docker.compose.service=$svc\" --filter \"label=com.docker.compose.oneoff=False\"\n}\n[ -n \"$id\" ] || id=$(find_ids | head -n 1)\nif [ -z \"$id\" ]; then\n  if [ -n \"$(find_ids -a | head -n 1)\" ]; then echo \"state=stopped\"; else echo \"state=absent\"; fi\n  exit 0\nfi\necho \"state=running\"\necho \"container=$id\"\n# Only names are read from the container's environment: it also holds the password.\nenv_of() { docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' \"$id\" | sed -n \"s/^$1=//p\" | head -n 1; }\n[ -n \"$user\" ] || user=$(env_of POSTGRES_USER)\n[ -n \"$user\" ] || user=$(env_of PGUSER)\n[ -n \"$user\" ] || user=postgres\n[ -n \"$db\" ] || db=$(env_of POSTGRES_DB)\n[ -n \"$db\" ] || db=$(env_of PGDATABASE)\n[ -n \"$db\" ] || db=$user\nprintf 'database=%s\\nuser=%s\\n' \"$db\" \"$user\"\nprintf 'pg-dump-version=%s\\n' \"$(docker exec \"$id\" pg_dump --version 2>/dev/null | head -n 1)\"\nmkdir -p \"$dir\" || exit 1\nprintf 'free-kb=%s\\n' \"$(df -Pk \"$dir\" 2>/dev/null | awk 'NR==2 {print $4}')\"\nfor f in \"$dir\"/* \"$dir\"/.*.partial; do\n  [ -f \"$f\" ] && printf 'file=%s %s\\n' \"$(wc -c < \"$f\" | tr -d ' ')\" \"${f##*/}\"\ndone\ncase \"$db$user\" in *[!A-Za-z0-9_.-]*) echo \"bad-name=$db $user\"; exit 0 ;; esac\nerr=$(mktemp) || exit 1\nif out=$(docker exec \"$id\" psql -X -q -A -t -v ON_ERROR_STOP=1 -U \"$user\" -d \"$db\" -c \"$facts_sql\" 2>\"$err\"); then\n  printf '%s\\n' \"$out\"\n  rm -f \"$err\"\n  exit 0\nfi\nsed 's/^/connect-error=/' \"$err\"\nrm -f \"$err\"\nexit 3\n";
/**
 *  $1 dump path: its bytes on stdout (a download).
 */
const READ_SCRIPT = "\nexec cat \"$1\"\n";
/**
 * On the copy-to host. $1 dir, $2 file name, $3 sha256; stdin: the manifest. Writes the manifest and
 * sidecar beside the received dump, then checks the dump against the sidecar with sha256sum -c.
 */
const RECEIVE_META_SCRIPT = "\ndir=$1 name=$2 sum=$3\ncat >\"$dir/$name.json\" || exit 1\nprintf '%s  %s\\n' \"$sum\" \"$name\" >\"$dir/$name.sha256\" || exit 1\ncd \"$dir\" && sha256sum -c \"$name.sha256\" >/dev/null && echo \"verified=$dir/$name\"\n";
/**
 * On the copy-to host. $1 dir, $2 file name, $3 expected sha256; stdin: the dump. Written under a
 * temporary name, checked against the checksum, then renamed. Exit 1 on a mismatch (nothing kept).
 */
const RECEIVE_SCRIPT = "\ndir=$1 name=$2 sum=$3\nmkdir -p \"$dir\" || exit 1\ntmp=\"$dir/.$name.partial\"\ntrap 'rm -f \"$tmp\"' EXIT\ncat >\"$tmp\" || exit 1\ngot=$(sha256sum \"$tmp\" | cut -d ' ' -f 1)\n[ \"$got\" = \"$sum\" ] || { echo \"failed=checksum on arrival $got, expected $sum\"; exit 1; }\nmv \"$tmp\" \"$dir/$name\" || exit 1\necho \"received=$dir/$name\"\n";
/**
 *  $1 backup dir, then file names in it: removes each with its sidecar and manifest.
 */
const REMOVE_SCRIPT = "\ndir=$1\nshift\nfor name in \"$@\"; do\n  rm -f \"$dir/$name\" \"$dir/$name.sha256\" \"$dir/$name.json\" && echo \"removed=$name\"\ndone\n";
/**
 * $1 container id of the database service, or "" (then $2 is an image to run pg_restore in), $2 image,
 * $3 dump path. Reports what each check found; the caller judges. Exit 2: no such file.
 */
const VERIFY_SCRIPT = "\nid=$1 image=$2 file=$3\n[ -f \"$file\" ] || { echo \"missing=$file\"; exit 2; }\n# Runs pg_restore with $1 (fixed arguments of this script, as shell text; stdin the dump) in the\n# database container, or else in the image.\n# The rest of the pipe is drained: pg_restore --list stops after the table of contents, and Docker's\n# stream would break off under the client (\"connection reset by peer\"), failing a good dump.\npg_restore_in() {\n  run=\"pg_restore $1; rc=\\$?; cat >/dev/null; exit \\$rc\"\n  if [ -n \"$id\" ]; then docker exec -i \"$id\" sh -c \"$run\"; else docker run --rm -i --network none --entrypoint sh \"$image\" -c \"$run\"; fi\n}\nprintf 'size=%s\\n' \"$(wc -c <\"$file\" | tr -d ' ')\"\nprintf 'checksum=%s\\n' \"$(sha256sum \"$file\" | cut -d ' ' -f 1)\"\nif [ -f \"$file.sha256\" ]; then printf 'sidecar=%s\\n' \"$(cut -d ' ' -f 1 \"$file.sha256\")\"; fi\nif [ -f \"$file.json\" ]; then printf 'manifest=%s\\n' \"$(tr -d '\\n' <\"$file.json\")\"; fi\nif [ \"$(head -c 5 \"$file\")\" = PGDMP ]; then echo \"magic=ok\"; else echo \"magic=bad\"; fi\nif pg_restore_in '--list >/dev/null' <\"$file\" >/dev/null 2>&1; then echo \"list=ok\"; else echo \"list=failed\"; fi\nerr=$(pg_restore_in '-f /dev/null' <\"$file\" 2>&1) && echo \"read=ok\" || printf 'read=failed %s\\n' \"$(printf '%s' \"$err\" | tail -n 1)\"\nexit 0\n";

// EXTERNAL MODULE: ./src/backup/sql.ts
var sql = __webpack_require__(78130);
;// CONCATENATED MODULE: ./src/backup/url-parser.ts
/**
 * An awk program run on the host: reads one postgres:// URL on stdin and prints libpq's variables
 * (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE...) one KEY=value a line, percent-decoded,
 * as `docker run --env-file` reads them. The URL arrives on stdin and leaves in a file: it is never
 * an argument of any process. Exit 3: not a postgres:// URL.
 */
const PG_URL_TO_ENV_AWK = `
function hexval(h,   v, i, d) {
  v = 0
  h = tolower(h)
  for (i = 1; i <= 2; i++) {
    d = index("0123456789abcdef", substr(h, i, 1)) - 1
    if (d < 0) return -1
    v = v * 16 + d
  }
  return v
}
function dec(s,   out, i, c, v) {
  out = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    v = (c == "%" && i + 2 <= length(s)) ? hexval(substr(s, i + 1, 2)) : -1
    if (v >= 0) { out = out sprintf("%c", v); i += 2 } else out = out c
  }
  return out
}
NR == 1 {
  url = $0
  if (url !~ /^postgres(ql)?:\\/\\//) exit 3
  sub(/^postgres(ql)?:\\/\\//, "", url)
  query = ""
  q = index(url, "?")
  if (q) { query = substr(url, q + 1); url = substr(url, 1, q - 1) }
  db = ""
  at = 0
  for (i = length(url); i > 0; i--) if (substr(url, i, 1) == "@") { at = i; break }
  creds = ""
  if (at) { creds = substr(url, 1, at - 1); url = substr(url, at + 1) }
  s = index(url, "/")
  if (s) { db = substr(url, s + 1); url = substr(url, 1, s - 1) }
  user = creds
  pass = ""
  c = index(creds, ":")
  if (c) { user = substr(creds, 1, c - 1); pass = substr(creds, c + 1) }
  host = url
  port = ""
  if (host ~ /^\\[/) {
    e = index(host, "]")
    port = substr(host, e + 1)
    sub(/^:/, "", port)
    host = substr(host, 2, e - 2)
  } else {
    c = index(host, ":")
    if (c) { port = substr(host, c + 1); host = substr(host, 1, c - 1) }
  }
  if (host != "") print "PGHOST=" dec(host)
  if (port != "") print "PGPORT=" port
  if (user != "") print "PGUSER=" dec(user)
  if (pass != "") print "PGPASSWORD=" dec(pass)
  if (db != "") print "PGDATABASE=" dec(db)
  n = split(query, pairs, "&")
  for (i = 1; i <= n; i++) {
    e = index(pairs[i], "=")
    if (!e) continue
    k = substr(pairs[i], 1, e - 1)
    v = dec(substr(pairs[i], e + 1))
    if (k == "sslmode") print "PGSSLMODE=" v
    else if (k == "sslrootcert") print "PGSSLROOTCERT=" v
    else if (k == "connect_timeout") print "PGCONNECT_TIMEOUT=" v
    else if (k == "application_name") print "PGAPPNAME=" v
  }
}
`;

;// CONCATENATED MODULE: ./src/backup/commands.ts



/**
 * Each remote step of a backup as a Command: pure, unit-tested, printed by dry-run. The scripts
 * (src/backup/sh/) run Postgres work in the database's own container through `docker exec` without
 * -t (a TTY would rewrite the binary dump's bytes); the container is found by its Compose labels, never by name.
 */
const script = (name, body, args, stdin) => ({
    argv: ['sh', '-c', body, `compose-deploy-backup-${name}`, ...args],
    stdin,
});
/** `container`: a client container already started (external Postgres); else the service's is found by its labels. */
const inspectCommand = (project, service, database, user, dir, container = '') => script('inspect', INSPECT_SCRIPT, [project, service, database ?? '', user ?? '', dir, sql/* FACTS_SQL */.F, container]);
const dumpCommand = (container, database, user, tmp) => script('dump', DUMP_SCRIPT, [container, database, user, tmp, sql/* COUNTS_SQL */.O, IN_CONTAINER_DUMP_SCRIPT]);
const finishCommand = (tmp, final, sha256, manifestJson) => script('finish', FINISH_SCRIPT, [tmp, final, sha256], `${manifestJson}\n`);
const removeCommand = (dir, names) => script('remove', REMOVE_SCRIPT, [dir, ...names]);
/** `container` "" runs pg_restore in a throwaway container of `image` instead. */
const verifyCommand = (container, image, file) => script('verify', VERIFY_SCRIPT, [container, image, file]);
const readCommand = (file) => script('read', READ_SCRIPT, [file]);
const receiveCommand = (dir, name, sha256) => script('receive', RECEIVE_SCRIPT, [dir, name, sha256]);
const receiveMetaCommand = (dir, name, sha256, manifestJson) => script('receive-meta', RECEIVE_META_SCRIPT, [dir, name, sha256], `${manifestJson}\n`);
/** The temporary name a dump is written under: hidden, so no listing or glob of *.dump sees it. */
const partialPath = (dir, name) => `${dir}/.${name}.partial`;
/** External Postgres: a throwaway client container holding the URL's connection settings. */
const clientStartCommand = (deployPath, urlVariable, image) => script('client-start', CLIENT_START_SCRIPT, [deployPath, urlVariable, image, PG_URL_TO_ENV_AWK]);
const clientStopCommand = (container) => script('client-stop', CLIENT_STOP_SCRIPT, [container]);


/***/ }),

/***/ 6345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mq: () => (/* binding */ dumpFileName),
/* harmony export */   Zy: () => (/* binding */ parseDumpName),
/* harmony export */   em: () => (/* binding */ parseTableCounts)
/* harmony export */ });
/* unused harmony export utcStamp */
/** <project>-<UTC yyyymmddThhmmssZ>-<sha>.dump */
function dumpFileName(project, at, sha) {
    return `${project}-${utcStamp(at)}-${sha}.dump`;
}
function utcStamp(at) {
    return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}
const NAME = /^(?<project>[a-z0-9][a-z0-9_-]*)-(?<stamp>\d{8}T\d{6}Z)-(?<sha>[0-9a-z]+)\.dump$/;
/** The instant a dump file name carries, or undefined for a name that is not one of ours. */
function parseDumpName(name, project) {
    const m = NAME.exec(name);
    if (!m || m.groups['project'] !== project)
        return undefined;
    const s = m.groups['stamp'];
    const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? undefined : at;
}
/** The counts line the host prints (`{"public.t" : 3}`), as a plain object of whole numbers. */
function parseTableCounts(json) {
    const raw = JSON.parse(json);
    const out = {};
    for (const [table, n] of Object.entries(raw)) {
        if (typeof n !== 'number' || !Number.isInteger(n))
            throw new Error(`row count of ${table} is not a whole number: ${JSON.stringify(n)}`);
        out[table] = n;
    }
    return out;
}


/***/ }),

/***/ 78130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ FACTS_SQL),
/* harmony export */   O: () => (/* binding */ COUNTS_SQL)
/* harmony export */ });
/*
 * The SQL the backup sends. Fixed text, handed to the host scripts as positional arguments; only
 * identifiers read from the catalog are spliced in, on the server, with format('%I').
 */
/** One line: database, role, server version and database size (the disk estimate). */
const FACTS_SQL = `SELECT 'facts=' || json_build_object('database', current_database(), 'user', current_user, 'server_version', current_setting('server_version'), 'database_size', pg_database_size(current_database()))::text;`;
/**
 * One line: every ordinary table's row count, as JSON. query_to_xml runs each count inside the
 * calling transaction, so all of them see the exported snapshot. Temporary tables of other sessions
 * and the system schemas are not dumped, so they are not counted.
 */
const COUNTS_SQL = `SELECT 'counts=' || coalesce(json_object_agg(n.nspname || '.' || c.relname, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint ORDER BY n.nspname, c.relname), '{}')::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND c.relpersistence <> 't' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%';`;


/***/ }),

/***/ 26464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ sha256File)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_2__);



/** The sha256 of a file, read as a stream (dumps are gigabytes). */
async function sha256File(path) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_2__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path), hash);
    return hash.digest('hex');
}


/***/ })

};
