export const id = 508;
export const ids = [508];
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

/***/ 56215:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  hY: () => (/* binding */ COMPOSE_FILES_RECORD),
  Gi: () => (/* binding */ auditAndPruneCommand),
  Ht: () => (/* binding */ auditCommand),
  I8: () => (/* binding */ containersCommand),
  Td: () => (/* binding */ convergeCommand),
  wq: () => (/* binding */ downCommand),
  RX: () => (/* binding */ keptReleaseCommand),
  vu: () => (/* binding */ migrateCommand),
  pj: () => (/* binding */ migrationDependenciesCommand),
  TW: () => (/* binding */ pullCommand),
  Cf: () => (/* binding */ releaseCompose),
  ZI: () => (/* binding */ releaseDir),
  be: () => (/* binding */ removeCurrentCommand),
  uF: () => (/* binding */ removeServicesCommand),
  CB: () => (/* binding */ renderCommand),
  Lm: () => (/* binding */ rollCommand),
  J9: () => (/* binding */ settleCommand),
  zg: () => (/* binding */ switchCurrentCommand),
  YT: () => (/* binding */ unpackCommand)
});

// EXTERNAL MODULE: ./src/compose/service-name.ts
var service_name = __webpack_require__(82311);
;// CONCATENATED MODULE: ./src/compose/cli.ts

/** argv for `<compose> -p P -f A -f B [--env-file E] <args...>` */
function composeCommand(t, args, extra = {}) {
    const base = t.flavor === 'docker compose' ? ['docker', 'compose'] : ['docker-compose'];
    const argv = [
        ...base,
        ...(t.project ? ['--project-name', t.project] : []),
        ...(t.projectDirectory ? ['--project-directory', t.projectDirectory] : []),
        ...(t.allProfiles && t.flavor === 'docker compose' ? ['--profile', '*'] : []),
        ...t.files.flatMap((f) => ['--file', f]),
        ...(t.envFile ? ['--env-file', t.envFile] : []),
        ...args,
    ];
    return { argv, cwd: t.cwd, ...extra };
}
/**
 * Compose arguments that act on named services: the subcommand and its options, then `--`, then the
 * names (and, for `run`, the command after the service). Without the `--` a service named like an
 * option would be read as one, and `up` or `rm` with no name left acts on every service; v1
 * (docopt: `[--] [SERVICE...]`) and v2 (cobra) both end option parsing there.
 */
function withServices(subcommand, services, after = []) {
    // An empty list would make `up`/`rm` act on the whole project: a caller's mistake, never a request.
    if (services.length === 0)
        throw new Error(`compose ${subcommand[0]}: no service named`);
    for (const s of services)
        (0,service_name/* checkServiceName */.PV)(s, `compose ${subcommand[0]}`);
    return [...subcommand, '--', ...services, ...after];
}
/** Which Compose a machine has: v2 first (current hosts and runners), v1 where that is all there is. */
async function detectCompose(runner) {
    const v2 = await runner.run({ argv: ['docker', 'compose', 'version', '--short'] });
    if (v2.code === 0 && v2.stdout.trim())
        return { flavor: 'docker compose', version: v2.stdout.trim().replace(/^v/, '') };
    const v1 = await runner.run({ argv: ['docker-compose', 'version', '--short'] });
    if (v1.code === 0 && v1.stdout.trim())
        return { flavor: 'docker-compose', version: v1.stdout.trim().replace(/^v/, '') };
    return undefined;
}

// EXTERNAL MODULE: ./src/runner/quote.ts
var quote = __webpack_require__(97866);
// EXTERNAL MODULE: ./src/host/script.ts
var script = __webpack_require__(38959);
// EXTERNAL MODULE: ./src/deploy/shell-scripts.ts
var shell_scripts = __webpack_require__(10428);
;// CONCATENATED MODULE: ./src/deploy/commands.ts





/** Each remote step of a deploy as a Command (a host script, or Compose): pure functions, unit-tested, printed by dry-run. */
const releaseDir = (root, sha) => `${root}/releases/${sha}`;
/** Compose pointed at one release: its files and .env, with the stable project directory `current`. */
function releaseCompose(ds, flavor, sha) {
    const dir = releaseDir(ds.deployPath, sha);
    return {
        flavor,
        project: ds.project,
        files: ds.composeFiles.map((f) => `${dir}/${f}`),
        envFile: `${dir}/.env`,
        // Relative bind mounts (./Caddyfile) resolve under `current`, a path that does not change
        // between releases, so a proxy whose definition did not change is not recreated by a deploy.
        projectDirectory: `${ds.deployPath}/current`,
    };
}
const unpackCommand = (root, sha, tarBase64) => (0,script/* hostScript */.Q)('unpack', shell_scripts/* UNPACK_RELEASE_SCRIPT */.h2, [root, sha], tarBase64);
/** Each release records the Compose files it was made with, so a rollback starts it with its own. */
const COMPOSE_FILES_RECORD = '.compose-files';
/** rollback: what the kept release recorded, and which of its files differ from the live release's. */
const keptReleaseCommand = (root, sha) => (0,script/* hostScript */.Q)('kept-release', shell_scripts/* KEPT_RELEASE_SCRIPT */.hH, [root, sha]);
/** The rendered release with every service, profile-gated ones included, under v1 and v2 alike. */
const renderCommand = (target) => composeCommand({ ...target, allProfiles: true }, ['config']);
/** Pulls what the host lacks; with credentials, logs in first (the password on stdin) into a throwaway DOCKER_CONFIG. */
function pullCommand(images, login) {
    return (0,script/* hostScript */.Q)('pull', shell_scripts/* PULL_SCRIPT */.aI, [login?.registry ?? '', login?.user ?? '', ...images], login?.password);
}
/**
 * Starts what the migration needs without touching what already runs. `compose run` would start the
 * dependencies itself, but v2 recreates a running dependency whose definition changed (v1 does not):
 * the database restarting under the live release before the rolling update even began. `up
 * --no-recreate` starts missing ones and leaves running ones alone on both; the rolling update
 * updates them later, each by its own strategy.
 */
