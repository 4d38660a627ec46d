import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";

// Wrap createPrivateKey so the tests can see that each PEM is parsed once.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, createPrivateKey: vi.fn(actual.createPrivateKey) };
});

const { accessTokenClaims, generateSigningKey, jwkThumbprint, signJwt, signJwtOffThread, verifyAccessToken, verifyJwt } =
  await import("./jwt");
type SigningKey = import("./jwt").SigningKey;

const ISSUER = "https://demo.my.erp.net/id";
const NOW = new Date("2025-11-03T16:00:00Z");
const NOW_S = NOW.getTime() / 1000;

const es256 = generateSigningKey("ES256");
const rs256 = generateSigningKey("RS256");
const resolver =
  (...keys: SigningKey[]) =>
  (kid: string) =>
    keys.find((k) => k.kid === kid)?.publicJwk;

function parts(token: string): [string, string, string] {
  const p = token.split(".");
  expect(p).toHaveLength(3);
  return p as [string, string, string];
}
const json = (part: string): unknown => JSON.parse(Buffer.from(part, "base64url").toString());
const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function claims(overrides: Record<string, unknown> = {}) {
  return { iss: ISSUER, aud: ["DomainAPI"], sub: "app", client_id: "app", exp: NOW_S + 300, iat: NOW_S, ...overrides };
}

