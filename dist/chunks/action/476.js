export const id = 476;
export const ids = [476];
export const modules = {

/***/ 97840:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   U: () => (/* binding */ humanDuration)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 };
/** `26h`, `7d`: seconds. `name` is the key or input the value came from, for the error. */
function parseDuration(name, value) {
    const m = /^([0-9]+)([smhd])$/.exec(value.trim());
    if (!m)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${name} must be a whole number followed by s, m, h or d (e.g. 26h, 7d), got ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .shownValue */ .JJ)(value)}`);
    return Number(m[1]) * UNIT_SECONDS[m[2]];
}
/** Seconds as a person reads them: 93784 -> "1d 2h". */
function humanDuration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    if (s < 120)
        return `${s}s`;
    if (s < 7200)
        return `${Math.round(s / 60)}m`;
    if (s < 172800)
        return `${Math.floor(s / 3600)}h ${Math.round((s % 3600) / 60)}m`;
    return `${Math.floor(s / 86400)}d ${Math.round((s % 86400) / 3600)}h`;
}


/***/ }),

/***/ 91302:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ww: () => (/* binding */ lockOptions),
/* harmony export */   dk: () => (/* binding */ projectHostSettings),
/* harmony export */   j1: () => (/* binding */ projectName)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_names_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86234);
/* harmony import */ var _config_settings_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49235);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _ssh_remote_settings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26630);





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

/***/ 64453:
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


/***/ }),

/***/ 31476:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RestoreDrill: () => (/* binding */ RestoreDrill),
  restoreTestCommand: () => (/* binding */ restoreTestCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/runner/local-runner.ts
var local_runner = __webpack_require__(26640);
// EXTERNAL MODULE: ./src/runner/runner.ts
var runner_runner = __webpack_require__(41814);
;// CONCATENATED MODULE: ./src/restore/checks.ts
/**
 * The checks after a restore, as SQL run by psql -At (one row a line, fields split by "|") and pure
 * comparisons of what came back with what the backup's manifest promised.
 */
/** Every table's exact row count, in one statement (query_to_xml runs a count per table). */
const ROW_COUNTS_SQL = `SELECT table_schema || '.' || table_name,
  (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_toast%'
ORDER BY 1;`;
/** Counts of schema objects outside the system schemas. */
const OBJECT_COUNTS_SQL = `SELECT 'tables', count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'indexes', count(*) FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'sequences', count(*) FROM pg_sequences WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'views', count(*) FROM pg_views WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
UNION ALL SELECT 'functions', count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL SELECT 'extensions', count(*) FROM pg_extension WHERE extname <> 'plpgsql';`;
function parsePairs(out) {
    const m = new Map();
    for (const line of out.split('\n')) {
        const i = line.lastIndexOf('|');
        if (i <= 0)
            continue;
        m.set(line.slice(0, i), Number(line.slice(i + 1)));
    }
    return m;
}
/** Each table the manifest names must come back with exactly its row count; tables it does not name are reported. */
function compareTables(expected, restored) {
    const names = new Set([...Object.keys(expected ?? {}), ...restored.keys()]);
    return [...names].sort().map((table) => {
        const e = expected?.[table];
        const r = restored.get(table);
        return { table, expected: e, restored: r, ok: expected === undefined || e === undefined ? r !== undefined : r === e };
    });
}
/** `orders` means public.orders, as in SQL. */
function qualified(table) {
    return table.includes('.') ? table : `public.${table}`;
}
/**
 * An assertions file: statements ended by ";" at the end of a line (a ";" inside a line, as in a
 * string literal, does not end one). Comment-only and empty statements are dropped.
 */
function splitStatements(sql) {
    const out = [];
    let current = [];
    for (const line of sql.replace(/\r\n/g, '\n').split('\n')) {
        current.push(line);
        if (/;\s*(--.*)?$/.test(line)) {
            out.push(current.join('\n'));
            current = [];
        }
    }
    out.push(current.join('\n'));
    // Leading comment lines describe a statement; the report names the statement itself.
    const isNote = (l) => l.trim() === '' || l.trim().startsWith('--');
    return out
        .map((s) => {
        const lines = s.split('\n');
        while (lines.length > 0 && isNote(lines[0]))
            lines.shift();
        return lines.join('\n').trim();
    })
        .filter(Boolean);
}

// EXTERNAL MODULE: ./src/restore/manifest.ts
var restore_manifest = __webpack_require__(64453);
;// CONCATENATED MODULE: ./src/restore/source.ts




/**
 * The newest backup matching a path or a glob (`*` and `?`, in the last component): newest by the
 * manifest's created_at, else by modification time. Sidecars (.json, .sha256) are never candidates.
 */
function findLocalBackup(pattern, cwd) {
    const abs = (0,external_node_path_.resolve)(cwd, pattern);
    const dir = (0,external_node_path_.dirname)(abs);
    const name = (0,external_node_path_.basename)(abs);
    if (/[*?]/.test(dir))
        throw new errors/* InputError */.dz(`backup-file: wildcards are allowed in the file name only, got ${JSON.stringify(pattern)}`);
    let candidates;
    if (!/[*?]/.test(name)) {
        if (!(0,external_node_fs_.existsSync)(abs))
            throw new errors/* InputError */.dz(`backup-file: no backup at ${abs}`);
        candidates = [abs];
    }
    else {
        const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
        const names = (0,external_node_fs_.existsSync)(dir) ? (0,external_node_fs_.readdirSync)(dir) : [];
        candidates = names.filter((n) => re.test(n) && !/\.(json|sha256|partial|tmp)$/.test(n)).map((n) => (0,external_node_path_.join)(dir, n));
        if (candidates.length === 0)
            throw new errors/* InputError */.dz(`backup-file: no backup matches ${name} in ${dir}${names.length === 0 ? ' (the folder is empty or missing)' : ''}`);
    }
    const backups = candidates.map(describeBackup);
    backups.sort((a, b) => createdAt(b) - createdAt(a));
    return backups[0];
}
function createdAt(b) {
    const t = b.manifest?.created_at ? Date.parse(b.manifest.created_at) : NaN;
    return Number.isNaN(t) ? b.mtime.getTime() : t;
}
function describeBackup(path) {
    const st = (0,external_node_fs_.statSync)(path);
    const manifestFile = `${path}.json`;
    let manifest;
    if ((0,external_node_fs_.existsSync)(manifestFile)) {
        try {
            manifest = (0,restore_manifest/* parseManifest */.N)((0,external_node_fs_.readFileSync)(manifestFile, 'utf8'), manifestFile);
        }
        catch (err) {
            throw new errors/* InputError */.dz(`backup manifest ${err.message}`);
        }
    }
    return {
        path,
        format: st.isDirectory() ? 'directory' : formatOf(path),
        size: st.isDirectory() ? (0,external_node_fs_.readdirSync)(path).reduce((n, f) => n + (0,external_node_fs_.statSync)((0,external_node_path_.join)(path, f)).size, 0) : st.size,
        manifest,
        checksumFile: (0,external_node_fs_.existsSync)(`${path}.sha256`) ? `${path}.sha256` : undefined,
        mtime: st.mtime,
    };
}
/** By content, not by name: a dump's format shows in its first bytes. */
function formatOf(path) {
    const head = readHead(path, 5);
    if (head.toString('latin1') === 'PGDMP')
        return 'custom';
    if (head[0] === 0x1f && head[1] === 0x8b)
        return 'plain-gz';
    return 'plain';
}
function readHead(path, bytes) {
    const buf = Buffer.alloc(bytes);
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        return buf.subarray(0, (0,external_node_fs_.readSync)(fd, buf, 0, bytes, 0));
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./src/restore/archive-header.ts


/** The header is a few hundred bytes; version strings are short. */
const HEAD_BYTES = 4096;
/** The header of `<dump>` (custom) or `<dump>/toc.dat` (directory); undefined for plain dumps or an unreadable header. */
function readArchiveHeader(path, format) {
    if (format !== 'custom' && format !== 'directory')
        return undefined;
    try {
        return parseArchiveHeader(readHead(format === 'directory' ? (0,external_node_path_.join)(path, 'toc.dat') : path, HEAD_BYTES));
    }
    catch {
        // A missing toc.dat is verifyShape's to report; pg_restore --list names a damaged header.
        return undefined;
    }
}
/** The versions as DumpNeeds carries them (the TOC, read later, adds extensions and roles). */
function headerVersions(h) {
    return { serverVersion: h?.serverVersion, pgDumpVersion: h?.pgDumpVersion };
}
/**
 * pg_dump's archive header (pg_backup_archiver.c WriteHead): "PGDMP", format version bytes major,
 * minor, revision, int size, offset size, format; compression (one byte from 1.15, an int before);
 * seven ints of creation time; then strings: database name, server version, pg_dump version.
 * An int is a sign byte and `intSize` little-endian bytes; a string is an int length and its bytes.
 * Returns undefined when the bytes are not such a header (or end before the versions).
 */
function parseArchiveHeader(buf) {
    if (buf.subarray(0, 5).toString('latin1') !== 'PGDMP')
        return undefined;
    let at = 5;
    const byte = () => {
        if (at >= buf.length)
            throw new RangeError('header ends early');
        return buf[at++];
    };
    try {
        const vmaj = byte();
        const vmin = byte();
        const vrev = vmaj > 1 || (vmaj === 1 && vmin > 0) ? byte() : 0;
        const version = (vmaj << 16) | (vmin << 8) | vrev;
        const since = (maj, min) => version >= ((maj << 16) | (min << 8));
        const archiveVersion = `${vmaj}.${vmin}${vrev ? `.${vrev}` : ''}`;
        const intSize = byte();
        if (intSize < 1 || intSize > 8)
            return undefined;
        if (since(1, 7))
            byte(); // offset size
        byte(); // format
        const int = () => {
            const negative = byte() !== 0;
            let value = 0;
            for (let i = 0; i < intSize; i++)
                value += byte() * 2 ** (8 * i);
            return negative ? -value : value;
        };
        const str = () => {
            const length = int();
            if (length < 0)
                return undefined;
            if (at + length > buf.length)
                throw new RangeError('header ends early');
            const s = buf.subarray(at, at + length).toString('utf8');
            at += length;
            return s;
        };
        if (since(1, 15))
            byte();
        else if (since(1, 4))
            int();
        else if (since(1, 2))
            byte();
        if (!since(1, 4))
            return { archiveVersion };
        for (let i = 0; i < 7; i++)
            int(); // creation time: sec, min, hour, mday, mon, year, isdst
        str(); // database name
        if (!since(1, 10))
            return { archiveVersion };
        return { archiveVersion, serverVersion: str(), pgDumpVersion: str() };
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/restore/psql-script.ts
/*
 * A plain dump is a psql script: besides SQL it may hold psql's own backslash commands, and `\!` runs a
 * shell, `\o |cmd` and `\copy … program` run programs, `\i` reads files, all as the user running psql.
 * pg_dump writes three of them (`\connect`, and from 17.6/16.10/… `\restrict` and `\unrestrict`); a
 * dump holding any other was not written by pg_dump, and is refused before anything runs. So is a
 * `COPY … PROGRAM`, which runs a program as the server's user (pg_dump writes `COPY … FROM stdin`).
 *
 * psql starts a backslash command anywhere outside quotes and comments, not only at a line start, so
 * the script is read the way psql's lexer reads it: strings ('…', E'…', "…"), dollar quoting
 * ($tag$…$tag$), comments (-- and nested /* *\/) and the data lines of `COPY … FROM stdin`, which end
 * at a line holding `\.`.
 */
/** The backslash commands pg_dump writes into plain dumps. */
const PG_DUMP_META = new Set(['connect', 'c', 'restrict', 'unrestrict']);
/** More problems than this are not worth listing: the dump is refused at the first. */
const MAX_PROBLEMS = 10;
/** What is kept of a statement to recognise COPY: its start is enough, and a huge INSERT stays cheap. */
const MAX_STATEMENT = 64 * 1024;
class PsqlScriptScanner {
    problems = [];
    state = { kind: 'sql' };
    statement = '';
    lineNo = 0;
    /** One line of the script, without its line break. */
    line(text) {
        this.lineNo++;
        if (this.problems.length >= MAX_PROBLEMS)
            return;
        if (this.state.kind === 'copy-data') {
            if (text === '\\.')
                this.state = { kind: 'sql' };
            return;
        }
        let i = 0;
        while (i < text.length) {
            const st = this.state;
            const c = text[i];
            if (st.kind === 'copy-data')
                return;
            if (st.kind === 'single') {
                if (st.escapes && c === '\\')
                    i += 2;
                else if (c === "'") {
                    if (text[i + 1] === "'")
                        i += 2;
                    else {
                        this.state = { kind: 'sql' };
                        i++;
                    }
                }
                else
                    i++;
                continue;
            }
            if (st.kind === 'double') {
                if (c === '"')
                    this.state = { kind: 'sql' };
                i++;
                continue;
            }
            if (st.kind === 'dollar') {
                const end = text.indexOf(st.tag, i);
                if (end < 0)
                    return;
                this.state = { kind: 'sql' };
                i = end + st.tag.length;
                continue;
            }
            if (st.kind === 'block') {
                if (c === '*' && text[i + 1] === '/') {
                    this.state = st.depth > 1 ? { kind: 'block', depth: st.depth - 1 } : { kind: 'sql' };
                    i += 2;
                }
                else if (c === '/' && text[i + 1] === '*') {
                    this.state = { kind: 'block', depth: st.depth + 1 };
                    i += 2;
                }
                else
                    i++;
                continue;
            }
            // Plain SQL.
            if (c === '-' && text[i + 1] === '-')
                break;
            if (c === '/' && text[i + 1] === '*') {
                this.state = { kind: 'block', depth: 1 };
                i += 2;
                continue;
            }
            if (c === "'") {
                const prev = text[i - 1];
                this.state = { kind: 'single', escapes: prev === 'E' || prev === 'e' };
                this.add(c);
                i++;
                continue;
            }
            if (c === '"') {
                this.state = { kind: 'double' };
                i++;
                continue;
            }
            if (c === '$') {
                const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
                const prev = text[i - 1];
                if (m && !(prev && /[A-Za-z0-9_$]/.test(prev))) {
                    this.state = { kind: 'dollar', tag: m[0] };
                    i += m[0].length;
                    continue;
                }
            }
            if (c === '\\') {
                const name = /^\\([^\s\\]*)/.exec(text.slice(i))[1];
                if (!PG_DUMP_META.has(name)) {
                    this.problems.push({ line: this.lineNo, what: `the psql command \\${name.slice(0, 20)}` });
                    return;
                }
                // A backslash command takes the rest of the line as its arguments.
                return;
            }
            if (c === ';') {
                this.endStatement();
                i++;
                continue;
            }
            this.add(c);
            i++;
        }
        this.add(' ');
    }
    /** Problems, after the last line: an unterminated COPY data block is not one (psql ends it at the end of input). */
    finish() {
        return this.problems;
    }
    add(c) {
        if (this.statement.length < MAX_STATEMENT)
            this.statement += c;
    }
    endStatement() {
        const s = this.statement.trim();
        this.statement = '';
        if (!/^COPY\b/i.test(s))
            return;
        if (/\b(FROM|TO)\s+PROGRAM\b/i.test(s))
            this.problems.push({ line: this.lineNo, what: 'COPY … PROGRAM (a program run by the server)' });
        else if (/\bFROM\s+STDIN\b/i.test(s))
            this.state = { kind: 'copy-data' };
    }
}
/** The problems of a whole script given as text (tests, small dumps). */
function scriptProblems(text) {
    const s = new PsqlScriptScanner();
    for (const line of text.split(/\r?\n/))
        s.line(line);
    return s.finish();
}

;// CONCATENATED MODULE: ./src/restore/dump-contents.ts

/** From `pg_restore --list` output: the header's versions and the TOC's EXTENSION entries and owners. */
function needsFromToc(list) {
    const extensions = new Set();
    const roles = new Set();
    for (const raw of list.split('\n')) {
        // "215; 1259 16390 TABLE public orders shop": the owner is the last word; an entry without one
        // (a COMMENT, an EXTENSION) ends with a space.
        const line = raw.replace(/\r$/, '');
        const m = /^\d+;\s+\d+\s+\d+\s+(.+)$/.exec(line);
        if (!m)
            continue;
        const words = m[1].trim().split(/\s+/);
        if (words[0] === 'EXTENSION' && words[2])
            extensions.add(words[2]);
        if (!line.endsWith(' ') && words.length >= 4)
            roles.add(words.at(-1));
    }
    return { ...versionsIn(list, /;\s+Dumped from database version: (\S+)/, /;\s+Dumped by pg_dump version: (\S+)/), extensions: [...extensions].sort(), roles: [...roles].sort() };
}
/** From a plain SQL dump's text: the header's versions, CREATE EXTENSION, OWNER TO and GRANT ... TO. */
function needsFromSql(sql) {
    const extensions = new Set();
    const roles = new Set();
    for (const m of sql.matchAll(/^CREATE EXTENSION (?:IF NOT EXISTS )?("?)([A-Za-z0-9_-]+)\1/gm))
        extensions.add(m[2]);
    for (const m of sql.matchAll(/ OWNER TO ("?)([^";\s]+)\1;/g))
        roles.add(m[2]);
    for (const m of sql.matchAll(/^GRANT .* TO (.+);$/gm)) {
        for (const r of m[1].split(',')) {
            const name = r.trim().replace(/^"|"$/g, '');
            if (name && name.toUpperCase() !== 'PUBLIC')
                roles.add(name);
        }
    }
    return { ...versionsIn(sql, /^-- Dumped from database version (\S+)/m, /^-- Dumped by pg_dump version (\S+)/m), extensions: [...extensions].sort(), roles: [...roles].sort() };
}
function versionsIn(text, from, by) {
    return { serverVersion: from.exec(text)?.[1], pgDumpVersion: by.exec(text)?.[1] };
}
/**
 * A dump from (or by) a newer major than the server: refused before trying, in plain words. pg_dump
 * writes SQL for its own major (SET transaction_timeout from 17 on), which an older server rejects.
 */
function newerMajorProblem(needs, serverMajor) {
    const dumpMajor = Math.max((0,restore_manifest/* majorOf */.D)(needs.serverVersion) ?? 0, (0,restore_manifest/* majorOf */.D)(needs.pgDumpVersion) ?? 0);
    if (dumpMajor <= serverMajor)
        return undefined;
    return `the dump comes from PostgreSQL ${dumpMajor} (dumped from database version ${needs.serverVersion ?? 'unknown'} by pg_dump ${needs.pgDumpVersion ?? 'unknown'}), newer than the disposable server's ${serverMajor}: a PostgreSQL ${serverMajor} server cannot restore it, so nothing was restored; use PostgreSQL ${dumpMajor} or later (restore-test.image, or newer binaries for postgres: native)`;
}

