// Client secrets: generated with 256 bits of entropy, stored only as a hash,
// compared in constant time (RFC 6749 §2.3.1, §10.10; RFC 6819 §5.1.4.1.3).
//
// SHA-256 rather than a password hash is deliberate: the server generates the
// secrets, so they are uniformly random 256-bit values and cannot be guessed
// from a stolen hash; a slow KDF would only slow down the token endpoint.
import { hash, randomBytes, timingSafeEqual } from "node:crypto";

const SECRET_BYTES = 32;
const DIGEST_BYTES = 32;
const HEX_DIGEST = /^[0-9a-f]{64}$/;

/** A new client secret: 32 random bytes, base64url (43 characters, no padding). */
export function generateClientSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

function digest(secret: string): Buffer {
  return hash("sha256", secret, "buffer"); // one-shot: cheaper than createHash().update().digest()
}

/** SHA-256 of the secret, lowercase hex (what the database stores). */
export function hashSecret(secret: string): string {
  return digest(secret).toString("hex");
}

// Compared against when a stored hash is missing or malformed, so that path
// does the same work as a real comparison.
const DUMMY_DIGEST = Buffer.alloc(DIGEST_BYTES);

function storedDigest(hashHex: string | null | undefined): { buf: Buffer; valid: boolean } {
  if (typeof hashHex === "string" && HEX_DIGEST.test(hashHex)) {
    return { buf: Buffer.from(hashHex, "hex"), valid: true };
  }
  return { buf: DUMMY_DIGEST, valid: false };
}

function compare(candidate: Buffer, hashHex: string | null | undefined): boolean {
  const { buf, valid } = storedDigest(hashHex);
  // Both sides are 32-byte digests, so the comparison time does not depend on
  // the length of the presented secret. Evaluate timingSafeEqual first so a
  // malformed stored hash costs the same.
  const equal = timingSafeEqual(candidate, buf);
  return equal && valid;
}

/**
 * Whether `secret` hashes to `hashHex`, in constant time. An empty or
 * non-string secret never matches, but is still hashed and compared.
 */
export function secretMatchesHash(secret: string, hashHex: string | null | undefined): boolean {
  const ok = typeof secret === "string" && secret.length > 0;
  const equal = compare(digest(ok ? secret : ""), hashHex);
  return equal && ok;
}

/**
 * Whether `secret` matches any of the stored hashes (current and previous
 * secret during rotation). Every candidate is compared, with no early exit, so
 * the time does not reveal which one matched or whether a slot is empty.
 */
export function secretMatchesAny(secret: string, hashes: readonly (string | null | undefined)[]): boolean {
  const ok = typeof secret === "string" && secret.length > 0;
  const candidate = digest(ok ? secret : "");
  let matched = 0;
  for (const hash of hashes) {
    matched |= compare(candidate, hash) ? 1 : 0;
  }
  return matched === 1 && ok;
}
