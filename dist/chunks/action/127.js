export const id = 127;
export const ids = [127];
export const modules = {

/***/ 4127:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildCommand: () => (/* binding */ buildCommand)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/registry/challenge.ts
function parseChallenges(header) {
    const out = [];
    let i = 0;
    const skip = (re) => {
        while (i < header.length && re.test(header[i]))
            i++;
    };
    const token = () => {
        const start = i;
        while (i < header.length && /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(header[i]))
            i++;
        return header.slice(start, i);
    };
    const quoted = () => {
        let v = '';
        i++; // opening quote
        while (i < header.length && header[i] !== '"') {
            if (header[i] === '\\' && i + 1 < header.length)
                i++;
            v += header[i++];
        }
        i++; // closing quote
        return v;
    };
    // Unquoted values should be tokens, but servers write URLs unquoted too: read up to the next comma.
    const bare = () => {
        const start = i;
        while (i < header.length && !/[\s,]/.test(header[i]))
            i++;
        return header.slice(start, i);
    };
    while (i < header.length) {
        skip(/[\s,]/);
        const scheme = token();
        if (!scheme)
            break;
        const challenge = { scheme: scheme.toLowerCase(), params: {} };
        out.push(challenge);
        // auth-params until the next token that is not followed by "=" (that is the next scheme).
        for (;;) {
            skip(/[\s,]/);
            const save = i;
            const key = token();
            skip(/\s/);
            if (!key || header[i] !== '=') {
                i = save;
                break;
            }
            i++;
            skip(/\s/);
            challenge.params[key.toLowerCase()] = header[i] === '"' ? quoted() : bare();
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/registry/client.ts


/** Every manifest kind a pushed image can have: single-platform (Docker, OCI) and lists/indexes (buildx). */
const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
];
/** Refused credentials, kept apart from other failures so the message can name registry and user. */
class RegistryAuthError extends Error {
    name = 'RegistryAuthError';
}
class RegistryError extends Error {
    name = 'RegistryError';
}
/**
 * Plain HTTP only for a registry on this machine (the test registry, a local mirror);
 * anything else is HTTPS, as Docker itself insists.
 */
function registryBaseUrl(registry) {
    return `${isLoopback(registry.replace(/:[0-9]+$/, '')) ? 'http' : 'https'}://${registry}`;
}
/** This machine: where plain HTTP carries nothing across a network. */
function isLoopback(host) {
    return host === 'localhost' || host === '[::1]' || /^127\.[0-9]+\.[0-9]+\.[0-9]+$/.test(host);
}
/**
 * The token endpoint a Bearer challenge names. The registry's answer chooses it, and our Basic
 * credentials go there: plain HTTP would hand them to anyone on the path, so only https (or this
 * machine, for a local registry) is accepted.
 */
function tokenEndpoint(realm, registry) {
    let url;
    try {
        url = new URL(realm);
    }
    catch {
        throw new RegistryError(`${registry} named a token endpoint that is not a URL: ${JSON.stringify(realm)}`);
    }
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)))
        return url;
    throw new RegistryError(`${registry} named the token endpoint ${url.origin}${url.pathname}, which is not https: no credentials were sent to it`);
}
/**
 * A small client for the registry HTTP API (the OCI distribution spec): enough to ask whether a tag
 * exists, read a manifest or blob back, and copy a tag. Authentication follows the 401 challenge:
 * Basic straight away, or Bearer with a token fetched from the realm the registry names (GHCR).
 */
