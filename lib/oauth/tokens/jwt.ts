// JWS compact serialization (RFC 7515 §7.1) for JWT access tokens
// (RFC 7519, RFC 9068), signed with ES256 or RS256 (RFC 7518 §3.3, §3.4)
// using node:crypto's synchronous sign/verify. Keys are identified by their
// RFC 7638 JWK thumbprint.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign,
  verify,
  type JsonWebKey,
} from "node:crypto";
import { signingThread, type SignKey } from "./signing-thread";

export type SigningAlg = "ES256" | "RS256";
export const SIGNING_ALGS: readonly SigningAlg[] = ["ES256", "RS256"];

/**
 * Public half of a signing key as published in the JWKS (RFC 7517 §4).
 * A type alias rather than an interface so it is assignable to node's JsonWebKey.
 */
export type PublicJwk = {
  kty: "EC" | "RSA";
  kid: string;
  alg: SigningAlg;
  use: "sig";
  crv?: "P-256";
  x?: string;
  y?: string;
  n?: string;
  e?: string;
};

export interface SigningKey {
  kid: string;
  alg: SigningAlg;
  /** PKCS#8 PEM; store it encrypted (key-encryption.ts). */
  privateKeyPem: string;
  publicJwk: PublicJwk;
}

/** What signJwt needs: a key as loaded (and decrypted) from storage. */
export type PrivateSigningKey = Pick<SigningKey, "kid" | "alg" | "privateKeyPem">;

export type JwtPayload = Record<string, unknown>;

/** Header members besides alg and kid, which always come from the key. */
export interface JwtHeaderExtras {
  /** "at+jwt" for access tokens (RFC 9068 §2.1). */
  typ: string;
  [member: string]: unknown;
}

// ---------------------------------------------------------------------------
// Keys

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/**
 * RFC 7638 §3: SHA-256 over the JSON of the required members only, in
 * lexicographic order and without whitespace, base64url-encoded.
 */
export function jwkThumbprint(jwk: JsonWebKey): string {
  let canonical: string;
  if (jwk.kty === "EC") {
    canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  } else if (jwk.kty === "RSA") {
    canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  } else {
    throw new TypeError(`unsupported JWK key type: ${String(jwk.kty)}`);
  }
  return b64url(createHash("sha256").update(canonical).digest());
}

/** A fresh key pair: ES256 on P-256, or RS256 with a 2048-bit modulus. */
export function generateSigningKey(alg: SigningAlg): SigningKey {
  const { privateKey, publicKey } =
    alg === "ES256"
      ? generateKeyPairSync("ec", { namedCurve: "P-256" })
      : generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  const kid = jwkThumbprint(jwk);
  const publicJwk: PublicJwk =
    alg === "ES256"
      ? { kty: "EC", kid, alg, use: "sig", crv: "P-256", x: String(jwk.x), y: String(jwk.y) }
      : { kty: "RSA", kid, alg, use: "sig", n: String(jwk.n), e: String(jwk.e) };
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return { kid, alg, privateKeyPem, publicJwk };
}

/** Refuses a key that does not fit the algorithm (no RSA key under "ES256", no small RSA). */
function keyFitsAlg(key: KeyObject, alg: SigningAlg): boolean {
  if (alg === "ES256") {
    return key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1";
  }
  return key.asymmetricKeyType === "rsa" && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
}

// Parsing a PEM costs far more than an ES256 signature, so each private key is
// parsed once. Keyed by the PEM itself, so a key object rebuilt from the
// database on every request still hits; bounded, as keys rotate.
const PRIVATE_KEY_CACHE_MAX = 32;
const privateKeyCache = new Map<string, { alg: SigningAlg; keyObject: KeyObject }>();

function privateKeyObject(key: PrivateSigningKey): KeyObject {
  const hit = privateKeyCache.get(key.privateKeyPem);
  if (hit && hit.alg === key.alg) return hit.keyObject;
  const keyObject = createPrivateKey(key.privateKeyPem);
  if (!keyFitsAlg(keyObject, key.alg)) {
    throw new TypeError(`private key ${key.kid} does not fit ${key.alg}`);
  }
  if (privateKeyCache.size >= PRIVATE_KEY_CACHE_MAX) {
    const oldest = privateKeyCache.keys().next().value;
    if (oldest !== undefined) privateKeyCache.delete(oldest);
  }
  privateKeyCache.set(key.privateKeyPem, { alg: key.alg, keyObject });
  return keyObject;
}

