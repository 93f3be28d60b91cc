export const id = 339;
export const ids = [339];
export const modules = {

/***/ 4074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $W: () => (/* binding */ defaultImagePrefix),
/* harmony export */   JT: () => (/* binding */ parseRepositorySlug),
/* harmony export */   au: () => (/* binding */ checkImagePrefix),
/* harmony export */   mO: () => (/* binding */ repositoryFromRemoteUrl)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/** One path component of an image name, as the distribution spec allows it (lower-case only). */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const REGISTRY_HOST = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]+)?$/;
/** "owner/name" as GitHub prints it; case is kept here and dropped only where GHCR needs it. */
function parseRepositorySlug(slug, from) {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(slug.trim());
    if (!m)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${from} must be "owner/name", got ${JSON.stringify(slug)}`);
    return { owner: m[1], name: m[2].replace(/\.git$/, '') };
}
/**
 * owner/name from a git remote URL: git@github.com:Owner/Repo.git, https://github.com/Owner/Repo,
 * ssh://git@github.com:22/Owner/Repo.git. Undefined when the URL has no two path segments.
 */
function repositoryFromRemoteUrl(url) {
    const trimmed = url.trim().replace(/\/+$/, '').replace(/\.git$/, '');
    const path = /^[a-z+]+:\/\//i.test(trimmed) ? trimmed.replace(/^[a-z+]+:\/\/[^/]+/i, '') : trimmed.replace(/^[^:/]+:/, '');
    const parts = path.split('/').filter(Boolean);
    if (parts.length < 2)
        return undefined;
    return `${parts[parts.length - 2]}/${parts[parts.length - 1]}`;
}
/** `<registry>/<owner>/<repo>`, lower-cased: GHCR rejects upper-case names and GitHub owners often have them. */
function defaultImagePrefix(registry, repository) {
    const { owner, name } = parseRepositorySlug(repository, 'the repository');
    return `${registry}/${owner}/${name}`.toLowerCase();
}
/** Throws an InputError saying exactly what is wrong with the prefix and what would be valid. */
function checkImagePrefix(prefix, registry, from) {
    if (prefix !== prefix.toLowerCase()) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${from} ${JSON.stringify(prefix)} has upper-case letters; registries (GHCR included) accept lower-case names only: use ${JSON.stringify(prefix.toLowerCase())}`);
    }
    const [host, ...path] = prefix.split('/');
    if (!host || !REGISTRY_HOST.test(host))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${from} ${JSON.stringify(prefix)} must start with a registry host (e.g. ghcr.io/owner/repo)`);
    if (host !== registry) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${from} ${JSON.stringify(prefix)} is on ${host} but the registry to log in to is ${registry}: set "registry" to ${host} or fix the prefix`);
    }
    if (path.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${from} ${JSON.stringify(prefix)} needs a path after the registry (e.g. ${registry}/owner/repo)`);
    const bad = path.find((p) => !PATH_COMPONENT.test(p));
    if (bad !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${from} ${JSON.stringify(prefix)} has an invalid path component ${JSON.stringify(bad)}: use lower-case letters and digits, separated by ".", "_", "__" or "-"`);
    }
}


/***/ }),

/***/ 8785:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ containedReader),
/* harmony export */   g: () => (/* binding */ isRemoteReference)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_contained_file_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9422);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4781);
/* harmony import */ var _model_vars_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8040);





/** Looks like a URL or an scp-style git remote rather than a file: Compose would fetch it. */
function isRemoteReference(path) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/|:)/.test(path) || /^[\w.-]+@[\w.-]+:/.test(path) || /^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(path);
}
/** How many Compose files extends/include may pull in (the same bound the reference check follows). */
const MAX_FOLLOWED = 64;
/**
 * Reads the files extends/include name through the repository's containment, each once; one that is
 * remote, outside, missing or broken is not followed (the reference check and the render report it).
 */
function containedReader(root, vars, followed) {
    const failed = new Set();
    return {
        read(from, path) {
            let written;
            try {
                written = (0,_model_vars_js__WEBPACK_IMPORTED_MODULE_4__/* .interpolate */ .GW)(path, vars);
            }
            catch (err) {
                if (err instanceof _model_vars_js__WEBPACK_IMPORTED_MODULE_4__/* .InterpolationError */ .Dn)
                    return undefined;
                throw err;
            }
            if (written === '' || isRemoteReference(written))
                return undefined;
            const base = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)(from));
            const name = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(base, written)).split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
            const known = followed.get(name);
            if (known)
                return { name, tree: known };
            if (failed.has(name) || followed.size >= MAX_FOLLOWED)
                return undefined;
            try {
                const tree = (0,_model_js__WEBPACK_IMPORTED_MODULE_3__/* .parseComposeText */ .js)((0,_config_contained_file_js__WEBPACK_IMPORTED_MODULE_1__/* .readContainedText */ .FE)(root, base, written, { key: `extends/include of ${from}`, what: 'Compose file', displayName: name }), name);
                followed.set(name, tree);
                return { name, tree };
            }
            catch (err) {
                if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz))
                    throw err;
                failed.add(name);
                return undefined;
            }
        },
    };
}


