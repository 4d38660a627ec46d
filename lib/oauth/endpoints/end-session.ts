// GET|POST /id/connect/endsession (OpenID Connect RP-Initiated Logout 1.0): ends the identity
// server's session at once, without a confirmation step, then sends the browser to
// post_logout_redirect_uri only when it equals one entry of ImpersonateLogoutUrl of the app the
// request names (by id_token_hint, an ID token we signed, expired or not, §2; or by client_id;
// both must agree), with state echoed (§3). Anything else gets a plain "you are signed out"
// page and no redirect (decidePostLogoutRedirect, lib/policy).
import { decidePostLogoutRedirect } from "@/lib/policy/interactive";
import { clientRedirect } from "../authorize/respond";
import { routeHandler, runEndpoint } from "../http/endpoint";
import { htmlPage, redirectResponse } from "../http/html";
import type { OAuthRequest, OAuthResponse, RefusalContext } from "../http/http";
import { clientAddress } from "../guard/brute-force";
import type { OAuthServer } from "../server";
import { endCurrentIdSession } from "../sessions/id-session";
import { verifyJwt } from "../tokens/jwt";
import { readRequestParams, renderErrorPage } from "./authorize";

export function endSessionEndpoint(request: OAuthRequest, server?: OAuthServer): Promise<OAuthResponse> {
  return runEndpoint("endsession", request, server, (s, ctx) => endSession(s, request, ctx), renderErrorPage);
}

export const handleEndSessionRequest = routeHandler(endSessionEndpoint);

/** The client an id_token_hint was issued to (its aud), when it is an ID token we signed. */
async function hintedClient(server: OAuthServer, hint: string | undefined): Promise<string | null> {
  if (hint === undefined) return null;
  const keys = server.keys.peek() ?? (await server.keys.current());
  const claims = verifyJwt(hint, (kid) => keys.byKid.get(kid), { issuer: server.config.issuer, typ: "JWT", allowExpired: true });
  const aud = claims?.aud;
  return typeof aud === "string" ? aud : Array.isArray(aud) && aud.length === 1 && typeof aud[0] === "string" ? aud[0] : null;
}

async function endSession(server: OAuthServer, request: OAuthRequest, ctx: RefusalContext): Promise<OAuthResponse> {
  ctx.ip = clientAddress(request);
  const { params } = await readRequestParams(request);
  const { clearCookie } = await endCurrentIdSession(server, request.header("cookie"), "end_session");

  const fromHint = await hintedClient(server, params.get("id_token_hint"));
  const clientId = params.get("client_id");
  const named = fromHint !== null && clientId !== undefined && fromHint !== clientId ? null : (fromHint ?? clientId ?? null);
  ctx.clientId = named ?? undefined;
  const client = named === null ? null : await server.registry.get(named);
  const decision = decidePostLogoutRedirect(client?.app ?? null, params.get("post_logout_redirect_uri"));
  if (decision.ok) {
    return redirectResponse(clientRedirect(decision.value, { state: params.get("state") }), request.method, [clearCookie]);
  }
  if (params.has("post_logout_redirect_uri")) {
    server.log.refused({ event: "oauth.endsession.no_redirect", ruleId: decision.ruleId, detail: decision.detail, client_id: named, ip: ctx.ip });
  }
  return htmlPage(200, "You are signed out", ["You have been signed out of the identity server.", { muted: "You can close this window." }], { cookies: [clearCookie] });
}
