export const id = 211;
export const ids = [211];
export const modules = {

/***/ 53574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aF: () => (/* binding */ releaseTag),
/* harmony export */   hV: () => (/* binding */ releaseVariables),
/* harmony export */   sy: () => (/* binding */ deployRole)
/* harmony export */ });
/* unused harmony export DEPLOY_PATH_PLACEHOLDER */
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

/***/ 44781:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cg: () => (/* binding */ scalarString),
/* harmony export */   Nn: () => (/* binding */ mapEntries),
/* harmony export */   RC: () => (/* binding */ loadComposeFile),
/* harmony export */   Ul: () => (/* binding */ toPlain),
/* harmony export */   js: () => (/* binding */ parseComposeText),
/* harmony export */   oB: () => (/* binding */ nodeAt),
/* harmony export */   x5: () => (/* binding */ locate)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _config_read_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74610);
/* harmony import */ var _config_yaml_source_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12865);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);




/** Reads and parses one Compose file; YAML errors, duplicate keys and a non-mapping top level are InputErrors with file:line:col. */
function loadComposeFile(absPath, displayName) {
    return parseComposeText((0,_config_read_text_js__WEBPACK_IMPORTED_MODULE_1__/* .readTextFile */ .G)(absPath, displayName, 'Compose file'), displayName);
}
function parseComposeText(text, displayName) {
    let source;
    try {
        source = (0,_config_yaml_source_js__WEBPACK_IMPORTED_MODULE_2__/* .parseYamlText */ .c)(text, displayName);
    }
    catch (err) {
        throw nameDuplicateKey(err, text);
    }
    const root = source.doc.contents;
    if (root === null || ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(root) && (root.value === null || root.value === ''))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('the Compose file is empty; expected a mapping with a "services" key', { file: displayName, line: 1, column: 1 });
    }
    const tree = toLNode(root, source, source.doc, 0, { left: MAX_NODES });
    if (tree.kind !== 'map')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('the top level of a Compose file must be a mapping (services:, volumes:, ...)', tree.loc);
    return tree;
}
/** "duplicate key" alone leaves the reader hunting; name the key from its line. */
function nameDuplicateKey(err, text) {
    if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz) || !/duplicate key/.test(err.message) || !err.location?.line)
        return err;
    const key = /^\s*(?:-\s+)?["']?([^"':#]+?)["']?\s*:/.exec(text.split('\n')[err.location.line - 1] ?? '')?.[1];
    return key ? new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`invalid YAML: duplicate key "${key}" (each key may appear once per mapping)`, err.location) : err;
}
/**
 * Aliases are expanded into copies, so a few lines of nested aliases ("billion laughs") would expand into
 * billions of nodes: a file a pull request wrote must not hang validate. Real Compose files have thousands.
 */
