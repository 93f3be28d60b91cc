export const id = 425;
export const ids = [425];
export const modules = {

/***/ 38959:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ hostScript)
/* harmony export */ });
/**
 * A fixed host script as a Command: `sh -c BODY compose-deploy-NAME ARG...`. The name shows in the
 * host's process list; every variable part is a positional argument, quoted like any other. A loop
 * kept in the script (a health wait, a poll) costs one SSH round trip however many turns it takes.
 */
const hostScript = (name, body, args, stdin) => ({
    argv: ['sh', '-c', body, `compose-deploy-${name}`, ...args],
    stdin,
});


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


/***/ }),

/***/ 81456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ connectHost)
/* harmony export */ });
/* harmony import */ var _ssh_runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(81191);

/** The one place commands open a real connection to a host: SSH, host key pinned. */
const connectHost = async (target, reporter) => {
    reporter.info(`connecting to ${target.user}@${target.host}:${target.port}`);
    return _ssh_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .SshRunner */ .Z.connect(target, reporter);
};


/***/ }),

/***/ 62979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hj: () => (/* binding */ verifyHostKey),
/* harmony export */   _V: () => (/* binding */ pinnedHostKeyAlgorithms),
/* harmony export */   uJ: () => (/* binding */ parseKnownHosts)
/* harmony export */ });
/* unused harmony exports hostLookupName, hostFieldMatches, keyTypeOfBlob, fingerprintOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

function parseKnownHosts(text) {
    const entries = [];
    const problems = [];
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const parts = line.split(/\s+/);
        let marker;
        if (parts[0] === '@revoked' || parts[0] === '@cert-authority')
            marker = parts.shift();
        const [hosts, keyType, b64] = parts;
        if (!hosts || !keyType || !b64 || !/^[A-Za-z0-9+/]+=*$/.test(b64)) {
            problems.push(`line ${i + 1}: not a known_hosts line (expected "host key-type base64-key")`);
            return;
        }
        const key = Buffer.from(b64, 'base64');
        if (keyTypeOfBlob(key) !== keyType) {
            problems.push(`line ${i + 1}: key type ${keyType} does not match the key data`);
            return;
        }
        entries.push({ marker, hosts, keyType, key, line: i + 1 });
    });
    return { entries, problems };
}
/** The name OpenSSH looks up: "host" on port 22, "[host]:port" otherwise. */
function hostLookupName(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}
function hostFieldMatches(field, lookup) {
    if (field.startsWith('|1|')) {
        const [, , salt, hash] = field.split('|');
        if (!salt || !hash)
            return false;
        const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha1', Buffer.from(salt, 'base64')).update(lookup).digest('base64');
        return digest === hash;
    }
    let matched = false;
    for (const pattern of field.split(',')) {
        const negated = pattern.startsWith('!');
        const p = negated ? pattern.slice(1) : pattern;
        if (globMatch(p.toLowerCase(), lookup.toLowerCase())) {
            if (negated)
                return false;
            matched = true;
        }
    }
    return matched;
}
function globMatch(pattern, text) {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\[/g, '\\[').replace(/\]/g, '\\]').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    return re.test(text);
}
/** The algorithm name stored at the start of an SSH public key blob. */
function keyTypeOfBlob(blob) {
    if (blob.length < 4)
        return undefined;
    const len = blob.readUInt32BE(0);
    if (len === 0 || len > 64 || blob.length < 4 + len)
        return undefined;
    return blob.subarray(4, 4 + len).toString('latin1');
}
/** SHA256:<base64 without padding>, as ssh-keygen -lf prints. */
function fingerprintOf(blob) {
    return `SHA256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
const entriesOf = (kh) => typeof kh === 'string' || kh === undefined ? parseKnownHosts(kh ?? '').entries : kh;
function verifyHostKey(pin, host, port, presented) {
    const lookup = hostLookupName(host, port);
    const got = `${keyTypeOfBlob(presented) ?? 'unknown'} ${fingerprintOf(presented)}`;
    if (pin.fingerprint !== undefined) {
        if (normaliseFingerprint(pin.fingerprint) === fingerprintOf(presented))
            return { ok: true };
        return { ok: false, reason: `host key for ${lookup} did not match host-key-fingerprint: the server presented ${got}, expected ${pin.fingerprint}` };
    }
    const forHost = entriesOf(pin.knownHosts).filter((e) => hostFieldMatches(e.hosts, lookup));
    if (forHost.some((e) => e.marker === '@revoked' && e.key.equals(presented))) {
        return { ok: false, reason: `host key for ${lookup} is marked @revoked in known-hosts (${got})` };
    }
    const plain = forHost.filter((e) => e.marker === undefined);
    if (plain.length === 0) {
        return { ok: false, reason: `known-hosts has no entry for ${lookup} (the server presented ${got}); add the line \`ssh-keyscan -p ${port} ${host}\` prints, after checking it out of band` };
    }
    if (plain.some((e) => e.key.equals(presented)))
        return { ok: true };
    return {
        ok: false,
        reason: `host key for ${lookup} did not match known-hosts: the server presented ${got}, known-hosts lists ${plain.map((e) => `${e.keyType} ${fingerprintOf(e.key)}`).join(', ')}. Someone may be impersonating the host, or its key changed: verify it before updating known-hosts`,
    };
}
function normaliseFingerprint(fp) {
    return fp.replace(/=+$/, '');
}
/**
 * The host key algorithms to offer, so the server presents a key type we have pinned
 * (a server with ed25519 and rsa keys would otherwise pick one we may not know).
 */
