// Authorization server metadata (RFC 8414 §2, OpenID Connect Discovery 1.0 §3) and the
// JWKS (RFC 7517 §5). Every list says what the endpoints really do today; the interactive
// flows will extend them when they exist.
import { noStoreHeaders } from "../errors";
import { SUPPORTED_GRANT_TYPES } from "../grants/index";
import { SIGNING_ALGS } from "../tokens/jwt";
import { getOAuthServer, type OAuthServer } from "../server";

/** The JWKS may be cached shorter than a new key is announced (keys.ts DEFAULT_ANNOUNCE_SECONDS). */
export const JWKS_MAX_AGE_SECONDS = 600;

export const PATHS = {
  token: "/connect/token",
  introspection: "/connect/introspect",
  revocation: "/connect/revocation",
  jwks: "/.well-known/jwks",
} as const;

/** Client authentication the endpoints accept from the clients that can use them (RFC 6749 §2.3.1). */
const AUTH_METHODS = ["client_secret_basic", "client_secret_post"];

export function discoveryDocument(issuer: string) {
  return {
    issuer,
    token_endpoint: `${issuer}${PATHS.token}`,
    jwks_uri: `${issuer}${PATHS.jwks}`,
    introspection_endpoint: `${issuer}${PATHS.introspection}`,
    revocation_endpoint: `${issuer}${PATHS.revocation}`,
    grant_types_supported: SUPPORTED_GRANT_TYPES,
    // No authorization endpoint yet, hence no response type (RFC 8414 §2 requires the member).
    response_types_supported: [] as string[],
    // Permission scopes an external app can obtain (seed 004); sec and DomainApi never are,
    // identity scopes need the interactive flows.
    scopes_supported: ["read", "update"],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    introspection_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    // Algorithms access tokens may be signed with (RFC 9068 §2.1), as keys are rotated.
    access_token_signing_alg_values_supported: SIGNING_ALGS,
  };
}

export async function handleDiscoveryRequest(server?: OAuthServer): Promise<Response> {
  const s = server ?? (await getOAuthServer());
  return Response.json(discoveryDocument(s.config.issuer), {
    headers: { "Cache-Control": `public, max-age=${JWKS_MAX_AGE_SECONDS}` },
  });
}

export async function handleJwksRequest(server?: OAuthServer): Promise<Response> {
  try {
    const s = server ?? (await getOAuthServer());
    const keys = await s.keys.current();
    return new Response(JSON.stringify(keys.jwks), {
      headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": `public, max-age=${JWKS_MAX_AGE_SECONDS}` },
    });
  } catch (error) {
    console.error(JSON.stringify({ level: "error", event: "oauth.jwks.failed" }), error);
    return new Response(JSON.stringify({ error: "server_error" }), {
      status: 500,
      headers: { ...noStoreHeaders(), "Content-Type": "application/json" },
    });
  }
}