const migrationDependenciesCommand = (target, dependencies) => composeCommand(target, withServices(['up', '-d', '--no-recreate'], dependencies));
/** The migration itself, its dependencies already up (migrationDependenciesCommand). */
function migrateCommand(target, migrate) {
    return composeCommand(target, withServices(['run', '--rm', '-T', '--no-deps'], [migrate.service], migrate.command ?? []));
}
const switchCurrentCommand = (root, sha) => (0,script/* hostScript */.Q)('switch', shell_scripts/* SWITCH_CURRENT_SCRIPT */.lp, [root, sha]);
/** Third-party services to their declared state; `recreate`: they mount a release file that changed. */
const convergeCommand = (target, services, recreate = false) => composeCommand(target, withServices(['up', '-d', '--no-deps', ...(recreate ? ['--force-recreate'] : [])], services));
/** Stops and removes services (those a failed release added), with the files that define them. */
const removeServicesCommand = (target, services) => composeCommand(target, withServices(['rm', '--stop', '--force'], services));
/** `cancelMarker`: the file whose appearance ends the health wait early (none for a rollback, which must finish). */
function rollCommand(target, u, ds, cancelMarkerPath = '') {
    const compose = composeCommand(target, []).argv;
    return (0,script/* hostScript */.Q)('roll', shell_scripts/* ROLL_SCRIPT */.K8, [
        (0,service_name/* checkServiceName */.PV)(u.service, 'roll'),
        String(u.replicas),
        String(ds.healthTimeout),
        String(ds.minReadySeconds),
        String(ds.drainSeconds),
        u.healthUrl ?? '',
        u.strategy,
        ds.project,
        String(u.stopGraceSeconds),
        cancelMarkerPath,
        // Run on the host through eval: words quoted by the one quoting function.
        u.healthProbe ? (0,quote/* quoteArgv */.r)(u.healthProbe) : '',
        ...compose,
    ]);
}
/** Waits up to `seconds` for the Docker daemon, then removes the named containers (ids only: checked here). */
function settleCommand(seconds, ids = []) {
    for (const id of ids)
        if (!/^[0-9a-f]{12,64}$/.test(id))
            throw new Error(`not a container id: ${JSON.stringify(id)}`);
    return (0,script/* hostScript */.Q)('settle', shell_scripts/* SETTLE_SCRIPT */.Ep, [String(seconds), ...ids]);
}
const containersCommand = (project) => (0,script/* hostScript */.Q)('containers', shell_scripts/* CONTAINERS_SCRIPT */.B8, [project]);
/** Removes what a failed first deploy started (volumes stay: they may hold data already). */
const downCommand = (target) => composeCommand(target, ['down', '--remove-orphans']);
const removeCurrentCommand = (root) => ({ argv: ['rm', '-f', `${root}/current`] });
const auditCommand = (root, record) => (0,script/* hostScript */.Q)('audit', shell_scripts/* AUDIT_SCRIPT */.Kh, [root], `${JSON.stringify(record)}\n`);
/** A deploy's last two steps in one round trip: the record is written first, then old releases go. */
const auditAndPruneCommand = (root, record, keep) => (0,script/* hostScript */.Q)('audit-prune', `${shell_scripts/* AUDIT_SCRIPT */.Kh}[ $? = 0 ] || exit 1\n${shell_scripts/* PRUNE_SCRIPT */.Bj}`, [root, ...keep], `${JSON.stringify(record)}\n`);


/***/ }),

/***/ 13124:
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

/***/ 88229:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $Y: () => (/* binding */ deploySettings),
  j8: () => (/* binding */ registryLogin),
  Z: () => (/* binding */ releaseComposeFiles),
  jI: () => (/* binding */ rolloutSettings)
});

// UNUSED EXPORTS: prodComposeFiles

// EXTERNAL MODULE: ./src/config/settings.ts + 9 modules
var config_settings = __webpack_require__(49235);
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
// EXTERNAL MODULE: ./src/host/host-settings.ts
var host_settings = __webpack_require__(91302);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(97840);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/config/contained-file.ts
var contained_file = __webpack_require__(59422);
// EXTERNAL MODULE: ./src/config/names.ts
var names = __webpack_require__(86234);
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
// EXTERNAL MODULE: ./src/config/deploy-target.ts
var deploy_target = __webpack_require__(9425);
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
    return { ...rolloutSettings(settings, files.slice(0, composeFiles.length).map((f) => f.path)), sha: settings.sha, files, envFileContent };
}
/** The rolling procedure's settings; `composeFiles`: the prod set as the release names its files. */
function rolloutSettings(settings, composeFiles) {
    const host = (0,host_settings/* projectHostSettings */.dk)(settings);
    const d = settings.config.deploy ?? {};
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
        ...host,
        deployTarget: (0,deploy_target/* deployTarget */.rQ)(settings.config),
        composeFiles,
        registry: settings.registry,
        registryUsername: settings.registryUsername,
        registryPassword: settings.registryPassword,
        order: d.order ?? [],
        migrate: d.migrate,
        healthTimeout: int('health-timeout', d.healthTimeout, 1, 3600),
        minReadySeconds: d.minReadySeconds ?? 5,
        keepReleases: int('keep-releases', d.keepReleases, 1, 100),
        drainSeconds: d.drainSeconds ?? 2,
        minFreeDiskMb: d.minFreeDiskMb ?? 500,
        services: d.services ?? {},
        smokeUrl,
        actor: settings.run.actor,
        runUrl: settings.run.runUrl,
        dryRun: settings.dryRun,
        github: token
            ? { token, apiUrl: settings.run.apiUrl, repository: settings.run.repository, environment: settings.environment, environmentUrl, logUrl: settings.run.runUrl }
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

/***/ 84535:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lh: () => (/* binding */ outcomeTable),
/* harmony export */   Uq: () => (/* binding */ shortImage),
/* harmony export */   yT: () => (/* binding */ parseRollOutput)
/* harmony export */ });
/* harmony import */ var _host_key_values_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19364);

