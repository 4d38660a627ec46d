import { createDecipheriv, hkdfSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSigningKey, signJwt, verifyJwt } from "../tokens/jwt";
import { KeyDecryptionError, decryptPrivateKey, encryptPrivateKey } from "./key-encryption";

const SECRET = "test-only-secret-0123456789abcdef0123456789";
const PEM = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n";

function tamper(blob: string, part: 1 | 2 | 3): string {
  const parts = blob.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

function decryptionError(fn: () => unknown): KeyDecryptionError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KeyDecryptionError) return err;
    throw err;
  }
  throw new Error("expected KeyDecryptionError");
}

describe("encryptPrivateKey / decryptPrivateKey", () => {
  it("round-trips, in the v1.<iv>.<tag>.<ciphertext> format", () => {
    const blob = encryptPrivateKey(PEM, SECRET);
    expect(blob).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(blob).not.toContain("PRIVATE KEY");
    expect(decryptPrivateKey(blob, SECRET)).toBe(PEM);
  });

  it("uses a fresh 96-bit IV every time", () => {
    const a = encryptPrivateKey(PEM, SECRET).split(".");
    const b = encryptPrivateKey(PEM, SECRET).split(".");
    expect(Buffer.from(a[1] ?? "", "base64url")).toHaveLength(12);
    expect(a[1]).not.toBe(b[1]);
    expect(a[3]).not.toBe(b[3]);
  });

  it("is AES-256-GCM under HKDF-SHA256(secret) with the v1 label and the version as AAD", () => {
    // An independent decryption, documenting the format for operators.
    const [, iv, tag, ct] = encryptPrivateKey(PEM, SECRET).split(".") as [string, string, string, string];
    const key = Buffer.from(
      hkdfSync("sha256", SECRET, Buffer.alloc(0), "trusted-apps-console/signing-key-encryption/v1", 32),
    );
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from("v1"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]);
    expect(plain.toString()).toBe(PEM);
  });

  it("refuses the wrong secret with a clear error that does not contain either secret", () => {
    const blob = encryptPrivateKey(PEM, SECRET);
    const other = "another-secret-0123456789abcdef0123456789";
    const err = decryptionError(() => decryptPrivateKey(blob, other));
    expect(err.message).toBe(
      "could not decrypt the signing key: wrong key-encryption secret, or the data was altered",
    );
    expect(err.message).not.toContain(other);
    expect(err.message).not.toContain(SECRET);
  });

  it.each([1, 2, 3] as const)("detects a change to part %i", (part) => {
    const blob = encryptPrivateKey(PEM, SECRET);
    const err = decryptionError(() => decryptPrivateKey(tamper(blob, part), SECRET));
    expect(err.message).toMatch(/^could not decrypt the signing key/);
  });

  it("refuses a truncated tag instead of checking fewer bits", () => {
    const [v, iv, tag, ct] = encryptPrivateKey(PEM, SECRET).split(".") as [string, string, string, string];
    const short = Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url");
    const err = decryptionError(() => decryptPrivateKey([v, iv, short, ct].join("."), SECRET));
    expect(err.message).toBe("encrypted signing key is malformed");
  });

  it.each([
    ["v2.a.b.c", "encrypted signing key has an unknown format or version (expected v1)"],
    ["-----BEGIN PRIVATE KEY-----", "encrypted signing key has an unknown format or version (expected v1)"],
    ["v1.abc", "encrypted signing key is malformed"],
    ["v1.a+b.c.d", "encrypted signing key is malformed"],
    ["v1.AAAA.AAAA.AAAA", "encrypted signing key is malformed"],
  ])("refuses %j: %s", (blob, message) => {
    expect(decryptionError(() => decryptPrivateKey(blob, SECRET)).message).toBe(message);
  });

  it("refuses a short (low-entropy) secret on both sides", () => {
    expect(() => encryptPrivateKey(PEM, "short")).toThrow(
      new TypeError("the key-encryption secret must be at least 32 characters"),
    );
    expect(() => decryptPrivateKey("v1.a.b.c", "short")).toThrow(TypeError);
  });

  it("a decrypted signing key still signs verifiable tokens", () => {
    const key = generateSigningKey("ES256");
    const pem = decryptPrivateKey(encryptPrivateKey(key.privateKeyPem, SECRET), SECRET);
    const now = new Date("2030-01-01T00:00:00Z");
    const token = signJwt(
      { typ: "at+jwt" },
      { iss: "https://i", exp: now.getTime() / 1000 + 60 },
      { kid: key.kid, alg: key.alg, privateKeyPem: pem },
    );
    expect(verifyJwt(token, () => key.publicJwk, { issuer: "https://i", now })).not.toBeNull();
  });
});
