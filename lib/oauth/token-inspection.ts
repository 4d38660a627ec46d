// Introspection (RFC 7662) and revocation (RFC 7009) of the access tokens we issue.
// Both authenticate the client like the token endpoint and only ever act on that client's
// own tokens: a foreign, expired, revoked or garbage token is simply inactive (RFC 7662
// §2.2) or needs no revocation (RFC 7009 §2.2), so nothing tells a caller why.
import { isAccessTokenRevoked, revokeAccessToken } from "@/lib/db/oauth-clients";
import { authenticateClient } from "./authenticate";
import {
  consoleLogger,
  emptyResponse,
  errorResponse,
  fromWebRequest,
  jsonResponse,
  readForm,
  requireParam,
  requirePost,
  toWebResponse,
  type OAuthRequest,
  type OAuthResponse,
  type RefusalContext,
} from "./http";
import { verifyAccessToken, type AccessTokenClaims } from "./jwt";
import { getOAuthServer, type OAuthServer } from "./server";

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

async function withServer(
  endpoint: RefusalContext["endpoint"],
  request: OAuthRequest,
  server: OAuthServer | undefined,
  run: (s: OAuthServer, ctx: RefusalContext) => Promise<OAuthResponse>,
): Promise<OAuthResponse> {
  const ctx: RefusalContext = { endpoint };
  let s = server;
  try {
    s ??= await getOAuthServer();
    return await run(s, ctx);
  } catch (err) {
    return errorResponse(err, request, ctx, s?.log ?? consoleLogger, s?.config.issuer);
  }
}

/** POST /id/connect/introspect (RFC 7662 §2), for the route handler. */
export async function handleIntrospectionRequest(request: Request, server?: OAuthServer): Promise<Response> {
  return toWebResponse(await introspectionEndpoint(fromWebRequest(request), server));
}

/** POST /id/connect/revocation (RFC 7009 §2), for the route handler. */
export async function handleRevocationRequest(request: Request, server?: OAuthServer): Promise<Response> {
  return toWebResponse(await revocationEndpoint(fromWebRequest(request), server));
}

/** POST /id/connect/introspect (RFC 7662 §2). */
export function introspectionEndpoint(request: OAuthRequest, server?: OAuthServer): Promise<OAuthResponse> {
  return withServer("introspection", request, server, async (s, ctx) => {
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
  return withServer("revocation", request, server, async (s, ctx) => {
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