// ---------------------------------------------------------------------------
// Sign

/** The JWS Signing Input (RFC 7515 §5.1 steps 1-6) and how node:crypto's sign() is to sign it. */
function prepareSignature(headerExtras: JwtHeaderExtras, payload: object, key: PrivateSigningKey) {
  for (const reserved of ["alg", "kid", "crit"]) {
    if (Object.hasOwn(headerExtras, reserved)) {
      throw new TypeError(`header member "${reserved}" cannot be set by the caller`);
    }
  }
  const keyObject = privateKeyObject(key);
  const header = { alg: key.alg, kid: key.kid, ...headerExtras };
  // ES256 signatures are the raw 64-byte R||S form (RFC 7518 §3.4), not DER; RS256 is
  // RSASSA-PKCS1-v1_5 (§3.3), node:crypto's default for an RSA key.
  const signKey: SignKey = key.alg === "ES256" ? { key: keyObject, dsaEncoding: "ieee-p1363" } : keyObject;
  return { signingInput: `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`, signKey };
}

/**
 * Signs `payload` as a compact JWS with header `{ alg, kid, typ, …extras }`.
 * Throws on a programming error (bad key, alg/kid in extras); never on input.
 */
export function signJwt(headerExtras: JwtHeaderExtras, payload: object, key: PrivateSigningKey): string {
  const { signingInput, signKey } = prepareSignature(headerExtras, payload, key);
  return `${signingInput}.${sign("sha256", Buffer.from(signingInput), signKey).toString("base64url")}`;
}

/**
 * signJwt with the signature computed on the signing thread (signing-thread.ts), so that the
 * caller's event loop serves other requests meanwhile. Same output; a programming error
 * rejects instead of throwing.
 */
export async function signJwtOffThread(headerExtras: JwtHeaderExtras, payload: object, key: PrivateSigningKey): Promise<string> {
  const { signingInput, signKey } = prepareSignature(headerExtras, payload, key);
  return `${signingInput}.${await signingThread().sign(signingInput, signKey)}`;
}

/**
 * An access token and the ID token that names it (at_hash, OpenID Connect Core §3.1.3.6), both
 * signed with `key` in one round trip to the signing thread. `idClaims` without at_hash.
 */
export async function signWithIdTokenOffThread(
  accessHeader: JwtHeaderExtras,
  accessPayload: object,
  idHeader: JwtHeaderExtras,
  idClaims: Record<string, unknown>,
  key: PrivateSigningKey,
): Promise<[accessToken: string, idToken: string]> {
  const { signingInput, signKey } = prepareSignature(accessHeader, accessPayload, key);
  const header = b64url(JSON.stringify({ alg: key.alg, kid: key.kid, ...idHeader }));
  const [signature, idToken] = await signingThread().signWithFollowUp(signingInput, signKey, { header, claims: idClaims });
  return [`${signingInput}.${signature}`, idToken];
}

// ---------------------------------------------------------------------------
// Verify

/** Looks a verification key up by kid; null/undefined when unknown. */
export type PublicKeyResolver = (kid: string, alg: SigningAlg) => KeyObject | JsonWebKey | null | undefined;