describe("jwkThumbprint", () => {
  it("matches the RFC 7638 §3.1 example", () => {
    const jwk = {
      kty: "RSA",
      n:
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
      e: "AQAB",
      alg: "RS256",
      kid: "2011-04-29",
    };
    expect(jwkThumbprint(jwk)).toBe("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  });

  it("refuses key types it does not know", () => {
    expect(() => jwkThumbprint({ kty: "oct", k: "AAAA" })).toThrow(new TypeError("unsupported JWK key type: oct"));
  });
});

describe("generateSigningKey", () => {
  it.each([
    [es256, "EC"],
    [rs256, "RSA"],
  ] as const)("makes a %#: kid is the thumbprint, the JWK is public only", (key, kty) => {
    expect(key.publicJwk.kty).toBe(kty);
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key.kid).toBe(jwkThumbprint(key.publicJwk));
    expect(key.publicJwk).toMatchObject({ kid: key.kid, alg: key.alg, use: "sig" });
    expect(key.publicJwk).not.toHaveProperty("d");
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("uses P-256 for ES256 and 2048-bit RSA for RS256", () => {
    const ec = crypto.createPublicKey({ key: es256.publicJwk, format: "jwk" });
    const rsa = crypto.createPublicKey({ key: rs256.publicJwk, format: "jwk" });
    expect(ec.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    expect(rsa.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });
});

describe("signJwt", () => {
  it("ES256: header {alg, kid, typ}, 64-byte R||S signature that node:crypto verifies independently", () => {
    const token = signJwt({ typ: "at+jwt" }, claims(), es256);
    const [h, p, s] = parts(token);
    expect(json(h)).toEqual({ alg: "ES256", kid: es256.kid, typ: "at+jwt" });
    expect(Object.keys(json(h) as object)).toEqual(["alg", "kid", "typ"]);
    expect(json(p)).toEqual(claims());
    const signature = Buffer.from(s, "base64url");
    expect(signature).toHaveLength(64); // RFC 7518 §3.4, not DER
    const publicKey = crypto.createPublicKey({ key: es256.publicJwk, format: "jwk" });
    const input = Buffer.from(`${h}.${p}`);
    expect(crypto.verify("sha256", input, { key: publicKey, dsaEncoding: "ieee-p1363" }, signature)).toBe(true);
    const tampered = Buffer.from(signature);
    tampered[10] = (tampered[10] ?? 0) ^ 0xff;
    expect(crypto.verify("sha256", input, { key: publicKey, dsaEncoding: "ieee-p1363" }, tampered)).toBe(false);
  });

  it("RS256: RSASSA-PKCS1-v1_5 with SHA-256, verified independently", () => {
    const token = signJwt({ typ: "at+jwt" }, claims(), rs256);
    const [h, p, s] = parts(token);
    expect(json(h)).toEqual({ alg: "RS256", kid: rs256.kid, typ: "at+jwt" });
    const publicKey = crypto.createPublicKey({ key: rs256.publicJwk, format: "jwk" });
    expect(crypto.verify("sha256", Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, "base64url"))).toBe(true);
  });

  it("parses each private key once, even when the key object is rebuilt per request", () => {
    const key = generateSigningKey("ES256");
    const createPrivateKey = vi.mocked(crypto.createPrivateKey);
    const before = createPrivateKey.mock.calls.length;
    for (let i = 0; i < 50; i++) {
      signJwt({ typ: "at+jwt" }, claims(), { kid: key.kid, alg: key.alg, privateKeyPem: `${key.privateKeyPem}` });
    }
    expect(createPrivateKey.mock.calls.length - before).toBe(1);
  });

  it("refuses to let the caller set alg, kid or crit", () => {
    for (const member of ["alg", "kid", "crit"]) {
      expect(() => signJwt({ typ: "at+jwt", [member]: "x" }, claims(), es256)).toThrow(
        new TypeError(`header member "${member}" cannot be set by the caller`),
      );
    }
  });

  it("refuses a key that does not fit the algorithm", () => {
    expect(() => signJwt({ typ: "at+jwt" }, claims(), { ...rs256, alg: "ES256" })).toThrow(
      new TypeError(`private key ${rs256.kid} does not fit ES256`),
    );
  });
});

describe("signJwtOffThread", () => {
  it.each([es256, rs256])("signs on the signing thread what signJwt signs: same header and payload, a signature verifyJwt accepts (%#)", async (key) => {
    const token = await signJwtOffThread({ typ: "at+jwt" }, claims(), key);
    const [h, p] = parts(token);
    const [sh, sp] = parts(signJwt({ typ: "at+jwt" }, claims(), key));
    expect([h, p]).toEqual([sh, sp]);
    expect(verifyJwt(token, resolver(key), { issuer: ISSUER, now: NOW })).toEqual(claims());
    expect(verifyJwt(`${h}.${p}.${parts(signJwt({ typ: "at+jwt" }, claims({ sub: "other" }), key))[2]}`, resolver(key), { issuer: ISSUER, now: NOW })).toBeNull();
  });

  it("rejects what signJwt refuses", async () => {
    await expect(signJwtOffThread({ typ: "at+jwt", kid: "x" }, claims(), es256)).rejects.toThrow(
      new TypeError('header member "kid" cannot be set by the caller'),
    );
    await expect(signJwtOffThread({ typ: "at+jwt" }, claims(), { ...rs256, alg: "ES256" })).rejects.toThrow(
      new TypeError(`private key ${rs256.kid} does not fit ES256`),
    );
  });
});

describe("verifyJwt", () => {
  const opts = { issuer: ISSUER, now: NOW };
  const good = signJwt({ typ: "at+jwt" }, claims(), es256);

  it("returns the payload of a valid ES256 or RS256 token", () => {
    expect(verifyJwt(good, resolver(es256, rs256), opts)).toEqual(claims());
    const rsToken = signJwt({ typ: "at+jwt" }, claims(), rs256);
    expect(verifyJwt(rsToken, resolver(es256, rs256), opts)).toEqual(claims());
  });

  it("passes kid and alg to the resolver and accepts a KeyObject from it", () => {
    const seen: unknown[] = [];
    const keyObject = crypto.createPublicKey({ key: es256.publicJwk, format: "jwk" });
    const payload = verifyJwt(
      good,
      (kid, alg) => {
        seen.push([kid, alg]);
        return keyObject;
      },
      opts,
    );
    expect(payload).toEqual(claims());
    expect(seen).toEqual([[es256.kid, "ES256"]]);
  });

  it("returns null for an unknown kid", () => {
    expect(verifyJwt(good, resolver(rs256), opts)).toBeNull();
  });

  it("returns null when any byte of header, payload or signature changes", () => {
    const [h, p, s] = parts(good);
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[5] = (bytes[5] ?? 0) ^ 0x01;
      return bytes.toString("base64url");
    };
    for (const token of [`${flip(h)}.${p}.${s}`, `${h}.${flip(p)}.${s}`, `${h}.${p}.${flip(s)}`]) {
      expect(token).not.toBe(good);
      expect(verifyJwt(token, resolver(es256), opts)).toBeNull();
    }
    // A payload re-encoded with different claims under the old signature.
    expect(verifyJwt(`${h}.${b64(claims({ sub: "admin" }))}.${s}`, resolver(es256), opts)).toBeNull();
  });

  it('returns null for alg "none", with or without a signature', () => {
    const h = b64({ alg: "none", kid: es256.kid, typ: "at+jwt" });
    const [, , s] = parts(good);
    expect(verifyJwt(`${h}.${b64(claims())}.`, resolver(es256), opts)).toBeNull();
    expect(verifyJwt(`${h}.${b64(claims())}.${s}`, resolver(es256), opts)).toBeNull();
  });

  it("rejects any alg outside ES256/RS256 before looking a key up", () => {
    const [, p, s] = parts(good);
    for (const alg of ["none", "None", "HS256", "PS256", "ES384", "RS512", "EdDSA", undefined]) {
      const lookup = vi.fn(resolver(es256, rs256));
      expect(verifyJwt(`${b64({ alg, kid: es256.kid, typ: "at+jwt" })}.${p}.${s}`, lookup, opts)).toBeNull();
      expect(lookup).not.toHaveBeenCalled();
    }
  });

  it("returns null for HS256 keyed with the public key (algorithm confusion)", () => {
    const pem = crypto.createPublicKey({ key: rs256.publicJwk, format: "jwk" }).export({ type: "spki", format: "pem" });
    const input = `${b64({ alg: "HS256", kid: rs256.kid, typ: "at+jwt" })}.${b64(claims())}`;
    const mac = crypto.createHmac("sha256", pem).update(input).digest("base64url");
    expect(verifyJwt(`${input}.${mac}`, resolver(rs256), opts)).toBeNull();
  });

  it("returns null when the header's alg does not fit the resolved key", () => {
    // An ES256 signature relabelled RS256, and the reverse.
    const [, p, s] = parts(good);
    expect(verifyJwt(`${b64({ alg: "RS256", kid: es256.kid, typ: "at+jwt" })}.${p}.${s}`, resolver(es256), opts)).toBeNull();
    const [, rp, rsig] = parts(signJwt({ typ: "at+jwt" }, claims(), rs256));
    expect(
      verifyJwt(`${b64({ alg: "ES256", kid: rs256.kid, typ: "at+jwt" })}.${rp}.${rsig}`, resolver(rs256), opts),
    ).toBeNull();
    // A JWK whose own alg disagrees with the header.
    expect(verifyJwt(good, () => ({ ...es256.publicJwk, alg: "RS256" }), opts)).toBeNull();
  });

  it("returns null for a DER-encoded ES256 signature", () => {
    const [h, p] = parts(good);
    const der = crypto.sign("sha256", Buffer.from(`${h}.${p}`), crypto.createPrivateKey(es256.privateKeyPem));
    expect(verifyJwt(`${h}.${p}.${der.toString("base64url")}`, resolver(es256), opts)).toBeNull();
  });

  it("checks exp (RFC 7519 §4.1.4) and nbf (§4.1.5), with optional tolerance", () => {
    const token = signJwt({ typ: "at+jwt" }, claims({ nbf: NOW_S - 10, exp: NOW_S + 60 }), es256);
    const at = (seconds: number, tol?: number) =>
      verifyJwt(token, resolver(es256), { issuer: ISSUER, now: new Date(seconds * 1000), clockToleranceSeconds: tol });
    expect(at(NOW_S + 59)).not.toBeNull();
    expect(at(NOW_S + 60)).toBeNull(); // "on or after" exp is expired
    expect(at(NOW_S + 65, 10)).not.toBeNull();
    expect(at(NOW_S - 10)).not.toBeNull();
    expect(at(NOW_S - 11)).toBeNull(); // not yet valid
    expect(at(NOW_S - 15, 10)).not.toBeNull();
  });

  it("returns null without a numeric exp, or with a non-numeric nbf or iat", () => {
    for (const payload of [claims({ exp: undefined }), claims({ exp: "9999999999" }), claims({ nbf: "0" }), claims({ iat: "x" })]) {
      expect(verifyJwt(signJwt({ typ: "at+jwt" }, payload, es256), resolver(es256), opts)).toBeNull();
    }
  });

  it("checks the issuer and, when asked, the audience (string or array)", () => {
    expect(verifyJwt(good, resolver(es256), { ...opts, issuer: "https://evil/id" })).toBeNull();
    expect(verifyJwt(good, resolver(es256), { ...opts, audience: "DomainAPI" })).not.toBeNull();
    expect(verifyJwt(good, resolver(es256), { ...opts, audience: "OtherAPI" })).toBeNull();
    const single = signJwt({ typ: "at+jwt" }, claims({ aud: "DomainAPI" }), es256);
    expect(verifyJwt(single, resolver(es256), { ...opts, audience: "DomainAPI" })).not.toBeNull();
  });

  it('expects typ "at+jwt" by default (RFC 9068 §4), with or without "application/"', () => {
    const plainJwt = signJwt({ typ: "JWT" }, claims(), es256);
    expect(verifyJwt(plainJwt, resolver(es256), opts)).toBeNull();
    expect(verifyJwt(plainJwt, resolver(es256), { ...opts, typ: "JWT" })).not.toBeNull();
    expect(verifyJwt(plainJwt, resolver(es256), { ...opts, typ: null })).not.toBeNull();
    const long = signJwt({ typ: "application/AT+JWT" }, claims(), es256);
    expect(verifyJwt(long, resolver(es256), opts)).not.toBeNull();
  });

  it("returns null for a crit header (RFC 7515 §4.1.11)", () => {
    const [, p] = parts(good);
    const h = b64({ alg: "ES256", kid: es256.kid, typ: "at+jwt", crit: ["exp"], exp: 1 });
    const sig = crypto
      .sign("sha256", Buffer.from(`${h}.${p}`), { key: crypto.createPrivateKey(es256.privateKeyPem), dsaEncoding: "ieee-p1363" })
      .toString("base64url");
    expect(verifyJwt(`${h}.${p}.${sig}`, resolver(es256), opts)).toBeNull();
  });

  it.each([
    ["empty", ""],
    ["two parts", "a.b"],
    ["four parts", `${good}.x`],
    ["not base64url", "!!!.???.***"],
    ["header not JSON", `${b64("nope")}.${b64(claims())}.AAAA`],
    ["header an array", `${b64(["ES256"])}.${b64(claims())}.AAAA`],
    ["kid not a string", `${b64({ alg: "ES256", kid: 1, typ: "at+jwt" })}.${b64(claims())}.AAAA`],
    ["empty signature", `${good.slice(0, good.lastIndexOf("."))}.`],
    ["huge", `${good}${"A".repeat(20_000)}`],
  ])("returns null for garbage: %s", (_name, token) => {
    expect(verifyJwt(token, resolver(es256), opts)).toBeNull();
  });

  it("returns null for a validly signed payload that is not a JSON object", () => {
    const [h] = parts(good);
    for (const payload of [b64("[1,2]"), b64("42"), b64("not json")]) {
      const sig = crypto
        .sign("sha256", Buffer.from(`${h}.${payload}`), {
          key: crypto.createPrivateKey(es256.privateKeyPem),
          dsaEncoding: "ieee-p1363",
        })
        .toString("base64url");
      expect(verifyJwt(`${h}.${payload}.${sig}`, resolver(es256), opts)).toBeNull();
    }
  });

  it("never throws: bad resolver results and a throwing resolver give null", () => {
    expect(verifyJwt(good, () => ({ kty: "oct", k: "AAAA" }), opts)).toBeNull();
    expect(verifyJwt(good, () => ({ kty: "EC", crv: "P-256", x: "bad", y: "bad" }), opts)).toBeNull();
    expect(verifyJwt(good, () => crypto.createSecretKey(Buffer.alloc(32)), opts)).toBeNull();
    expect(
      verifyJwt(
        good,
        () => {
          throw new Error("db down");
        },
        opts,
      ),
    ).toBeNull();
    expect(verifyJwt(42 as unknown as string, resolver(es256), opts)).toBeNull();
  });
});

describe("accessTokenClaims", () => {
  const input = {
    issuer: ISSUER,
    audience: "DomainAPI",
    clientId: "my.trusted.app",
    subject: "my.trusted.app",
    scopes: ["read", "update", "read"],
    lifetimeSeconds: 3600,
    now: new Date("2025-11-03T16:02:40.900Z"),
  };

  it("builds RFC 9068 §2.2 claims in the shape of seed 004 (aud and scope as arrays)", () => {
    const c = accessTokenClaims(input);
    const iat = Math.floor(input.now.getTime() / 1000);
    expect(Object.keys(c)).toEqual(["iss", "aud", "client_id", "scope", "sub", "jti", "iat", "exp"]);
    expect(c).toEqual({
      iss: ISSUER,
      aud: ["DomainAPI"],
      client_id: "my.trusted.app",
      scope: ["read", "update"],
      sub: "my.trusted.app",
      jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as unknown as string,
      iat,
      exp: iat + 3600,
    });
    expect(Buffer.from(c.jti, "base64url")).toHaveLength(16); // 128 bits
  });

  it("uses a fresh jti every time", () => {
    const jtis = new Set(Array.from({ length: 500 }, () => accessTokenClaims(input).jti));
    expect(jtis.size).toBe(500);
  });

  it("keeps an audience array as given", () => {
    expect(accessTokenClaims({ ...input, audience: ["DomainAPI", "Other"] }).aud).toEqual(["DomainAPI", "Other"]);
  });

  it("refuses a non-positive or fractional lifetime and malformed scope tokens", () => {
    for (const lifetimeSeconds of [0, -1, 1.5, Number.NaN]) {
      expect(() => accessTokenClaims({ ...input, lifetimeSeconds })).toThrow(
        new RangeError("lifetimeSeconds must be a positive integer"),
      );
    }
    for (const scope of ["", "read update", 'a"b']) {
      expect(() => accessTokenClaims({ ...input, scopes: [scope] })).toThrow(new TypeError("invalid scope token"));
    }
  });
});

describe("verifyAccessToken", () => {
  const now = new Date("2025-11-03T16:00:00Z");
  const issued = accessTokenClaims({
    issuer: ISSUER,
    audience: "DomainAPI",
    clientId: "my.trusted.app",
    subject: "my.trusted.app",
    scopes: ["read"],
    lifetimeSeconds: 600,
    now,
  });

  it("round-trips what accessTokenClaims built", () => {
    const token = signJwt({ typ: "at+jwt" }, issued, es256);
    expect(verifyAccessToken(token, resolver(es256), { issuer: ISSUER, audience: "DomainAPI", now })).toEqual(issued);
  });

  it("returns null when a required claim is missing or has the wrong type, or typ is not at+jwt", () => {
    for (const payload of [
      { ...issued, client_id: undefined },
      { ...issued, jti: undefined },
      { ...issued, scope: "read" },
      { ...issued, sub: 7 },
    ]) {
      expect(verifyAccessToken(signJwt({ typ: "at+jwt" }, payload, es256), resolver(es256), { issuer: ISSUER, now })).toBeNull();
    }
    expect(verifyAccessToken(signJwt({ typ: "JWT" }, issued, es256), resolver(es256), { issuer: ISSUER, now })).toBeNull();
  });
});