/***/ }),

/***/ 9909:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   an: () => (/* binding */ imageRepository),
/* harmony export */   on: () => (/* binding */ imageBaseName),
/* harmony export */   zZ: () => (/* binding */ parseImage)
/* harmony export */ });
/*
 * Image references as Compose files write them (`registry/path/name:tag@sha256:...`), possibly with
 * variables: the one parser validate and build use.
 */
function parseImage(ref) {
    const at = ref.indexOf('@');
    const digest = at >= 0 ? ref.slice(at + 1) : undefined;
    const name = at >= 0 ? ref.slice(0, at) : ref;
    // A tag follows the last ":" after the last "/" (a registry port comes before a "/"). Variables may hold "/".
    const lastSlash = lastSlashOutsideVars(name);
    const colon = tagColon(name, lastSlash);
    const repository = colon >= 0 ? name.slice(0, colon) : name;
    const tag = colon >= 0 ? name.slice(colon + 1) : undefined;
    const first = repository.split('/')[0];
    const registry = repository.includes('/') && !first.includes('$') && (/[.:]/.test(first) || first === 'localhost') ? first : undefined;
    return { repository, tag, digest, registry };
}
function lastSlashOutsideVars(s) {
    let depth = 0;
    let last = -1;
    for (let i = 0; i < s.length; i++) {
        if (s[i] === '{')
            depth++;
        else if (s[i] === '}')
            depth--;
        else if (s[i] === '/' && depth === 0)
            last = i;
    }
    return last;
}
function tagColon(s, from) {
    let depth = 0;
    for (let i = from + 1; i < s.length; i++) {
        if (s[i] === '{')
            depth++;
        else if (s[i] === '}')
            depth--;
        else if (s[i] === ':' && depth === 0)
            return i;
    }
    return -1;
}
/** `name[:tag][@digest]` -> name. The tag's ":" is the one after the last "/", not a registry port. */
function imageRepository(image) {
    return parseImage(image).repository;
}
/** The last path component of the repository: `ghcr.io/a/caddy:2` -> `caddy`. */
function imageBaseName(image) {
    return parseImage(image).repository.split('/').pop() ?? '';
}


/***/ }),

/***/ 8056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ mergeExtended),
/* harmony export */   _: () => (/* binding */ mergeComposeFiles)
/* harmony export */ });
/**
 * Merges Compose files in order (`-f a -f b`) following the Compose specification's merge rules,
 * keeping the source location of every value that survives:
 * - mappings merge key by key; scalars are replaced;
 * - environment, labels, build args and the like merge by variable name, whichever syntax each file uses;
 * - volumes and devices merge by container path, secrets and configs by source;
 * - command, entrypoint and healthcheck tests are replaced whole; other lists are joined without duplicates;
 * - the `!reset` and `!override` tags of recent Compose versions are honoured.
 */
function mergeComposeFiles(files) {
    let out = { kind: 'map', loc: files[0]?.loc ?? { file: '' }, entries: new Map() };
    for (const f of files)
        out = mergeNode(out, normalize(f, []), []);
    return out;
}
/**
 * A service that `extends` another: the base service's keys, then the local ones merged over them by the
 * same rules as files (Compose applies one merge for both), so `!reset`/`!override` work here too.
 */