const MAX_NODES = 200_000;
/** Converts the YAML AST, resolving aliases and `<<` merge keys as Compose's YAML readers do. */
function toLNode(node, src, doc, depth, budget) {
    if (depth > 100)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('YAML nesting too deep (alias cycle?)', src.locate(node));
    if (--budget.left < 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`YAML expands to more than ${MAX_NODES} nodes (nested aliases?)`, src.locate(node));
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
        return toLNode(node.resolve(doc), src, doc, depth + 1, budget);
    const loc = src.locate(node);
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
        const entries = new Map();
        const own = [];
        for (const pair of node.items) {
            const keyNode = pair.key;
            const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(keyNode) ? keyNode.value : undefined;
            if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('keys must be plain strings', src.locate(keyNode));
            }
            if (key === '<<') {
                // Merge keys: the referenced maps come first, the map's own keys win.
                const merged = toLNode(pair.value, src, doc, depth + 1, budget);
                const sources = merged.kind === 'seq' ? merged.items : [merged];
                for (const s of sources)
                    if (s.kind === 'map')
                        for (const [k, e] of s.entries)
                            if (!entries.has(k))
                                entries.set(k, e);
                continue;
            }
            own.push([String(key), { keyLoc: src.locate(keyNode), value: toLNode(pair.value, src, doc, depth + 1, budget) }]);
        }
        for (const [k, e] of own)
            entries.set(k, e);
        return { kind: 'map', loc, entries, tag: node.tag };
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node))
        return { kind: 'seq', loc, items: node.items.map((i) => toLNode(i, src, doc, depth + 1, budget)), tag: node.tag };
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node))
        return { kind: 'scalar', loc, value: node.value, tag: node.tag };
    return { kind: 'scalar', loc, value: null };
}
/** Plain JavaScript value of a tree (what Compose itself would see before interpolation). */
function toPlain(node) {
    if (!node)
        return undefined;
    if (node.kind === 'scalar')
        return node.value;
    if (node.kind === 'seq')
        return node.items.map(toPlain);
    return Object.fromEntries([...node.entries].map(([k, e]) => [k, toPlain(e.value)]));
}
/** The node at a path, or undefined. */
function nodeAt(root, path) {
    let cur = root;
    for (const seg of path) {
        if (!cur)
            return undefined;
        if (cur.kind === 'map')
            cur = cur.entries.get(String(seg))?.value;
        else if (cur.kind === 'seq' && typeof seg === 'number')
            cur = cur.items[seg];
        else
            return undefined;
    }
    return cur;
}
/**
 * Where a path was set: the key's location for a mapping entry, the item's for a list item.
 * Falls back to the deepest ancestor that exists, so a path into a missing key still points somewhere useful.
 */
function locate(root, path) {
    let cur = root;
    let where = root.loc;
    for (const seg of path) {
        if (cur.kind === 'map') {
            const e = cur.entries.get(String(seg));
            if (!e)
                return where;
            where = e.keyLoc;
            cur = e.value;
        }
        else if (cur.kind === 'seq' && typeof seg === 'number' && cur.items[seg]) {
            cur = cur.items[seg];
            where = cur.loc;
        }
        else
            return where;
    }
    return where;
}
/** A string scalar's value, or undefined for anything else (numbers count: `image: 5` is odd but readable). */
function scalarString(node) {
    if (!node || node.kind !== 'scalar' || node.value === null || node.value === undefined)
        return undefined;
    return typeof node.value === 'object' ? undefined : String(node.value);
}
function mapEntries(node) {
    return node?.kind === 'map' ? [...node.entries] : [];
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

/***/ 32395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mf: () => (/* binding */ relativeTo),
/* harmony export */   Ri: () => (/* binding */ describeSet),
/* harmony export */   SK: () => (/* binding */ prodSet),
/* harmony export */   Y3: () => (/* binding */ devSet),
/* harmony export */   iV: () => (/* binding */ resolveSets),
/* harmony export */   uG: () => (/* binding */ setsReason)
/* harmony export */ });
/* unused harmony exports BASE_FILES, DEV_OVERRIDE_FILES, PROD_FILES, configuredSets, discoverSets, BASE_ALONE_NOTE */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_config_paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54431);
/* harmony import */ var _config_yaml_source_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12865);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);





const BASE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const DEV_OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];
const PROD_FILES = ['compose.prod.yaml', 'compose.prod.yml', 'docker-compose.prod.yml', 'docker-compose.prod.yaml'];
/** Example env files used to render a discovered set (sample values, not what prod runs with). */
const DEV_ENV = ['.env.example'];
const PROD_ENV = ['.env.prod.example', '.env.production.example', '.env.example'];
/** The sets the config file names (compose.dev, compose.prod), each able to locate its keys. */
function configuredSets(config, configPath, cwd) {
    const located = configLocator(configPath, cwd);
    const out = {};
    for (const name of ['dev', 'prod']) {
        const c = config?.[name];
        if (c)
            out[name] = { name, files: c.files, envFile: c.envFile, discovered: false, configLoc: (key, i) => located(['compose', name, key, ...(i === undefined ? [] : [i])]) };
    }
    return out;
}
/**
 * The conventional layouts in a folder of the repository (the config file's; '' for the root): dev = base
 * (+ override), prod = base + prod file, or the prod file alone when there is no base. The first existing
 * name of each kind wins. Paths come back relative to the repository.
 */
