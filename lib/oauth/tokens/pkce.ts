// PKCE (RFC 7636): the token endpoint's half. The authorization endpoint stores the S256
// code_challenge (the policy admits no other method: decidePkce); the code exchange must
// present the code_verifier whose transform equals it (§4.6).
import { hash, timingSafeEqual } from "node:crypto";
import { isValidCodeVerifier } from "@/lib/policy/interactive";

/** BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return hash("sha256", verifier, "base64url");
}

/**
 * Whether `verifier` is well-formed (43–128 unreserved characters, §4.1) and transforms to
 * `challenge`. Compared in constant time over equal-length values (both are 43-character S256
 * digests once the verifier is well-formed).
 */
export function verifyPkce(verifier: string | undefined, challenge: string): boolean {
  if (verifier === undefined || !isValidCodeVerifier(verifier)) return false;
  const presented = Buffer.from(s256(verifier));
  const expected = Buffer.from(challenge);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
