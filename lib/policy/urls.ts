// Redirect URI parsing shared by the rules, the form schema and the token endpoint.
// Pure: WHATWG URL is available in browsers and Node alike.

/**
 * Splits the seed's comma-separated URL list (ImpersonateLoginUrl, ImpersonateLogoutUrl:
 * "Comma-separated list; exact match required.", seed 000) into trimmed entries,
 * dropping empty ones. The entries are compared exactly by the authorization endpoint.
 */
export function parseUrlList(s: string | null): string[] {
  if (s === null || s === "") return [];
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const comma = s.indexOf(",", start);
    const entry = (comma === -1 ? s.slice(start) : s.slice(start, comma)).trim();
    if (entry !== "") out.push(entry);
    if (comma === -1) return out;
    start = comma + 1;
  }
}

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * True for the loopback hosts of RFC 8252 §7.3 (127.0.0.0/8 and [::1]) and for
 * "localhost" (RFC 8252 §8.3 calls it NOT RECOMMENDED but it works the same way).
 * Accepts a URL `hostname` (IPv6 in brackets) or a bare IPv6 literal.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === "localhost" || h === "[::1]" || h === "::1" || IPV4_LOOPBACK.test(h);
}

/** Everything the rules need to know about one registered URI, computed once. */
export interface UrlFacts {
  readonly raw: string;
  /** An absolute URI (RFC 6749 §3.1.2, RFC 3986 §4.3) that `new URL` parses. */
  readonly absolute: boolean;
  /** Contains whitespace or control characters, which no URI may (RFC 3986 §2). */
  readonly whitespace: boolean;
  /** Lower-case scheme without ":"; "" when not absolute. */
  readonly scheme: string;
  /** URL hostname ("" when not absolute or none). */
  readonly host: string;
  readonly loopback: boolean;
  readonly wildcard: boolean;
  /** Any "#", even an empty fragment: RFC 6749 §3.1.2 forbids the component. */
  readonly fragment: boolean;
}

const WHITESPACE_OR_CONTROL = /[\s\x00-\x1F\x7F]/;
// RFC 3986 §3.1 scheme; without one WHATWG URL fails without a base, so no need to try.
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

// Fast path for the usual registered URI, http(s)://host[:port][/path][?query][#fragment]:
// for this shape `new URL` cannot fail and only lower-cases the host, so the result is
// the same without allocating a URL or throwing (a fleet lint sees ~30,000 URIs).
// - host labels of letters, digits, "-", "_", "*" (WHATWG accepts them as is); the last
//   label must not start with a digit, else WHATWG parses the host as IPv4;
// - or the loopback literals 127.x.y.z (plain decimal octets) and [::1];
// - punycode ("xn--") hosts, ports above 65535 and anything else take `new URL`.
// urls.test.ts checks the fast path against `new URL` on a corpus.
const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const SIMPLE_URL = new RegExp(
  `^(https?)://((?:[a-z0-9_*-]+\\.)*[a-z_*][a-z0-9_*-]*|127\\.${OCTET}\\.${OCTET}\\.${OCTET}|\\[::1\\])` +
    "(?::(\\d{1,5}))?(?:[/?][^#]*)?(#.*)?$",
  "i",
);

function facts(raw: string, absolute: boolean, scheme: string, host: string, whitespace: boolean): UrlFacts {
  return {
    raw,
    absolute,
    whitespace,
    scheme,
    host,
    loopback: absolute && host !== "" && isLoopbackHost(host),
    wildcard: raw.includes("*"),
    fragment: raw.includes("#"),
  };
}

export function analyzeUrl(raw: string): UrlFacts {
  if (WHITESPACE_OR_CONTROL.test(raw)) return facts(raw, false, "", "", true);
  if (!HAS_SCHEME.test(raw)) return facts(raw, false, "", "", false);
  const m = SIMPLE_URL.exec(raw);
  if (m !== null && (m[3] === undefined || Number(m[3]) <= 65535) && !raw.includes("xn--")) {
    return facts(raw, true, m[1]!.toLowerCase(), m[2]!.toLowerCase(), false);
  }
  return analyzeUrlWithUrlApi(raw);
}

/** The reference implementation with WHATWG URL (exported for the equivalence test). */
export function analyzeUrlWithUrlApi(raw: string): UrlFacts {
  // A URI cannot contain whitespace or controls (RFC 3986 §2), though `new URL` would
  // strip or encode them.
  if (WHITESPACE_OR_CONTROL.test(raw)) return facts(raw, false, "", "", true);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return facts(raw, false, "", "", false);
  }
  const scheme = url.protocol.slice(0, -1);
  // WHATWG URL repairs "https:host/cb" into "https://host/cb"; the registered string
  // is compared exactly, so it must already be the proper hierarchical form.
  if ((scheme === "https" || scheme === "http") && !raw.startsWith("//", scheme.length + 1)) {
    return facts(raw, false, "", "", false);
  }
  return facts(raw, true, scheme, url.hostname, false);
}

/** Structural check used by the form schema: the same definition the lint applies. */
export function isAbsoluteUri(raw: string): boolean {
  return analyzeUrl(raw).absolute;
}