class RegistryClient {
    registry;
    credentials;
    fetchFn;
    baseUrl;
    /** Authorization header per repository and access, so a token is fetched once per run. */
    auth = new Map();
    constructor(registry, credentials, fetchFn = fetch) {
        this.registry = registry;
        this.credentials = credentials;
        this.fetchFn = fetchFn;
        this.baseUrl = registryBaseUrl(registry);
    }
    /** The digest the tag points at, or undefined when the registry does not have it. */
    async manifestDigest(repository, reference) {
        const res = await this.request('HEAD', repository, `manifests/${reference}`, 'pull', { accept: MANIFEST_TYPES.join(', ') });
        if (res.status === 404)
            return undefined;
        this.expectOk(res, `HEAD manifest ${repository}:${reference}`);
        const digest = res.headers.get('docker-content-digest');
        // A registry may leave the header out of HEAD answers; the GET body's hash is the digest then.
        return digest ?? (await this.getManifest(repository, reference))?.digest;
    }
    async getManifest(repository, reference) {
        const res = await this.request('GET', repository, `manifests/${reference}`, 'pull', { accept: MANIFEST_TYPES.join(', ') });
        if (res.status === 404)
            return undefined;
        this.expectOk(res, `GET manifest ${repository}:${reference}`);
        const raw = Buffer.from(await res.arrayBuffer());
        const json = JSON.parse(raw.toString('utf8'));
        return {
            raw,
            json,
            digest: res.headers.get('docker-content-digest') ?? `sha256:${(0,external_node_crypto_.createHash)('sha256').update(raw).digest('hex')}`,
            mediaType: res.headers.get('content-type')?.split(';')[0] ?? json.mediaType ?? '',
        };
    }
    async getBlob(repository, digest) {
        const res = await this.request('GET', repository, `blobs/${digest}`, 'pull', {});
        this.expectOk(res, `GET blob ${repository}@${digest}`);
        return Buffer.from(await res.arrayBuffer());
    }
    /** Points another tag at an existing manifest, without pulling or pushing any layer. */
    async putManifest(repository, reference, manifest) {
        const res = await this.request('PUT', repository, `manifests/${reference}`, 'pull,push', { 'content-type': manifest.mediaType }, manifest.raw);
        this.expectOk(res, `PUT manifest ${repository}:${reference}`);
    }
    expectOk(res, what) {
        if (res.status === 401 || res.status === 403) {
            throw new RegistryAuthError(`${this.registry} refused ${what} for user ${JSON.stringify(this.credentials?.username ?? '(anonymous)')} (HTTP ${res.status})`);
        }
        if (!res.ok)
            throw new RegistryError(`${what} on ${this.registry} failed: HTTP ${res.status} ${res.statusText}`);
    }
    async request(method, repository, path, access, headers, body) {
        const url = `${this.baseUrl}/v2/${repository}/${path}`;
        const key = `${repository} ${access}`;
        const send = (authorization) => this.fetchFn(url, { method, headers: { ...headers, ...(authorization ? { authorization } : {}) }, body: body ? new Uint8Array(body) : undefined, redirect: 'follow' });
        const cached = this.auth.get(key);
        let res = await send(cached);
        if (res.status !== 401)
            return res;
        const challenge = pickChallenge(parseChallenges(res.headers.get('www-authenticate') ?? ''));
        if (!challenge)
            return res;
        await res.arrayBuffer().catch(() => undefined);
        const authorization = await this.authorize(challenge, repository, access);
        if (!authorization || authorization === cached)
            return res;
        this.auth.set(key, authorization);
        res = await send(authorization);
        return res;
    }
    async authorize(challenge, repository, access) {
        if (challenge.scheme === 'basic')
            return this.credentials ? `Basic ${basic(this.credentials)}` : undefined;
        const realm = challenge.params['realm'];
        if (!realm)
            throw new RegistryError(`${this.registry} asked for a Bearer token but named no realm to get it from`);
        const tokenUrl = tokenEndpoint(realm, this.registry);
        if (challenge.params['service'])
            tokenUrl.searchParams.set('service', challenge.params['service']);
        tokenUrl.searchParams.set('scope', `repository:${repository}:${access}`);
        const res = await this.fetchFn(tokenUrl, { headers: this.credentials ? { authorization: `Basic ${basic(this.credentials)}` } : {} });
        if (res.status === 401 || res.status === 403) {
            throw new RegistryAuthError(`${this.registry} refused a token for user ${JSON.stringify(this.credentials?.username ?? '(anonymous)')} on ${repository} (HTTP ${res.status})`);
        }
        if (!res.ok)
            throw new RegistryError(`token request to ${tokenUrl.origin}${tokenUrl.pathname} failed: HTTP ${res.status}`);
        const body = (await res.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryError(`token endpoint ${tokenUrl.origin}${tokenUrl.pathname} answered without a token`);
        return `Bearer ${token}`;
    }
}
/** Bearer first (it scopes access), then Basic; other schemes are not spoken here. */
function pickChallenge(challenges) {
    return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
}
function basic(c) {
    return Buffer.from(`${c.username}:${c.password}`).toString('base64');
}
/** Bytes the registry stores for one image: config plus layers (compressed), for single-platform manifests. */
function manifestSize(m) {
    if (!m.layers)
        return undefined;
    return (m.config?.size ?? 0) + m.layers.reduce((n, l) => n + l.size, 0);
}

;// CONCATENATED MODULE: ./src/registry/login.ts
/**
 * `docker login` as data. The password travels on standard input only (never argv or env, which
 * show up in process lists and dry-run output), so the same Command is safe locally and over SSH.
 */
function dockerLoginCommand(registry, user, password, options = {}) {
    return {
        argv: ['docker', 'login', registry, '--username', user, '--password-stdin'],
        stdin: password,
        ...(options.configDir ? { env: { DOCKER_CONFIG: options.configDir } } : {}),
    };
}

// EXTERNAL MODULE: ./src/runner/local-runner.ts
var local_runner = __webpack_require__(26640);
// EXTERNAL MODULE: ./src/runner/runner.ts
var runner = __webpack_require__(41814);
;// CONCATENATED MODULE: ./src/build/argv.ts
/** The OCI annotations every image carries, so a running container says which commit it is. */
function ociLabels(l) {
    return {
        'org.opencontainers.image.revision': l.sha,
        ...(l.source ? { 'org.opencontainers.image.source': l.source } : {}),
        'org.opencontainers.image.created': l.created,
        'org.opencontainers.image.version': l.version,
    };
}
/** Flags both engines share; sorted, so the argv (and a dry-run diff) does not depend on key order. */
function commonFlags(r) {
    const sorted = (o) => Object.keys(o).sort().map((k) => `${k}=${o[k]}`);
    // `--build-arg NAME` alone makes docker read NAME from its own environment: a value from the
    // runner's environment (a token, often) never shows in the process list or a dry-run.
    const buildArg = (k) => (r.argsFromEnv?.includes(k) ? k : `${k}=${r.args[k]}`);
    return [
        '--file', r.dockerfile,
        ...(r.target ? ['--target', r.target] : []),
        ...Object.keys(r.args).sort().flatMap((k) => ['--build-arg', buildArg(k)]),
        ...sorted(r.labels).flatMap((l) => ['--label', l]),
        ...r.tags.flatMap((t) => ['--tag', `${r.repository}:${t}`]),
    ];
}
function cacheFlags(c) {
    switch (c.kind) {
        case 'gha':
            // buildx reads ACTIONS_CACHE_URL / ACTIONS_RUNTIME_TOKEN from its environment: the token never appears here.
            return ['--cache-from', `type=gha,scope=${c.scope}`, '--cache-to', `type=gha,mode=max,scope=${c.scope}`];
        case 'local':
            return ['--cache-from', `type=local,src=${c.dir}`, '--cache-to', `type=local,dest=${c.newDir},mode=max`];
        case 'inline':
            return [...c.from.flatMap((ref) => ['--cache-from', `type=registry,ref=${ref}`]), '--cache-to', 'type=inline'];
        case 'none':
            return [];
    }
}
/** The values of the args passed by name, for the environment of the build (never printed). */
function argsEnv(r) {
    const names = (r.argsFromEnv ?? []).filter((k) => r.args[k] !== undefined);
    return names.length > 0 ? { privateEnv: Object.fromEntries(names.map((k) => [k, r.args[k]])) } : {};
}
/** `docker buildx build --push`: build and push in one step, so a failed build pushes nothing. */
function buildxCommand(r, cache, env) {
    return {
        argv: ['docker', 'buildx', 'build', '--progress=plain', '--push', ...commonFlags(r), ...cacheFlags(cache), r.context],
        ...(env ? { env } : {}),
        ...argsEnv(r),
    };
}
/**
 * The classic builder, for machines without buildx. DOCKER_BUILDKIT=0 asks for it explicitly: a
 * recent client without the buildx plugin would otherwise refuse or guess.
 */
function classicBuildCommand(r, env) {
    // --force-rm: a failed RUN would otherwise leave its container behind on every failed build.
    return { argv: ['docker', 'build', '--force-rm', ...commonFlags(r), r.context], env: { ...env, DOCKER_BUILDKIT: '0' }, ...argsEnv(r) };
}
/**
 * The sha tag (the first) goes last: build skips an image whose sha tag is in the registry, so that
 * tag may only appear once every other tag made it.
 */
function pushOrder(tags) {
    const [primary, ...extras] = tags;
    return primary === undefined ? [] : [...extras, primary];
}
/** One push per tag, in push order: `--all-tags` would also push stale local tags of the same repository. */
function pushCommands(r, env) {
    return pushOrder(r.tags).map((tag) => ({ tag, command: { argv: ['docker', 'push', `${r.repository}:${tag}`], ...(env ? { env } : {}) } }));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/build/build-log.ts
function readBuildLog(log) {
    const lines = stripAnsi(log).split(/\r?\n/);
    // Classic builder: "Step 3/5 : RUN make" ... " ---> Using cache".
    const classicSteps = lines.filter((l) => /^Step \d+\/\d+ : /.test(l));
    if (classicSteps.length > 0) {
        // FROM is never "built", and the builder turns each --label into its own LABEL step, which the
        // ever-changing created label keeps out of the cache: neither says anything about the cache.
        const ownSteps = classicSteps.filter((l) => !/^Step \d+\/\d+ : (FROM |LABEL org\.opencontainers\.image\.)/.test(l));
        return {
            failingStep: classicSteps.at(-1),
            reason: [...lines].reverse().find((l) => /returned a non-zero code|^error|^Error|^ERROR/i.test(l.trim())),
            steps: ownSteps.length,
            cachedSteps: Math.min(ownSteps.length, lines.filter((l) => /^\s*---> Using cache/.test(l)).length),
        };
    }
    // buildx --progress=plain: "#8 [3/4] RUN make", "#8 CACHED", "#8 ERROR: ...".
    const stepById = new Map();
    for (const l of lines) {
        const m = /^#(\d+) (\[(?!internal\])[^\]]*\] .*)$/.exec(l);
        if (m && !stepById.has(m[1]))
            stepById.set(m[1], m[2]);
    }
    const failedId = [...lines].reverse().map((l) => /^#(\d+) ERROR/.exec(l)?.[1]).find(Boolean);
    const cached = new Set(lines.map((l) => /^#(\d+) CACHED/.exec(l)?.[1]).filter((id) => id !== undefined && stepById.has(id)));
    return {
        failingStep: failedId ? stepById.get(failedId) : undefined,
        reason: [...lines].reverse().find((l) => /^(ERROR|error)[: ]/.test(l.trim())),
        steps: stepById.size,
        cachedSteps: cached.size,
    };
}
/** "cache hit" when every step came from the cache, else how many did. */
function cacheVerdict(f) {
    if (f.steps === 0)
        return 'built';
    if (f.cachedSteps >= f.steps)
        return 'cache hit';
    return f.cachedSteps === 0 ? 'built (no cache)' : `built (${f.cachedSteps}/${f.steps} steps cached)`;
}
function lastLines(text, n) {
    return stripAnsi(text).trimEnd().split(/\r?\n/).slice(-n);
}
/** Colour codes the builders print to a terminal-less pipe anyway; they would garble the summary. */
function stripAnsi(text) {
    // The escape character, built from its code: a control character written into a regex literal reads as a mistake.
    return text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'), '');
}

// EXTERNAL MODULE: ./src/build/layer-cache.ts
var layer_cache = __webpack_require__(29954);
;// CONCATENATED MODULE: ./src/build/image-size.ts

/**
 * Compressed bytes in the registry for the image (config + layers). For an index (buildx with
 * attestations) the first real platform's manifest is measured. Undefined when it cannot be told:
 * the size is informative, never a reason to fail.
 */
async function imageSize(client, path, digest, known) {
    try {
        const m = known ?? (await client.getManifest(path, digest));
        if (!m)
            return undefined;
        const direct = manifestSize(m.json);
        if (direct !== undefined)
            return direct;
        const platform = m.json.manifests?.find((x) => x.platform?.os !== 'unknown');
        if (!platform)
            return undefined;
        const inner = await client.getManifest(path, platform.digest);
        return inner ? manifestSize(inner.json) : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/build/build-image.ts






const TAIL_LINES = 50;
/**
 * Skip, retag or build one image. Never throws for the image's own failure: the outcome says it.
 * `lookedUp`: the primary tag's digest when the caller already asked the registry (undefined: not there).
 */
async function buildImage(ctx, plan, log, lookedUp) {
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    const primary = ctx.tags[0];
    // Filled as tags land, so even an unexpected error can say what reached the registry.
    const pushed = [];
    try {
        const existing = lookedUp ? lookedUp.digest : await ctx.registry.manifestDigest(plan.path, primary);
        if (existing && !ctx.force)
            return await skipPushed(ctx, plan, existing, log, started);
        const request = { repository: plan.repository, tags: ctx.tags, context: plan.context, dockerfile: plan.dockerfile, target: plan.target, args: plan.args, argsFromEnv: plan.argsFromEnv, labels: ctx.labels };
        const built = await runBuild(ctx, plan, request, existing, pushed, log);
        if (!built.ok)
            return { plan, status: 'failed', seconds: seconds(), detail: 'build failed', pushed, ...built.failure };
        const digest = await ctx.registry.manifestDigest(plan.path, primary);
        if (!digest)
            throw new Error(`pushed ${plan.repository}:${primary} but the registry does not list it`);
        log(`pushed ${ctx.tags.map((t) => `${plan.repository}:${t}`).join(', ')} (${digest})`);
        return { plan, status: 'built', digest, size: await imageSize(ctx.registry, plan.path, digest), seconds: seconds(), detail: built.verdict, pushed };
    }
    catch (err) {
        return failedOutcome(plan, err, log, started, pushed);
    }
}
/** The primary tag is in the registry: point the moving tags at it and measure it, nothing built. */
async function skipPushed(ctx, plan, found, log, started = Date.now()) {
    const pushed = [];
    const digest = typeof found === 'string' ? found : found.digest;
    try {
        const moved = await retagExtras(ctx, plan, digest, ctx.tags.slice(1), pushed);
        log(`${plan.repository}:${ctx.tags[0]} is already in the registry (${digest}): build skipped${moved.length ? `; pointed ${moved.join(', ')} at it` : ''}`);
        const size = await imageSize(ctx.registry, plan.path, digest, typeof found === 'string' ? undefined : found);
        return { plan, status: moved.length ? 'retagged' : 'skipped', digest, size, seconds: (Date.now() - started) / 1000, detail: 'already pushed', pushed };
    }
    catch (err) {
        return failedOutcome(plan, err, log, started, pushed);
    }
}
/** An unexpected error of one image (the registry refusing, a tag vanishing) as its failed outcome. */
function failedOutcome(plan, err, log, started, pushed) {
    const message = err instanceof RegistryAuthError ? `registry refused access: ${err.message}` : err.message;
    log(`error: ${message}`);
    return { plan, status: 'failed', seconds: (Date.now() - started) / 1000, detail: 'failed', error: message, pushed };
}
/** Moving tags (branch, latest) follow the sha tag by copying its manifest: no rebuild, no layer traffic. */
async function retagExtras(ctx, plan, digest, extras, pushed) {
    const current = await Promise.all(extras.map((t) => ctx.registry.manifestDigest(plan.path, t)));
    const stale = extras.filter((_, i) => current[i] !== digest);
    if (stale.length === 0)
        return [];
    const manifest = await ctx.registry.getManifest(plan.path, digest);
    if (!manifest)
        throw new Error(`${plan.repository}@${digest} vanished from the registry`);
    for (const t of stale) {
        await ctx.registry.putManifest(plan.path, t, manifest);
        pushed.push(t);
    }
    return stale;
}
/** The classic builder's words for a cached image that is gone. */
const CACHE_IMAGE_GONE = /unable to find image "?sha256:[0-9a-f]{64}/;
const PUSH_ATTEMPTS = 3;
/** What no retry changes: the registry refused the login or the name. */
const PUSH_FINAL = /denied|unauthori[sz]ed|authentication required|name unknown|invalid reference|repository name must/i;
/** `primaryBefore`: the sha tag's digest before this run (set only when forced), to tell what a failed buildx push left behind. */
async function runBuild(ctx, plan, request, primaryBefore, pushed, log) {
    let text = '';
    let pending = '';
    const onChunk = (chunk) => {
        text += chunk;
        pending += chunk;
        const parts = pending.split(/\r?\n/);
        pending = parts.pop();
        for (const p of parts)
            log(stripAnsi(p));
    };
    const run = async (cmd) => {
        const res = await ctx.runner.run(cmd, { onStdout: onChunk, onStderr: onChunk });
        if (pending)
            log(stripAnsi(pending));
        pending = '';
        return res;
    };
    const fail = (error) => {
        const facts = readBuildLog(text);
        return { ok: false, failure: { error: facts.reason ? `${error}: ${facts.reason.trim()}` : error, failingStep: facts.failingStep, logTail: lastLines(text, TAIL_LINES) } };
    };
    const e = ctx.engine;
    if (e.kind === 'buildx') {
        const cache = cacheSpec(e, plan, ctx.tags);
        const keys = (0,layer_cache/* layerCacheKeys */.qG)(plan.path, ctx.sha);
        if (e.cache === 'local' && cache.kind === 'local') {
            const hit = await e.store.restore(cache.dir, keys.key, keys.restoreKeys);
            log(hit ? `saved layer cache found in ${cache.dir} (${e.store.description})` : `no saved layer cache yet in ${cache.dir} (${e.store.description})`);
        }
        // buildx pushes every tag in its export step, in an order of its own: only the registry can say what landed.
        const before = [primaryBefore, ...(await Promise.all(ctx.tags.slice(1).map((t) => ctx.registry.manifestDigest(plan.path, t))))];
        const res = await run(buildxCommand(request, cache, ctx.dockerEnv));
        if (res.code !== 0) {
            const failed = fail(`docker buildx build exited with ${res.code}`);
            try {
                const after = await Promise.all(ctx.tags.map((t) => ctx.registry.manifestDigest(plan.path, t)));
                pushed.push(...ctx.tags.filter((_, i) => after[i] !== undefined && after[i] !== before[i]));
                return failed;
            }
            catch (err) {
                log(`warning: cannot ask the registry which tags landed: ${err.message}`);
                return { ok: false, failure: { ...failed.failure, pushed: undefined } };
            }
        }
        pushed.push(...ctx.tags);
        if (e.cache === 'local' && cache.kind === 'local' && (0,external_node_fs_.existsSync)(cache.newDir)) {
            // Swap the fresh export in: exporting into the directory we read from would only ever grow.
            (0,external_node_fs_.rmSync)(cache.dir, { recursive: true, force: true });
            (0,external_node_fs_.renameSync)(cache.newDir, cache.dir);
            await e.store.save(cache.dir, keys.key).catch((err) => log(`warning: layer cache not saved: ${err.message}`));
        }
    }
    else {
        let res = await run(classicBuildCommand(request, ctx.dockerEnv));
        // The classic builder's cache is the engine's images: one removed while the build used it (a prune,
        // or another build's cleanup on the same engine) fails the step that reached for it. A second build
        // builds that step instead; any other failure is the Dockerfile's.
        if (res.code !== 0 && CACHE_IMAGE_GONE.test(text)) {
            log('an image the layer cache offered was removed while the build ran (a prune or another build on this engine): building again');
            text = ''; // the summary's facts are the second build's
            res = await run(classicBuildCommand(request, ctx.dockerEnv));
        }
        if (res.code !== 0)
            return fail(`docker build exited with ${res.code}`);
        // Pushed only after the whole build succeeded, so a failed build leaves the registry untouched.
        for (const { tag, command } of pushCommands(request, ctx.dockerEnv)) {
            let p = await run(command);
            // A busy or restarting registry (a reset connection, a 5xx, an upload it lost) is worth two more
            // tries; a refusal or a bad name is not. docker push sends only the layers still missing.
            for (let attempt = 2; p.code !== 0 && attempt <= PUSH_ATTEMPTS && !PUSH_FINAL.test(p.stdout + p.stderr); attempt++) {
                log(`docker push ${command.argv.at(-1)} failed (exit ${p.code}): trying again (${attempt} of ${PUSH_ATTEMPTS})`);
                await new Promise((r) => setTimeout(r, ctx.retryDelayMs ?? 2000));
                p = await run(command);
            }
            if (p.code !== 0)
                return fail(`${command.argv.join(' ')} exited with ${p.code}`);
            pushed.push(tag);
        }
    }
    return { ok: true, verdict: cacheVerdict(readBuildLog(text)) };
}
function cacheSpec(e, plan, tags) {
    if (e.cache === 'gha')
        return { kind: 'gha', scope: plan.path };
    if (e.cache === 'local')
        return { kind: 'local', ...(0,layer_cache/* localCacheDirs */.s8)(e.cacheRoot, plan.path) };
    return { kind: 'inline', from: inlineCacheSources(plan.repository, tags) };
}
/**
 * Where an inline cache can be read back from: the tags that move from build to build (branch,
 * latest) name the previous push of this image. The sha tags never name an earlier build.
 */
function inlineCacheSources(repository, tags) {
    return tags.filter((t) => !t.startsWith('sha-')).map((t) => `${repository}:${t}`);
}

// EXTERNAL MODULE: ./src/compose/model.ts
var model = __webpack_require__(44781);
// EXTERNAL MODULE: ./src/compose/model-merge.ts
var model_merge = __webpack_require__(28056);
// EXTERNAL MODULE: ./src/compose/model-resolve.ts
var model_resolve = __webpack_require__(5620);
// EXTERNAL MODULE: ./src/compose/contained-reader.ts
var contained_reader = __webpack_require__(68785);
// EXTERNAL MODULE: ./src/compose/model-env.ts + 1 modules
var model_env = __webpack_require__(89445);
;// CONCATENATED MODULE: ./src/build/compose-files.ts







/**
 * Services of a set, merged as Compose merges its files (image replaced, build merged key by key),
 * with `extends` and `include` resolved first, as validate resolves them: a service whose `build:`
 * comes from an extended or included file is built too, from that file's directory.
 * `vars`: what a path in extends.file or include may be built from.
 */
function readComposeServices(set, cwd, env = process.env, vars = {}) {
    const reader = (0,contained_reader/* containedReader */.f)(cwd, new Map(Object.entries({ ...vars, ...definedOnly(env) })), new Map());
    const trees = set.files.map((file) => buildView((0,model_resolve/* resolveComposeFile */.R)(file, (0,model/* loadComposeFile */.RC)((0,external_node_path_.resolve)(cwd, file), file), { reader, include: true })));
    const services = new Map();
    for (const [name, entry] of (0,model/* mapEntries */.Nn)((0,model/* nodeAt */.oB)((0,model_merge/* mergeComposeFiles */._)(trees), ['services']))) {
        const svc = { name };
        const image = (0,model/* nodeAt */.oB)(entry.value, ['image']);
        if (image?.kind === 'scalar' && typeof image.value === 'string') {
            svc.image = image.value;
            svc.imageLocation = image.loc;
        }
        const build = (0,model/* nodeAt */.oB)(entry.value, ['build']);
        if (build)
            svc.build = buildSpec(build, cwd, env);
        services.set(name, svc);
    }
    return services;
}
/**
 * The part of a file build reads: services that are mappings, with `build: ./dir` spelled
 * `build: {context: ./dir}` as Compose does before merging, so a later file's keys merge into it.
 */
function buildView(file) {
    const services = (0,model/* nodeAt */.oB)(file, ['services']);
    const entries = new Map();
    for (const [name, e] of (0,model/* mapEntries */.Nn)(services)) {
        if (e.value.kind !== 'map')
            continue;
        const build = e.value.entries.get('build');
        if (build?.value.kind !== 'scalar' || build.value.value === null) {
            entries.set(name, e);
            continue;
        }
        const context = { kind: 'map', loc: build.value.loc, tag: build.value.tag, entries: new Map([['context', { keyLoc: build.value.loc, value: build.value }]]) };
        entries.set(name, { keyLoc: e.keyLoc, value: { ...e.value, entries: new Map([...e.value.entries, ['build', { keyLoc: build.keyLoc, value: context }]]) } });
    }
    return { kind: 'map', loc: file.loc, entries: services ? new Map([['services', { keyLoc: file.loc, value: { kind: 'map', loc: services.loc, entries } }]]) : new Map() };
}
function definedOnly(env) {
    return Object.fromEntries(Object.entries(env).filter((e) => e[1] !== undefined));
}
function buildSpec(node, cwd, env) {
    const location = node.loc;
    if (node.kind !== 'map')
        throw new errors/* InputError */.dz('build: expected a context path or a mapping', location);
    const str = (key) => (0,model/* scalarString */.Cg)(node.entries.get(key)?.value);
    const inline = node.entries.get('dockerfile_inline');
    if (inline && (0,model/* scalarString */.Cg)(inline.value) !== undefined) {
        throw new errors/* InputError */.dz(`build.dockerfile_inline is not supported by compose-deploy build; put the Dockerfile in a file (${inline.keyLoc.file})`, location);
    }
    // A relative context is relative to the file that wrote it.
    const context = node.entries.get('context')?.value;
    const contextText = (0,model/* scalarString */.Cg)(context);
    return {
        context: (0,external_node_path_.resolve)(cwd, (0,external_node_path_.dirname)((context ?? node).loc.file), contextText ?? '.'),
        dockerfile: str('dockerfile'),
        target: str('target'),
        ...buildArgs(node.entries.get('args')?.value, env),
        location,
    };
}
/** `args:` (the list spelling is already a mapping after the merge); a bare KEY takes its value from the environment, as Compose does. */
function buildArgs(node, env) {
    const args = {};
    const argsFromEnv = [];
    for (const [key, e] of (0,model/* mapEntries */.Nn)(node)) {
        const v = e.value.kind === 'scalar' ? e.value.value : undefined;
        if (v !== null && v !== undefined)
            args[key] = String(v);
        else if (env[key] !== undefined) {
            args[key] = env[key];
            argsFromEnv.push(key);
        }
    }
    return { args, argsFromEnv };
}
/**
 * The variables of the set's env file that image names are interpolated with. A discovered set's example
 * env file is not used: image names take real values (environment, IMAGE_TAG). A configured one is read
 * as Compose v2 reads --env-file, leniently: a bad line is Compose's to report when it renders.
 */
function envFileVars(set, cwd, env) {
    if (!set.envFile || set.discovered)
        return {};
    return (0,model_env/* envValues */.Qo)((0,model_env/* readEnvFile */.SF)((0,external_node_path_.resolve)(cwd, set.envFile), set.envFile, { environment: env, skipInvalid: true }));
}

// EXTERNAL MODULE: ./src/compose/sets.ts
var sets = __webpack_require__(32395);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/build/docker-config-file.ts
function carriedConfig(user, registry) {
    const ours = (key) => hostOf(key) === registry;
    const auths = Object.fromEntries(Object.entries(user.auths ?? {}).filter(([k]) => !ours(k)));
    const credHelpers = Object.fromEntries(Object.entries(user.credHelpers ?? {}).filter(([k]) => !ours(k)));
    const { credsStore, ...rest } = user;
    // A credsStore would also receive our login, outliving the run in the user's keychain. Docker lists
    // every registry it stored there in auths (with an empty entry): pinning those to the same helper
    // keeps them readable while our registry falls back to the file.
    if (typeof credsStore === 'string' && credsStore !== '') {
        for (const key of Object.keys(auths))
            credHelpers[key] ??= credsStore;
    }
    return {
        ...rest,
        ...(Object.keys(auths).length > 0 || user.auths ? { auths } : {}),
        ...(Object.keys(credHelpers).length > 0 ? { credHelpers } : {}),
    };
}
/** `https://ghcr.io/v1/` and `ghcr.io` name the same registry in auths keys. */
function hostOf(key) {
    return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

;// CONCATENATED MODULE: ./src/build/docker-config.ts





/**
 * A throw-away DOCKER_CONFIG, so the registry credentials written by `docker login` never land in the
 * user's ~/.docker and are gone when the run ends. What the user's config holds comes along: config.json
 * (other registries' logins, credential helpers, the current context) and contexts/ are copied, private
 * to this user; the CLI plugins (buildx) and buildx's builder instances are linked, or a builder set up
 * by docker/setup-buildx-action would silently be lost.
 */
function createTempDockerConfig(env, registry, interrupts) {
    const parent = env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)();
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(parent, 'compose-deploy-docker-'));
    const stopListening = removeOnInterrupt(() => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }), interrupts);
    const remove = () => {
        stopListening();
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    };
    try {
        (0,external_node_fs_.chmodSync)(dir, 0o700);
        const userConfig = env['DOCKER_CONFIG'] || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker');
        for (const sub of ['cli-plugins', 'buildx']) {
            const from = (0,external_node_path_.join)(userConfig, sub);
            if ((0,external_node_fs_.existsSync)(from))
                (0,external_node_fs_.symlinkSync)(from, (0,external_node_path_.join)(dir, sub));
        }
        const file = (0,external_node_path_.join)(userConfig, 'config.json');
        if ((0,external_node_fs_.existsSync)(file))
            (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'config.json'), `${JSON.stringify(carriedConfig(readConfig(file), registry), null, 2)}\n`, { mode: 0o600 });
        const contexts = (0,external_node_path_.join)(userConfig, 'contexts');
        if ((0,external_node_fs_.existsSync)(contexts))
            copyPrivate(contexts, (0,external_node_path_.join)(dir, 'contexts'));
    }
    catch (err) {
        remove();
        throw err;
    }
    return { dir, env: { DOCKER_CONFIG: dir }, remove };
}
/**
 * The login in the directory must not outlive an interrupted run either: a cancelled workflow sends
 * SIGINT then SIGTERM, and Node's default for both is to die on the spot, skipping every `finally`.
 * An interruption removes it, then the process ends as the signal would; so does the process's exit.
 * Returns a function that stops listening.
 */
function removeOnInterrupt(remove, interrupts) {
    const stopInterrupts = interrupts?.listen(async () => remove());
    process.once('exit', remove);
    return () => {
        stopInterrupts?.();
        process.off('exit', remove);
    };
}
function readConfig(file) {
    let parsed;
    try {
        parsed = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch (err) {
        throw new errors/* InputError */.dz(`the Docker client config ${file} cannot be read (${err.message}); docker itself would refuse it: fix or move it`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new errors/* InputError */.dz(`the Docker client config ${file} is not a JSON object`);
    return parsed;
}
/** Context metadata and TLS material: directories 0700, files 0600, whatever the originals allowed. */
function copyPrivate(from, to) {
    (0,external_node_fs_.mkdirSync)(to, { mode: 0o700 });
    for (const entry of (0,external_node_fs_.readdirSync)(from)) {
        const src = (0,external_node_path_.join)(from, entry);
        const dest = (0,external_node_path_.join)(to, entry);
        const st = (0,external_node_fs_.statSync)(src);
        if (st.isDirectory())
            copyPrivate(src, dest);
        else if (st.isFile()) {
            (0,external_node_fs_.copyFileSync)(src, dest);
            (0,external_node_fs_.chmodSync)(dest, 0o600);
        }
    }
}

;// CONCATENATED MODULE: ./src/build/build-engine.ts



/** `store`: where the local cache persists (the action's Actions cache); without one it stays on this machine. */
async function detectEngine(runner, env, dockerEnv, store) {
    const version = await runner.run({ argv: ['docker', 'buildx', 'version'], env: dockerEnv });
    if (version.code !== 0)
        return { kind: 'classic' };
    const inspect = await runner.run({ argv: ['docker', 'buildx', 'inspect'], env: dockerEnv });
    const driver = /^Driver:\s*(\S+)/m.exec(inspect.stdout)?.[1] ?? 'unknown';
    // The default "docker" driver can only embed the cache in the image; docker/setup-buildx-action gives a docker-container one.
    if (driver === 'docker')
        return { kind: 'buildx', driver, cache: 'inline', why: dockerDriverWhy(env) };
    if ((0,layer_cache/* ghaCacheAvailable */.Yd)(env))
        return { kind: 'buildx', driver, cache: 'gha' };
    const cacheRoot = env['RUNNER_TEMP'] ? (0,external_node_path_.join)(env['RUNNER_TEMP'], 'compose-deploy-buildx-cache') : (0,external_node_path_.join)(env['XDG_CACHE_HOME'] || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache'), 'compose-deploy', 'buildx');
    return { kind: 'buildx', driver, cache: 'local', cacheRoot, store: store ?? new layer_cache/* MachineLayerCache */.Zl() };
}
/**
 * The "docker" driver (what buildx uses until a builder is created) builds in the engine itself and
 * can export a cache only inside the image it pushes. A runner offering the Actions cache gets told
 * exactly what to add to use it.
 */
function dockerDriverWhy(env) {
    return (0,layer_cache/* ghaCacheAvailable */.Yd)(env)
        ? 'the GitHub Actions cache (type=gha) needs a buildx builder with the docker-container driver, and the current builder uses the "docker" driver, which cannot write it: add docker/setup-buildx-action before this step'
        : 'the buildx "docker" driver exports no cache of its own (use docker/setup-buildx-action for a cache directory)';
}
/** The Actions cache was there to use, but the builder cannot write to it: worth a warning, not a failure. */
function cacheUnusedWarning(e, env) {
    return e.kind === 'buildx' && e.cache === 'inline' && (0,layer_cache/* ghaCacheAvailable */.Yd)(env) ? `no GitHub Actions layer cache: ${e.why}` : undefined;
}
function describeEngine(e) {
    if (e.kind === 'classic')
        return 'docker build + docker push (buildx not available; layer cache: the local Docker engine)';
    const base = `docker buildx build --push (driver ${e.driver})`;
    if (e.cache === 'gha')
        return `${base}, layer cache: GitHub Actions cache (type=gha)`;
    if (e.cache === 'local')
        return `${base}, layer cache: ${e.cacheRoot} (${e.store.description})`;
    return `${base}, layer cache: inline in the pushed image, read back through the image's moving tags (branch, latest) when it has any; ${e.why}`;
}

// EXTERNAL MODULE: ./src/config/settings.ts + 9 modules
var settings = __webpack_require__(49235);
// EXTERNAL MODULE: ./src/build/prefix.ts
var build_prefix = __webpack_require__(4074);
// EXTERNAL MODULE: ./src/config/names.ts
var names = __webpack_require__(86234);
;// CONCATENATED MODULE: ./src/build/tags.ts


/** The immutable tag every deploy and rollback names. */
function shaTag(sha) {
    if (!names/* SHA */.hG.test(sha))
        throw new errors/* InputError */.dz(`sha must be ${names/* SHA_HINT */.R9}, got ${JSON.stringify(sha)}`);
    return `sha-${sha}`;
}
function computeTags(input) {
    const primary = shaTag(input.sha);
    const all = [primary];
    const notes = [];
    const add = (t) => {
        if (!all.includes(t))
            all.push(t);
    };
    for (const extra of input.extras) {
        if (extra === 'sha-short')
            add(`sha-${input.sha.slice(0, 7)}`);
        if (extra === 'branch') {
            const tag = input.branch ? branchTag(input.branch) : undefined;
            if (!input.branch)
                notes.push('branch tag skipped: not on a branch (tag or detached commit)');
            else if (!tag)
                notes.push(`branch tag skipped: ${JSON.stringify(input.branch)} would collide with the sha or latest tags or is empty once sanitised`);
            else
                add(tag);
        }
        if (extra === 'latest') {
            // Convenience only; deploy never reads it. Only the default branch may move it.
            if (!input.defaultBranch)
                notes.push('latest skipped: default branch unknown (set build.default-branch)');
            else if (input.branch !== input.defaultBranch)
                notes.push(`latest skipped: ${input.branch ? `branch ${JSON.stringify(input.branch)}` : 'this commit'} is not the default branch ${JSON.stringify(input.defaultBranch)}`);
            else
                add('latest');
        }
    }
    return { primary, all, notes };
}
/**
 * A branch name as a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}): "feature/Login page" -> "feature-Login-page".
 * Undefined when nothing is left or it would impersonate a sha-* or latest tag.
 */
function branchTag(branch) {
    const t = branch
        .replace(/[^A-Za-z0-9_.-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128)
        .replace(/[.-]+$/, '');
    if (!t || t === 'latest' || /^sha-/.test(t))
        return undefined;
    return t;
}

;// CONCATENATED MODULE: ./src/build/build-settings.ts





/**
 * Reads build's options. The CI facts not in Settings (GITHUB_TOKEN, the event payload) come from env;
 * the CLI's fall back to git (HEAD, origin) through the runner.
 */
async function resolveBuildSettings(s, env, git) {
    const gitOut = async (...args) => {
        const r = await git.run({ argv: ['git', ...args], cwd: s.cwd });
        return r.code === 0 ? r.stdout.trim() || undefined : undefined;
    };
    const sha = s.sha ?? (await gitOut('rev-parse', '--verify', 'HEAD'));
    if (!sha)
        throw new errors/* InputError */.dz('no commit to build: pass "sha" (40 hex), or run inside a git checkout');
    const repoOption = s.option('repository');
    if (repoOption !== undefined)
        (0,build_prefix/* parseRepositorySlug */.JT)(repoOption, 'input "repository"');
    const remote = (repoOption ?? s.run.repository) ? undefined : await gitOut('config', '--get', 'remote.origin.url');
    const repository = repoOption ?? s.run.repository ?? (remote ? (0,build_prefix/* repositoryFromRemoteUrl */.mO)(remote) : undefined);
    const prefixGiven = s.option('image-prefix', s.config.imagePrefix);
    let prefix;
    if (prefixGiven !== undefined) {
        (0,build_prefix/* checkImagePrefix */.au)(prefixGiven, s.registry, 'image-prefix');
        prefix = prefixGiven;
    }
    else {
        if (!repository)
            throw new errors/* InputError */.dz('cannot tell where to push: set "image-prefix", or "repository" (owner/name), or run in a checkout whose remote "origin" is on GitHub');
        prefix = (0,build_prefix/* defaultImagePrefix */.$W)(s.registry, repository);
        try {
            (0,build_prefix/* checkImagePrefix */.au)(prefix, s.registry, 'the image prefix');
        }
        catch (err) {
            throw new errors/* InputError */.dz(`${err.message}; it was derived from the repository ${JSON.stringify(repository)}: set "image-prefix" explicitly`);
        }
    }
    const force = (0,settings/* toBool */.AF)('force', s.option('force'));
    const branch = branchOf(env) ?? (env['GITHUB_ACTIONS'] ? undefined : await gitOut('symbolic-ref', '--short', '-q', 'HEAD'));
    const defaultBranch = s.config.build?.defaultBranch ??
        eventDefaultBranch(env) ??
        (env['GITHUB_ACTIONS'] ? undefined : (await gitOut('symbolic-ref', '--short', '-q', 'refs/remotes/origin/HEAD'))?.replace(/^origin\//, ''));
    const extras = s.config.build?.tags ?? [];
    const server = env['GITHUB_SERVER_URL'] || 'https://github.com';
    const { password, from: passwordFrom } = registryPassword(s, env);
    return {
        sha,
        registry: s.registry,
        prefix,
        repository,
        username: s.registryUsername,
        password,
        passwordFrom,
        force,
        parallel: s.config.build?.parallel ?? 2,
        tags: computeTags({ sha, extras, branch, defaultBranch }),
        sourceUrl: repository ? `${server}/${repository}` : undefined,
    };
}
/** The workflow token goes to GitHub's own registry only: any other registry would receive a GitHub credential. */
const GHCR = 'ghcr.io';
/**
 * registry-password; else, for ghcr.io only, workflow-token (the action declares github.token as its
 * default, since a JavaScript action is not handed the token otherwise), then GITHUB_TOKEN from the
 * environment (how the CLI and workflows that export it pass it). Both are GitHub credentials: any
 * other registry would receive a token that can act on the repository, so it gets neither.
 */
function registryPassword(s, env) {
    if (s.registryPassword !== undefined)
        return { password: s.registryPassword, from: 'registry-password' };
    if (s.registry !== GHCR)
        return {};
    const token = s.option('workflow-token');
    if (token !== undefined)
        return { password: token, from: 'workflow-token (default: the workflow\'s github.token)' };
    if (env['GITHUB_TOKEN'])
        return { password: env['GITHUB_TOKEN'], from: 'the GITHUB_TOKEN environment variable' };
    return {};
}
/** The branch being built: the PR's head branch, else refs/heads/<name>; undefined for tags. */
function branchOf(env) {
    if (env['GITHUB_HEAD_REF'])
        return env['GITHUB_HEAD_REF'];
    const ref = env['GITHUB_REF'];
    return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}
function eventDefaultBranch(env) {
    const path = env['GITHUB_EVENT_PATH'];
    if (!path)
        return undefined;
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        return event.repository?.default_branch;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/compose/model-vars.ts
var model_vars = __webpack_require__(8040);
// EXTERNAL MODULE: ./src/compose/image-ref.ts
var image_ref = __webpack_require__(89909);
;// CONCATENATED MODULE: ./src/build/image-plan.ts





function planImages(input) {
    const notes = [];
    const byRepository = new Map();
    const vars = new Map(Object.entries(input.vars).filter((kv) => kv[1] !== undefined));
    for (const svc of [...input.prod.values()].sort((a, b) => a.name.localeCompare(b.name))) {
        if (!svc.image)
            continue;
        const missing = [];
        const value = (0,model_vars/* interpolate */.GW)(svc.image, vars, (name) => missing.push(name));
        if (missing.length > 0)
            notes.push(`service ${svc.name}: image ${JSON.stringify(svc.image)} uses unset ${missing.join(', ')}`);
        const repository = (0,image_ref/* imageRepository */.an)(value);
        if (!repository.startsWith(`${input.prefix}/`)) {
            notes.push(`service ${svc.name}: ${repository} is not under ${input.prefix}/, not built here`);
            continue;
        }
        byRepository.set(repository, [...(byRepository.get(repository) ?? []), svc.name]);
    }
    for (const name of Object.keys(input.config ?? {})) {
        if (!input.prod.has(name))
            notes.push(`build.services.${name} in the config file names no prod service; ignored`);
    }
    const images = [...byRepository].map(([repository, services]) => planOne(repository, services, input));
    return { images, notes };
}
function planOne(repository, services, input) {
    const last = repository.split('/').pop();
    // The service named like the image (api for .../api) speaks for it when several have build settings.
    const ordered = [...services].sort((a, b) => Number(b === last) - Number(a === last) || a.localeCompare(b));
    const path = repository.slice(repository.indexOf('/') + 1);
    const configFile = input.configFile ?? 'compose-deploy.yml';
    const fromConfig = ordered.map((svc) => ({ svc, c: input.config?.[svc] })).find(({ c }) => c && (c.context || c.dockerfile || c.target || c.args));
    const fromCompose = composeBuild(ordered, input);
    if (!fromConfig && !fromCompose) {
        throw new errors/* InputError */.dz(`image ${repository} (service${services.length > 1 ? 's' : ''} ${services.join(', ')}) has no build settings: add build: to the service in the dev or prod Compose files, or build.services.${ordered[0]}.context to compose-deploy.yml`, input.prod.get(ordered[0])?.imageLocation);
    }
    // The config file's keys win one by one over the Compose build: section, as a later Compose file's would.
    const c = fromConfig?.c ?? {};
    const b = fromCompose?.build;
    const from = [fromConfig && `${configFile} build.services.${fromConfig.svc}`, fromCompose && `${fromCompose.set} set, service ${fromCompose.svc} (${(0,errors/* formatLocation */.j$)(fromCompose.build.location)})`].filter(Boolean).join(' over ');
    const pathsFromConfig = c.context !== undefined || c.dockerfile !== undefined || !b;
    return finish({
        repository,
        path,
        services: ordered,
        context: c.context !== undefined ? (0,external_node_path_.resolve)(input.cwd, c.context) : (b?.context ?? input.cwd),
        dockerfile: c.dockerfile ?? b?.dockerfile,
        target: c.target ?? b?.target,
        args: { ...b?.args, ...c.args },
        // A value the config file gives is a literal, whatever Compose took from the environment.
        argsFromEnv: (b?.argsFromEnv ?? []).filter((k) => c.args?.[k] === undefined),
        from,
    }, pathsFromConfig ? { file: configFile } : b.location);
    function finish(p, where) {
        if (!(0,external_node_fs_.existsSync)(p.context) || !(0,external_node_fs_.statSync)(p.context).isDirectory()) {
            throw new errors/* InputError */.dz(`build context ${rel(p.context)} for ${repository} (from ${p.from}) is not a directory`, where);
        }
        const dockerfile = (0,external_node_path_.resolve)(p.context, p.dockerfile ?? 'Dockerfile');
        if (!(0,external_node_fs_.existsSync)(dockerfile)) {
            throw new errors/* InputError */.dz(`no Dockerfile at ${rel(dockerfile)} for ${repository} (from ${p.from}): add it or point dockerfile: at the right file`, where);
        }
        return { ...p, dockerfile };
    }
    function rel(p) {
        return (0,external_node_path_.relative)(input.cwd, p) || '.';
    }
}
/** The first Compose build: section among the image's services, prod set before dev. */
function composeBuild(ordered, input) {
    for (const [set, map] of [['prod', input.prod], ['dev', input.dev]]) {
        for (const svc of ordered) {
            const build = map?.get(svc)?.build;
            if (build)
                return { set, svc, build };
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/build/pool.ts
/** Runs fn over items with at most `limit` at a time; results keep the items' order. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
;// CONCATENATED MODULE: ./src/build/summary.ts


function resultText(o) {
    switch (o.status) {
        case 'skipped':
            return 'skipped (already pushed)';
        case 'retagged':
            return 'skipped (already pushed), tags moved';
        case 'built':
            return o.detail;
        case 'failed':
            return '**failed**';
    }
}
/**
 * What a failed image left in the registry. The sha tag is written last, so while it is missing the
 * next run builds the image again; once it is there, that run only fixes the other tags.
 */
function pushedText(o, tags) {
    const list = (ts) => ts.join(', ');
    if (o.pushed === undefined)
        return 'which tags reached the registry is unknown: it could not be asked after the failure';
    if (o.pushed.length === 0)
        return 'nothing was pushed';
    const pushed = o.pushed;
    const missing = pushOrder(tags).filter((t) => !pushed.includes(t));
    if (missing.length === 0)
        return `every tag was pushed (${list(o.pushed)})`;
    const again = missing.includes(tags[0]) ? `; without ${tags[0]} the next run builds it again` : '';
    return `pushed ${list(o.pushed)}, not ${list(missing)}${again}`;
}
/** The step summary: one row per image, then the log tail of each failure. */
function buildSummary(outcomes, tags, engine) {
    const rows = outcomes.map((o) => [
        `\`${o.plan.repository}\``,
        o.plan.services.join(', '),
        tags.map((t) => `\`${t}\``).join(' '),
        o.digest ? `\`${o.digest}\`` : '',
        (0,format/* formatBytes */.z)(o.size),
        resultText(o),
        `${o.seconds.toFixed(1)} s`,
    ].join(' | '));
    const failures = outcomes.filter((o) => o.status === 'failed').flatMap((o) => [
        '',
        `#### ${o.plan.repository} failed`,
        '',
        `${o.error ?? 'failed'} (${pushedText(o, tags)})`,
        ...(o.failingStep ? ['', `Failing step: \`${o.failingStep}\``] : []),
        ...(o.logTail?.length ? ['', `<details open><summary>last ${o.logTail.length} lines of the build log</summary>`, '', '````text', ...o.logTail, '````', '</details>'] : []),
    ]);
    return [
        '### Images',
        '',
        `Engine: ${engine}`,
        '',
        '| image | services | tags | digest | size | result | time |',
        '|---|---|---|---|---|---|---|',
        ...rows.map((r) => `| ${r} |`),
        ...failures,
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/build/build-command.ts
















/** `build`: every image the prod stack runs, tagged by commit, pushed once (issue: build). */
async function buildCommand(settings, reporter, services = {}) {
    const env = services.env ?? process.env;
    const runner = services.runner ?? new local_runner/* LocalRunner */.Q();
    const opts = await resolveBuildSettings(settings, env, runner);
    if (opts.password)
        reporter.secret(opts.password);
    const images = planFor(settings, opts, env, reporter);
    // A value taken from the runner's environment (often a token) never reaches a command line; BuildKit
    // still shows a RUN step with its args expanded, so the log masks it like any secret.
    for (const image of images)
        for (const k of image.argsFromEnv)
            if (image.args[k])
                reporter.secret(image.args[k]);
    const tagList = opts.tags.all.join(', ');
    for (const note of opts.tags.notes)
        reporter.info(note);
    reporter.info(`${images.length} image${images.length === 1 ? '' : 's'} under ${opts.prefix}, tags ${tagList}`);
    const baseOutputs = { 'image-tag': opts.tags.primary };
    if (images.length === 0) {
        reporter.warning(`no prod service has an image under ${opts.prefix}/: nothing to build (check image-prefix and the prod Compose files)`);
        return { ok: true, outputs: { ...baseOutputs, images: '{}' }, summary: `### Images\n\nNo prod service uses an image under \`${opts.prefix}/\`.\n` };
    }
    if (settings.dryRun)
        return dryRun(images, opts, reporter);
    if (!opts.username || !opts.password) {
        throw new errors/* InputError */.dz(`build needs registry credentials: set "registry-username" (default: GITHUB_ACTOR) and "registry-password" (default, for ghcr.io only: the workflow token, else the GITHUB_TOKEN environment variable)${opts.username ? '' : '; the user is missing'}${opts.password ? '' : '; the password is missing'}`);
    }
    const registry = new RegistryClient(opts.registry, { username: opts.username, password: opts.password });
    // A re-run on an unchanged commit needs only the registry's answer: no builder check, no docker login.
    const found = opts.force ? undefined : await pushedManifests(registry, images, opts.tags.primary);
    if (found && images.every((p) => found.get(p.path))) {
        reporter.info(`every image is already in the registry as ${opts.tags.primary}: nothing to build, so no builder check and no docker login`);
        const skipCtx = { registry, tags: opts.tags.all };
        const outcomes = await forEachImage(images, images.length, reporter, (p, log) => skipPushed(skipCtx, p, found.get(p.path), log));
        return result(outcomes, opts, 'not needed: every image was already pushed');
    }
    const engine = await detectEngine(runner, env, {}, services.layerCache);
    const engineText = describeEngine(engine);
    reporter.info(`engine: ${engineText}`);
    const cacheWarning = cacheUnusedWarning(engine, env);
    if (cacheWarning)
        reporter.warning(cacheWarning);
    const docker = createTempDockerConfig(env, opts.registry, services.interrupts);
    try {
        await login(runner, opts, docker.dir);
        reporter.info(`logged in to ${opts.registry} as ${opts.username} with ${opts.passwordFrom} (credentials in a temporary DOCKER_CONFIG, removed at the end)`);
        const ctx = {
            runner,
            registry,
            engine,
            tags: opts.tags.all,
            labels: ociLabels({ sha: opts.sha, source: opts.sourceUrl, created: new Date().toISOString(), version: opts.tags.primary }),
            force: opts.force,
            dockerEnv: docker.env,
            sha: opts.sha,
        };
        const outcomes = await forEachImage(images, opts.parallel, reporter, (p, log) => buildImage(ctx, p, log, found && { digest: found.get(p.path)?.digest }));
        return result(outcomes, opts, engineText);
    }
    finally {
        docker.remove();
    }
}
function planFor(settings, opts, env, reporter) {
    // The sets validate and deploy use; without a prod file the base file alone is the prod set.
    const prodFiles = (0,sets/* prodSet */.SK)(settings);
    const devFiles = (0,sets/* devSet */.Y3)(settings);
    reporter.info(`prod Compose files (${prodFiles.discovered ? 'conventional' : 'config'}): ${prodFiles.files.join(', ')}`);
    const envFile = envFileVars(prodFiles, settings.cwd, env);
    const prod = readComposeServices(prodFiles, settings.cwd, env, envFile);
    const dev = devFiles ? readComposeServices(devFiles, settings.cwd, env, envFileVars(devFiles, settings.cwd, env)) : undefined;
    const plan = planImages({
        prefix: opts.prefix,
        prod,
        dev,
        config: settings.config.build?.services,
        vars: { ...envFile, ...env, IMAGE_TAG: opts.tags.primary },
        cwd: settings.cwd,
        configFile: settings.configPath ? (0,external_node_path_.relative)(settings.cwd, settings.configPath) : undefined,
    });
    for (const note of plan.notes)
        reporter.info(note);
    return plan.images;
}
async function login(runner, opts, configDir) {
    const res = await runner.run(dockerLoginCommand(opts.registry, opts.username, opts.password, { configDir }));
    if (res.code === 0)
        return;
    const said = (res.stderr || res.stdout).trim().split('\n').at(-1) ?? '';
    if (res.code === 127)
        throw new errors/* OperationError */.OK(`docker is not installed or not on PATH (${said})`);
    const refused = /unauthorized|denied|incorrect username or password|401|403/i.test(said);
    throw new errors/* OperationError */.OK(refused
        ? `registry login refused: ${opts.registry} did not accept user "${opts.username}" with ${opts.passwordFrom} (docker login said: ${said}). Check registry-username and registry-password; for GHCR the token needs packages: write`
        : `docker login to ${opts.registry} as "${opts.username}" failed (exit ${res.code}): ${said}`);
}
/**
 * The primary tag's manifest of every image (undefined: not pushed), asked in parallel: one GET
 * gives both the digest and the size. Undefined when the registry cannot be asked here: the build
 * path then logs in and says what is wrong.
 */
async function pushedManifests(registry, images, tag) {
    try {
        const manifests = await Promise.all(images.map((p) => registry.getManifest(p.path, tag)));
        return new Map(images.map((p, i) => [p.path, manifests[i]]));
    }
    catch {
        return undefined;
    }
}
async function forEachImage(images, parallel, reporter, fn) {
    const title = (p) => `build ${p.repository} (${p.services.join(', ')})`;
    if (parallel === 1 || images.length === 1) {
        const out = [];
        for (const p of images)
            out.push(await reporter.group(title(p), () => fn(p, (l) => reporter.info(l))));
        return out;
    }
    // Parallel images would interleave their lines; each image's log is printed whole, in its own group, when it ends.
    let printing = Promise.resolve();
    return mapLimit(images, parallel, async (p) => {
        const lines = [];
        const outcome = await fn(p, (l) => lines.push(l));
        printing = printing.then(() => reporter.group(title(p), async () => lines.forEach((l) => reporter.info(l))));
        await printing;
        return outcome;
    });
}
function result(outcomes, opts, engineText) {
    const images = {};
    for (const o of outcomes)
        if (o.digest)
            for (const s of o.plan.services)
                images[s] = { image: o.plan.repository, tag: opts.tags.primary, digest: o.digest };
    const failed = outcomes.filter((o) => o.status === 'failed');
    return {
        ok: failed.length === 0,
        outputs: { images: JSON.stringify(images), 'image-tag': opts.tags.primary },
        summary: buildSummary(outcomes, opts.tags.all, engineText),
        ...(failed.length > 0
            ? { message: failed.map((o) => `${o.plan.repository}: ${o.error ?? 'failed'}${o.failingStep ? ` (failing step: ${o.failingStep})` : ''}; ${pushedText(o, opts.tags.all)}`).join('. ') + '.' }
            : {}),
    };
}
function dryRun(images, opts, reporter) {
    const lines = [`dry-run: would log in with ${(0,runner/* shellText */.o0)(dockerLoginCommand(opts.registry, opts.username ?? '<user>', '', {}))} (password on stdin)`];
    for (const p of images) {
        const request = { repository: p.repository, tags: opts.tags.all, context: p.context, dockerfile: p.dockerfile, target: p.target, args: p.args, labels: {} };
        lines.push(`${p.repository} (${p.services.join(', ')}), from ${p.from}${opts.force ? '' : `, unless ${opts.tags.primary} is already pushed`}:`);
        lines.push(`  ${(0,runner/* shellText */.o0)(classicBuildCommand(request))}`, ...pushCommands(request).map(({ command }) => `  ${(0,runner/* shellText */.o0)(command)}`));
        lines.push(`  or with buildx: ${(0,runner/* shellText */.o0)(buildxCommand(request, { kind: 'none' }))}`);
    }
    reporter.info(lines.join('\n'));
    return { ok: true, outputs: { 'dry-run': 'true', 'image-tag': opts.tags.primary, images: '{}' } };
}


/***/ }),

/***/ 12011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Sizes as people read them in logs and summaries: 512 B, 1.5 KiB, 62.0 MiB. */
function formatBytes(n) {
    if (n === undefined)
        return '';
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB'];
    let v = n / 1024;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
    }
    return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
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


/***/ }),

/***/ 97866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ quoteArg),
/* harmony export */   r: () => (/* binding */ quoteArgv)
/* harmony export */ });
/**
 * The one function that turns an argument into text for a remote POSIX shell. Every remote
 * command goes through quoteArgv; nothing else in the code base builds shell text from values.
 *
 * Single quotes make every byte literal in sh except the single quote itself, which is written
 * as '\'' (close, escaped quote, reopen). Plain words are left bare only when made of characters
 * that no shell treats specially, so plans stay readable.
 */
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;
function quoteArg(arg) {
    if (typeof arg !== 'string')
        throw new TypeError(`remote argument must be a string, got ${typeof arg}`);
    if (arg.includes('\0'))
        throw new Error('remote argument contains a NUL byte, which no shell can carry');
    if (arg === '')
        return "''";
    // A leading '=' or '~' would still be expanded by some shells in some positions.
    if (BARE.test(arg) && !arg.startsWith('~') && !arg.startsWith('='))
        return arg;
    return `'${arg.replace(/'/g, `'\\''`)}'`;
}
function quoteArgv(argv) {
    if (argv.length === 0)
        throw new Error('empty command');
    return argv.map(quoteArg).join(' ');
}


/***/ }),

/***/ 41814:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RT: () => (/* binding */ tail),
/* harmony export */   X4: () => (/* binding */ runChecked),
/* harmony export */   nk: () => (/* binding */ CommandFailed),
/* harmony export */   o0: () => (/* binding */ shellText)
/* harmony export */ });
/* harmony import */ var _quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97866);

/** The exact text a POSIX shell receives for this command (also what dry-run prints). */
function shellText(cmd) {
    const envWords = Object.entries(cmd.env ?? {}).map(([k, v]) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
            throw new Error(`invalid environment variable name ${JSON.stringify(k)}`);
        return `${k}=${v}`;
    });
    const body = (0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteArgv */ .r)(envWords.length > 0 ? ['env', ...envWords, ...cmd.argv] : cmd.argv);
    return cmd.cwd ? `cd ${(0,_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteArg */ .X)(cmd.cwd)} && ${body}` : body;
}
/** Runs a command and insists on exit code 0; the error carries the tail of its output. */
async function runChecked(runner, cmd, what, options) {
    const res = await runner.run(cmd, options);
    if (res.code !== 0)
        throw new CommandFailed(what, runner.where, res);
    return res;
}
class CommandFailed extends Error {
    what;
    where;
    result;
    name = 'CommandFailed';
    constructor(what, where, result) {
        super(`${what} failed on ${where} (exit ${result.code})${tail(result.stderr || result.stdout)}`);
        this.what = what;
        this.where = where;
        this.result = result;
    }
}
function tail(text, lines = 20) {
    const t = text.trimEnd();
    if (!t)
        return '';
    return `:\n${t.split('\n').slice(-lines).join('\n')}`;
}


/***/ })

};