function discoverSets(cwd, folder = '') {
    const first = (names) => names.map((n) => (0,_config_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .fromConfigFolder */ .J)(folder, n)).find((n) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, n)));
    const base = first(BASE_FILES);
    const override = first(DEV_OVERRIDE_FILES);
    const prod = first(PROD_FILES);
    const out = {};
    if (base)
        out.dev = discovered('dev', override ? [base, override] : [base], first(DEV_ENV));
    if (prod)
        out.prod = discovered('prod', base ? [base, prod] : [prod], first(PROD_ENV));
    return out;
}
function discovered(name, files, envFile, note) {
    return { name, files, envFile, discovered: true, ...(note ? { note } : {}), configLoc: () => undefined };
}
const BASE_ALONE_NOTE = 'no prod file: the base file alone is the prod set';
/**
 * The prod set validate checks, build builds and deploy ships: compose.prod in the config file; else the
 * conventional prod set (base + prod file, or the prod file alone); else the base file alone.
 */
function prodSet(settings) {
    const configured = configuredSets(settings.config.compose, settings.configPath, settings.cwd).prod;
    if (configured)
        return configured;
    const folder = (0,_config_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .configFolder */ .v)(settings.cwd, settings.configPath);
    const found = discoverSets(settings.cwd, folder);
    if (found.prod)
        return found.prod;
    if (found.dev) {
        const envFile = PROD_ENV.map((n) => (0,_config_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .fromConfigFolder */ .J)(folder, n)).find((n) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(settings.cwd, n)));
        return discovered('prod', found.dev.files.slice(0, 1), envFile, BASE_ALONE_NOTE);
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz('no prod Compose files: set compose.prod.files in compose-deploy.yml, or add compose.yaml + compose.prod.yaml (or docker-compose.yml + docker-compose.prod.yml)');
}
/**
 * The dev set: compose.dev in the config file. A config file that names a set (compose.prod alone, say)
 * names all the sets there are: a dev set found by file name would be rendered without the env file the
 * team configured and report variables it never meant to set. Only without any named set is the
 * conventional one (base + override) taken; none without a base file.
 */
function devSet(settings) {
    const configured = configuredSets(settings.config.compose, settings.configPath, settings.cwd);
    if (configured.dev || configured.prod)
        return configured.dev;
    return discoverSets(settings.cwd, (0,_config_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .configFolder */ .v)(settings.cwd, settings.configPath)).dev;
}
/** Why the sets are the ones they are, in a sentence for validate's log. */
function setsReason(settings) {
    const configured = configuredSets(settings.config.compose, settings.configPath, settings.cwd);
    const config = settings.configPath ? relativeTo(settings.cwd, settings.configPath) : 'the config file';
    if (configured.dev && configured.prod)
        return `compose.dev and compose.prod as named in ${config}`;
    if (configured.prod)
        return `compose.prod as named in ${config}, and no dev set: a config file that names a set names them all, so none is looked for by file name`;
    if (configured.dev)
        return `compose.dev as named in ${config}; compose.prod is not named there, so the prod set is the conventional one (build and deploy ship it)`;
    return `${settings.configPath ? `${config} names no compose set` : 'no config file'}: the sets are found by their conventional file names`;
}
/** The sets validate checks: the dev set when there is one, and the prod set build and deploy use. */
function resolveSets(settings) {
    const prod = prodSet(settings);
    const dev = devSet(settings);
    return dev ? [dev, prod] : [prod];
}
/** Finds a key's line in the config file lazily: only a missing file needs it. */
function configLocator(configPath, cwd) {
    return (path) => {
        if (!configPath)
            return undefined;
        try {
            const src = (0,_config_yaml_source_js__WEBPACK_IMPORTED_MODULE_3__/* .readYamlFile */ .k)(configPath, relativeTo(cwd, configPath));
            return src.locate(src.doc.getIn(path, true));
        }
        catch {
            return undefined;
        }
    };
}
function relativeTo(cwd, abs) {
    const base = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd) + '/';
    return abs.startsWith(base) ? abs.slice(base.length) : abs;
}
function describeSet(set) {
    return `${set.files.join(' + ')}${set.envFile ? ` with ${set.envFile}` : ''}${set.note ? ` (${set.note})` : ''}`;
}


