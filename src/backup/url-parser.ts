/**
 * An awk program run on the host: reads one postgres:// URL on stdin and prints libpq's variables
 * (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE...) one KEY=value a line, percent-decoded,
 * as `docker run --env-file` reads them. The URL arrives on stdin and leaves in a file: it is never
 * an argument of any process. Exit 3: not a postgres:// URL.
 */
export const PG_URL_TO_ENV_AWK = `
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