// EXTERNAL MODULE: ./src/runtime/sha256-file.ts
var sha256_file = __webpack_require__(26464);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
;// CONCATENATED MODULE: ./src/restore/integrity.ts







/** Each problem names the file and what is wrong with it; none of them is worth restoring. */
class IntegrityError extends Error {
    name = 'IntegrityError';
}
/**
 * `<dump>.sha256` as sha256sum writes it (`<hex>  <name>` per line; a bare hex is the dump itself):
 * every file it names must hash to its value. Returns the dump's own checksum.
 */
async function verifyChecksums(b) {
    if (!b.checksumFile)
        return undefined;
    const lines = (0,external_node_fs_.readFileSync)(b.checksumFile, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0)
        throw new IntegrityError(`${b.checksumFile} is empty: the checksum was never written`);
    let own;
    for (const line of lines) {
        const m = /^([0-9a-fA-F]{64})(?:\s+\*?(.+))?$/.exec(line);
        if (!m)
            throw new IntegrityError(`${b.checksumFile}: not a sha256sum line: ${JSON.stringify(line.slice(0, 80))}`);
        const expected = m[1].toLowerCase();
        const named = m[2]?.trim();
        const file = !named || (0,external_node_path_.basename)(named) === (0,external_node_path_.basename)(b.path) ? b.path : (0,external_node_path_.join)(b.format === 'directory' ? b.path : (0,external_node_path_.dirname)(b.path), (0,external_node_path_.basename)(named));
        if (b.format === 'directory' && file === b.path)
            throw new IntegrityError(`${b.checksumFile}: a directory dump's checksum file must name each file it covers`);
        let actual;
        try {
            actual = await (0,sha256_file/* sha256File */.Q)(file);
        }
        catch (err) {
            throw new IntegrityError(`${file}: listed in ${b.checksumFile} but cannot be read (${err.code ?? err})`);
        }
        if (actual !== expected)
            throw new IntegrityError(`${file}: checksum mismatch: sha256 is ${actual}, ${(0,external_node_path_.basename)(b.checksumFile)} says ${expected}. The file changed after the backup wrote it (truncated, corrupted, or replaced)`);
        if (file === b.path)
            own = actual;
    }
    return own;
}
/**
 * What the first and last bytes can tell before any server is started: not empty, the format's
 * magic, a gzip stream that decompresses to its end, a plain dump that pg_dump finished writing.
 */
