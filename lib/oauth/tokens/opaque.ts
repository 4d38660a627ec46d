// Opaque credentials the identity server hands out and looks up later: authorization codes
// (RFC 6749 §4.1.2), refresh tokens (§6), session and browser cookies. 256 random bits each,
// base64url; only their SHA-256 is stored (the same one-shot digest as client secrets), so a
// copy of the database redeems nothing. Lookups go by the digest, an index key, which is why
// no constant-time comparison is needed for them: the presented value is never compared with
// a stored one, only hashed.
import { hash, randomBytes } from "node:crypto";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url (43 characters). */
export function newOpaqueToken(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256, lower-case hex: what the database stores. */
export function digestToken(token: string): string {
  return hash("sha256", token, "hex");
}

/** Whether `value` has the shape of a token we issue (cheap refusal of garbage before any lookup). */
export function looksLikeOpaqueToken(value: string): boolean {
  return TOKEN.test(value);
}