function parseRollOutput(stdout, ok) {
    const kv = (0,_host_key_values_js__WEBPACK_IMPORTED_MODULE_0__/* .parseKeyValues */ .H)(stdout);
    // Time to healthy is the slowest new container's; the total also holds the drain and the old ones' stop.
    const readyAfter = (kv.get('ready') ?? []).map((r) => Number(/after=(\d+)/.exec(r)?.[1] ?? NaN)).filter((n) => !Number.isNaN(n));
    const diagnostics = stdout
        .split('\n')
        .filter((l) => l.startsWith('health| ') || l.startsWith('log| '))
        .join('\n');
    return { ok, secondsToHealthy: readyAfter.length > 0 ? Math.max(...readyAfter) : undefined, reason: kv.get('reason')?.[0], diagnostics, phases: rollPhases(kv) };
}
/** Consecutive at-*= marks as named durations; marks missing (a first start, recreate) are skipped. */
function rollPhases(kv) {
    const names = [['up', 'compose up'], ['ready', 'ready'], ['drained', 'drain'], ['end', 'old stopped']];
    const at = (k) => Number(kv.get(`at-${k}`)?.[0] ?? NaN);
    let last = at('start');
    if (Number.isNaN(last))
        return undefined;
    const parts = [];
    for (const [key, label] of names) {
        const t = at(key);
        // Without a drain nothing old was stopped at the end (a first start, recreate).
        if (Number.isNaN(t) || (key === 'end' && Number.isNaN(at('drained'))))
            continue;
        parts.push(`${label} ${((t - last) / 1000).toFixed(1)}s`);
        last = t;
    }
    return parts.length > 0 ? parts.join(', ') : undefined;
}
/** An image reference with its full-sha tag cut to 12 hex digits, for tables and messages. */
function shortImage(image) {
    return image.replace(/:sha-([0-9a-f]{12})[0-9a-f]{28}$/, ':sha-$1…');
}
function outcomeTable(rows) {
    const short = (img) => (img ? `\`${shortImage(img)}\`` : '');
    // Recreate stops the old container before the new one is ready: the reader should see the outage.
    const strategy = (r) => `${r.strategy === 'recreate' ? 'recreate (stop first: short outage)' : r.strategy}${r.note ? ' ⚠️' : ''}`;
    const notes = rows.filter((r) => r.note).map((r) => `- ⚠️ ${r.service}: ${r.note}`);
    return [
        '| service | old image | new image | strategy | time to healthy | result |',
        '|---|---|---|---|---|---|',
        ...rows.map((r) => `| ${r.service} | ${short(r.oldImage)} | ${short(r.newImage)} | ${strategy(r)} | ${r.secondsToHealthy !== undefined ? `${r.secondsToHealthy}s` : ''} | ${r.result} |`),
        ...(notes.length > 0 ? ['', ...notes] : []),
    ].join('\n');
}


/***/ }),

/***/ 10428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B8: () => (/* binding */ CONTAINERS_SCRIPT),
/* harmony export */   Bj: () => (/* binding */ PRUNE_SCRIPT),
/* harmony export */   Bl: () => (/* binding */ STACK_DEPLOY_SCRIPT),
/* harmony export */   Ep: () => (/* binding */ SETTLE_SCRIPT),
/* harmony export */   K8: () => (/* binding */ ROLL_SCRIPT),
/* harmony export */   Kh: () => (/* binding */ AUDIT_SCRIPT),
/* harmony export */   _f: () => (/* binding */ SERVICE_WAIT_SCRIPT),
/* harmony export */   aI: () => (/* binding */ PULL_SCRIPT),
/* harmony export */   h2: () => (/* binding */ UNPACK_RELEASE_SCRIPT),
/* harmony export */   hH: () => (/* binding */ KEPT_RELEASE_SCRIPT),
/* harmony export */   lp: () => (/* binding */ SWITCH_CURRENT_SCRIPT)
/* harmony export */ });
/* unused harmony exports ON_EXIT_FN, PRIVATE_LOGIN_FN, RELEASE_RECORDS_FN */
// Generated by `npm run generate` from src/deploy/sh/*.sh: edit those, not this file.
/**
 *  $1 root; stdin: one JSON line appended to the audit log.
 */
const AUDIT_SCRIPT = "\ncat >> \"$1/releases.jsonl\"\n";
/**
 * $1 project: every service container (one-off runs aside) as "service image id", so a deploy that
 * failed can say whether the host runs containers of two releases.
 */
const CONTAINERS_SCRIPT = "\ndocker ps -a --no-trunc --filter \"label=com.docker.compose.project=$1\" --filter \"label=com.docker.compose.oneoff=False\" \\\n  --format '{{.Label \"com.docker.compose.service\"}} {{.Image}} {{.ID}}'\n";
/**
 *  $1 root, $2 sha of a kept release (rollback): exit 4 when it is gone, else release_records of it.
 */
const KEPT_RELEASE_SCRIPT = "\nroot=$1 sha=$2\n\nrelease_records() {\n  [ -f \"$1/.compose-files\" ] && sed 's/^/compose-file=/' \"$1/.compose-files\"\n  [ -f \"$root/current/.compose-files\" ] && sed 's/^/live-compose-file=/' \"$root/current/.compose-files\"\n  [ -d \"$root/current\" ] || return 0\n  (cd \"$1\" && find . -type f ! -name .env) | while read -r f; do\n    f=${f#./}\n    if [ ! -f \"$root/current/$f\" ] || [ \"$(cksum < \"$1/$f\")\" != \"$(cksum < \"$root/current/$f\")\" ]; then echo \"changed=$f\"; fi\n  done\n}\n\ndir=\"$root/releases/$sha\"\nif [ ! -f \"$dir/.env\" ]; then echo \"missing=$dir\"; exit 4; fi\nrelease_records \"$dir\"\nexit 0\n";
/**
 * Shared by the scripts that leave something behind while they run (a login, a log, a half release):
 * on_exit CMD runs CMD when the script ends, however it ends. sh runs no EXIT trap when a signal ends
 * it (the SSH client gone, a cancelled or killed runner, a closed pipe), so each of those runs CMD too
 * and exits with 128 + the signal's number. CMD is expanded when the signal comes, not when it is set.
 */
const ON_EXIT_FN = "\n# shellcheck disable=SC2064 # $1 is the command's text, put in the trap now on purpose\non_exit() {\n  trap \"$1\" EXIT\n  trap \"$1; trap - EXIT; exit 129\" HUP\n  trap \"$1; trap - EXIT; exit 130\" INT\n  trap \"$1; trap - EXIT; exit 141\" PIPE\n  trap \"$1; trap - EXIT; exit 143\" TERM\n}\n";
/**
 * Shared by the scripts that log in to the registry: private_login DIR REGISTRY USER ERRFILE logs in
 * with the password on stdin into DIR, a DOCKER_CONFIG of the script's own (exported for the rest of
 * it, removed by the caller's traps); a refusal prints login=refused and ends the script with exit 3.
 */
const PRIVATE_LOGIN_FN = "\nprivate_login() {\n  export DOCKER_CONFIG=\"$1\"\n  if ! docker login \"$2\" --username \"$3\" --password-stdin >/dev/null 2>\"$4\"; then\n    echo \"login=refused\"\n    cat \"$4\" >&2\n    exit 3\n  fi\n}";
/**
 *  $1 root, then the release shas to keep: removes other releases and the images only they used.
 */