/***/ }),

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

/***/ 88229:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $Y: () => (/* binding */ deploySettings),
  j8: () => (/* binding */ registryLogin),
  OC: () => (/* binding */ rollbackSettings)
});

// UNUSED EXPORTS: prodComposeFiles

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/config/settings.ts + 9 modules
var config_settings = __webpack_require__(49235);
// EXTERNAL MODULE: ./src/config/names.ts
var names = __webpack_require__(86234);
// EXTERNAL MODULE: ./src/compose/model.ts
var model = __webpack_require__(44781);
// EXTERNAL MODULE: ./src/compose/service-name.ts
var service_name = __webpack_require__(82311);
// EXTERNAL MODULE: ./src/deploy/env-file-input.ts
var env_file_input = __webpack_require__(24958);
// EXTERNAL MODULE: ./src/compose/sets.ts
var sets = __webpack_require__(32395);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/ssh/target.ts
var target = __webpack_require__(64889);
// EXTERNAL MODULE: ./src/rollback/target.ts
var rollback_target = __webpack_require__(99899);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(97840);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/config/contained-file.ts
var contained_file = __webpack_require__(59422);
;// CONCATENATED MODULE: ./src/deploy/release-files.ts





/**
 * Reads one file to ship. It must be a regular file inside the repository once symlinks are
 * resolved: a link to /proc/self/environ (or an absolute path) would otherwise ship the deploy
 * step's own environment (the SSH key, the env file) to the host as a world-readable release file.
 * `listedIn` names the key that listed it, for the message. `path` is relative to the repository; in the
 * release it keeps its place relative to `folder`, the config file's folder, as the host's Compose project.
 */
function readReleaseFile(repository, path, listedIn, folder = '') {
    const refuse = (why) => {
        throw new errors/* InputError */.dz(`${listedIn}: release file ${JSON.stringify(path)} ${why}; nothing was uploaded`);
    };
    if ((0,external_node_path_.isAbsolute)(path) || !names/* RELATIVE_FILE */.u6.test(path) || path.split('/').includes('..'))
        refuse('must be a relative path inside the repository');
    if (Buffer.byteLength(path) > 100)
        refuse('is longer than 100 bytes; move it closer to the repository root');
    const where = (0,contained_file/* containPath */.oj)(repository, repository, path);
    if (!where.inside)
        return refuse('resolves, through a symbolic link, to a file outside the repository');
    if (!where.exists)
        return refuse('was not found');
    const real = where.real;
    const st = (0,external_node_fs_.statSync)(real);
    if (!st.isFile())
        refuse('is not a regular file');
    // Bytes, not text: certificates and images travel unchanged; scripts keep their executable bit.
    return { path: releasePath(folder, path, listedIn), content: (0,external_node_fs_.readFileSync)(real), mode: st.mode & 0o111 ? 0o755 : 0o644 };
}
/**
 * Where a repository path stands in a release: relative to the config file's folder, which the release
 * directory stands for on the host (so `./Caddyfile` in a Compose file there still names it).
 */
function releasePath(folder, path, listedIn) {
    if (folder === '')
        return path;
    const rel = external_node_path_.posix.relative(folder, path);
    if (rel.startsWith('../') || rel === '..' || rel === '') {
        throw new errors/* InputError */.dz(`${listedIn}: ${JSON.stringify(path)} is outside ${folder}/, the config file's folder; a release holds that folder's files only. Nothing was uploaded`);
    }
    return rel;
}

