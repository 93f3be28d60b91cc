import { createHash, createHmac } from 'node:crypto';

/**
 * known_hosts matching, as OpenSSH does it: plain or hashed (|1|salt|hash) host fields, [host]:port
 * for non-22 ports, wildcards and negation, @revoked. A host key is accepted only when its exact
 * key blob is listed for this host; ssh-keyscan at deploy time would be trust-on-first-use.
 */
export interface KnownHostEntry {
  marker?: '@revoked' | '@cert-authority';
  hosts: string;
  keyType: string;
  key: Buffer;
  line: number;
}

export function parseKnownHosts(text: string): { entries: KnownHostEntry[]; problems: string[] } {
  const entries: KnownHostEntry[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (parts[0] === '@revoked' || parts[0] === '@cert-authority') marker = parts.shift() as KnownHostEntry['marker'];
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
export function hostLookupName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function hostFieldMatches(field: string, lookup: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(lookup).digest('base64');
    return digest === hash;
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    const p = negated ? pattern.slice(1) : pattern;
    if (globMatch(p.toLowerCase(), lookup.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\[/g, '\\[').replace(/\]/g, '\\]').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(text);
}

/** The algorithm name stored at the start of an SSH public key blob. */
export function keyTypeOfBlob(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || blob.length < 4 + len) return undefined;
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** SHA256:<base64 without padding>, as ssh-keygen -lf prints. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export type HostKeyVerdict = { ok: true } | { ok: false; reason: string };

export interface HostKeyPin {
  /** known_hosts text, or its entries already parsed. */
  knownHosts?: string | readonly KnownHostEntry[];
  fingerprint?: string;
}

const entriesOf = (kh: string | readonly KnownHostEntry[] | undefined): readonly KnownHostEntry[] =>
  typeof kh === 'string' || kh === undefined ? parseKnownHosts(kh ?? '').entries : kh;

export function verifyHostKey(pin: HostKeyPin, host: string, port: number, presented: Buffer): HostKeyVerdict {
  const lookup = hostLookupName(host, port);
  const got = `${keyTypeOfBlob(presented) ?? 'unknown'} ${fingerprintOf(presented)}`;
  if (pin.fingerprint !== undefined) {
    if (normaliseFingerprint(pin.fingerprint) === fingerprintOf(presented)) return { ok: true };
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
  if (plain.some((e) => e.key.equals(presented))) return { ok: true };
  return {
    ok: false,
    reason: `host key for ${lookup} did not match known-hosts: the server presented ${got}, known-hosts lists ${plain.map((e) => `${e.keyType} ${fingerprintOf(e.key)}`).join(', ')}. Someone may be impersonating the host, or its key changed: verify it before updating known-hosts`,
  };
}

function normaliseFingerprint(fp: string): string {
  return fp.replace(/=+$/, '');
}

/**
 * The host key algorithms to offer, so the server presents a key type we have pinned
 * (a server with ed25519 and rsa keys would otherwise pick one we may not know).
 */
export function pinnedHostKeyAlgorithms(knownHosts: string | readonly KnownHostEntry[], host: string, port: number): string[] | undefined {
  const lookup = hostLookupName(host, port);
  const types = new Set(
    entriesOf(knownHosts).filter((e) => e.marker === undefined && hostFieldMatches(e.hosts, lookup)).map((e) => e.keyType),
  );
  if (types.size === 0) return undefined;
  const algs: string[] = [];
  for (const t of types) {
    if (t === 'ssh-rsa') algs.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
    else algs.push(t);
  }
  return algs;
}