async function verifyShape(b) {
    if (b.format === 'directory') {
        try {
            if ((0,external_node_fs_.statSync)((0,external_node_path_.join)(b.path, 'toc.dat')).size === 0)
                throw new Error('empty');
        }
        catch {
            throw new IntegrityError(`${b.path}: a directory dump without a readable toc.dat`);
        }
        return;
    }
    if (b.size === 0)
        throw new IntegrityError(`${b.path}: the file is empty`);
    if (b.format === 'custom')
        return;
    if (/\.dump$/.test(b.path))
        throw new IntegrityError(`${b.path}: does not start with the custom-format magic PGDMP (starts with ${JSON.stringify(readHead(b.path, 5).toString('latin1'))})`);
    const tail = b.format === 'plain-gz' ? await gunzipTail(b.path) : readTail(b.path, 4096);
    // pg_dump's last line; a dump cut short (a full disk, a killed job) lacks it.
    // Newer minor releases end with a \unrestrict <key> line after it.
    if (!/-- PostgreSQL database dump complete\s*(--\s*)?(\\unrestrict \S+\s*)?$/.test(tail)) {
        throw new IntegrityError(`${b.path}: the plain SQL dump does not end with "-- PostgreSQL database dump complete": it was cut short`);
    }
}
function readTail(path, bytes) {
    const size = (0,external_node_fs_.statSync)(path).size;
    const buf = Buffer.alloc(Math.min(bytes, size));
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        (0,external_node_fs_.readSync)(fd, buf, 0, buf.length, size - buf.length);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
    return buf.toString('utf8');
}
/** Decompresses the whole stream (a corrupt or truncated gzip fails here) and keeps its last few KB. */
async function gunzipTail(path) {
    let tail = Buffer.alloc(0);
    const keep = new external_node_stream_.Writable({
        write(chunk, _enc, done) {
            tail = Buffer.concat([tail, chunk]);
            if (tail.length > 8192)
                tail = tail.subarray(tail.length - 4096);
            done();
        },
    });
    try {
        await (0,promises_.pipeline)((0,external_node_fs_.createReadStream)(path), (0,external_node_zlib_.createGunzip)(), keep);
    }
    catch (err) {
        throw new IntegrityError(`${path}: the gzip stream is damaged (${err.message})`);
    }
    return tail.toString('utf8');
}

// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(97840);
;// CONCATENATED MODULE: ./src/restore/drill-report.ts