// EXTERNAL MODULE: ./src/config/config-paths.ts
var config_paths = __webpack_require__(54431);
;// CONCATENATED MODULE: ./src/deploy/deploy-settings.ts













/** The prod Compose set: the same one validate checks and build builds. */
function prodComposeFiles(settings) {
    return (0,sets/* prodSet */.SK)(settings).files;
}
/** The prod set's files as a release names them (relative to the config file's folder). */
function releaseComposeFiles(settings) {
    const folder = (0,config_paths/* configFolder */.v)(settings.cwd, settings.configPath);
    return prodComposeFiles(settings).map((p) => releasePath(folder, p, 'the prod Compose set'));
}
function deploySettings(settings) {
    if (!settings.sha)
        throw new errors/* InputError */.dz('input "sha" is required for deploy (it defaults to GITHUB_SHA on a runner)');
    const composeFiles = prodComposeFiles(settings);
    const d = settings.config.deploy ?? {};
    const folder = (0,config_paths/* configFolder */.v)(settings.cwd, settings.configPath);
    const files = [
        ...composeFiles.map((path) => readReleaseFile(settings.cwd, path, 'the prod Compose set', folder)),
        ...(d.files ?? []).map((path, i) => readReleaseFile(settings.cwd, path, `deploy.files[${i}]`, folder)),
    ];
    // Service names reach Compose command lines on the host: checked here, before anything runs.
    (0,service_name/* checkComposeServiceNames */.gJ)(files.slice(0, composeFiles.length).map((f) => (0,model/* parseComposeText */.js)(f.content.toString('utf8'), f.path)));
    const envFileContent = settings.option('env-file');
    if (envFileContent !== undefined)
        (0,env_file_input/* checkEnvFileShape */.b)(envFileContent, 'input env-file');
    return { ...hostSideSettings(settings, settings.sha, files.slice(0, composeFiles.length).map((f) => f.path)), files, envFileContent };
}
/**
 * rollback: the deploy's settings without what only a new release has (its files, its .env, its
 * sha: the target is resolved on the host). The repository's prod set names the Compose files of
 * releases made before each release recorded its own.
 */