const PRUNE_SCRIPT = "\nroot=$1; shift\nkeep=\" $* \"\nfor d in \"$root\"/releases/*; do\n  [ -d \"$d\" ] || continue\n  sha=$(basename \"$d\")\n  case \"$keep\" in *\" $sha \"*) continue ;; esac\n  rm -rf \"$d\"\n  echo \"pruned=$sha\"\n  docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -F \":sha-$sha\" | while read -r img; do\n    docker image rm \"$img\" >/dev/null 2>&1 && echo \"pruned-image=$img\"\n  done\ndone\nexit 0\n";
/**
 * $1 registry, $2 user ("" for no login), then images; stdin: the registry password. Logs in into a
 * private DOCKER_CONFIG that exists only while this script runs, then pulls the images not on the
 * host yet, retrying transient failures (not a missing image or a refusal). Exit 3: the registry refused the login.
 */
const PULL_SCRIPT = "\n\nprivate_login() {\n  export DOCKER_CONFIG=\"$1\"\n  if ! docker login \"$2\" --username \"$3\" --password-stdin >/dev/null 2>\"$4\"; then\n    echo \"login=refused\"\n    cat \"$4\" >&2\n    exit 3\n  fi\n}\n\n# shellcheck disable=SC2064 # $1 is the command's text, put in the trap now on purpose\non_exit() {\n  trap \"$1\" EXIT\n  trap \"$1; trap - EXIT; exit 129\" HUP\n  trap \"$1; trap - EXIT; exit 130\" INT\n  trap \"$1; trap - EXIT; exit 141\" PIPE\n  trap \"$1; trap - EXIT; exit 143\" TERM\n}\n\nregistry=$1 user=$2\nshift 2\nerr=\nauth=\ncleanup() { [ -z \"$err\" ] || rm -f \"$err\"; [ -z \"$auth\" ] || rm -rf \"$auth\"; }\n# A signal (the SSH client gone, a cancelled run) must not leave the login in /tmp either; the traps\n# come before the first temporary file, so none is made that a signal could leave behind.\non_exit cleanup\nerr=$(mktemp)\nif [ -n \"$user\" ]; then\n  auth=$(mktemp -d) || exit 1\n  private_login \"$auth\" \"$registry\" \"$user\" \"$err\"\nfi\n# \"--\": an image reference comes from the rendered Compose file and must never act as an option.\nfor img in \"$@\"; do\n  if docker image inspect -- \"$img\" >/dev/null 2>&1; then echo \"present=$img\"; continue; fi\n  n=0\n  until docker pull -q -- \"$img\" >/dev/null 2>\"$err\"; do\n    n=$((n + 1))\n    # An image that is not there, or a refusal, will not change on a retry.\n    if [ $n -ge 3 ] || grep -qiE 'manifest unknown|not found|unauthorized|denied|invalid reference' \"$err\"; then\n      echo \"failed=$img\"; cat \"$err\" >&2; exit 1\n    fi\n    sleep $((n * 2))\n  done\n  echo \"pulled=$img\"\ndone\n";
/**
 * Shared by the scripts that make a release live: prints compose-file=<f> for each Compose file the
 * release $1 recorded, live-compose-file=<f> for the live release's, and changed=<f> for each of
 * $1's files that differs from the live release's. A running service that bind-mounts a changed file
 * must be recreated to see it (its Compose definition, and so Compose's own change check, is unchanged).
 */
const RELEASE_RECORDS_FN = "\nrelease_records() {\n  [ -f \"$1/.compose-files\" ] && sed 's/^/compose-file=/' \"$1/.compose-files\"\n  [ -f \"$root/current/.compose-files\" ] && sed 's/^/live-compose-file=/' \"$root/current/.compose-files\"\n  [ -d \"$root/current\" ] || return 0\n  (cd \"$1\" && find . -type f ! -name .env) | while read -r f; do\n    f=${f#./}\n    if [ ! -f \"$root/current/$f\" ] || [ \"$(cksum < \"$1/$f\")\" != \"$(cksum < \"$root/current/$f\")\" ]; then echo \"changed=$f\"; fi\n  done\n}\n";
/**
 * Rolls one service. $1 service, $2 replicas, $3 timeout, $4 min-ready seconds, $5 drain seconds,
 * $6 health URL or "", $7 strategy (rolling|recreate), $8 project, $9 stop grace seconds, $10 a
 * cancel marker path or "" (when it appears, the wait gives up at once and the old containers keep
 * serving), $11 the healthcheck's command as quoted words or "" (run by the wait itself while Docker
 * still says "starting", so readiness is seen at once rather than at Docker's next interval); then the
 * Compose command ("docker compose ..." or "docker-compose ...", files and env file included).
 *
 * rolling: start the new containers beside the old (--scale 2n --no-recreate), wait until every
 * new one is ready, let the proxy see them for the drain delay, then stop the old ones within their
 * grace period. If a new container is not ready in time, the new ones are removed and the old keep serving.
 * recreate: stop first (a short outage), then wait for the new ones.
 */