/** The figures of an earlier report worth comparing; a report of another shape gives nothing. */
function previousFigures(raw) {
    const r = raw;
    if (!r || typeof r !== 'object' || typeof r.at !== 'string' || !r.backup || !Array.isArray(r.tables))
        return undefined;
    return { at: r.at, size: r.backup.size, rows: rowsRestored(r), restoreSeconds: r.phases?.restore };
}
/** "size +1.2 MB (+3%), rows +420, restore +0.4 s since the drill of <date>". */
function changeSincePrevious(r) {
    const p = r.previous;
    if (!p)
        return undefined;
    const signed = (n, digits = 0) => `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;
    const pct = p.size > 0 ? ` (${signed(((r.backup.size - p.size) / p.size) * 100)}%)` : '';
    const parts = [`size ${signed((r.backup.size - p.size) / 1e6, 1)} MB${pct}`, `rows ${signed(rowsRestored(r) - p.rows)}`];
    if (p.restoreSeconds !== undefined && r.phases.restore !== undefined)
        parts.push(`restore time ${signed(r.phases.restore - p.restoreSeconds, 1)} s`);
    return `${parts.join(', ')} since the drill of ${p.at}`;
}
function rowsRestored(r) {
    return r.tables.reduce((n, t) => n + (t.restored ?? 0), 0);
}
function drillOutputs(r, reportFile) {
    return {
        result: r.result,
        backup: r.backup.file,
        'rpo-seconds': r.backup.ageSeconds === undefined ? '' : String(Math.round(r.backup.ageSeconds)),
        'rto-seconds': r.phases.restore === undefined ? '' : r.phases.restore.toFixed(1),
        tables: String(r.tables.filter((t) => t.restored !== undefined).length),
        rows: String(rowsRestored(r)),
        report: reportFile,
    };
}
/** The step summary: the verdict, the four answers (restores? fresh? complete? how long?), phases and the per-table table. */
function drillSummary(r) {
    const mb = r.backup.size / 1e6;
    const rto = r.phases.restore;
    const lines = [
        `### ${r.result === 'success' ? '✅ Backup restored and verified' : '❌ Restore test failed'}`,
        '',
        `\`${r.backup.file}\` (${r.backup.format}, ${mb.toFixed(1)} MB${r.backup.releaseSha ? `, release \`${r.backup.releaseSha.slice(0, 12)}\`` : ''}) into ${r.server?.kind ?? 'no server'}${r.server?.version ? ` (PostgreSQL ${r.server.version})` : ''}.`,
        '',
        ...r.problems.map((p) => `- ❌ ${p}`),
        ...r.warnings.map((w) => `- ⚠️ ${w}`),
        ...(r.problems.length + r.warnings.length > 0 ? [''] : []),
        '| question | answer |',
        '|---|---|',
        `| backup age (RPO) | ${r.backup.ageSeconds === undefined ? 'unknown' : (0,duration/* humanDuration */.U)(r.backup.ageSeconds)} (max-age ${r.backup.maxAge}) |`,
        `| restore time (RTO) | ${rto === undefined ? 'not reached' : `${rto.toFixed(1)} s${rto > 0 ? `, ${(mb / rto).toFixed(1)} MB/s` : ''}`} |`,
        `| tables, rows | ${r.tables.filter((t) => t.restored !== undefined).length} tables, ${rowsRestored(r)} rows |`,
        `| objects | ${Object.entries(r.objects).map(([k, v]) => `${v} ${k}`).join(', ') || 'not counted'} |`,
        `| phases | ${Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')} |`,
        `| since the last drill | ${changeSincePrevious(r) ?? 'no earlier report found'} |`,
        '',
    ];
    if (r.tables.length > 0) {
        lines.push('| table | expected rows | restored rows | |', '|---|---:|---:|---|');
        for (const t of r.tables)
            lines.push(`| ${t.table} | ${t.expected ?? ''} | ${t.restored ?? 'missing'} | ${t.ok ? '✅' : '❌'} |`);
        lines.push('');
    }
    return lines.join('\n');
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/config/contained-file.ts
var contained_file = __webpack_require__(59422);
;// CONCATENATED MODULE: ./src/restore/restore-test-settings.ts






function restoreTestSettings(settings) {
    const c = settings.config.restoreTest ?? {};
    const backupFile = settings.option('backup-file');
    const source = backupFile ? 'file' : (c.source ?? (settings.host ? 'ssh' : 'file'));
    if (source === 'file' && !backupFile)
        throw new errors/* InputError */.dz('restore-test with source: file needs input "backup-file" (a local path or glob, e.g. backups/shop-*.dump)');
    const maxAge = c.maxAge ?? '26h';
    const tmp = settings.option('report-file') ?? (0,external_node_path_.join)(process.env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)(), 'compose-deploy-restore-test.json');
    return {
        source,
        backupFile,
        maxAge,
        maxAgeSeconds: (0,duration/* parseDuration */.E)('restore-test.max-age', maxAge),
        postgres: c.postgres ?? 'docker',
        image: c.image,
        requiredTables: (c.requiredTables ?? []).map(qualified),
        assertions: c.assertions ? { file: c.assertions, sql: readInsideRepository(settings.cwd, c.assertions, 'restore-test.assertions') } : undefined,
        createRoles: c.createRoles ?? false,
        reportFile: (0,external_node_path_.resolve)(settings.cwd, tmp),
        jobs: Math.max(1, (0,external_node_os_.availableParallelism)()),
        cwd: settings.cwd,
    };
}
/** A file the config names, read only when it really is a regular file inside the repository (after symlinks). */
function readInsideRepository(cwd, path, key) {
    return (0,contained_file/* readContainedText */.FE)(cwd, cwd, path, { key, what: `${key} file`, displayName: path });
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/restore/shell-scripts.ts
// Generated by `npm run generate` from src/restore/sh/*.sh: edit those, not this file.
/**
 * $1 a gzip file, then a client's argv: the file decompressed into the client's stdin.
 */
const GUNZIP_PIPE_SCRIPT = "\nf=$1\nshift\ngzip -dc \"$f\" | \"$@\"\n";
/**
 * $1 dir: every dump in it that has both its manifest and its checksum beside it (a verified backup).
 */
const LIST_VERIFIED_SCRIPT = "\nfor f in \"$1\"/*.dump; do\n  [ -f \"$f\" ] && [ -f \"$f.json\" ] && [ -f \"$f.sha256\" ] && printf '%s\\n' \"${f##*/}\"\ndone\nexit 0\n";
/**
 * The PostgreSQL server binaries here, one dir a line: Debian's and Ubuntu's
 * /usr/lib/postgresql/<major>/bin, then pg_config's.
 */
const POSTGRES_BIN_DIRS_SCRIPT = "\nfor d in /usr/lib/postgresql/*/bin; do\n  [ -x \"$d/initdb\" ] && echo \"$d\"\ndone\npg_config --bindir 2>/dev/null\nexit 0\n";
/**
 * The unprivileged user to run a disposable server as, "name uid gid": postgres, else nobody. Exit 1: neither.
 */
const SERVER_USER_SCRIPT = "\nfor u in postgres nobody; do\n  if id -u \"$u\" >/dev/null 2>&1; then\n    echo \"$u $(id -u \"$u\") $(id -g \"$u\")\"\n    exit 0\n  fi\ndone\nexit 1\n";

;// CONCATENATED MODULE: ./src/restore/server.ts







const SUPERUSER = 'postgres';
const READY_TIMEOUT_MS = 120_000;
/**
 * What the disposable server's container may do: no network at all, only the capabilities the image's
 * entrypoint needs to hand its data directory to the postgres user (the default set's others dropped:
 * raw sockets, mknod, kill, chroot…), no new privileges, and bounded memory and processes. A hostile
 * dump's SQL (COPY … PROGRAM) or psql commands run in there, with nothing of the runner's.
 */
const CONTAINER_LIMITS = [
    '--network', 'none',
    '--cap-drop', 'ALL', '--cap-add', 'CHOWN', '--cap-add', 'SETUID', '--cap-add', 'SETGID', '--cap-add', 'DAC_OVERRIDE', '--cap-add', 'FOWNER',
    '--security-opt', 'no-new-privileges',
    '--memory', '2g', '--memory-swap', '2g', '--pids-limit', '512',
];
/**
 * A container of `image` (see CONTAINER_LIMITS): the client tools run inside it with `docker exec`, over
 * its Unix socket, and the dump (file or directory) is mounted read-only. The superuser's password (the
 * image wants one) is random and reaches Docker through a 0600 env file, not argv.
 */
async function startDockerPostgres(runner, image, dump, label) {
    const docker = await runner.run({ argv: ['docker', 'version', '--format', '{{.Server.Version}}'] });
    if (docker.code !== 0) {
        throw new errors/* InputError */.dz(`restore-test.postgres is docker, but no Docker engine answers on this machine${(0,runner_runner/* tail */.RT)(docker.stderr, 3)}. Start Docker, or set restore-test.postgres: native to use this machine's PostgreSQL binaries`);
    }
    const secrets = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'cd-restore-env-'));
    const envFile = (0,external_node_path_.join)(secrets, 'postgres.env');
    (0,external_node_fs_.writeFileSync)(envFile, `POSTGRES_PASSWORD=${(0,external_node_crypto_.randomBytes)(18).toString('hex')}\n`, { mode: 0o600 });
    let id;
    try {
        const res = await runner.run({
            argv: ['docker', 'run', '--detach', ...CONTAINER_LIMITS, '--label', `compose-deploy.restore-test=${label}`, '--env-file', envFile, '--volume', `${dump}:/restore/${(0,external_node_path_.basename)(dump)}:ro`, image],
        });
        if (res.code !== 0)
            throw new errors/* OperationError */.OK(`starting the disposable Postgres from ${image} failed${(0,runner_runner/* tail */.RT)(res.stderr, 5)}`);
        id = res.stdout.trim().split('\n').pop();
    }
    finally {
        (0,external_node_fs_.rmSync)(secrets, { recursive: true, force: true });
    }
    // As the image's root: it reads the mounted dump whatever its owner, and connects as the superuser over the socket.
    const inContainer = ['docker', 'exec', '-i', id];
    const asSuperuser = (argv) => [...argv, ...(argv[0] === 'pg_isready' ? [] : ['--username', SUPERUSER])];
    const server = {
        describe: `docker ${image}`,
        client: (argv, stdin) => ({ argv: [...inContainer, ...asSuperuser(argv)], stdin }),
        gunzipInto: (file, argv) => ({ argv: [...inContainer, ...gunzipPipe(file, asSuperuser(argv))] }),
        dumpPath: (path) => `/restore/${(0,external_node_path_.basename)(path)}`,
        stop: async () => {
            await runner.run({ argv: ['docker', 'rm', '--force', '--volumes', id] });
        },
    };
    try {
        // TCP on the container's own loopback comes up only after the image's init server has stopped.
        await waitReady(runner, server.client(['pg_isready', '--quiet', '--host', '127.0.0.1']), async () => {
            const st = await runner.run({ argv: ['docker', 'inspect', '--format', '{{.State.Running}}', id] });
            if (st.stdout.trim() === 'false') {
                const logs = await runner.run({ argv: ['docker', 'logs', '--tail', '20', id] });
                return `the container exited${(0,runner_runner/* tail */.RT)(`${logs.stdout}\n${logs.stderr}`, 10)}`;
            }
            return undefined;
        });
    }
    catch (err) {
        await server.stop();
        throw err;
    }
    return server;
}
/**
 * An initdb cluster in a temp dir from this machine's PostgreSQL binaries, listening on a Unix socket
 * in that dir only (no TCP). initdb and postgres refuse to run as root: as root, they run as the
 * `postgres` user (else `nobody`); the clients connect over the socket as the current user.
 * The server and every client start with an empty environment (none of the runner's variables: its
 * key, its tokens) and, where this machine lets them, in a network namespace of their own (no network;
 * the socket is a file, reachable across namespaces). Plain dumps are not restored in this mode.
 */