export interface VerifyOptions {
  issuer: string;
  /** When given, `aud` must be, or contain, this value. */
  audience?: string;
  now?: Date;
  /** Expected `typ` (default "at+jwt", RFC 9068 §4); null skips the check. */
  typ?: string | null;
  clockToleranceSeconds?: number;
  /**
   * Accept an expired token (exp still required). Only for an ID token given as a hint
   * (OpenID Connect RP-Initiated Logout 1.0 §2: the OP need not refuse an expired id_token_hint).
   */
  allowExpired?: boolean;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

function decodeJsonPart(part: string): Record<string, unknown> | null {
  if (!B64URL.test(part) || part.length % 4 === 1) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

// "at+jwt" and "application/at+jwt" are the same media type (RFC 7515 §4.1.9).
function normalizeTyp(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.startsWith("application/") ? lower.slice("application/".length) : lower;
}

const jwkKeyCache = new WeakMap<object, KeyObject>();

function toPublicKeyObject(resolved: KeyObject | JsonWebKey, alg: SigningAlg): KeyObject | null {
  if (resolved instanceof KeyObject) {
    const keyObject = resolved;
    if (keyObject.type === "secret") return null;
    return keyObject.type === "private" ? createPublicKey(keyObject) : keyObject;
  }
  const jwk = resolved;
  if (jwk.alg !== undefined && jwk.alg !== alg) return null;
  let keyObject = jwkKeyCache.get(jwk);
  if (!keyObject) {
    keyObject = createPublicKey({ key: jwk, format: "jwk" });
    jwkKeyCache.set(jwk, keyObject);
  }
  return keyObject;
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Verifies a compact JWS we issued and returns its payload, or null for
 * anything wrong: malformed, `alg: none` or any algorithm other than ES256 and
 * RS256, unknown kid, a key of the wrong type for the alg, bad signature,
 * wrong typ, iss or aud, expired (RFC 7519 §4.1.4) or not yet valid
 * (§4.1.5). Never throws.
 */
export function verifyJwt(token: string, resolvePublicKey: PublicKeyResolver, options: VerifyOptions): JwtPayload | null {
  try {
    return verifyOrNull(token, resolvePublicKey, options);
  } catch {
    return null; // e.g. a resolver that throws, or an unparseable JWK
  }
}

function verifyOrNull(token: string, resolvePublicKey: PublicKeyResolver, options: VerifyOptions): JwtPayload | null {
  if (typeof token !== "string" || token.length > 16 * 1024) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [h = "", p = "", s = ""] = parts;

  const header = decodeJsonPart(h);
  if (!header) return null;
  const alg = header.alg;
  if (alg !== "ES256" && alg !== "RS256") return null; // allow-list; rejects "none" and HS*
  if (typeof header.kid !== "string") return null;
  // RFC 7515 §4.1.11: we understand no extensions, so any crit is fatal.
  if (header.crit !== undefined) return null;
  const expectedTyp = options.typ === undefined ? "at+jwt" : options.typ;
  if (expectedTyp !== null) {
    if (typeof header.typ !== "string" || normalizeTyp(header.typ) !== normalizeTyp(expectedTyp)) return null;
  }

  if (!B64URL.test(s)) return null;
  const signature = Buffer.from(s, "base64url");
  if (alg === "ES256" && signature.length !== 64) return null;

  const resolved = resolvePublicKey(header.kid, alg);
  if (!resolved) return null;
  const keyObject = toPublicKeyObject(resolved, alg);
  if (!keyObject || !keyFitsAlg(keyObject, alg)) return null;

  const signingInput = Buffer.from(`${h}.${p}`);
  const valid =
    alg === "ES256"
      ? verify("sha256", signingInput, { key: keyObject, dsaEncoding: "ieee-p1363" }, signature)
      : verify("sha256", signingInput, keyObject, signature);
  if (!valid) return null;

  const payload = decodeJsonPart(p);
  if (!payload) return null;

  const tolerance = options.clockToleranceSeconds ?? 0;
  const nowSeconds = (options.now ?? new Date()).getTime() / 1000;
  if (payload.iss !== options.issuer) return null;
  if (!isNumber(payload.exp) || (!options.allowExpired && !(nowSeconds < payload.exp + tolerance))) return null;
  if (payload.nbf !== undefined && (!isNumber(payload.nbf) || nowSeconds < payload.nbf - tolerance)) return null;
  if (payload.iat !== undefined && !isNumber(payload.iat)) return null;
  if (options.audience !== undefined) {
    const aud = payload.aud;
    const ok = typeof aud === "string" ? aud === options.audience : Array.isArray(aud) && aud.includes(options.audience);
    if (!ok) return null;
  }
  return payload;
}

// ---------------------------------------------------------------------------
// Access token claims (RFC 9068 §2.2)

/**
 * Payload of our access tokens. `aud` and `scope` are arrays, as in the
 * ERP.net token of seed 004; RFC 9068 §2.2.3 would make `scope` a
 * space-delimited string, but the APIs that consume these tokens expect the
 * ERP.net shape. (Introspection, RFC 7662 §2.2, joins it with spaces.)
 */
export interface AccessTokenClaims {
  iss: string;
  aud: string[];
  client_id: string;
  scope: string[];
  sub: string;
  jti: string;
  iat: number;
  exp: number;
}

export interface AccessTokenClaimsInput {
  issuer: string;
  /** "DomainAPI" for the ERP APIs. */
  audience: string | readonly string[];
  clientId: string;
  /** RFC 9068 §2.2: for client_credentials, an identifier of the client (or its system user). */
  subject: string;
  scopes: readonly string[];
  lifetimeSeconds: number;
  now?: Date;
  /**
   * A user grant's token names its grant (its id): jti = "<grantRef>.<random>", so that
   * revoking the grant revokes it without a row per access token.
   */
  grantRef?: string;
}

/** The grant reference in a user token's jti ("<grantRef>.<random>"), or null for a service token. */
export function grantRefOfJti(jti: string): string | null {
  const dot = jti.indexOf(".");
  return dot > 0 ? jti.slice(0, dot) : null;
}

// One randomBytes call per token is a system call per token: ids are cut from a pool of
// CSPRNG output instead, each byte used once (same entropy, a fraction of the cost).
const ID_BYTES = 16;
const ID_POOL_BYTES = 4096;
let idPool: Buffer = Buffer.alloc(0);
let idOffset = 0;

/** 128 random bits, base64url (22 characters). */
function randomId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_POOL_BYTES);
    idOffset = 0;
  }
  const id = idPool.toString("base64url", idOffset, idOffset + ID_BYTES);
  idOffset += ID_BYTES;
  return id;
}

