// Encryption at rest of signing-key PEMs: AES-256-GCM under a key derived
// from a server secret (environment) with HKDF-SHA256 (RFC 5869).
//
// Output: "v1.<iv>.<tag>.<ciphertext>", each part base64url. The version is
// also bound in as additional authenticated data, so a blob cannot be
// re-labelled as another format version.
//
// HKDF is not a password KDF: the secret must already be high-entropy (e.g.
// `openssl rand -base64 32`), which is why short secrets are refused.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const HKDF_INFO = "trusted-apps-console/signing-key-encryption/v1";
// Fixed (empty) salt: RFC 5869 §3.1 allows it; the secret is already uniformly random.
const HKDF_SALT = Buffer.alloc(0);
const IV_BYTES = 12; // 96-bit IV, the GCM recommendation (NIST SP 800-38D §8.2)
const TAG_BYTES = 16;
export const MIN_SECRET_LENGTH = 32;

/** Thrown when a blob cannot be decrypted; the message never contains key material. */
export class KeyDecryptionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KeyDecryptionError";
  }
}

function deriveKey(secret: string): Buffer {
  if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`the key-encryption secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), HKDF_SALT, HKDF_INFO, 32));
}

export function encryptPrivateKey(pem: string, secret: string): string {
  const key = deriveKey(secret);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(pem, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

const B64URL = /^[A-Za-z0-9_-]+$/;

export function decryptPrivateKey(blob: string, secret: string): string {
  const key = deriveKey(secret);
  const parts = typeof blob === "string" ? blob.split(".") : [];
  if (parts[0] !== VERSION) {
    throw new KeyDecryptionError("encrypted signing key has an unknown format or version (expected v1)");
  }
  if (parts.length !== 4 || !parts.slice(1).every((p) => B64URL.test(p))) {
    throw new KeyDecryptionError("encrypted signing key is malformed");
  }
  const [, ivPart = "", tagPart = "", ctPart = ""] = parts;
  const iv = Buffer.from(ivPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  // Insist on the full tag: GCM would otherwise accept a truncated one.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new KeyDecryptionError("encrypted signing key is malformed");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(ctPart, "base64url")), decipher.final()]);
    return plain.toString("utf8");
  } catch (cause) {
    throw new KeyDecryptionError(
      "could not decrypt the signing key: wrong key-encryption secret, or the data was altered",
      { cause },
    );
  }
}
