// GET|POST /id/connect/authorize (RFC 6749 §3.1, §4.1.1; OpenID Connect Core 1.0 §3.1.2):
//   1. parameters from the query (GET) or the form body (POST, RFC 6749 §3.1), bounded;
//   2. the checks of ../authorize, in order (client, redirect_uri: refused on a page; the rest
//      at the redirect URI, RFC 6749 §4.1.2.1);
//   3. the browser's session and the user's Authorization decide the next step
//      (sessions/interaction.ts): sign-in page, consent page, or a code at the redirect URI
//      with state and iss (RFC 9207).
// A POST from another site carries no SameSite=Lax session cookie, so it starts at sign-in.
import { findAuthorizationScope } from "@/lib/db/authorizations";
import { runAuthorizeChecks } from "../authorize/index";
import { errorPage, errorRedirect } from "../authorize/respond";
import { InvalidRequest, toOAuthError } from "../errors";
import { clientAddress } from "../guard/brute-force";
import { parseAuthorizationParams, MAX_BODY_BYTES, type AuthorizationParams } from "../http/form";
import { htmlPage, redirectResponse } from "../http/html";
import { BodyTooLarge, logRefusal, type ErrorRenderer, type OAuthRequest, type OAuthResponse, type RefusalContext } from "../http/http";
import { routeHandler, runEndpoint } from "../http/endpoint";
import type { OAuthServer } from "../server";
import { browserBinding } from "../sessions/browser";
import { secureCookies } from "../sessions/cookies";
import { currentIdSession } from "../sessions/id-session";
import { continueAuthorization } from "../sessions/interaction";

/** Refusals of the interactive endpoints are pages (never JSON to a browser, never a redirect). */
export const renderErrorPage: ErrorRenderer = (err, _request, ctx, log) => {
  const e = toOAuthError(err);
  logRefusal(e, ctx, log);
  return errorPage(e);
};

export function authorizeEndpoint(request: OAuthRequest, server?: OAuthServer): Promise<OAuthResponse> {
  return runEndpoint("authorize", request, server, (s, ctx) => authorize(s, request, ctx), renderErrorPage);
}

export const handleAuthorizeRequest = routeHandler(authorizeEndpoint);

/** The request's parameters: the query of a GET, the form body of a POST (RFC 6749 §3.1). */
export async function readRequestParams(request: OAuthRequest): Promise<AuthorizationParams> {
  if (request.method === "GET" || request.method === "HEAD") {
    const q = request.url.indexOf("?");
    return parseAuthorizationParams(q < 0 ? "" : request.url.slice(q + 1).split("#")[0]!);
  }
  if (request.method !== "POST") throw new MethodNotAllowedPage(request.method);
  const type = (request.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new InvalidRequest(`content type ${JSON.stringify(type.slice(0, 60))}`, { reason: "content_type" });
  let body: string;
  try {
    body = await request.text(MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new InvalidRequest("body too large", { reason: "body_too_large" });
    throw error;
  }
  return parseAuthorizationParams(body);
}

class MethodNotAllowedPage extends InvalidRequest {
  override readonly status = 405;
  constructor(method: string) {
    super(`method ${method.slice(0, 20)} not allowed`, {}, { Allow: "GET, POST" });
  }
}

async function authorize(server: OAuthServer, request: OAuthRequest, ctx: RefusalContext): Promise<OAuthResponse> {
  ctx.ip = clientAddress(request);
  const input = await readRequestParams(request);
  const clientId = input.duplicates.has("client_id") ? undefined : input.params.get("client_id");
  ctx.clientId = clientId?.slice(0, 200);
  const client = clientId === undefined ? null : (server.registry.peek(clientId) ?? (await server.registry.get(clientId)));
  const outcome = runAuthorizeChecks({
    input,
    client,
    findings: client?.findings ?? [],
    policyOptions: server.config.policyOptions(),
    request: {},
  });
  if (!outcome.ok) {
    if (outcome.answer === "page") throw outcome.error;
    logRefusal(outcome.error, ctx, server.log);
    return redirectResponse(errorRedirect(outcome.redirectUri!, outcome.error, outcome.state ?? null, server.config.issuer), request.method);
  }

  const cookieHeader = request.header("cookie");
  const session = await currentIdSession(server, cookieHeader);
  const authorizedScope = session ? await findAuthorizationScope(server.connection.db, client!.id, session.user.Id) : null;
  return continueAuthorization({
    server,
    method: request.method,
    request: outcome.request,
    client: client!,
    session,
    authorizedScope,
    sessionFromThisInteraction: false,
    consentedNow: false,
    now: new Date(),
    browser: browserBinding(cookieHeader, secureCookies(server.config.issuer)),
    interactionId: null,
  });
}

/** A page saying the sign-in request has expired or belongs to another browser. */
export function expiredInteractionPage(): OAuthResponse {
  return htmlPage(400, "This sign-in request has expired", [
    "It was started too long ago, already completed, or in another browser.",
    "Go back to the application and sign in again.",
  ]);
}
