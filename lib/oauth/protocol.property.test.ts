// Property-based tests (fast-check) of the parsers on the protocol path: form bodies (RFC 6749
// Appendix B), Basic credentials (§2.3.1), scope strings (§3.3), redirect URIs (exact match,
// seed 000) and the interchange import format. Each property says what must hold for every
// input, not for the handful a hand-written test thinks of. FC_SEED replays a failure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decidePostLogoutRedirect, decideRedirectUri } from "@/lib/policy/interactive";
import { isValidScopeString, isValidScopeToken, parseScope } from "@/lib/policy/scopes";
import { parseUrlList } from "@/lib/policy/urls";
import { cleanApp, testOptions } from "@/lib/policy/testing";
import { parseInterchange } from "@/lib/schemas/interchange";
import { extractClientCredentials } from "./clients/client-auth";
import { isOAuthError } from "./errors";
import { decodeFormComponent, parseAuthorizationParams, parseTokenRequestBody } from "./http/form";

const params = { numRuns: 2000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };
const FORM = "application/x-www-form-urlencoded";

/** Calls `f`; only a typed OAuth error may escape it. */
function onlyOAuthErrors(f: () => unknown): void {
  try {
    f();
  } catch (error) {
    if (!isOAuthError(error)) throw error;
  }
}

/** RFC 6749 Appendix B: the application/x-www-form-urlencoded encoding of one component. */
const formEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");

describe("form bodies (RFC 6749 Appendix B, §3.2)", () => {
  it("any body, any content type: a parameter map or a typed OAuth error, nothing else", () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: null }), fc.string({ unit: "binary", maxLength: 400 }), (contentType, body) => {
        onlyOAuthErrors(() => parseTokenRequestBody(contentType, body));
        onlyOAuthErrors(() => parseTokenRequestBody(FORM, body));
        onlyOAuthErrors(() => parseAuthorizationParams(body));
      }),
      params,
    );
  });

  it("round trip: distinct names with non-empty values, form-encoded, parse back to themselves", () => {
    const name = fc.string({ unit: "binary", minLength: 1, maxLength: 20 });
    const value = fc.string({ unit: "binary", minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 8 }), (record) => {
        const entries = Object.entries(record).filter(([n, v]) => isWellFormed(n) && isWellFormed(v));
        const body = entries.map(([n, v]) => `${formEncode(n)}=${formEncode(v)}`).join("&");
        const parsed = parseTokenRequestBody(FORM, body);
        expect(Object.fromEntries(parsed)).toEqual(Object.fromEntries(entries));
      }),
      params,
    );
  });

  it("a name given twice is refused, whatever the values (§3.2: MUST NOT be included more than once)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z_]{1,12}$/), fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (n, v1, v2) => {
        expect(() => parseTokenRequestBody(FORM, `${n}=${formEncode(v1)}&${n}=${formEncode(v2)}`)).toThrow(expect.objectContaining({ error: "invalid_request" }));
      }),
      params,
    );
  });

  it("decoding undoes encoding, and a malformed escape is an error, never passed through", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }).filter(isWellFormed), (s) => {
      expect(decodeFormComponent(formEncode(s))).toBe(s);
    }), params);
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("%", "%z", "%G1", "%C3%28", "%ED%A0%80", "%FF"), (prefix, bad) => {
        expect(() => parseTokenRequestBody(FORM, `a=${formEncode(prefix)}${bad}`)).toThrow(expect.objectContaining({ error: "invalid_request" }));
      }),
      params,
    );
  });
});

function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));
}

describe("Basic credentials (RFC 6749 §2.3.1)", () => {
  const noBody = new Map<string, string>();
  it("any Authorization header: credentials or a typed OAuth error", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `Basic ${s}`), fc.string({ unit: "binary" }).map((s) => `Basic ${Buffer.from(s).toString("base64")}`)), (header) => {
        onlyOAuthErrors(() => extractClientCredentials(header, noBody));
      }),
      params,
    );
  });

  it("round trip: any VSCHAR client id and secret, form-encoded then base64 (Appendix B), come back exactly", () => {
    const vschar = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(vschar, vschar, (clientId, secret) => {
        const header = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(secret)}`).toString("base64")}`;
        expect(extractClientCredentials(header, noBody)).toEqual({ method: "client_secret_basic", clientId, clientSecret: secret });
      }),
      params,
    );
  });
});

