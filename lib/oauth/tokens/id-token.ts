// ID tokens (OpenID Connect Core 1.0 §2, §3.1.3.6): who signed in, for which client, when,
// and in answer to which nonce; signed with the same keys as access tokens (the JWKS).
import { hash } from "node:crypto";

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  /** OIDC Core §2: with a single audience, azp may be included; it is, for clients that check it. */
  azp: string;
  exp: number;
  iat: number;
  auth_time: number;
  nonce?: string;
  at_hash?: string;
}

export interface IdTokenInput {
  issuer: string;
  subject: string;
  clientId: string;
  authTime: Date;
  /** The authorization request's nonce, carried unchanged (§3.1.2.1). Absent on a refresh unless it was sent. */
  nonce?: string | null;
  /** The access token issued with it: at_hash (§3.1.3.6). */
  accessToken?: string;
  lifetimeSeconds: number;
  now?: Date;
}

/**
 * at_hash: base64url of the left-most half of the hash of the access token's ASCII octets, the
 * hash being the one of the JWS alg; SHA-256 for both ES256 and RS256 (§3.1.3.6).
 */
export function atHash(accessToken: string): string {
  return hash("sha256", accessToken, "buffer").subarray(0, 16).toString("base64url");
}

export function idTokenClaims(input: IdTokenInput): IdTokenClaims {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return {
    iss: input.issuer,
    sub: input.subject,
    aud: input.clientId,
    azp: input.clientId,
    exp: iat + input.lifetimeSeconds,
    iat,
    auth_time: Math.floor(input.authTime.getTime() / 1000),
    ...(input.nonce ? { nonce: input.nonce } : {}),
    ...(input.accessToken ? { at_hash: atHash(input.accessToken) } : {}),
  };
}