/** Builds RFC 9068 §2.2 claims; jti is 128 random bits, base64url (after the grant's reference, for a user's token). */
export function accessTokenClaims(input: AccessTokenClaimsInput): AccessTokenClaims {
  if (!Number.isSafeInteger(input.lifetimeSeconds) || input.lifetimeSeconds <= 0) {
    throw new RangeError("lifetimeSeconds must be a positive integer");
  }
  for (const scope of input.scopes) {
    // scope-token = 1*NQCHAR (RFC 6749 §3.3): no spaces, no quotes or backslashes.
    if (!/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope)) throw new TypeError("invalid scope token");
  }
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return {
    iss: input.issuer,
    aud: typeof input.audience === "string" ? [input.audience] : [...input.audience],
    client_id: input.clientId,
    scope: [...new Set(input.scopes)],
    sub: input.subject,
    jti: input.grantRef === undefined ? randomId() : `${input.grantRef}.${randomId()}`,
    iat,
    exp: iat + input.lifetimeSeconds,
  };
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * verifyJwt with typ "at+jwt" plus the claims RFC 9068 §2.2 requires, in the
 * shape accessTokenClaims() produces. For introspection (RFC 7662).
 */
export function verifyAccessToken(
  token: string,
  resolvePublicKey: PublicKeyResolver,
  options: Omit<VerifyOptions, "typ">,
): AccessTokenClaims | null {
  const payload = verifyJwt(token, resolvePublicKey, { ...options, typ: "at+jwt" });
  if (!payload) return null;
  const { iss, aud, client_id, scope, sub, jti, iat, exp } = payload;
  if (
    typeof iss !== "string" ||
    !(typeof aud === "string" || isStringArray(aud)) ||
    typeof client_id !== "string" ||
    !isStringArray(scope) ||
    typeof sub !== "string" ||
    typeof jti !== "string" ||
    !isNumber(iat) ||
    !isNumber(exp)
  ) {
    return null;
  }
  return { iss, aud: typeof aud === "string" ? [aud] : aud, client_id, scope, sub, jti, iat, exp };
}