function mergeExtended(base, local) {
    const path = ['services', '_'];
    return mergeNode(normalize(base, path), normalize(local, path), path) ?? { kind: 'map', loc: local.loc, entries: new Map() };
}
// Only keys whose list and mapping spellings the Compose schema both accepts (list_or_dict).
const KEYED_LISTS = new Set(['environment', 'labels', 'args', 'sysctls']);
const REPLACED_LISTS = new Set(['command', 'entrypoint', 'test', 'profiles']);
/** Turns the list spellings Compose accepts into the mapping spellings, so both merge alike. */
function normalize(node, path) {
    const key = path[path.length - 1] ?? '';
    const inService = path[0] === 'services';
    if (node.kind === 'seq') {
        if (inService && KEYED_LISTS.has(key))
            return listToMap(node);
        return { ...node, items: node.items.map((i) => normalize(i, [...path, '[]'])) };
    }
    if (node.kind === 'map') {
        const entries = new Map();
        for (const [k, e] of node.entries)
            entries.set(k, { keyLoc: e.keyLoc, value: normalize(e.value, [...path, k]) });
        return { ...node, entries };
    }
    return node;
}
/** `- KEY=value` items become `KEY: value`; `- KEY` alone becomes `KEY: null` (taken from the environment). */
function listToMap(seq) {
    const entries = new Map();
    for (const item of seq.items) {
        const text = item.kind === 'scalar' && item.value !== null ? String(item.value) : undefined;
        if (text === undefined)
            continue;
        const at = text.indexOf('=');
        const k = at >= 0 ? text.slice(0, at) : text;
        const value = { kind: 'scalar', loc: item.loc, value: at >= 0 ? text.slice(at + 1) : null };
        entries.set(k, { keyLoc: item.loc, value });
    }
    return { kind: 'map', loc: seq.loc, entries };
}
function mergeNode(base, over, path) {
    if (over.tag === '!reset')
        return undefined;
    if (over.tag === '!override')
        return over;
    if (!base)
        return over;
    if (base.kind === 'map' && over.kind === 'map') {
        const entries = new Map(base.entries);
        for (const [k, e] of over.entries) {
            const merged = mergeNode(base.entries.get(k)?.value, e.value, [...path, k]);
            if (merged === undefined)
                entries.delete(k);
            else
                entries.set(k, { keyLoc: e.keyLoc, value: merged });
        }
        return { kind: 'map', loc: over.loc, entries };
    }
    if (base.kind === 'seq' && over.kind === 'seq')
        return mergeSeq(base, over, path);
    return over;
}
function mergeSeq(base, over, path) {
    const key = path[path.length - 1] ?? '';
    const serviceLevel = path[0] === 'services' && path.length === 3;
    if (REPLACED_LISTS.has(key))
        return over;
    const identity = serviceLevel && (key === 'volumes' || key === 'devices') ? mountTarget
        : serviceLevel && (key === 'secrets' || key === 'configs') ? refSource
            : scalarIdentity;
    const items = [...base.items];
    for (const item of over.items) {
        const id = identity(item);
        const at = id === undefined ? -1 : items.findIndex((b) => identity(b) === id);
        if (at >= 0)
            items[at] = item;
        else
            items.push(item);
    }
    return { kind: 'seq', loc: over.loc, items };
}
function scalarIdentity(n) {
    return n.kind === 'scalar' ? JSON.stringify(n.value) : undefined;
}
/** `src:/target[:mode]` or `{target: /x}`: two mounts on the same container path are one mount. */
function mountTarget(n) {
    if (n.kind === 'scalar') {
        const parts = String(n.value).split(':');
        return parts.length === 1 ? parts[0] : parts[1];
    }
    if (n.kind === 'map') {
        const t = n.entries.get('target')?.value;
        return t?.kind === 'scalar' ? String(t.value) : undefined;
    }
    return undefined;
}
function refSource(n) {
    if (n.kind === 'scalar')
        return String(n.value);
    const s = n.kind === 'map' ? n.entries.get('source')?.value : undefined;
    return s?.kind === 'scalar' ? String(s.value) : undefined;
}


/***/ }),

/***/ 5620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ resolveComposeFile)
/* harmony export */ });
/* unused harmony export rebaseService */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _model_merge_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8056);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4781);



/** Longer chains are refused even without a cycle: no real project nests this deep. */
const MAX_DEPTH = 32;
const SECTIONS = ['services', 'volumes', 'networks', 'secrets', 'configs'];
/**
 * Each extending service copies what it extends: a file of many services extending one huge one (a pull
 * request writes it) would take hours. Past this many copied nodes the remaining extends stay unresolved.
 */