function pinnedHostKeyAlgorithms(knownHosts, host, port) {
    const lookup = hostLookupName(host, port);
    const types = new Set(entriesOf(knownHosts).filter((e) => e.marker === undefined && hostFieldMatches(e.hosts, lookup)).map((e) => e.keyType));
    if (types.size === 0)
        return undefined;
    const algs = [];
    for (const t of types) {
        if (t === 'ssh-rsa')
            algs.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
        else
            algs.push(t);
    }
    return algs;
}


/***/ }),

/***/ 26630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ remoteSettings)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89028);


/** The remote commands' required inputs, checked together so one run names every missing one. */
function remoteSettings(s) {
    const missing = [];
    if (!s.host)
        missing.push('"host" (config host.address)');
    if (!s.user)
        missing.push('"user" (config host.user)');
    if (!s.sshPrivateKey)
        missing.push('"ssh-private-key" (CLI: --ssh-private-key-file)');
    if (!s.deployPath)
        missing.push('"deploy-path" (config host.path)');
    if (missing.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`command "${s.command}" needs ${missing.length === 1 ? 'input' : 'inputs'} ${missing.join(', ')}; set ${missing.length === 1 ? 'it' : 'them'} as action inputs, CLI flags, COMPOSE_DEPLOY_* variables or in the config file`);
    }
    // A missing or malformed pin is bad input: caught here, before anything (a GitHub deployment, a connection) starts.
    const target = (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_1__/* .sshTarget */ .o)({
        host: s.host,
        port: s.port,
        user: s.user,
        privateKey: s.sshPrivateKey,
        passphrase: s.sshPassphrase,
        knownHosts: s.knownHosts,
        fingerprint: s.hostKeyFingerprint,
        insecureSkipHostKeyCheck: s.insecureSkipHostKeyCheck,
    });
    return { deployPath: s.deployPath, target };
}


/***/ }),

/***/ 81191:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ SshRunner),
/* harmony export */   p: () => (/* binding */ ConnectionLost)
/* harmony export */ });
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_ssh__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(19487);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _runner_runner_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41814);
/* harmony import */ var _known_hosts_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(62979);
/* harmony import */ var _ssh_target_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(89028);







const CONNECT_ATTEMPTS = 3;
const CONNECT_TIMEOUT_MS = 20_000;
/** A TCP connection with Nagle's algorithm off, for ssh2 to run its handshake on. */
function openSocket(host, port, timeoutMs) {
    return new Promise((resolve, reject) => {
        const sock = (0,node_net__WEBPACK_IMPORTED_MODULE_1__.connect)({ host, port, noDelay: true });
        const timer = setTimeout(() => {
            sock.destroy();
            reject(new Error(`Timed out while connecting to ${host}:${port}`));
        }, timeoutMs);
        sock.once('connect', () => {
            clearTimeout(timer);
            resolve(sock);
        });
        sock.once('error', (err) => {
            clearTimeout(timer);
            reject(err);
        });
    });
}
/**
 * One SSH connection per run, reused by every step. Connecting is retried with backoff
 * (it is idempotent); commands never are. A host key that does not match aborts before
 * any command runs.
 */