async function startNativePostgres(runner) {
    const bin = await findPostgresBin(runner);
    const root = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'cd-restore-pg-'));
    const data = (0,external_node_path_.join)(root, 'data');
    const contained = await containment(runner);
    const owner = await unprivileged(runner, root);
    const asOwner = (argv) => contained([...owner(argv).argv]);
    const local = (argv) => contained([(0,external_node_path_.join)(bin, argv[0]), ...argv.slice(1), '--host', root, '--username', SUPERUSER]).argv;
    const server = {
        describe: `native ${bin}`,
        client: (argv, stdin) => ({ argv: local(argv), stdin }),
        gunzipInto: (file, argv) => contained(gunzipPipe(file, [(0,external_node_path_.join)(bin, argv[0]), ...argv.slice(1), '--host', root, '--username', SUPERUSER])),
        dumpPath: (path) => path,
        stop: async () => {
            await runner.run(asOwner([(0,external_node_path_.join)(bin, 'pg_ctl'), '--pgdata', data, '--mode', 'immediate', '--wait', 'stop']));
            (0,external_node_fs_.rmSync)(root, { recursive: true, force: true });
        },
    };
    try {
        await (0,runner_runner/* runChecked */.X4)(runner, asOwner([(0,external_node_path_.join)(bin, 'initdb'), '--pgdata', data, '--username', SUPERUSER, '--auth', 'trust', '--encoding', 'UTF8', '--no-locale', '--no-sync']), 'initdb of the disposable Postgres');
        const options = `-c listen_addresses= -c unix_socket_directories=${root} -c port=5432`;
        await (0,runner_runner/* runChecked */.X4)(runner, asOwner([(0,external_node_path_.join)(bin, 'pg_ctl'), '--pgdata', data, '--log', (0,external_node_path_.join)(root, 'server.log'), '--options', options, '--wait', '--timeout', '60', 'start']), 'starting the disposable Postgres');
        await waitReady(runner, server.client(['pg_isready', '--quiet']), async () => undefined);
    }
    catch (err) {
        await server.stop().catch(() => undefined);
        throw err;
    }
    return server;
}
/** No variable of the runner's; the programs are found by absolute path or along the system's PATH. */
const EMPTY_ENVIRONMENT = ['env', '-i', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8'];
/** Wraps a native command: an empty environment, and no network when `unshare --net` works here (root, or user namespaces allowed). */
async function containment(runner) {
    const probe = await runner.run({ argv: ['unshare', '--net', '--', 'true'] }).catch(() => ({ code: 1 }));
    const noNetwork = probe.code === 0 ? ['unshare', '--net', '--'] : [];
    return (argv) => ({ argv: [...noNetwork, ...EMPTY_ENVIRONMENT, ...argv] });
}
/** `gzip -dc FILE | CLIENT...`, the file and the client's argv as positional arguments of a fixed script. */
function gunzipPipe(file, client) {
    return ['sh', '-c', GUNZIP_PIPE_SCRIPT, 'gunzip-restore', file, ...client];
}
/** The newest PostgreSQL server binaries here: Debian's and Ubuntu's /usr/lib/postgresql/<major>/bin, else pg_config's. */
async function findPostgresBin(runner) {
    const res = await runner.run({ argv: ['sh', '-c', POSTGRES_BIN_DIRS_SCRIPT] });
    const dirs = res.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    const major = (d) => Number(/postgresql\/(\d+)\//.exec(d)?.[1] ?? 0);
    const best = dirs.sort((a, b) => major(b) - major(a))[0];
    if (!best)
        throw new errors/* InputError */.dz('restore-test.postgres is native, but no PostgreSQL server binaries (initdb) were found on this machine: install the postgresql package, or use postgres: docker');
    return best;
}
/** As root: hands the temp dir to an unprivileged user and wraps server commands in runuser. */
async function unprivileged(runner, root) {
    if (process.getuid?.() !== 0) {
        (0,external_node_fs_.chmodSync)(root, 0o700);
        return (argv) => ({ argv });
    }
    const ids = await runner.run({ argv: ['sh', '-c', SERVER_USER_SCRIPT] });
    const [user, uid, gid] = ids.stdout.trim().split(' ');
    if (ids.code !== 0 || !user)
        throw new errors/* OperationError */.OK('running as root, and neither a postgres nor a nobody user exists to run the disposable server as');
    (0,external_node_fs_.chownSync)(root, Number(uid), Number(gid));
    (0,external_node_fs_.chmodSync)(root, 0o700);
    return (argv) => ({ argv: ['runuser', '-u', user, '--', ...argv] });
}
async function waitReady(runner, probe, gone) {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
        if ((await runner.run(probe)).code === 0)
            return;
        const why = await gone();
        if (why)
            throw new errors/* OperationError */.OK(`the disposable Postgres did not start: ${why}`);
        if (Date.now() > deadline)
            throw new errors/* OperationError */.OK(`the disposable Postgres was not ready after ${READY_TIMEOUT_MS / 1000}s`);
        await new Promise((r) => setTimeout(r, 250));
    }
}

// EXTERNAL MODULE: ./src/host/script.ts
var script = __webpack_require__(38959);
// EXTERNAL MODULE: ./src/backup/commands.ts + 2 modules
var commands = __webpack_require__(96141);
// EXTERNAL MODULE: ./src/backup/manifest.ts
var manifest = __webpack_require__(6345);
;// CONCATENATED MODULE: ./src/restore/fetch.ts









/** The backup dir on the host holds no verified backup of the project: a failed drill, not bad input. */
class NoBackupFound extends errors/* OperationError */.OK {
}
/** Every verified dump in dir (its manifest and checksum beside it), one name a line. */
const listVerifiedCommand = (dir) => (0,script/* hostScript */.Q)('list-backups', LIST_VERIFIED_SCRIPT, [dir]);
/** The newest of this project's verified dumps, by the UTC time in its name. */
function newestDump(names, project) {
    return names
        .map((name) => ({ name, at: (0,manifest/* parseDumpName */.Zy)(name, project) }))
        .filter((d) => d.at !== undefined)
        .sort((a, b) => b.at.getTime() - a.at.getTime())[0]?.name;
}
/**
 * source ssh / copy: the newest verified backup in `dir` on that host, fetched with its manifest and
 * sidecar over the pinned SSH connection into a temp dir. Read-only on the host: the drill writes
 * nothing there. Returns the local dump and a clean-up.
 */
async function fetchNewestBackup(connect, target, dir, project, reporter) {
    const runner = await connect(target, reporter);
    const local = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'cd-restore-fetch-'));
    const cleanup = () => (0,external_node_fs_.rmSync)(local, { recursive: true, force: true });
    try {
        const names = (await (0,runner_runner/* runChecked */.X4)(runner, listVerifiedCommand(dir), `listing backups in ${dir}`)).stdout.split('\n').filter(Boolean);
        const name = newestDump(names, project);
        if (!name)
            throw new NoBackupFound(`no verified backup of project ${project} (a .dump with its .dump.json and .dump.sha256) in ${dir} on ${runner.where}`);
        reporter.info(`restore-test: fetching ${dir}/${name} from ${runner.where}`);
        for (const side of ['.json', '.sha256']) {
            (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(local, `${name}${side}`), (await (0,runner_runner/* runChecked */.X4)(runner, (0,commands/* readCommand */.UK)(`${dir}/${name}${side}`), `reading ${name}${side}`)).stdout);
        }
        const res = await runner.runStream((0,commands/* readCommand */.UK)(`${dir}/${name}`), { sink: (0,external_node_fs_.createWriteStream)((0,external_node_path_.join)(local, name)) });
        if (res.code !== 0)
            throw new errors/* OperationError */.OK(`fetching ${dir}/${name} from ${runner.where} failed (exit ${res.code}): ${res.stderr.trim()}`);
        return { path: (0,external_node_path_.join)(local, name), cleanup };
    }
    catch (err) {
        cleanup();
        throw err;
    }
    finally {
        await runner.close();
    }
}