const MAX_COPIED_NODES = 500_000;
/** One file of a set with its services' `extends` (and, per flavor, its `include`) resolved. */
function resolveComposeFile(name, tree, opts) {
    return resolveFile(name, tree, { ...opts, copied: { left: MAX_COPIED_NODES }, done: new Map(), resolved: new Map() }, [name]);
}
/** `chain`: the files including this one, outermost first, ending with `name` itself. */
function resolveFile(name, tree, opts, chain) {
    // Compose resolves a file's own extends first, then adds what it includes.
    const extended = resolveExtends(name, tree, opts);
    return opts.include && chain.length <= MAX_DEPTH ? resolveIncludes(name, extended, opts, chain) : extended;
}
function resolveExtends(name, tree, opts) {
    const services = (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeAt */ .oB)(tree, ['services']);
    if (services?.kind !== 'map')
        return tree;
    const entries = new Map();
    for (const [svc, e] of services.entries)
        entries.set(svc, { keyLoc: e.keyLoc, value: extendedService(name, tree, svc, opts, []) ?? e.value });
    return withEntry(tree, 'services', { ...services, entries });
}
/** A service with its extends chain applied (base first, the extending service's keys over it). */
function extendedService(file, tree, svc, opts, chain) {
    const node = (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeAt */ .oB)(tree, ['services', svc]);
    if (node?.kind !== 'map')
        return node;
    const ext = node.entries.get('extends')?.value;
    const id = `${file}#${svc}`;
    if (!ext)
        return node;
    if (chain.includes(id)) {
        opts.onCycle?.(`extends cycle: ${[...chain.slice(chain.indexOf(id)), id].map(describeService).join(' → ')} (Compose refuses it)`, node.entries.get('extends').keyLoc);
        return node;
    }
    if (chain.length >= MAX_DEPTH)
        return node;
    if (opts.done.has(id))
        return opts.done.get(id);
    const out = extendedOnce(file, tree, node, ext, opts, [...chain, id]);
    opts.done.set(id, out);
    return out;
}
function extendedOnce(file, tree, node, ext, opts, chain) {
    const target = ext.kind === 'map' ? { service: (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .scalarString */ .Cg)((0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeAt */ .oB)(ext, ['service'])), file: (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .scalarString */ .Cg)((0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeAt */ .oB)(ext, ['file'])) } : { service: (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .scalarString */ .Cg)(ext), file: undefined };
    if (target.service === undefined)
        return node;
    let baseFile = file;
    let baseTree = tree;
    if (target.file !== undefined) {
        const read = opts.reader.read(file, target.file);
        if (!read)
            return node;
        baseFile = read.name;
        baseTree = read.tree;
    }
    const base = extendedService(baseFile, baseTree, target.service, opts, chain);
    if (base?.kind !== 'map' || (opts.copied.left -= countNodes(base, opts.copied.left + 1)) < 0)
        return node;
    const local = { ...node, entries: new Map([...node.entries].filter(([k]) => k !== 'extends')) };
    return (0,_model_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .mergeExtended */ .O)(rebaseService(base, node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(baseFile), node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(file)), local);
}
/**
 * Each include adds the resources of another project (its files merged like `-f`), resolved from its own
 * directory; the including file's own definitions stay (Compose reports a clash itself).
 */