const ROLL_SCRIPT = "\n\n# shellcheck disable=SC2064 # $1 is the command's text, put in the trap now on purpose\non_exit() {\n  trap \"$1\" EXIT\n  trap \"$1; trap - EXIT; exit 129\" HUP\n  trap \"$1; trap - EXIT; exit 130\" INT\n  trap \"$1; trap - EXIT; exit 141\" PIPE\n  trap \"$1; trap - EXIT; exit 143\" TERM\n}\n\nsvc=$1 n=$2 timeout=$3 min_ready=$4 drain=$5 url=$6 strategy=$7 project=$8 grace=$9 cancel=${10} probe=${11}\nshift 11\nids() {\n  docker ps -aq --no-trunc --filter \"label=com.docker.compose.project=$project\" \\\n    --filter \"label=com.docker.compose.service=$svc\" --filter \"label=com.docker.compose.oneoff=False\" | sort\n}\nreport_failure() {\n  id=$1 why=$2\n  echo \"failed=$id\"\n  echo \"reason=$why\"\n  docker inspect -f '{{if .State.Health}}{{range .State.Health.Log}}{{printf \"%s\" .Output}}{{end}}{{end}}' \"$id\" 2>/dev/null | tail -n 20 | sed 's/^/health| /'\n  docker logs --tail 30 \"$id\" 2>&1 | sed 's/^/log| /'\n}\ncancelled() { [ -n \"$cancel\" ] && [ -e \"$cancel\" ]; }\n# A failed docker command may mean the daemon itself is away (a restart): that is said as such.\ndocker_down() { ! docker version >/dev/null 2>&1; }\n# Milliseconds on this host's clock (whole seconds where date has no %N).\nnow_ms() {\n  t=$(date +%s%N 2>/dev/null)\n  case $t in ''|*[!0-9]*) echo $(( $(date +%s) * 1000 )) ;; *) echo $((t / 1000000)) ;; esac\n}\n# The service's own healthcheck, run now: Docker runs it only every interval, and an app that is up\n# should not wait for the next one. $probe holds the command's words, quoted by compose-deploy.\nprobe_ok() {\n  [ -n \"$probe\" ] || return 1\n  probe_id=$1\n  eval \"set -- $probe\"\n  timeout 10 docker exec \"$probe_id\" \"$@\" >/dev/null 2>&1\n}\n# The new containers go when this roll fails. If Docker cannot remove them (the daemon restarting),\n# they are named: their restart policy would bring them back beside the old ones.\nremove_new() {\n  if docker rm -f $new >/dev/null 2>&1; then echo \"removed-new=$(echo $new)\"; else echo \"stranded=$(echo $new)\"; fi\n}\nwait_ready() {\n  id=$1 seen_start='' seen_at='' pause_ms=100\n  while :; do\n    st=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}} {{.State.StartedAt}}' \"$id\" 2>/dev/null) || st=\"gone none 0 -\"\n    if [ \"$st\" = \"gone none 0 -\" ] && docker_down; then report_failure \"$id\" \"the Docker daemon stopped answering\"; return 1; fi\n    set -- $st\n    now=$(date +%s)\n    if cancelled; then report_failure \"$id\" \"deploy cancelled\"; return 1; fi\n    case \"$1\" in running) ;; *) report_failure \"$id\" \"container is $1\"; return 1 ;; esac\n    if [ \"$3\" != 0 ]; then report_failure \"$id\" \"container restarted $3 times\"; return 1; fi\n    # Without a healthcheck, ready means the same start time for min_ready seconds of this host's\n    # clock: no date parsing, which busybox date cannot do for Docker's timestamps.\n    if [ \"$4\" != \"$seen_start\" ]; then seen_start=$4 seen_at=$(now_ms); fi\n    ok=\n    case \"$2\" in\n      healthy) ok=1 ;;\n      unhealthy) report_failure \"$id\" \"healthcheck reported unhealthy\"; return 1 ;;\n      starting) probe_ok \"$id\" && ok=1 ;;\n      none) [ $(($(now_ms) - seen_at)) -ge $((min_ready * 1000)) ] && ok=1 ;;\n    esac\n    if [ -n \"$ok\" ] && [ -n \"$url\" ]; then\n      timeout 10 docker exec \"$id\" wget -q -O /dev/null \"$url\" >/dev/null 2>&1 || ok=\n    fi\n    if [ -n \"$ok\" ]; then echo \"ready=$id after=$((now - t0))\"; return 0; fi\n    if [ \"$now\" -ge \"$deadline\" ]; then report_failure \"$id\" \"not ready after ${timeout}s (health: $2)\"; return 1; fi\n    # Each poll is a docker inspect and, while starting, a docker exec of the healthcheck: at a tenth\n    # of a second throughout, the roll's own polling took most of a small host's processor while the\n    # app it waited on was booting. The pause grows from 0.1 s to 0.5 s: an app ready at once is seen\n    # at once, a slow boot is seen at most half a second late.\n    sleep \"0.$(printf '%03d' \"$pause_ms\")\"\n    pause_ms=$((pause_ms * 3 / 2))\n    [ \"$pause_ms\" -le 500 ] || pause_ms=500\n  done\n}\nstill_ready() {\n  st=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}}' \"$1\" 2>/dev/null) || st=\"gone none 0\"\n  if [ \"$st\" = \"gone none 0\" ] && docker_down; then report_failure \"$1\" \"the Docker daemon stopped answering during the drain\"; return 1; fi\n  set -- \"$1\" $st\n  if [ \"$2\" != running ]; then report_failure \"$1\" \"container is $2 after the drain\"; return 1; fi\n  if [ \"$4\" != 0 ]; then report_failure \"$1\" \"container restarted during the drain\"; return 1; fi\n  case \"$3\" in healthy|none) return 0 ;; esac\n  # Ready by its own healthcheck before Docker's first run of it: still passing is still ready.\n  if [ \"$3\" = starting ] && probe_ok \"$1\"; then return 0; fi\n  report_failure \"$1\" \"healthcheck turned $3 during the drain\"\n  return 1\n}\nt0=$(date +%s)\ndeadline=$((t0 + timeout))\necho \"at-start=$(now_ms)\"\nold=$(ids)\ncount=$(printf '%s\\n' $old | grep -c . || true)\necho \"old=$(echo $old)\"\n# Without on_exit, every roll cut short (a signal) left its compose output in /tmp. Set before the\n# file exists: a signal between mktemp and the traps left it (sh runs a trap only once the assignment is done).\nuplog=\non_exit 'rm -f \"$uplog\"'\nuplog=$(mktemp)\n# \"--\": the service is a name, never an option (the name was checked too, before it got here).\nif [ -z \"$old\" ]; then\n  \"$@\" up -d --no-deps --scale \"$svc=$n\" -- \"$svc\" >\"$uplog\" 2>&1\nelif [ \"$strategy\" = recreate ]; then\n  \"$@\" up -d --no-deps --force-recreate --scale \"$svc=$n\" -- \"$svc\" >\"$uplog\" 2>&1\nelse\n  \"$@\" up -d --no-deps --no-recreate --scale \"$svc=$((count + n))\" -- \"$svc\" >\"$uplog\" 2>&1\nfi\nup_status=$?\necho \"at-up=$(now_ms)\"\nnow_ids=$(ids)\nnew=$(printf '%s\\n' $now_ids | grep -vxF \"$(printf '%s\\n' $old)\" || true)\n[ -n \"$old\" ] && [ \"$strategy\" = recreate ] && new=$now_ids\necho \"new=$(echo $new)\"\nif [ \"$up_status\" != 0 ] || [ -z \"$new\" ]; then\n  # A daemon restarting under compose up fails it, or hides what it created from the listing above.\n  if docker_down; then echo \"reason=the Docker daemon stopped answering\"\n  elif [ \"$up_status\" != 0 ]; then echo \"reason=compose up failed (exit $up_status)\"\n  else echo \"reason=compose started no new container\"; fi\n  tail -n 20 \"$uplog\" | sed 's/^/log| /'\n  if [ \"$strategy\" != recreate ] && [ -n \"$old\" ] && [ -n \"$new\" ]; then remove_new; fi\n  exit 1\nfi\nfor id in $new; do\n  if ! wait_ready \"$id\"; then\n    if [ \"$strategy\" != recreate ] && [ -n \"$old\" ]; then remove_new; fi\n    exit 1\n  fi\ndone\necho \"at-ready=$(now_ms)\"\nif [ \"$strategy\" != recreate ] && [ -n \"$old\" ]; then\n  sleep \"$drain\"\n  echo \"at-drained=$(now_ms)\"\n  if cancelled; then\n    echo \"reason=deploy cancelled\"\n    remove_new\n    exit 1\n  fi\n  # A container that turned unhealthy (or restarted) while both served must not be the one left.\n  for id in $new; do\n    if ! still_ready \"$id\"; then\n      remove_new\n      exit 1\n    fi\n  done\n  if docker stop -t \"$grace\" $old >/dev/null && docker rm $old >/dev/null; then\n    echo \"stopped-old=$(echo $old)\"\n  else\n    # The daemon went away (a restart) after the new ones were ready: the old ones must still go.\n    echo \"stranded=$(echo $old)\"\n  fi\nfi\necho \"at-end=$(now_ms)\"\necho \"done-after=$(( $(date +%s) - t0 ))\"\n";
/**
 * $1 stack, $2 cancel marker or "", $3 the manager's clock (seconds) before the stack deploy, then
 * <service>:<seconds> pairs in the order to watch them. An update status that started before $3 is an
 * earlier run's (a service this deploy did not change keeps it) and counts as none. Waits,
 * one service after another, until each has converged: no update under way (state completed, or none
 * for a new or unchanged service) and every task Swarm wants running runs the spec's image (a task of a
 * service with a healthcheck is Running only once healthy), as many as the spec asks. Swarm's own
 * rollback (failure_action), a paused update, or the seconds running out fail the service: its tasks
 * are printed (task| lines) and the script stops. One round trip however many polls.
 */