function rollbackSettings(settings) {
    const reason = settings.option('reason')?.trim();
    if (reason !== undefined && reason.length > 500)
        throw new errors/* InputError */.dz('input "reason" is longer than 500 characters; say it in a sentence');
    return {
        ...hostSideSettings(settings, '', releaseComposeFiles(settings)),
        files: [],
        request: { to: (0,rollback_target/* parseRollbackTo */.xI)(settings.option('to')), reason: reason || undefined },
    };
}
function hostSideSettings(settings, sha, composeFiles) {
    const remote = (0,target/* remoteSettings */.k)(settings);
    const d = settings.config.deploy ?? {};
    const project = settings.option('project', settings.config.project) ?? (0,external_node_path_.basename)(remote.deployPath).toLowerCase().replace(/[^a-z0-9_-]/g, '-');
    if (!names/* PROJECT_NAME */.cb.test(project) || project.length > 255)
        throw new errors/* InputError */.dz(`project name ${(0,errors/* shownValue */.JJ)(project)} is not valid for Compose: set "project" in compose-deploy.yml (lower-case letters, digits, "_" and "-")`);
    const int = (name, fromConfig, min, max) => (0,config_settings/* toInt */.RI)(name, settings.option(name, fromConfig), min, max);
    const smokeUrl = httpUrl(settings, 'smoke-url');
    const environmentUrl = httpUrl(settings, 'environment-url');
    if (settings.registryPassword && !settings.registryUsername) {
        throw new errors/* InputError */.dz('input "registry-password" is set but "registry-username" is not (it defaults to GITHUB_ACTOR on a runner): set registry-username');
    }
    const token = settings.option('github-token');
    if (token && !settings.run.repository)
        throw new errors/* InputError */.dz(`input "github-token" needs the repository (GITHUB_REPOSITORY, set on every runner) to create a GitHub Deployment`);
    return {
        ...remote,
        sha,
        project,
        composeFiles,
        registry: settings.registry,
        registryUsername: settings.registryUsername,
        registryPassword: settings.registryPassword,
        order: d.order ?? [],
        migrate: d.migrate,
        healthTimeout: int('health-timeout', d.healthTimeout, 1, 3600),
        minReadySeconds: d.minReadySeconds ?? 5,
        keepReleases: int('keep-releases', d.keepReleases, 1, 100),
        lockTimeout: int('lock-timeout', d.lockTimeout, 0, 86400),
        staleLockAfter: d.staleLockAfter ?? 3600,
        lockLease: int('lock-lease', d.lockLease, 10, 86400),
        forceUnlock: (0,config_settings/* toBool */.AF)('force-unlock', settings.option('force-unlock')),
        drainSeconds: d.drainSeconds ?? 2,
        minFreeDiskMb: d.minFreeDiskMb ?? 500,
        services: d.services ?? {},
        smokeUrl,
        actor: settings.run.actor,
        runUrl: settings.run.runUrl,
        dryRun: settings.dryRun,
        github: token
            ? { token, apiUrl: settings.run.apiUrl, repository: settings.run.repository, sha, environment: settings.environment, environmentUrl, logUrl: settings.run.runUrl }
            : undefined,
        drillCheck: token && settings.config.restoreTest
            ? { workflow: settings.config.restoreTest.workflow ?? 'restore-test.yml', warnAfterSeconds: (0,duration/* parseDuration */.E)('restore-test.warn-after', settings.config.restoreTest.warnAfter ?? '100d') }
            : undefined,
    };
}
/** The registry login the host needs, when credentials were given. */
function registryLogin(ds) {
    return ds.registryPassword && ds.registryUsername ? { registry: ds.registry, user: ds.registryUsername, password: ds.registryPassword } : undefined;
}
function httpUrl(settings, name) {
    const v = settings.option(name);
    if (v !== undefined && !/^https?:\/\/\S+$/.test(v))
        throw new errors/* InputError */.dz(`input "${name}" must be an http(s) URL, got ${(0,errors/* shownValue */.JJ)(v)}`);
    return v;
}


/***/ }),

/***/ 24958:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ checkEnvFileInput),
/* harmony export */   b: () => (/* binding */ checkEnvFileShape)
/* harmony export */ });
/* harmony import */ var _compose_model_env_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(89445);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);


/**
 * The env-file input becomes the release's .env, which the host's Compose reads with --env-file. A line
 * it would refuse (v2) or silently skip (v1) is bad input, found before anything is uploaded, and named
 * by its line alone: Compose's own error would quote the value, and the value is a secret.
 */
function checkEnvFileInput(content, compose, where) {
    try {
        (0,_compose_model_env_js__WEBPACK_IMPORTED_MODULE_0__/* .parseEnvText */ .iQ)(content, 'env-file', { flavor: (0,_compose_model_env_js__WEBPACK_IMPORTED_MODULE_0__/* .envFlavorOf */ .bx)(compose) });
    }
    catch (err) {
        if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz))
            throw err;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`input "env-file", line ${err.location?.line}: ${err.detail}, as ${compose} on ${where} reads it. Nothing was changed.`);
    }
}
/**
 * The prod env file a deploy writes into the release, checked for its shape before anything connects
 * (its grammar is checked at preflight, with the host's Compose, by checkEnvFileInput): a line that
 * is not `KEY=value` (a key with ";", a stray command on a line of its own, a leading "-") or a NUL
 * byte is bad input, said by line number only, since the line may hold a secret. A double- or
 * single-quoted value may run over several lines, as Compose v2 reads it.
 */