// EXTERNAL MODULE: ./src/backup/backup-settings.ts
var backup_settings = __webpack_require__(26502);
// EXTERNAL MODULE: ./src/ssh/remote-settings.ts
var remote_settings = __webpack_require__(26630);
// EXTERNAL MODULE: ./src/ssh/connect.ts
var connect = __webpack_require__(81456);
// EXTERNAL MODULE: ./src/host/host-settings.ts
var host_settings = __webpack_require__(91302);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(92413);
;// CONCATENATED MODULE: ./src/restore/drill-issue.ts

const DRILL_LABEL = 'restore-test';
/**
 * One open issue labelled restore-test while drills fail: opened by the first failure, commented on by
 * the next ones (never a second issue), closed by the next success. Bookkeeping: an API failure is a
 * warning, never a different drill result.
 */
async function trackDrillIssue(t, ok, title, body, reporter) {
    const octokit = (0,github/* getOctokit */.Q)(t.token, { baseUrl: t.apiUrl });
    const [owner, repo] = t.repository.split('/');
    try {
        const open = await octokit.rest.issues.listForRepo({ owner, repo, labels: DRILL_LABEL, state: 'open', per_page: 10 });
        const existing = open.data.find((i) => !i.pull_request);
        const run = t.runUrl ? `\n\n[The run](${t.runUrl})` : '';
        if (ok) {
            if (!existing)
                return;
            await octokit.rest.issues.createComment({ owner, repo, issue_number: existing.number, body: `The restore test passed again.${run}\n\n${body}` });
            await octokit.rest.issues.update({ owner, repo, issue_number: existing.number, state: 'closed' });
            reporter.info(`closed issue #${existing.number}: the restore test passes again`);
        }
        else if (existing) {
            await octokit.rest.issues.createComment({ owner, repo, issue_number: existing.number, body: `Failed again.${run}\n\n${body}` });
            reporter.info(`restore test still failing: commented on issue #${existing.number}`);
        }
        else {
            const created = await octokit.rest.issues.create({ owner, repo, title, body: `${body}${run}`, labels: [DRILL_LABEL] });
            reporter.info(`opened issue #${created.data.number} for the failed restore test`);
        }
    }
    catch (err) {
        reporter.warning(`updating the restore-test issue failed (${err.message}); the drill's result is not affected. Does the token have "issues: write"?`);
    }
}

;// CONCATENATED MODULE: ./src/restore/restore-test-command.ts














const HISTORY_KEY = 'compose-deploy-restore-test-report-';









/** A step of the drill that failed: the drill stops there and reports it (exit 1). */
class DrillFailed extends Error {
}
/**
 * `restore-test`: the newest backup restored into a disposable Postgres and checked against what the
 * backup says production held, with the backup's age (RPO) and the restore's duration (RTO).
 */
async function restoreTestCommand(settings, reporter, services = {}) {
    const rs = restoreTestSettings(settings);
    const source = backupSource(settings, rs, reporter, services.connectHost ?? connect/* connectHost */.Z);
    const result = await new RestoreDrill(rs, services.runner ?? new local_runner/* LocalRunner */.Q(), reporter, Date.now, services.layerCache, settings.run.runId).run(source, services.interrupts);
    const token = settings.option('github-token');
    if (token && settings.run.repository) {
        const title = `Restore test failed: ${result.outputs['backup']}`;
        await trackDrillIssue({ token, apiUrl: settings.run.apiUrl, repository: settings.run.repository, runUrl: settings.run.runUrl }, result.ok, title, reporter.redact(result.summary ?? ''), reporter);
    }
    return result;
}
/**
 * file: a local path or glob. ssh: the newest verified backup in the deploy host's backup dir.
 * copy: the same in backup.copy-to's directory on the second host. Both fetch read-only.
 */
