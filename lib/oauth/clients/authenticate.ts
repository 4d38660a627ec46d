// Client authentication (RFC 6749 §2.3) for the token, introspection (RFC 7662 §2.1) and
// revocation (RFC 7009 §2.1) endpoints: one method per request, brute-force limits first,
// then the decision steps client → client_auth → secret shared with the explainer.
import { extractClientCredentials, type ClientAuthMethod } from "./client-auth";
import { clientAddress, holdBack } from "../guard/brute-force";
import type { RegisteredClient } from "./client-registry";
import { evaluateClient } from "../grants/decision";
import { isOAuthError } from "../errors";
import type { FormParams } from "../http/form";
import type { OAuthRequest, RefusalContext } from "../http/http";
import type { OAuthServer } from "../server";

export interface AuthenticatedClient {
  client: RegisteredClient;
  method: ClientAuthMethod;
}

export async function authenticateClient(
  server: OAuthServer,
  request: OAuthRequest,
  params: FormParams,
  ctx: RefusalContext,
  disabledApp: "invalid_client" | "invalid_grant" = "invalid_client",
): Promise<AuthenticatedClient> {
  const ip = clientAddress(request);
  ctx.ip = ip;
  server.guard.checkAddress(ip);

  let credentials;
  try {
    // §2.3.1 / Appendix B: Basic or body, never both; Basic values are form-decoded.
    credentials = extractClientCredentials(request.header("authorization"), params);
  } catch (error) {
    if (isOAuthError(error) && error.error === "invalid_client") server.guard.failed(ip, null);
    throw error;
  }
  const { clientId, method } = credentials;
  ctx.clientId = clientId;

  const client = server.registry.peek(clientId) ?? (await server.registry.get(clientId));
  if (client) server.guard.checkSubject(clientId, ip);

  const result = evaluateClient({
    clientId,
    client,
    method,
    secret: { verify: credentials.clientSecret, nowMs: Date.now() },
    disabledApp,
  });
  if (!result.ok) {
    // Authenticated, but its app is disabled (a user grant: invalid_grant): not a guess.
    if (result.error.error === "invalid_grant") server.guard.succeeded(clientId, ip);
    // A client guessed at from many addresses: its failures are answered later and later.
    else await holdBack(server.guard.failed(ip, client ? clientId : null));
    throw result.error;
  }
  server.guard.succeeded(clientId, ip);
  return { client: result.value, method };
}