const SERVICE_WAIT_SCRIPT = "\nstack=$1 cancel=$2 since=$3 mode=$4\nshift 4\nfor pair in \"$@\"; do\n  svc=${pair%%:*} secs=${pair##*:}\n  full=\"${stack}_$svc\"\n  t0=$(date +%s)\n  deadline=$((t0 + secs))\n  while :; do\n    info=$(docker service inspect -f '{{if .UpdateStatus}}{{.UpdateStatus.State}} {{if .UpdateStatus.StartedAt}}{{.UpdateStatus.StartedAt.Unix}}{{else}}0{{end}}{{else}}none 0{{end}} {{if .Spec.Mode.Replicated}}{{.Spec.Mode.Replicated.Replicas}}{{else}}0{{end}} {{.Spec.TaskTemplate.ContainerSpec.Image}}' \"$full\" 2>/dev/null) || info=\"gone 0 0 -\"\n    set -- $info\n    state=$1 started=$2 want=$3 image=$4\n    case $started in ''|*[!0-9]*) started=0 ;; esac\n    [ \"$state\" = gone ] || [ \"$started\" -ge \"$since\" ] || state=none\n    why=\n    case $state in\n      gone) why=\"the service is not in the stack\" ;;\n      rollback_started|rollback_completed)\n        # Putting the previous release back, Swarm's own rollback (failure_action) heads where the tool\n        # is going: wait for its tasks like an update's. Deploying, it means a new task failed.\n        if [ \"$mode\" = return ]; then [ \"$state\" = rollback_completed ] || state=updating\n        else why=\"Swarm rolled the update back ($state): a new task failed\"; fi ;;\n      rollback_paused) why=\"Swarm paused its rollback: a task failed\" ;;\n      paused) why=\"Swarm paused the update: a new task failed\" ;;\n    esac\n    if [ -z \"$why\" ]; then\n      tasks=$(docker service ps --no-trunc --filter desired-state=running --format '{{.CurrentState}}|{{.Image}}' \"$full\" 2>/dev/null)\n      all=$(printf '%s\\n' \"$tasks\" | grep -c . || true)\n      ok=$(printf '%s\\n' \"$tasks\" | grep -c \"^Running .*|$image\\$\" || true)\n      if [ \"$state\" != updating ] && [ \"$ok\" = \"$all\" ] && [ \"$ok\" -ge \"$want\" ] && [ \"$ok\" -gt 0 ]; then\n        echo \"converged=$svc after=$(( $(date +%s) - t0 )) tasks=$ok image=$image\"\n        break\n      fi\n      if [ -n \"$cancel\" ] && [ -e \"$cancel\" ]; then why=\"deploy cancelled\"\n      elif [ \"$(date +%s)\" -ge \"$deadline\" ]; then why=\"not converged after ${secs}s (update $state, $ok of $want tasks running the new image)\"; fi\n    fi\n    if [ -n \"$why\" ]; then\n      echo \"failed=$svc\"\n      echo \"reason=$why\"\n      docker service ps --no-trunc --format '{{.Name}} {{.Node}} {{.DesiredState}} {{.CurrentState}} {{.Error}}' \"$full\" 2>/dev/null | head -n 12 | sed 's/^/task| /'\n      exit 1\n    fi\n    sleep 0.5\n  done\ndone\nexit 0\n";
/**
 * $1 seconds to wait for the Docker daemon to answer, then container ids to remove once it does.
 * After a daemon restart, containers with a restart policy come back: the ones a failed or finished
 * roll meant to remove must go, or the host runs two releases of a service.
 */
const SETTLE_SCRIPT = "\nwait=$1; shift\ni=0\nuntil docker version >/dev/null 2>&1; do\n  i=$((i + 1))\n  if [ $i -gt $((wait * 4)) ]; then echo \"docker=down\"; [ $# -eq 0 ] || echo \"stranded=$*\"; exit 1; fi\n  sleep 0.25\ndone\necho \"docker=up waited=$((i / 4))\"\nleft=\nfor id in \"$@\"; do\n  # A container already gone counts as removed.\n  docker rm -f -- \"$id\" >/dev/null 2>&1 || { docker inspect -- \"$id\" >/dev/null 2>&1 && left=\"$left $id\"; }\ndone\n[ $# -eq 0 ] || echo \"removed=$*\"\nif [ -n \"$left\" ]; then echo \"stranded=$(echo $left)\"; exit 1; fi\nexit 0\n";
/**
 * $1 release dir, $2 stack, $3 override (YAML: the update_config the deploy sets, and pinned images),
 * $4 registry, $5 user ("" for no login), then the Compose files; stdin: the registry password.
 *
 * `docker stack deploy` reads no .env: the release's is exported for interpolation (KEY=value lines,
 * one pair of surrounding quotes dropped). The login lives in a private DOCKER_CONFIG only while this
 * script runs; --with-registry-auth hands it to the nodes that pull. --resolve-image always makes the
 * manager pin each tag to its digest in the registry, which the service specs printed at the end
 * (image=<service> <reference>) show. --prune: the stack is the release, services it dropped go.
 * Docker 20.10's stack loader wants the same `version` in every file: the override takes the first file's.
 * A deploy refused as out of sequence is tried again (retried= lines), up to 10 times a second apart.
 * Exit 3: the registry refused the login; 4: the release is not on the manager.
 */