function backupSource(settings, rs, reporter, connect) {
    if (rs.source === 'file')
        return { where: rs.backupFile, locate: async () => findLocalBackup(rs.backupFile, rs.cwd), cleanup: () => undefined };
    const remote = (0,remote_settings/* remoteSettings */.k)(settings);
    const project = (0,host_settings/* projectName */.j1)(settings, remote.deployPath);
    const b = settings.config.backup;
    const copy = rs.source === 'copy' ? (0,backup_settings/* copyTarget */.nx)(settings) : undefined;
    if (rs.source === 'copy' && !copy)
        throw new errors/* InputError */.dz('restore-test.source is copy, but compose-deploy.yml has no backup.copy-to');
    const target = copy?.target ?? remote.target;
    const dir = copy?.path ?? (0,backup_settings/* backupDir */.su)(remote.deployPath, b?.dir, b?.allowOutside ?? false);
    let fetched;
    return {
        where: `${dir} on ${target.user}@${target.host}:${target.port}`,
        locate: async () => {
            fetched = await fetchNewestBackup(connect, target, dir, project, reporter);
            return describeBackup(fetched.path);
        },
        cleanup: () => fetched?.cleanup(),
    };
}
class RestoreDrill {
    rs;
    runner;
    reporter;
    now;
    history;
    runId;
    server;
    label = `${process.pid}-${Date.now()}`;
    report;
    constructor(rs, runner, reporter, now, 
    /** The Actions cache (the same directory store build uses): carries the last report to the next scheduled run. */
    history, runId = String(process.pid)) {
        this.rs = rs;
        this.runner = runner;
        this.reporter = reporter;
        this.now = now;
        this.history = history;
        this.runId = runId;
    }
    async run(source, interrupts) {
        // A cancelled run must not leave the disposable server (or a fetched copy) behind: cleaned up, then the process ends.
        const cleanUp = () => this.stopServer().finally(() => source.cleanup());
        const stopListening = interrupts?.listen(cleanUp, cleanUp) ?? (() => undefined);
        try {
            let backup;
            try {
                backup = await this.phase('fetch', () => source.locate());
            }
            catch (err) {
                // No backup where backups should be is the failure this drill exists to find: a report, exit 1, an issue.
                if (err instanceof errors/* InputError */.dz)
                    throw err;
                this.report = this.emptyReport(undefined, source.where);
                this.report.problems.push(this.reporter.redact(err.message));
                return await this.finish();
            }
            this.report = this.emptyReport(backup);
            this.reporter.info(`restore-test: ${backup.path} (${backup.format}, ${(backup.size / 1e6).toFixed(1)} MB)`);
            try {
                await this.drill(backup);
            }
            catch (err) {
                // Bad configuration stays exit 2; anything else that stopped the drill is its result, with a report.
                if (err instanceof errors/* InputError */.dz)
                    throw err;
                this.report.problems.push(this.reporter.redact(err.message));
            }
        }
        finally {
            await this.stopServer();
            source.cleanup();
            stopListening();
        }
        return await this.finish();
    }
    /** The last drill's report: from the Actions cache, else the one an earlier run left at the report path. */
    async previousReport() {
        await this.history?.restore(this.rs.reportFile, `${HISTORY_KEY}${this.runId}`, [HISTORY_KEY]).catch(() => false);
        if (!(0,external_node_fs_.existsSync)(this.rs.reportFile))
            return undefined;
        try {
            return previousFigures(JSON.parse((0,external_node_fs_.readFileSync)(this.rs.reportFile, 'utf8')));
        }
        catch {
            return undefined;
        }
    }
    async drill(b) {
        const r = this.report;
        const integrity = this.phase('verify', async () => {
            const sha = await verifyChecksums(b);
            if (sha)
                r.backup.sha256 = sha;
            else
                r.warnings.push(`no ${b.path}.sha256 beside the backup: its checksum was not verified`);
            if (sha && b.manifest?.sha256 && b.manifest.sha256 !== sha)
                throw new IntegrityError(`${b.path}: its sha256 ${sha} differs from the manifest's ${b.manifest.sha256}`);
            await verifyShape(b);
        });
        this.checkFreshness(b);
        const plain = b.format === 'plain' || b.format === 'plain-gz';
        // What wrote the dump, known before any server: a custom or directory dump's header, a plain dump's comments.
        const reading = plain ? this.phase('verify', () => scanPlainDump(b)) : Promise.resolve().then(() => headerVersions(readArchiveHeader(b.path, b.format)));
        // The server starts while the checksum is read (a restore-test's wall time is mostly these two);
        // whichever fails, the check's own error wins, and the started server is removed by run().
        const starting = reading.then((versions) => this.phase('server-start', () => this.startServer(b, versions)));
        const [checked, read, started] = await Promise.allSettled([integrity, reading, starting]);
        for (const step of [checked, read, started])
            if (step.status === 'rejected')
                throw step.reason;
        const versions = read.value;
        const needsFromFile = plain ? versions : undefined;
        const server = started.value;
        // Before pg_restore --list: an older pg_restore cannot read a newer archive and would not say why.
        const serverMajor = await this.checkMajor(server, versions, b);
        const needs = needsFromFile ?? (await this.phase('verify', () => this.readToc(server, b)));
        await this.prepare(server, needs, b);
        this.reporter.info(`restore-test: disposable ${server.describe}, PostgreSQL ${r.server.version} (major ${serverMajor})`);
        const database = /^[A-Za-z0-9_]+$/.test(b.manifest?.database ?? '') ? b.manifest.database : 'restored';
        await this.phase('restore', () => this.restore(server, b, database));
        await this.phase('checks', () => this.check(server, b, database));
    }
    checkFreshness(b) {
        const r = this.report;
        const created = b.manifest?.created_at ? Date.parse(b.manifest.created_at) : NaN;
        const at = Number.isNaN(created) ? b.mtime.getTime() : created;
        if (Number.isNaN(created))
            r.warnings.push('no manifest created_at: the backup\'s age is its file time');
        r.backup.createdAt = new Date(at).toISOString();
        r.backup.ageSeconds = Math.max(0, (this.now() - at) / 1000);
        // A stale backup is a failed drill, but the restore still runs: how long it takes and whether it holds is worth knowing.
        if (r.backup.ageSeconds > this.rs.maxAgeSeconds) {
            r.problems.push(`${b.path} is ${Math.round(r.backup.ageSeconds / 3600)} hours old (made ${r.backup.createdAt}), older than restore-test.max-age ${this.rs.maxAge}: backups are not being made, or not where this drill looks`);
        }
    }
    async startServer(b, needs) {
        if (this.rs.postgres === 'native')
            this.server = await startNativePostgres(this.runner);
        else {
            const major = Math.max((0,restore_manifest/* majorOf */.D)(b.manifest?.server_version) ?? 0, (0,restore_manifest/* majorOf */.D)(b.manifest?.pg_dump_version) ?? 0, (0,restore_manifest/* majorOf */.D)(needs.serverVersion) ?? 0, (0,restore_manifest/* majorOf */.D)(needs.pgDumpVersion) ?? 0);
            const image = this.rs.image ?? `postgres:${major || 17}`;
            this.server = await startDockerPostgres(this.runner, image, b.path, this.label);
        }
        return this.server;
    }
    async stopServer() {
        const s = this.server;
        this.server = undefined;
        await s?.stop().catch((err) => this.reporter.warning(`removing the disposable Postgres failed: ${err.message}`));
    }
    async readToc(server, b) {
        const res = await this.runner.run(server.client(['pg_restore', '--list', server.dumpPath(b.path)]));
        if (res.code !== 0)
            throw new IntegrityError(`${b.path}: pg_restore --list cannot read its table of contents${(0,runner_runner/* tail */.RT)(res.stderr, 3)}`);
        return needsFromToc(res.stdout);
    }
    /** The server's major, refused plainly when the dump (its own header first, else the manifest) is newer. */
    async checkMajor(server, versions, b) {
        const version = (await this.sql(server, 'postgres', 'SHOW server_version')).trim();
        const major = (0,restore_manifest/* majorOf */.D)(version) ?? 0;
        this.report.server = { kind: server.describe, version };
        const newer = newerMajorProblem({ serverVersion: versions.serverVersion ?? b.manifest?.server_version, pgDumpVersion: versions.pgDumpVersion ?? b.manifest?.pg_dump_version }, major);
        if (newer)
            throw new DrillFailed(`${b.path}: ${newer}`);
        return major;
    }
    /** Extensions and roles: what would make the restore fail halfway, found before it starts. */
    async prepare(server, needs, b) {
        const available = new Set((await this.sql(server, 'postgres', 'SELECT name FROM pg_available_extensions')).split('\n').map((l) => l.trim()));
        const missing = needs.extensions.filter((e) => !available.has(e));
        if (missing.length > 0)
            throw new DrillFailed(`the dump needs extension${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which the disposable server does not have: use an image (or native binaries) with ${missing.length > 1 ? 'them' : 'it'} installed`);
        if (b.format === 'plain' || b.format === 'plain-gz') {
            const roles = new Set((await this.sql(server, 'postgres', 'SELECT rolname FROM pg_roles')).split('\n').map((l) => l.trim()));
            const lacking = needs.roles.filter((x) => !roles.has(x));
            if (lacking.length > 0 && !this.rs.createRoles)
                throw new DrillFailed(`the dump references roles the server lacks: ${lacking.join(', ')}; set restore-test.create-roles: true to create them (NOLOGIN), or create them in the image`);
            for (const role of lacking)
                await this.sql(server, 'postgres', `CREATE ROLE "${role.replace(/"/g, '""')}" NOLOGIN`);
            if (lacking.length > 0)
                this.report.warnings.push(`created roles the dump references: ${lacking.join(', ')} (NOLOGIN)`);
        }
    }
    async restore(server, b, database) {
        await this.sql(server, 'postgres', `CREATE DATABASE "${database}"`);
        if (this.rs.postgres === 'native' && (b.format === 'plain' || b.format === 'plain-gz')) {
            throw new DrillFailed(`${b.path} is a plain dump, which postgres: native does not restore: psql would run its script on this machine, with the server as this machine's user, where SQL such as COPY … PROGRAM or pg_read_file reaches the runner; nothing was restored. Use postgres: docker (the script then runs in a container with no network, no capabilities and nothing of the runner's), or a custom-format dump (pg_dump -Fc)`);
        }
        const path = server.dumpPath(b.path);
        // psql stops at the first error and keeps nothing of a half restore; pg_restore -j cannot be one transaction.
        const psql = ['psql', '--no-psqlrc', '--quiet', '--set', 'ON_ERROR_STOP=1', '--single-transaction', '--dbname', database];
        const command = b.format === 'plain'
            ? server.client([...psql, '--file', path])
            : b.format === 'plain-gz'
                ? server.gunzipInto(path, psql)
                : server.client(['pg_restore', '--exit-on-error', '--no-owner', '--no-privileges', '--jobs', String(this.rs.jobs), '--dbname', database, path]);
        const res = await this.runner.run(command);
        if (res.code !== 0)
            throw new DrillFailed(`restoring ${b.path} failed (exit ${res.code})${(0,runner_runner/* tail */.RT)(this.reporter.redact(res.stderr || res.stdout), 8)}`);
    }
    async check(server, b, database) {
        const r = this.report;
        r.tables = compareTables(b.manifest?.tables, parsePairs(await this.sql(server, database, ROW_COUNTS_SQL)));
        r.objects = Object.fromEntries(parsePairs(await this.sql(server, database, OBJECT_COUNTS_SQL)));
        if (!b.manifest?.tables)
            r.warnings.push('no manifest with row counts beside the backup: rows were counted, not compared');
        const wrong = r.tables.filter((t) => !t.ok);
        for (const t of wrong)
            r.problems.push(t.restored === undefined ? `table ${t.table} is missing after the restore (the manifest counted ${t.expected} rows)` : `table ${t.table}: ${t.restored} rows restored, the manifest counted ${t.expected}`);
        const present = new Set(r.tables.filter((t) => t.restored !== undefined).map((t) => t.table));
        r.requiredTables = this.rs.requiredTables.map((table) => ({ table, ok: present.has(table) }));
        for (const t of r.requiredTables)
            if (!t.ok)
                r.problems.push(`required table ${t.table} is not in the restored database`);
        for (const query of splitStatements(this.rs.assertions?.sql ?? '')) {
            const res = await this.runner.run(server.client(['psql', '--no-psqlrc', '--tuples-only', '--no-align', '--set', 'ON_ERROR_STOP=1', '--dbname', database, '--file', '-'], query));
            const got = res.code === 0 ? res.stdout.trim() : `error: ${lastLine(res.stderr)}`;
            const ok = got === 't';
            r.assertions.push({ query, ok, got });
            if (!ok)
                r.problems.push(`assertion failed (${this.rs.assertions.file}): ${oneLine(query)} returned ${JSON.stringify(got.slice(0, 200))}, expected a single true`);
        }
    }
    async sql(server, database, sql) {
        const res = await this.runner.run(server.client(['psql', '--no-psqlrc', '--tuples-only', '--no-align', '--field-separator', '|', '--set', 'ON_ERROR_STOP=1', '--dbname', database, '--file', '-'], sql));
        if (res.code !== 0)
            throw new DrillFailed(`${oneLine(sql).slice(0, 80)} failed in the disposable server${(0,runner_runner/* tail */.RT)(res.stderr, 3)}`);
        return res.stdout;
    }
    async phase(name, fn) {
        const started = this.now();
        try {
            return await fn();
        }
        finally {
            const seconds = (this.now() - started) / 1000;
            if (this.report)
                this.report.phases[name] = (this.report.phases[name] ?? 0) + seconds;
            else
                this.pending[name] = (this.pending[name] ?? 0) + seconds;
        }
    }
    pending = {};
    /** Without a backup (none found), the report names where the drill looked. */
    emptyReport(b, where = '') {
        return {
            result: 'failed',
            problems: [],
            warnings: [],
            at: new Date(this.now()).toISOString(),
            backup: b ? { file: b.path, format: b.format, size: b.size, releaseSha: b.manifest?.sha, maxAge: this.rs.maxAge } : { file: `none found in ${where}`, size: 0, maxAge: this.rs.maxAge },
            phases: { ...this.pending },
            tables: [],
            objects: {},
            requiredTables: [],
            assertions: [],
        };
    }
    async finish() {
        const r = this.report;
        r.result = r.problems.length === 0 ? 'success' : 'failed';
        r.previous = await this.previousReport();
        const change = changeSincePrevious(r);
        if (change)
            this.reporter.info(`restore-test: ${change}`);
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(this.rs.reportFile), { recursive: true });
        (0,external_node_fs_.writeFileSync)(this.rs.reportFile, `${JSON.stringify(r, null, 2)}\n`);
        await this.history?.save(this.rs.reportFile, `${HISTORY_KEY}${this.runId}`).catch((err) => this.reporter.warning(`saving the report for the next drill failed: ${err.message}`));
        for (const w of r.warnings)
            this.reporter.warning(w);
        for (const p of r.problems)
            this.reporter.error(p);
        const outputs = drillOutputs(r, this.rs.reportFile);
        this.reporter.info(`restore-test: ${r.result}; backup age ${outputs['rpo-seconds']} s, restore ${outputs['rto-seconds'] || '-'} s, ${outputs['tables']} tables, ${outputs['rows']} rows; report: ${this.rs.reportFile}`);
        const message = r.result === 'success' ? undefined : `restore-test of ${r.backup.file} failed: ${r.problems.join('; ')}`;
        return { ok: r.result === 'success', outputs, summary: drillSummary(r), ...(message ? { message } : {}) };
    }
}
/** A plain dump's header versions, extensions and roles, read line by line (it may be gigabytes). */
async function scanPlainDump(b) {
    const input = (0,external_node_fs_.createReadStream)(b.path);
    const lines = (0,external_node_readline_.createInterface)({ input: b.format === 'plain-gz' ? input.pipe((0,external_node_zlib_.createGunzip)()) : input, crlfDelay: Infinity });
    const keep = [];
    // psql would run the script's own commands as the runner's user: only pg_dump's are let through.
    const script = new PsqlScriptScanner();
    for await (const line of lines) {
        script.line(line);
        if (/^-- Dumped (from|by) |^CREATE EXTENSION |^GRANT | OWNER TO /.test(line))
            keep.push(line);
    }
    const [problem] = script.finish();
    if (problem)
        throw new IntegrityError(`${b.path}:${problem.line}: ${problem.what}, which pg_dump never writes: the dump was refused before anything ran (psql would have run it on this machine)`);
    return needsFromSql(keep.join('\n'));
}
function lastLine(text) {
    return text.trim().split('\n').pop() ?? '';
}
function oneLine(sql) {
    return sql.replace(/\s+/g, ' ').trim();
}


/***/ }),

/***/ 26640:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ LocalRunner)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75260);

/** Runs commands on this machine (the runner or a laptop): builds, validation, restore drills. */
class LocalRunner {
    env;
    where = 'this machine';
    constructor(env) {
        this.env = env;
    }
    async run(cmd, options) {
        const [file, ...args] = cmd.argv;
        if (!file)
            throw new Error('empty command');
        try {
            const res = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .getExecOutput */ .H)(file, args, {
                cwd: cmd.cwd,
                input: cmd.stdin === undefined ? undefined : Buffer.from(cmd.stdin),
                env: this.env || cmd.env || cmd.privateEnv ? { ...process.env, ...this.env, ...cmd.env, ...cmd.privateEnv } : undefined,
                silent: true,
                ignoreReturnCode: true,
                listeners: {
                    stdout: (b) => options?.onStdout?.(b.toString()),
                    stderr: (b) => options?.onStderr?.(b.toString()),
                },
            });
            return { code: res.exitCode, stdout: res.stdout, stderr: res.stderr };
        }
        catch (err) {
            // The program could not be started at all (not installed): report it like a shell would.
            return { code: 127, stdout: '', stderr: `${file}: ${err.message}` };
        }
    }
    async close() { }
}


/***/ })

};