/** The SSH connection to the host went away in the middle of a command (the network, the host, its sshd). */
class ConnectionLost extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .OK {
    where;
    constructor(where) {
        super(`the SSH connection to ${where} was lost`);
        this.where = where;
    }
}
class SshRunner {
    ssh;
    where;
    roundTrips = 0;
    constructor(ssh, target) {
        this.ssh = ssh;
        this.where = `${target.user}@${target.host}:${target.port}`;
    }
    /** Commands sent so far: one SSH round trip each. */
    get commandCount() {
        return this.roundTrips;
    }
    static async connect(target, reporter) {
        const pinned = pinnedEntries(target, reporter);
        let lastError;
        for (let attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt++) {
            let hostKeyProblem;
            const ssh = new node_ssh__WEBPACK_IMPORTED_MODULE_2__/* .NodeSSH */ .H();
            let sock;
            try {
                // Every step is a small request answered by a small reply: with Nagle's algorithm on, the
                // handshake and each round trip also waited for delayed ACKs (connect 210 ms and 50-90 ms a
                // step here, against 37 ms and 3-7 ms with it off, as OpenSSH's client has it).
                sock = await openSocket(target.host, target.port, CONNECT_TIMEOUT_MS);
                await ssh.connect({
                    sock,
                    host: target.host,
                    port: target.port,
                    username: target.user,
                    privateKey: target.privateKey,
                    passphrase: target.passphrase,
                    readyTimeout: 20_000,
                    keepaliveInterval: 10_000,
                    keepaliveCountMax: 6,
                    algorithms: hostKeyAlgorithms(pinned, target),
                    hostVerifier: (key) => {
                        if (target.insecureSkipHostKeyCheck)
                            return true;
                        const verdict = (0,_known_hosts_js__WEBPACK_IMPORTED_MODULE_5__/* .verifyHostKey */ .Hj)({ knownHosts: pinned, fingerprint: target.fingerprint }, target.host, target.port, key);
                        if (!verdict.ok)
                            hostKeyProblem = verdict.reason;
                        return verdict.ok;
                    },
                });
                return new SshRunner(ssh, target);
            }
            catch (err) {
                ssh.dispose();
                sock?.destroy();
                if (hostKeyProblem)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .OK(`${hostKeyProblem}. Nothing was run on the host.`);
                const msg = err.message ?? String(err);
                if (/authentication methods failed|All configured authentication/i.test(msg)) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .OK(`SSH login as ${target.user}@${target.host}:${target.port} was refused: the key in ssh-private-key is not authorized for that user. Nothing was run on the host.`);
                }
                if (/passphrase|Cannot parse privateKey|Unsupported key format|privateKey/i.test(msg)) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`ssh-private-key could not be read: ${msg}. Pass the whole key (-----BEGIN ... -----END ...) and ssh-passphrase if it is encrypted`);
                }
                lastError = err;
                if (attempt < CONNECT_ATTEMPTS) {
                    reporter.info(`SSH connect to ${target.host}:${target.port} failed (${msg}); retrying (${attempt}/${CONNECT_ATTEMPTS})`);
                    await new Promise((r) => setTimeout(r, 1000 * 2 ** (attempt - 1)));
                }
            }
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OperationError */ .OK(`could not connect to ${target.host}:${target.port} over SSH after ${CONNECT_ATTEMPTS} attempts: ${lastError?.message ?? lastError}`);
    }
    async run(cmd, options) {
        // Private environment would become text of the remote command line: never sent.
        if (cmd.privateEnv)
            throw new Error('a command with private environment cannot run over SSH');
        this.roundTrips++;
        // execCommand, not exec: exec rejects whenever the command writes to stderr; the exit code is what counts.
        const res = await this.ssh.execCommand((0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_4__/* .shellText */ .o0)(cmd), {
            stdin: cmd.stdin,
            onStdout: options?.onStdout ? (b) => options.onStdout(b.toString()) : undefined,
            onStderr: options?.onStderr ? (b) => options.onStderr(b.toString()) : undefined,
        });
        // A null code means the remote process died from a signal or the channel closed: a failure, and
        // when the connection itself is gone, one no later command can answer: said as such.
        if (res.code === null && !this.ssh.isConnected())
            throw new ConnectionLost(this.where);
        return { code: res.code ?? 255, stdout: res.stdout, stderr: res.stderr };
    }
    /** Its own channel, not execCommand: execCommand turns output into text, which would corrupt a dump. */
    async runStream(cmd, io) {
        this.roundTrips++;
        const connection = this.ssh.connection;
        if (!connection)
            throw new Error(`not connected to ${this.where}`);
        // The exit and close listeners go on inside exec's callback: a short command's data, exit status and
        // close can arrive in the same read as the channel's opening, and ssh2 emits them right after the
        // callback, before an `await` would resume. Events nobody listened for then are lost, and the
        // command's promise never settles.
        const { channel, exited, closed } = await new Promise((resolve, reject) => connection.exec((0,_runner_runner_js__WEBPACK_IMPORTED_MODULE_4__/* .shellText */ .o0)(cmd), (err, ch) => {
            if (err)
                return reject(err);
            resolve({
                channel: ch,
                exited: new Promise((done) => ch.on('exit', (code) => done(code ?? 255))),
                closed: new Promise((done) => ch.on('close', () => done())),
            });
        }));
        let stderr = '';
        let stdout = '';
        // Read to their end (ssh2 ends both at the channel's EOF or close): output that came before a
        // listener waits in the stream, and is only complete once it has been read.
        const flows = [readAll(channel.stderr).then((t) => (stderr = t))];
        if (io.sink)
            flows.push((0,node_stream_promises__WEBPACK_IMPORTED_MODULE_0__.pipeline)(channel, io.sink));
        else
            flows.push(readAll(channel).then((t) => (stdout = t)));
        if (io.source)
            flows.push((0,node_stream_promises__WEBPACK_IMPORTED_MODULE_0__.pipeline)(io.source, channel));
        else
            channel.end();
        const [code] = await Promise.all([exited, closed, ...flows]);
        return { code, stdout, stderr };
    }
    async close() {
        this.ssh.dispose();
    }
}
/** Everything a stream gives until its end (or close); listening only, so a duplex keeps its other side. */
function readAll(stream) {
    return new Promise((resolve, reject) => {
        let text = '';
        stream.on('data', (b) => (text += b.toString()));
        stream.once('end', () => resolve(text));
        stream.once('close', () => resolve(text));
        stream.once('error', reject);
    });
}
/**
 * The host key entries to verify against (undefined with a fingerprint pin or when verification is
 * skipped, which is said as a warning); the pin itself was parsed with the settings (sshTarget).
 */
