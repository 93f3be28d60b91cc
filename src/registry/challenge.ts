/**
 * WWW-Authenticate parsing (RFC 7235). A registry answers 401 with the scheme it wants:
 * `Basic realm="..."` (distribution with htpasswd) or
 * `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"` (GHCR, Docker Hub).
 */
export interface AuthChallenge {
  /** Lower-cased: "basic", "bearer", ... */
  scheme: string;
  params: Record<string, string>;
}

export function parseChallenges(header: string): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  let i = 0;
  const skip = (re: RegExp) => {
    while (i < header.length && re.test(header[i]!)) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < header.length && /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  const quoted = (): string => {
    let v = '';
    i++; // opening quote
    while (i < header.length && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < header.length) i++;
      v += header[i++];
    }
    i++; // closing quote
    return v;
  };
  // Unquoted values should be tokens, but servers write URLs unquoted too: read up to the next comma.
  const bare = (): string => {
    const start = i;
    while (i < header.length && !/[\s,]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  while (i < header.length) {
    skip(/[\s,]/);
    const scheme = token();
    if (!scheme) break;
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
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