function resolveIncludes(name, tree, opts, chain) {
    const include = tree.entries.get('include')?.value;
    if (!include)
        return tree;
    let out = tree;
    for (const item of include.kind === 'seq' ? include.items : [include]) {
        const paths = item.kind === 'map' ? stringItems((0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeAt */ .oB)(item, ['path'])) : stringItems(item);
        const projectDirectory = item.kind === 'map' ? (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .scalarString */ .Cg)((0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeAt */ .oB)(item, ['project_directory'])) : undefined;
        let cycle = false;
        const trees = paths.flatMap((p) => {
            const read = opts.reader.read(name, p);
            if (!read)
                return [];
            if (chain.includes(read.name)) {
                if (!cycle)
                    opts.onCycle?.(`include cycle: ${[...chain.slice(chain.indexOf(read.name)), read.name].join(' → ')} (Compose refuses it)`, item.loc);
                cycle = true;
                return [];
            }
            const known = opts.resolved.get(read.name);
            if (known)
                return [{ name: read.name, tree: known }];
            const resolved = resolveFile(read.name, read.tree, opts, [...chain, read.name]);
            opts.resolved.set(read.name, resolved);
            return [{ name: read.name, tree: resolved }];
        });
        if (cycle)
            continue;
        // A partly unreadable include is not modelled: the render reports the file it could not read.
        if (trees.length === 0 || trees.length < paths.length)
            continue;
        const from = projectDirectory === undefined ? node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(trees[0].name) : node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(name), projectDirectory);
        const envFiles = item.kind === 'map' ? stringItems((0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeAt */ .oB)(item, ['env_file'])) : [];
        opts.includedEnvFiles?.(name, envFiles.length > 0 ? envFiles : [node_path__WEBPACK_IMPORTED_MODULE_0__.posix.relative(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(name), node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(from, '.env')) || '.env']);
        out = addMissing(out, rebaseAll((0,_model_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .mergeComposeFiles */ ._)(trees.map((t) => t.tree)), from, node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(name)));
    }
    return out;
}
/** `file#svc` as a reader sees it: the service, and the file when it is another one. */
function describeService(id) {
    const at = id.lastIndexOf('#');
    return `${id.slice(at + 1)} (${id.slice(0, at)})`;
}
/** Nodes in a tree, counting no further than `limit`. */
function countNodes(node, limit) {
    let n = 0;
    const stack = [node];
    while (stack.length > 0 && n < limit) {
        const cur = stack.pop();
        n++;
        if (cur.kind === 'map')
            for (const e of cur.entries.values())
                stack.push(e.value);
        else if (cur.kind === 'seq')
            stack.push(...cur.items);
    }
    return n;
}
function addMissing(tree, included) {
    let out = tree;
    for (const section of SECTIONS) {
        const add = included.entries.get(section);
        if (add?.value.kind !== 'map')
            continue;
        const own = out.entries.get(section);
        if (own && own.value.kind !== 'map')
            continue;
        const entries = new Map(own?.value.kind === 'map' ? own.value.entries : []);
        for (const [k, e] of add.value.entries)
            if (!entries.has(k))
                entries.set(k, e);
        out = withEntry(out, section, { kind: 'map', loc: own?.value.loc ?? add.value.loc, entries }, own?.keyLoc ?? add.keyLoc);
    }
    return out;
}
function withEntry(tree, key, value, keyLoc = tree.entries.get(key)?.keyLoc ?? tree.loc) {
    const entries = new Map(tree.entries);
    entries.set(key, { keyLoc, value });
    return { ...tree, entries };
}
function stringItems(node) {
    if (node?.kind === 'seq')
        return node.items.flatMap((i) => (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .scalarString */ .Cg)(i) ?? []);
    const s = (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .scalarString */ .Cg)(node);
    return s === undefined ? [] : [s];
}
function rebaseAll(tree, fromDir, toDir) {
    const services = (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeAt */ .oB)(tree, ['services']);
    if (services?.kind !== 'map' || fromDir === toDir)
        return tree;
    const entries = new Map([...services.entries].map(([k, e]) => [k, { keyLoc: e.keyLoc, value: rebaseService(e.value, fromDir, toDir) }]));
    return withEntry(tree, 'services', { ...services, entries });
}
/**
 * Relative bind-mount sources resolve from the directory of the file that wrote them (an extended or
 * included file in another folder); rewritten relative to the file that pulls them in, so the
 * source-mount rule judges the directory Compose mounts. Locations stay those of the writing file.
 */
function rebaseService(service, fromDir, toDir) {
    const volumes = (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeAt */ .oB)(service, ['volumes']);
    if (service.kind !== 'map' || volumes?.kind !== 'seq' || node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(fromDir) === node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(toDir))
        return service;
    const items = volumes.items.map((item) => {
        if (item.kind === 'scalar' && typeof item.value === 'string') {
            const [source, ...rest] = item.value.split(':');
            return isRelative(source) && rest.length > 0 ? { ...item, value: [rebasePath(source, fromDir, toDir), ...rest].join(':') } : item;
        }
        const source = item.kind === 'map' ? item.entries.get('source') : undefined;
        if (item.kind !== 'map' || !source || (0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .scalarString */ .Cg)(source.value) === undefined || !isRelative((0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .scalarString */ .Cg)(source.value)))
            return item;
        const entries = new Map(item.entries);
        entries.set('source', { keyLoc: source.keyLoc, value: { ...source.value, value: rebasePath((0,_model_js__WEBPACK_IMPORTED_MODULE_2__/* .scalarString */ .Cg)(source.value), fromDir, toDir) } });
        return { ...item, entries };
    });
    return withEntry(service, 'volumes', { ...volumes, items });
}
function isRelative(path) {
    return path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../');
}
function rebasePath(path, fromDir, toDir) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.relative(toDir, node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(fromDir, path));
    return rel === '' ? '.' : rel.startsWith('..') ? rel : `./${rel}`;
}


/***/ }),

/***/ 4781:
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
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _config_read_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4610);
/* harmony import */ var _config_yaml_source_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2865);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);




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

/***/ 2395:
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
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_config_paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4431);
/* harmony import */ var _config_yaml_source_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2865);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);





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


/***/ })

};