function checkEnvFileShape(text, name) {
    let open;
    text.split(/\r?\n/).forEach((raw, i) => {
        const at = { file: name, line: i + 1, column: 1 };
        if (raw.includes('\0'))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('a NUL byte in the env file', at);
        if (open) {
            if (closes(raw, open))
                open = undefined;
            return;
        }
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const m = /^(?:export\s+)?([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*(?:=\s*(.*))?$/.exec(line);
        if (m && m[1].length > 255)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`a variable name of ${m[1].length} characters; at most 255 are accepted`, at);
        if (!m)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('invalid env file line: expected KEY=value (the line is not shown: it may hold a secret)', at);
        const value = m[2] ?? '';
        const quote = value[0];
        if ((quote === '"' || quote === "'") && !closes(value.slice(1), quote))
            open = quote;
    });
    if (open)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`a quoted value (${open}) is never closed`, { file: name });
}
/** Whether a quote `q` closes in this text (a backslash escapes a double quote). */
function closes(text, q) {
    for (let i = 0; i < text.length; i++) {
        if (q === '"' && text[i] === '\\')
            i++;
        else if (text[i] === q)
            return true;
    }
    return false;
}


/***/ }),

/***/ 66063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CY: () => (/* binding */ planUpdates),
/* harmony export */   hk: () => (/* binding */ dependenciesOf),
/* harmony export */   xx: () => (/* binding */ parseRenderedCompose)
/* harmony export */ });
/* unused harmony exports healthProbe, durationSeconds */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _compose_deploy_role_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53574);
/* harmony import */ var _compose_service_name_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(82311);
/* harmony import */ var _compose_ports_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(60808);




function parseRenderedCompose(text) {
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
    const services = doc?.services ?? {};
    return Object.entries(services).map(([name, s]) => {
        // The files were checked before upload; a service that came in another way (include:) is checked here.
        (0,_compose_service_name_js__WEBPACK_IMPORTED_MODULE_1__/* .checkServiceName */ .PV)(name, 'the rendered release');
        const hc = s['healthcheck'];
        const test = hc?.test;
        const noTest = test === undefined || (Array.isArray(test) && (test[0] === 'NONE' || test.length === 0)) || test === 'NONE';
        const deploy = s['deploy'];
        return {
            name,
            image: typeof s['image'] === 'string' ? s['image'] : undefined,
            replicas: Number(deploy?.replicas ?? s['scale'] ?? 1) || 1,
            hasHealthcheck: hc !== undefined && !hc.disable && !noTest,
            healthProbe: hc !== undefined && !hc.disable && !noTest ? healthProbe(test) : undefined,
            fixedHostPorts: fixedPorts(s['ports']),
            containerName: typeof s['container_name'] === 'string' ? s['container_name'] : undefined,
            profiles: Array.isArray(s['profiles']) ? s['profiles'] : [],
            restart: typeof s['restart'] === 'string' ? s['restart'] : undefined,
            stopGraceSeconds: durationSeconds(s['stop_grace_period']) ?? 10,
            bindSources: bindSources(s['volumes']),
            dependsOn: dependsOn(s['depends_on']),
        };
    });
}
/**
 * The healthcheck test as Docker runs it: ["CMD", argv...] as is, ["CMD-SHELL", text] and a plain
 * string through /bin/sh -c. Anything else: no probe (the wait then relies on Docker's status alone).
 */
