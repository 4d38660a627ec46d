// What the token, introspection and revocation endpoints share around their steps: the
// server's state, and one place where any refusal or failure is logged and rendered.
import { consoleLogger, errorResponse, fromWebRequest, toWebResponse, type ErrorRenderer, type OAuthRequest, type OAuthResponse, type RefusalContext } from "./http";
import { getOAuthServer, readyOAuthServer, type OAuthServer } from "../server";

export type Endpoint = (request: OAuthRequest, server?: OAuthServer) => Promise<OAuthResponse>;

/**
 * Runs `steps`; a thrown OAuthError is rendered by `render` (default: JSON per RFC 6749 §5.2),
 * anything else as server_error.
 */
export async function runEndpoint(
  endpoint: RefusalContext["endpoint"],
  request: OAuthRequest,
  server: OAuthServer | undefined,
  steps: (s: OAuthServer, ctx: RefusalContext) => Promise<OAuthResponse>,
  render: ErrorRenderer = errorResponse,
): Promise<OAuthResponse> {
  const ctx: RefusalContext = { endpoint, requestId: request.header("x-request-id") ?? undefined };
  let s = server ?? readyOAuthServer();
  try {
    s ??= await getOAuthServer();
    return await steps(s, ctx);
  } catch (err) {
    return render(err, request, ctx, s?.log ?? consoleLogger, s?.config.issuer);
  }
}

/** The same endpoint as a route handler (web Request/Response), for app/id/connect/*. */
export function routeHandler(endpoint: Endpoint) {
  return async (request: Request, server?: OAuthServer): Promise<Response> => toWebResponse(await endpoint(fromWebRequest(request), server));
}
