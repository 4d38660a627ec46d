// Introspection (RFC 7662) and revocation (RFC 7009) of the tokens we issue: JWT access tokens
// (the client's own, service or user) and refresh tokens (opaque, stored hashed).
// Both authenticate the client like the token endpoint and only ever act on that client's
// own tokens: a foreign, expired, revoked or garbage token is simply inactive (RFC 7662
// §2.2) or needs no revocation (RFC 7009 §2.2), so nothing tells a caller why.
// A user's access token is active only while its grant holds (not revoked by a code or
// refresh token reuse or a revoked Authorization, the user active); revoking a refresh token
// revokes its grant: the refresh tokens and the access tokens issued from it (RFC 7009 §2.1).
import { isAccessTokenRevoked, revokeAccessToken } from "@/lib/db/oauth-clients";
import { refreshTokenInfo, revokeGrant, userTokenState } from "@/lib/db/user-grants";
import { authenticateClient } from "../clients/authenticate";
import { emptyResponse, jsonResponse, readForm, requireParam, requirePost, type OAuthRequest, type OAuthResponse } from "../http/http";
import { routeHandler, runEndpoint } from "../http/endpoint";
import { grantRefOfJti, verifyAccessToken, type AccessTokenClaims } from "../tokens/jwt";
import { digestToken, looksLikeOpaqueToken } from "../tokens/opaque";
import type { OAuthServer } from "../server";

/** Seconds of clock skew tolerated when checking exp (RFC 7519 §4.1.4). */
const CLOCK_TOLERANCE_SECONDS = 0;

async function ownToken(server: OAuthServer, token: string, clientId: string): Promise<AccessTokenClaims | null> {
  const keys = await server.keys.current();
  const claims = verifyAccessToken(token, (kid) => keys.byKid.get(kid), {
    issuer: server.config.issuer,
    audience: server.config.audience,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
  });
  if (!claims || claims.client_id !== clientId) return null;
  return claims;
}

const INACTIVE = { active: false } as const;

/** POST /id/connect/introspect (RFC 7662 §2). */
export function introspectionEndpoint(request: OAuthRequest, server?: OAuthServer): Promise<OAuthResponse> {
  return runEndpoint("introspection", request, server, async (s, ctx) => {
    requirePost(request);
    const params = await readForm(request);
    const token = requireParam(params, "token"); // §2.1; token_type_hint is only a hint: ignored
    const { client } = await authenticateClient(s, request, params, ctx);
    const db = s.connection.db;
    if (looksLikeOpaqueToken(token)) {
      const refresh = await refreshTokenInfo(db, digestToken(token), client.id);
      if (!refresh?.active || !refresh.user.isActive) return jsonResponse(200, INACTIVE);
      return jsonResponse(200, {
        active: true,
        scope: refresh.scope,
        client_id: client.app.ApplicationUri,
        sub: refresh.user.id,
        username: refresh.user.login,
        iss: s.config.issuer,
        iat: Math.floor(refresh.createdUtc.getTime() / 1000),
        exp: Math.floor(refresh.expiresUtc.getTime() / 1000),
        token_type: "refresh_token",
      });
    }
    const claims = await ownToken(s, token, client.app.ApplicationUri);
    if (!claims) return jsonResponse(200, INACTIVE); // §2.2: nothing more for an inactive token
    const grantRef = grantRefOfJti(claims.jti);
    const [revoked, user] = await Promise.all([isAccessTokenRevoked(db, claims.jti), userTokenState(db, grantRef)]);
    // A user's token whose grant is gone, revoked, or whose user is inactive, is inactive.
    if (revoked || (grantRef !== null && (!user || user.revoked || !user.user.isActive))) return jsonResponse(200, INACTIVE);
    return jsonResponse(200, {
      active: true,
      scope: claims.scope.join(" "), // §2.2: space-separated
      client_id: claims.client_id,
      sub: claims.sub,
      // §2.2 username: the login of the user the token acts for (service tokens: sub is the SystemUser's login).
      ...(user ? { username: user.user.login } : {}),
      aud: claims.aud,
      iss: claims.iss,
      exp: claims.exp,
      iat: claims.iat,
      jti: claims.jti,
      token_type: "Bearer",
    });
  });
}

/** POST /id/connect/revocation (RFC 7009 §2). */
export function revocationEndpoint(request: OAuthRequest, server?: OAuthServer): Promise<OAuthResponse> {
  return runEndpoint("revocation", request, server, async (s, ctx) => {
    requirePost(request);
    const params = await readForm(request);
    const token = requireParam(params, "token"); // §2.1; an unknown token_type_hint is ignored (§2.1: extend the search)
    const { client } = await authenticateClient(s, request, params, ctx);
    const db = s.connection.db;
    if (looksLikeOpaqueToken(token)) {
      const refresh = await refreshTokenInfo(db, digestToken(token), client.id);
      if (refresh) await revokeGrant(db, refresh.grantId, "revocation_endpoint");
      return emptyResponse();
    }
    const claims = await ownToken(s, token, client.app.ApplicationUri);
    if (claims) {
      await revokeAccessToken(db, {
        jti: claims.jti,
        clientId: claims.client_id,
        expiresUtc: new Date(claims.exp * 1000),
      });
    }
    return emptyResponse(); // §2.2: 200 whether or not there was anything to revoke
  });
}

/** The route handlers' entries (web Request/Response); the production front calls the endpoints. */
export const handleIntrospectionRequest = routeHandler(introspectionEndpoint);
export const handleRevocationRequest = routeHandler(revocationEndpoint);