const STACK_DEPLOY_SCRIPT = "\n\nprivate_login() {\n  export DOCKER_CONFIG=\"$1\"\n  if ! docker login \"$2\" --username \"$3\" --password-stdin >/dev/null 2>\"$4\"; then\n    echo \"login=refused\"\n    cat \"$4\" >&2\n    exit 3\n  fi\n}\n\n# shellcheck disable=SC2064 # $1 is the command's text, put in the trap now on purpose\non_exit() {\n  trap \"$1\" EXIT\n  trap \"$1; trap - EXIT; exit 129\" HUP\n  trap \"$1; trap - EXIT; exit 130\" INT\n  trap \"$1; trap - EXIT; exit 141\" PIPE\n  trap \"$1; trap - EXIT; exit 143\" TERM\n}\n\ndir=$1 stack=$2 override=$3 registry=$4 user=$5\nshift 5\ntmp=\ncleanup() { [ -z \"$tmp\" ] || rm -rf \"$tmp\"; }\non_exit cleanup\ncd \"$dir\" 2>/dev/null || { echo \"missing=$dir\"; exit 4; }\ntmp=$(mktemp -d) || exit 1\nif [ -f .env ]; then\n  while IFS= read -r line || [ -n \"$line\" ]; do\n    case $line in ''|'#'*) continue ;; esac\n    key=${line%%=*} val=${line#*=}\n    case $key in ''|*[!A-Za-z0-9_]*) continue ;; esac\n    case $val in \\\"*\\\") val=${val#\\\"} val=${val%\\\"} ;; \\'*\\') val=${val#\\'} val=${val%\\'} ;; esac\n    export \"$key=$val\"\n  done < .env\nfi\nif [ -n \"$user\" ]; then\n  mkdir -p \"$tmp/config\"\n  private_login \"$tmp/config\" \"$registry\" \"$user\" \"$tmp/err\"\nfi\nversion=$(sed -n 's/^version:[[:space:]]*//p' \"$1\" | head -n 1 | tr -d \"\\\"'\\r \")\n{ [ -z \"$version\" ] || echo \"version: \\\"$version\\\"\"; printf '%s\\n' \"$override\"; } > \"$tmp/override.yml\"\n# Each Compose file as \"-c FILE\", kept as separate words whatever the path holds.\nn=$#\nfor f in \"$@\"; do set -- \"$@\" -c \"$f\"; done\nshift \"$n\"\n# The manager's clock before the deploy: an update status older than this is an earlier run's.\necho \"since=$(date +%s)\"\n# \"--\" is not understood by stack deploy: the stack name was checked before it got here.\n# Swarm updates a service only from the version it was read at: while Swarm itself changes the spec\n# (its own rollback, failure_action), the update is refused as out of sequence. Read again and retry.\nattempt=1\nuntil docker stack deploy --prune --with-registry-auth --resolve-image always \"$@\" -c \"$tmp/override.yml\" \"$stack\" >\"$tmp/out\" 2>&1; do\n  cat \"$tmp/out\" >&2\n  if [ \"$attempt\" -ge 10 ] || ! grep -q \"update out of sequence\" \"$tmp/out\"; then\n    echo \"deployed=no\"; exit 1\n  fi\n  echo \"retried=out-of-sequence\"\n  attempt=$((attempt + 1))\n  sleep 1\ndone\ncat \"$tmp/out\" >&2\necho \"deployed=yes\"\nids=$(docker stack services -q \"$stack\")\n[ -z \"$ids\" ] || docker service inspect -f 'image={{index .Spec.Labels \"com.docker.stack.namespace\"}} {{.Spec.Name}} {{.Spec.TaskTemplate.ContainerSpec.Image}}' $ids\nexit 0\n";
/**
 *  $1 root, $2 sha: points current at the release (atomic rename of a new symlink).
 */
const SWITCH_CURRENT_SCRIPT = "\nset -eu\nln -sfn \"releases/$2\" \"$1/.current-next\"\nmv -T \"$1/.current-next\" \"$1/current\"\necho \"current=$2\"\n";
/**
 *  $1 root, $2 sha; stdin: base64 of a tar of the release files. Replaces releases/<sha> atomically; prints release_records of it, and removed-leftover=<dir> for each interrupted upload it cleared.
 */
const UNPACK_RELEASE_SCRIPT = "\nset -eu\nroot=$1 sha=$2\n\nrelease_records() {\n  [ -f \"$1/.compose-files\" ] && sed 's/^/compose-file=/' \"$1/.compose-files\"\n  [ -f \"$root/current/.compose-files\" ] && sed 's/^/live-compose-file=/' \"$root/current/.compose-files\"\n  [ -d \"$root/current\" ] || return 0\n  (cd \"$1\" && find . -type f ! -name .env) | while read -r f; do\n    f=${f#./}\n    if [ ! -f \"$root/current/$f\" ] || [ \"$(cksum < \"$1/$f\")\" != \"$(cksum < \"$root/current/$f\")\" ]; then echo \"changed=$f\"; fi\n  done\n}\n\n\n# shellcheck disable=SC2064 # $1 is the command's text, put in the trap now on purpose\non_exit() {\n  trap \"$1\" EXIT\n  trap \"$1; trap - EXIT; exit 129\" HUP\n  trap \"$1; trap - EXIT; exit 130\" INT\n  trap \"$1; trap - EXIT; exit 141\" PIPE\n  trap \"$1; trap - EXIT; exit 143\" TERM\n}\n\n# maintenance/ exists before any proxy mounts it: Docker would create a missing one owned by root.\nmkdir -p \"$root/releases\" \"$root/maintenance\"\n# An upload killed outright (SIGKILL, a runner that vanished) ran no trap and left its directory,\n# .env included. This deploy holds the lock, so every .incoming-* is such a leftover.\nfor old in \"$root\"/releases/.incoming-*; do\n  [ -e \"$old\" ] || continue\n  rm -rf \"$old\"\n  echo \"removed-leftover=${old##*/}\"\ndone\nincoming=\"$root/releases/.incoming-$sha-$$\"\n# A failed or interrupted extract must not leave a half release (with its .env) behind.\non_exit 'rm -rf \"$incoming\"'\nmkdir -p \"$incoming\"\nbase64 -d | tar -x -f - -C \"$incoming\"\nrelease_records \"$incoming\"\nrm -rf \"$root/releases/$sha\"\nmv \"$incoming\" \"$root/releases/$sha\"\necho \"unpacked=$root/releases/$sha\"\n";


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