describe("scope strings (RFC 6749 §3.3)", () => {
  const token = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 });
  it("round trip: tokens joined by single spaces are a valid scope and split back into themselves", () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 8 }), (tokens) => {
        const s = tokens.join(" ");
        expect(isValidScopeString(s)).toBe(true);
        expect(parseScope(s)).toEqual(tokens);
        for (const t of tokens) expect(isValidScopeToken(t)).toBe(true);
      }),
      params,
    );
  });

  it("a character outside %x21 / %x23-5B / %x5D-7E makes a token invalid", () => {
    fc.assert(
      fc.property(token, fc.constantFrom('"', "\\", "\u0000", "\u007f", "é", "\t", "\n", "\uFFFD"), token, (a, bad, b) => {
        expect(isValidScopeToken(`${a}${bad}${b}`)).toBe(false);
        expect(isValidScopeString(`${a}${bad}${b}`)).toBe(false);
      }),
      params,
    );
  });
});

describe("redirect URIs: exact match (seed 000; RFC 9700 §2.1)", () => {
  // Valid host names only (a hyphenated label may be invalid punycode, "xn--": refused, rightly).
  const host = fc.stringMatching(/^[a-z][a-z0-9]{0,10}\.(com|example|org)$/);
  // No dot segments ("/." and "/..": a URL parser resolves them, so they are not a valid registration).
  const pathPart = fc.stringMatching(/^(\/[a-zA-Z0-9._~-]{1,8}){0,3}$/).filter((p) => !/\/\.{1,2}(?=\/|$)/.test(p));
  const registered = fc.tuple(host, pathPart).map(([h, p]) => `https://${h}${p || "/"}`);
  /** Changes that a lenient comparison would let through: none may match. */
  const mutate = fc.constantFrom(
    (u: string) => `${u}/`,
    (u: string) => (u.endsWith("/") ? u.slice(0, -1) : `${u}x`),
    (u: string) => u.toUpperCase(),
    (u: string) => u.replace("https://", "http://"),
    (u: string) => `${u}?x=1`,
    (u: string) => `${u}#frag`,
    (u: string) => u.replace(/\.(com|example|org)/, ".$1:443"),
    (u: string) => u.replace(/\/([^/]*)$/, "/%2E$1"),
    (u: string) => ` ${u}`,
    (u: string) => u.replace("https://", "https://user@"),
  );

  it("the registered URI is accepted; any variation of it is not (login and logout)", () => {
    fc.assert(
      fc.property(registered, mutate, (uri, change) => {
        const app = cleanApp({ ImpersonateLoginUrl: uri, ImpersonateLogoutUrl: uri });
        expect(decideRedirectUri(app, uri, testOptions())).toEqual({ ok: true, value: uri });
        expect(decidePostLogoutRedirect(app, uri)).toEqual({ ok: true, value: uri });
        const other = change(uri);
        if (other === uri) return;
        expect(decideRedirectUri(app, other, testOptions()).ok).toBe(false);
        expect(decidePostLogoutRedirect(app, other).ok).toBe(false);
      }),
      params,
    );
  });

  it("a URI list round-trips through its comma-separated form", () => {
    fc.assert(fc.property(fc.array(registered, { maxLength: 6 }), (uris) => {
      expect(parseUrlList(uris.join(", "))).toEqual(uris);
    }), params);
  });

  it("any redirect_uri string: a decision, never a throw", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (uri) => void decideRedirectUri(cleanApp(), uri, testOptions())), params);
  });
});

describe("the interchange import format", () => {
  it("any JSON document: records or a list of errors, never a throw", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.array(fc.dictionary(fc.constantFrom("ApplicationUri", "Name", "ClientType", "Scope", "ImpersonateLoginUrl", "IsEnabled", "x"), fc.jsonValue()), { maxLength: 3 })), (json) => {
        const r = parseInterchange(json);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(typeof e).toBe("string");
        }
      }),
      { ...params, numRuns: 500 },
    );
  });
});