function pinnedEntries(target, reporter) {
    if (target.insecureSkipHostKeyCheck) {
        reporter.warning(`insecure-skip-host-key-check is true: the host key of ${target.host} is NOT verified, so anyone on the network path could impersonate it. Pin it with known-hosts instead.`);
        return undefined;
    }
    (0,_ssh_target_js__WEBPACK_IMPORTED_MODULE_6__/* .refuseUnpinned */ .Q)(target);
    return target.knownHosts;
}
function hostKeyAlgorithms(pinned, target) {
    const serverHostKey = pinned && (0,_known_hosts_js__WEBPACK_IMPORTED_MODULE_5__/* .pinnedHostKeyAlgorithms */ ._V)(pinned, target.host, target.port);
    return serverHostKey ? { serverHostKey } : undefined;
}


/***/ }),

/***/ 89028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ refuseUnpinned),
/* harmony export */   o: () => (/* binding */ sshTarget)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _known_hosts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62979);


/**
 * Checks the host key pin and parses known_hosts, before anything (a GitHub deployment, a connection)
 * starts: a missing or malformed pin is bad input. With insecure-skip-host-key-check the pin is not read.
 */
function sshTarget(input) {
    const { knownHosts, ...rest } = input;
    if (input.insecureSkipHostKeyCheck)
        return rest;
    refuseUnpinned(input);
    if (!knownHosts)
        return rest;
    const { entries, problems } = (0,_known_hosts_js__WEBPACK_IMPORTED_MODULE_1__/* .parseKnownHosts */ .uJ)(knownHosts);
    if (problems.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`known-hosts: ${problems.join('; ')}`);
    if (entries.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('known-hosts holds no key lines');
    return { ...rest, knownHosts: entries };
}
/** Neither known-hosts nor a fingerprint, and verification not skipped: refused. */
function refuseUnpinned(target) {
    if (target.insecureSkipHostKeyCheck || target.knownHosts || target.fingerprint)
        return;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('missing input "known-hosts" (or "host-key-fingerprint"): the host key must be pinned. Get it with `ssh-keyscan -p PORT HOST`, check it out of band, and store it as a secret or variable');
}


/***/ })

};