/***/ 62703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ acquireLock),
/* harmony export */   I_: () => (/* binding */ unlockCommand),
/* harmony export */   Lg: () => (/* binding */ lockCommand),
/* harmony export */   Ss: () => (/* binding */ cancelCommand),
/* harmony export */   d8: () => (/* binding */ cancelMarker)
/* harmony export */ });
/* unused harmony export renewLeaseCommand */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41814);
/* harmony import */ var _key_values_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(19364);
/* harmony import */ var _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(55897);
/* harmony import */ var _script_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(38959);





const lockCommand = (root, token, staleAfter, force, owner, leaseSeconds = 180) => (0,_script_js__WEBPACK_IMPORTED_MODULE_2__/* .hostScript */ .Q)('lock', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__/* .LOCK_SCRIPT */ .g$, [root, token, String(staleAfter), String(force), String(leaseSeconds)], owner);
const renewLeaseCommand = (root, token) => (0,_script_js__WEBPACK_IMPORTED_MODULE_2__/* .hostScript */ .Q)('renew-lease', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__/* .RENEW_LEASE_SCRIPT */ .ju, [root, token]);
const unlockCommand = (root, token) => (0,_script_js__WEBPACK_IMPORTED_MODULE_2__/* .hostScript */ .Q)('unlock', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__/* .UNLOCK_SCRIPT */ .ZU, [root, token]);
/** Where a cancelled run leaves its marker: inside its own lock, so it goes away with the lock. */
const cancelMarker = (root) => `${root}/.deploy-lock/cancel`;
const cancelCommand = (root, token) => (0,_script_js__WEBPACK_IMPORTED_MODULE_2__/* .hostScript */ .Q)('cancel', _shell_scripts_js__WEBPACK_IMPORTED_MODULE_3__/* .CANCEL_SCRIPT */ .tl, [root, token]);
const LOCK_HELD = 75;
const POLL_MS = 2000;
/**
 * The deploy lock is a directory (mkdir is atomic) holding an owner record: who, which run,
 * which commit, since when. It is a lease: the holder renews it every few seconds while it works, so
 * a run killed outright (no signal, no clean-up) stops renewing it, and once lock-lease seconds have
 * passed the next deploy takes it over without a person. A second deploy waits up to lock-timeout and
 * then fails naming the holder; a lock without a lease (an older version's) is broken only with
 * force-unlock after stale-lock-after.
 */
async function acquireLock(runner, ds, token, reporter, checkCancelled) {
    const owner = JSON.stringify({ token, sha: ds.sha ?? '', actor: ds.actor ?? null, runUrl: ds.runUrl ?? null, startedAt: new Date().toISOString(), pid: process.pid });
    const deadline = Date.now() + ds.lockTimeout * 1000;
    let announced = false;
    for (;;) {
        const res = await runner.run(lockCommand(ds.deployPath, token, ds.staleLockAfter, ds.forceUnlock, owner, ds.lockLease));
        const kv = (0,_key_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseKeyValues */ .H)(res.stdout);
        if (res.code === 0) {
            // The script says lock=held before it says how it took the lock anyway.
            const how = kv.get('lock')?.at(-1);
            if (how === 'broken')
                reporter.warning(`force-unlock: broke a stale deploy lock held by ${describeHolder(kv)}`);
            if (how === 'taken-over')
                reporter.warning(`took over the deploy lock of ${describeHolder(kv)}: its lease was not renewed for ${kv.get('lease-age')?.[0] ?? '?'}s (lock-lease ${ds.lockLease}s), so that run is gone`);
            return handle(runner, ds.deployPath, token, reporter, ds.lockLease, how === 'taken-over' ? ownerRecord(kv) : undefined);
        }
        if (res.code !== LOCK_HELD)
            throw new _runner_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandFailed */ .nk('taking the deploy lock', runner.where, res);
        const holder = describeHolder(kv);
        const age = Number(kv.get('age')?.[0] ?? 0);
        if (Date.now() >= deadline) {
            const staleHint = age >= ds.staleLockAfter
                ? ` The lock is older than stale-lock-after (${ds.staleLockAfter}s): if that run is gone, re-run with force-unlock: true.`
                : ` If that run is gone, wait until the lock is older than stale-lock-after (${ds.staleLockAfter}s) and re-run with force-unlock: true.`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`another deploy holds the lock on ${ds.deployPath}: ${holder}, for ${age}s. Waited ${ds.lockTimeout}s (lock-timeout).${staleHint} Nothing was changed.`);
        }
        if (!announced)
            reporter.info(`waiting up to ${ds.lockTimeout}s for the deploy lock held by ${holder}`);
        announced = true;
        checkCancelled();
        await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
    }
}
/** Renews the lease a few times per lock-lease, so a slow SSH round trip never lets it lapse. */
function handle(runner, root, token, reporter, leaseSeconds, tookOverFrom) {
    let released = false;
    const heartbeat = setInterval(() => void runner.run(renewLeaseCommand(root, token)).catch(() => undefined), Math.max(1, Math.floor(leaseSeconds / 4)) * 1000);
    heartbeat.unref();
    return {
        tookOverFrom,
        async release() {
            if (released)
                return;
            released = true;
            clearInterval(heartbeat);
            const res = await runner.run(unlockCommand(root, token)).catch((err) => ({ code: 1, stdout: '', stderr: err.message }));
            if (res.code !== 0)
                reporter.warning(`could not release the deploy lock on ${root}: ${res.stderr.trim()}. Remove ${root}/.deploy-lock by hand once no deploy runs.`);
        },
    };
}
function ownerRecord(kv) {
    try {
        return JSON.parse(kv.get('owner')?.[0] ?? '');
    }
    catch {
        return {};
    }
}
function describeHolder(kv) {
    try {
        const o = JSON.parse(kv.get('owner')?.[0] ?? '');
        return [o.actor ? `${o.actor}` : 'an unknown actor', o.sha ? `deploying ${o.sha.slice(0, 12)}` : '', o.runUrl ? `(${o.runUrl})` : '', o.startedAt ? `since ${o.startedAt}` : ''].filter(Boolean).join(' ');
    }
    catch {
        return 'an unreadable owner record';
    }
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


/***/ })

};
