// GET|POST /id/connect/userinfo (OpenID Connect Core 1.0 §5.3) with a Bearer access token
// (RFC 6750) that holds openid: sub, and with profile name, preferred_username (the login) and
// user_type (Internal or Community). The token is accepted only in the Authorization header
// (seed 002 "Always send tokens in the Authorization: Bearer header." and "Do not include
// tokens in URLs or query parameters."); one in the query or body is refused (RFC 6750 §2.2,
// §2.3 are optional to support). Errors per RFC 6750 §3.1: no token, a bare Bearer challenge;
// an expired, revoked or garbage token, invalid_token; no openid, insufficient_scope.
import { isAccessTokenRevoked } from "@/lib/db/oauth-clients";
import { userTokenState } from "@/lib/db/user-grants";
import { decideGrantStillValid } from "@/lib/policy/interactive";
import { InsufficientScope, InvalidRequest, InvalidToken, isOAuthError, noStoreHeaders, toOAuthError } from "../errors";
import { routeHandler, runEndpoint } from "../http/endpoint";
import { jsonResponse, logRefusal, type ErrorRenderer, type OAuthRequest, type OAuthResponse } from "../http/http";
import type { OAuthServer } from "../server";
import { grantRefOfJti, verifyAccessToken } from "../tokens/jwt";

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** RFC 6750 §3: the WWW-Authenticate challenge (no error attribute when no token was sent, §3.1). */
const renderBearerError: ErrorRenderer = (err, _request, ctx, log, realm) => {
  const e = toOAuthError(err);
  logRefusal(e, ctx, log);
  const headers: Record<string, string> = { ...noStoreHeaders(), "Content-Type": "application/json;charset=UTF-8" };
  if (e.status === 503) return { status: 503, headers: { ...headers, ...e.headers }, body: JSON.stringify({ error: e.error, error_description: e.description }) };
  if (e.status >= 500) return { status: 500, headers, body: JSON.stringify({ error: "server_error" }) };
  const challenge = [`realm=${quoted(realm ?? "userinfo")}`];
  const missing = isOAuthError(e) && e.detail === NO_TOKEN;
  if (!missing) challenge.push(`error=${quoted(e.error)}`, `error_description=${quoted(e.description)}`);
  if (e.error === "insufficient_scope") challenge.push('scope="openid"');
  headers["WWW-Authenticate"] = `Bearer ${challenge.join(", ")}`;
  const status = missing ? 401 : e.status;
  return { status, headers, body: missing ? null : JSON.stringify({ error: e.error, error_description: e.description }) };
};

const NO_TOKEN = "no access token";

export function userinfoEndpoint(request: OAuthRequest, server?: OAuthServer): Promise<OAuthResponse> {
  return runEndpoint("userinfo", request, server, (s) => userinfo(s, request), renderBearerError);
}

export const handleUserinfoRequest = routeHandler(userinfoEndpoint);

async function userinfo(server: OAuthServer, request: OAuthRequest): Promise<OAuthResponse> {
  if (request.method !== "GET" && request.method !== "POST") {
    return { status: 405, headers: { ...noStoreHeaders(), Allow: "GET, POST" }, body: null };
  }
  const q = request.url.indexOf("?");
  if (q >= 0 && /(^|&)access_token=/.test(request.url.slice(q + 1))) {
    throw new InvalidRequest("access token in the query string", { reason: "bearer_in_query" });
  }
  if (request.method === "POST" && /access_token=/.test(await request.text(16 * 1024).catch(() => ""))) {
    throw new InvalidRequest("access token in the request body", { reason: "bearer_in_query" });
  }
  const header = request.header("authorization");
  if (header === null) throw new InvalidToken(NO_TOKEN);
  const match = BEARER.exec(header);
  if (!match) throw new InvalidRequest("Authorization is not a Bearer token", { reason: "malformed" });

  const keys = server.keys.peek() ?? (await server.keys.current());
  const claims = verifyAccessToken(match[1]!, (kid) => keys.byKid.get(kid), { issuer: server.config.issuer, audience: server.config.audience });
  if (!claims) throw new InvalidToken("not a valid, unexpired access token of this issuer");
  if (!claims.scope.includes("openid")) throw new InsufficientScope(`token of ${claims.client_id} has no openid scope`);
  const [state, revoked, client] = await Promise.all([
    userTokenState(server.connection.db, grantRefOfJti(claims.jti)),
    isAccessTokenRevoked(server.connection.db, claims.jti),
    server.registry.get(claims.client_id),
  ]);
  if (!state || revoked || state.revoked) throw new InvalidToken(`token ${claims.jti} was revoked or issued to no user`);
  // The same rule as a refresh: the app enabled, the user active and accepted, consent in place.
  const holds = client ? decideGrantStillValid(client.app, { Type: state.user.type, IsActive: state.user.isActive }, state.authorizedScope, claims.scope) : null;
  if (!holds?.ok) throw new InvalidToken(holds ? holds.detail : `client ${claims.client_id} no longer exists`, holds ? { ruleId: holds.ruleId } : {});

  const body: Record<string, string> = { sub: claims.sub };
  if (claims.scope.includes("profile")) {
    body.name = state.user.displayName;
    body.preferred_username = state.user.login;
    body.user_type = state.user.type;
  }
  return jsonResponse(200, body);
}
