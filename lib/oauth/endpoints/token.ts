// POST /id/connect/token (RFC 6749 §3.2): a list of small named steps, in the manner of
// node-oidc-provider's lib/actions/token.js:
//   1. no-store headers on every response            (§5.1, http.ts)
//   2. POST only                                       (§3.2)
//   3. application/x-www-form-urlencoded, duplicates refused (§3.2, Appendix B; form.ts)
//   4. grant_type present                              (§4.4.2)
//   5. authenticate the client, one method only        (§2.3; authenticate.ts)
//   6. grant type supported → policy → grant allowed → scopes (§5.2, §3.3; decision.ts)
//   7. dispatch to the grant table's handler           (grants/index.ts)
// Refusals are logged with the rule id and the private detail (never a secret or token);
// an unexpected failure answers server_error and nothing else.
import { countTokenIssued } from "@/lib/observability/metrics";
import { evaluateGrant } from "../grants/decision";
import { GRANTS } from "../grants/index";
import { jsonResponse, readForm, requireParam, requirePost, type OAuthRequest, type OAuthResponse, type RefusalContext } from "../http/http";
import { authenticateClient } from "../clients/authenticate";
import { routeHandler, runEndpoint } from "../http/endpoint";
import type { OAuthServer } from "../server";

export function tokenEndpoint(request: OAuthRequest, server?: OAuthServer): Promise<OAuthResponse> {
  return runEndpoint("token", request, server, (s, ctx) => issueToken(s, request, ctx));
}

/** The route handler's entry (web Request/Response); the production front calls tokenEndpoint. */
export const handleTokenRequest = routeHandler(tokenEndpoint);

async function issueToken(server: OAuthServer, request: OAuthRequest, ctx: RefusalContext): Promise<OAuthResponse> {
  requirePost(request);
  const params = await readForm(request);
  const grantType = requireParam(params, "grant_type");
  // A disabled app holding a user grant is told so after it authenticated (invalid_grant).
  const disabledApp = GRANTS.get(grantType)?.disabledApp ?? "invalid_client";
  const { client, method } = await authenticateClient(server, request, params, ctx, disabledApp);

  const decision = evaluateGrant({ client, method, grantType, scope: params.get("scope") ?? null });
  if (!decision.ok) throw decision.error;

  const { config } = server;
  // Cached values are used without waiting: fewer promises on the hot path.
  const issued = decision.value.grant.issue({
    app: client.app,
    client,
    server,
    scopes: decision.value.scopes,
    params,
    issuer: config.issuer,
    audience: config.audience,
    accessTokenLifetimeSeconds: config.accessTokenLifetimeSeconds,
    keys: server.keys.peek() ?? (await server.keys.current()),
    now: new Date(),
  });
  const body = issued instanceof Promise ? await issued : issued;
  countTokenIssued(grantType, client.app.ClientType);
  return jsonResponse(200, body);
}
