// What the two user grants (authorization_code, refresh_token) issue, in one place: an access
// token for the user (the JWT of client_credentials, with sub = the user's id), an ID token when
// openid was granted (OpenID Connect Core 1.0 §3.1.3.3, §12.2), and a refresh token only when
// offline_access was granted to a Confidential app (issuesRefreshToken, lib/policy).
// Prepared first (ids and the refresh token are known before anything is signed), so the
// grant can record them in the database while the signatures are made on the signing thread.
import type { IssuedUserTokens } from "@/lib/db/user-grant-store";
import { issuesRefreshToken } from "@/lib/policy/interactive";
import { idTokenClaims } from "../tokens/id-token";
import { accessTokenClaims, signJwtOffThread, signWithIdTokenOffThread, type AccessTokenClaims } from "../tokens/jwt";
import { digestToken, newOpaqueToken } from "../tokens/opaque";
import type { GrantContext, TokenResponseBody } from "./index";

export interface PreparedUserTokens {
  claims: AccessTokenClaims;
  /** What the database records (never a token itself, only a digest). */
  issued: IssuedUserTokens;
  refreshToken: string | null;
  idToken: { authTime: Date; nonce: string | null } | null;
}

export function prepareUserTokens(
  ctx: GrantContext,
  input: { grantId: string; userId: string; scopes: readonly string[]; grantScopes: readonly string[]; authTime: Date; nonce: string | null },
): PreparedUserTokens {
  const claims = accessTokenClaims({
    issuer: ctx.issuer,
    audience: ctx.audience,
    clientId: ctx.app.ApplicationUri,
    // RFC 9068 §2.2 / OIDC Core §2: the user's stable id, never their (renamable) login.
    subject: input.userId,
    scopes: input.scopes,
    lifetimeSeconds: ctx.accessTokenLifetimeSeconds,
    now: ctx.now,
    // Its jti names the grant, which revocation revokes (no row per access token).
    grantRef: input.grantId,
  });
  const refreshToken = issuesRefreshToken(ctx.app, input.grantScopes) ? newOpaqueToken() : null;
  return {
    claims,
    refreshToken,
    issued: {
      refresh: refreshToken
        ? { tokenHash: digestToken(refreshToken), expiresUtc: new Date(ctx.now.getTime() + ctx.server.config.refreshTokenLifetimeSeconds * 1000) }
        : null,
    },
    idToken: input.scopes.includes("openid") ? { authTime: input.authTime, nonce: input.nonce } : null,
  };
}

/** Signs what was prepared (the ID token's at_hash names the access token) and builds the RFC 6749 §5.1 response. */
export async function signUserTokens(ctx: GrantContext, prepared: PreparedUserTokens): Promise<TokenResponseBody> {
  const { claims, idToken } = prepared;
  const [accessToken, signedIdToken] = idToken
    ? await signWithIdTokenOffThread(
        { typ: "at+jwt" },
        claims,
        { typ: "JWT" },
        { ...idTokenClaims({ issuer: ctx.issuer, subject: claims.sub, clientId: ctx.app.ApplicationUri, authTime: idToken.authTime, nonce: idToken.nonce, lifetimeSeconds: ctx.accessTokenLifetimeSeconds, now: ctx.now }) },
        ctx.keys.signing,
      )
    : [await signJwtOffThread({ typ: "at+jwt" }, claims, ctx.keys.signing), undefined];
  const body: TokenResponseBody = {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: ctx.accessTokenLifetimeSeconds,
    scope: claims.scope.join(" "),
  };
  if (signedIdToken) body.id_token = signedIdToken;
  if (prepared.refreshToken) body.refresh_token = prepared.refreshToken;
  return body;
}