function healthProbe(test) {
    if (typeof test === 'string')
        return test.trim() ? ['/bin/sh', '-c', test] : undefined;
    if (!Array.isArray(test) || !test.every((t) => typeof t === 'string'))
        return undefined;
    const [kind, ...rest] = test;
    if (kind === 'CMD' && rest.length > 0)
        return rest;
    if (kind === 'CMD-SHELL' && rest.length > 0)
        return ['/bin/sh', '-c', rest.join(' ')];
    return undefined;
}
/** A list (short syntax) or a map of service -> condition (what both versions' `config` render). */
function dependsOn(value) {
    if (Array.isArray(value))
        return value.filter((v) => typeof v === 'string');
    return value && typeof value === 'object' ? Object.keys(value) : [];
}
/** Everything `name` needs running, directly or through another dependency, in no particular order. */
function dependenciesOf(services, name) {
    const byName = new Map(services.map((s) => [s.name, s]));
    const seen = new Set();
    const visit = (n) => {
        for (const d of byName.get(n)?.dependsOn ?? []) {
            if (seen.has(d) || d === name)
                continue;
            seen.add(d);
            visit(d);
        }
    };
    visit(name);
    return [...seen];
}
/** v1 renders short syntax ("/abs/src:/dst:ro"), v2 long syntax ({type: bind, source}). */
function bindSources(volumes) {
    if (!Array.isArray(volumes))
        return [];
    const out = [];
    for (const v of volumes) {
        if (typeof v === 'string') {
            const source = v.split(':')[0];
            if (source.startsWith('/'))
                out.push(source);
        }
        else if (v && typeof v === 'object' && v.type === 'bind' && typeof v.source === 'string') {
            out.push(v.source);
        }
    }
    return out;
}
function fixedPorts(ports) {
    if (!Array.isArray(ports))
        return [];
    return ports.flatMap((p) => {
        const spec = (0,_compose_ports_js__WEBPACK_IMPORTED_MODULE_2__/* .portSpec */ .JG)(p);
        if (!spec || !(0,_compose_ports_js__WEBPACK_IMPORTED_MODULE_2__/* .isFixedHostPort */ .C8)(spec))
            return [];
        // One spelling whichever Compose rendered it (v1: "127.0.0.1:8080:80/tcp", v2: the long syntax).
        return [`${spec.hostIp ? `${spec.hostIp}:` : ''}${spec.hostPort}:${spec.target}`];
    });
}
/** Compose durations: "10s", "1m30s", "500ms", or a number of seconds. */
function durationSeconds(v) {
    if (typeof v === 'number')
        return Math.ceil(v);
    if (typeof v !== 'string' || !v)
        return undefined;
    let total = 0;
    const re = /(\d+(?:\.\d+)?)(ms|us|ns|h|m|s)/g;
    let m;
    let matched = '';
    while ((m = re.exec(v))) {
        matched += m[0];
        const n = Number(m[1]);
        total += m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : m[2] === 'ms' ? n / 1000 : 0;
    }
    return matched === v ? Math.ceil(total) : undefined;
}
/**
 * Which services roll and how (deployRole decides which); a service that cannot run twice
 * (fixed host port, container_name) is recreated instead, and says so.
 */
function planUpdates(services, sha, opts) {
    const oneShot = [];
    const converge = [];
    const ours = [];
    for (const s of services) {
        const role = (0,_compose_deploy_role_js__WEBPACK_IMPORTED_MODULE_3__/* .deployRole */ .sy)(s, sha, opts);
        if (role === 'one-shot')
            oneShot.push(s.name);
        else if (role === 'update')
            ours.push(s);
        else
            converge.push(s.name);
    }
    const rank = (name) => {
        const i = opts.order.indexOf(name);
        return i < 0 ? opts.order.length : i;
    };
    ours.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
    const updates = ours.map((s) => {
        const cfg = opts.perService[s.name] ?? {};
        const asked = cfg.strategy ?? 'rolling';
        const blocker = s.containerName ? `container_name "${s.containerName}"` : s.fixedHostPorts.length > 0 ? `fixed host port ${s.fixedHostPorts[0]}` : undefined;
        const strategy = asked === 'rolling' && blocker ? 'recreate' : asked;
        return {
            service: s.name,
            strategy,
            replicas: s.replicas,
            healthUrl: cfg.healthUrl,
            healthProbe: s.healthProbe,
            stopGraceSeconds: s.stopGraceSeconds,
            image: s.image,
            note: asked === 'rolling' && blocker ? `${blocker} means two copies cannot run at once: recreated (a short outage). Declare strategy: recreate to silence this` : undefined,
        };
    });
    return { updates, converge: converge.sort(), oneShot: oneShot.sort() };
}


/***/ }),

/***/ 99899:
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
