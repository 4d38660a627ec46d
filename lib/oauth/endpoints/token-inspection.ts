// Introspection (RFC 7662) and revocation (RFC 7009) of the access tokens we issue.
// Both authenticate the client like the token endpoint and only ever act on that client's
// own tokens: a foreign, expired, revoked or garbage token is simply inactive (RFC 7662
// §2.2) or needs no revocation (RFC 7009 §2.2), so nothing tells a caller why.
import { isAccessTokenRevoked, revokeAccessToken } from "@/lib/db/oauth-clients";
import { authenticateClient } from "../clients/authenticate";
import { emptyResponse, jsonResponse, readForm, requireParam, requirePost, type OAuthRequest, type OAuthResponse } from "../http/http";
import { routeHandler, runEndpoint } from "../http/endpoint";
import { verifyAccessToken, type AccessTokenClaims } from "../tokens/jwt";
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

/** POST /id/connect/introspect (RFC 7662 §2). */
export function introspectionEndpoint(request: OAuthRequest, server?: OAuthServer): Promise<OAuthResponse> {
  return runEndpoint("introspection", request, server, async (s, ctx) => {
    requirePost(request);
    const params = await readForm(request);
    const token = requireParam(params, "token"); // §2.1; token_type_hint is only a hint: ignored
    const { client } = await authenticateClient(s, request, params, ctx);
    const claims = await ownToken(s, token, client.app.ApplicationUri);
    if (!claims || (await isAccessTokenRevoked(s.connection.db, claims.jti))) {
      return jsonResponse(200, { active: false }); // §2.2: nothing more for an inactive token
    }
    return jsonResponse(200, {
      active: true,
      scope: claims.scope.join(" "), // §2.2: space-separated
      client_id: claims.client_id,
      sub: claims.sub,
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
    const claims = await ownToken(s, token, client.app.ApplicationUri);
    if (claims) {
      await revokeAccessToken(s.connection.db, {
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
