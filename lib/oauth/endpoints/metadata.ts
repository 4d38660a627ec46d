// Authorization server metadata (RFC 8414 §2, OpenID Connect Discovery 1.0 §3) and the
// JWKS (RFC 7517 §5). Every list says what the endpoints really do, and nothing more.
import { log, logFailure } from "@/lib/log";
import { currentRequestId } from "@/lib/request-context";
import { noStoreHeaders, toOAuthError } from "../errors";
import { SUPPORTED_GRANT_TYPES } from "../grants/index";
import { SIGNING_ALGS } from "../tokens/jwt";
import { getOAuthServer, type OAuthServer } from "../server";

/** The JWKS may be cached shorter than a new key is announced (keys.ts DEFAULT_ANNOUNCE_SECONDS). */
export const JWKS_MAX_AGE_SECONDS = 600;

export const PATHS = {
  authorization: "/connect/authorize",
  token: "/connect/token",
  userinfo: "/connect/userinfo",
  endSession: "/connect/endsession",
  introspection: "/connect/introspect",
  revocation: "/connect/revocation",
  jwks: "/.well-known/jwks",
} as const;

/** Client authentication the endpoints accept from the clients that can use them (RFC 6749 §2.3.1). */
const AUTH_METHODS = ["client_secret_basic", "client_secret_post"];

/** Claims the ID token and UserInfo carry (OIDC Core §5.1; user_type: Internal or Community). */
export const CLAIMS_SUPPORTED = ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "azp", "name", "preferred_username", "user_type"];

export function discoveryDocument(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}${PATHS.authorization}`,
    token_endpoint: `${issuer}${PATHS.token}`,
    userinfo_endpoint: `${issuer}${PATHS.userinfo}`,
    end_session_endpoint: `${issuer}${PATHS.endSession}`,
    jwks_uri: `${issuer}${PATHS.jwks}`,
    introspection_endpoint: `${issuer}${PATHS.introspection}`,
    revocation_endpoint: `${issuer}${PATHS.revocation}`,
    grant_types_supported: SUPPORTED_GRANT_TYPES,
    // Tokens never travel in a redirect (seed 002): the authorization code flow only.
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    // PKCE is required of every client, S256 only (RFC 7636, RFC 9700 §2.1.1).
    code_challenge_methods_supported: ["S256"],
    // Scopes an external app can obtain (seed 004); sec and DomainApi never are.
    scopes_supported: ["openid", "profile", "offline_access", "read", "update"],
    // "none": Public apps, identified by client_id and PKCE (seed 000 "Public = no secret").
    token_endpoint_auth_methods_supported: [...AUTH_METHODS, "none"],
    introspection_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_methods_supported: [...AUTH_METHODS, "none"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: SIGNING_ALGS,
    // Algorithms access tokens may be signed with (RFC 9068 §2.1), as keys are rotated.
    access_token_signing_alg_values_supported: SIGNING_ALGS,
    claims_supported: CLAIMS_SUPPORTED,
    prompt_values_supported: ["none", "login", "consent", "select_account"],
    // RFC 9207 §3: the authorization response carries iss.
    authorization_response_iss_parameter_supported: true,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}

export async function handleDiscoveryRequest(server?: OAuthServer): Promise<Response> {
  try {
    const s = server ?? (await getOAuthServer());
    return Response.json(discoveryDocument(s.config.issuer), {
      headers: { "Cache-Control": `public, max-age=${JWKS_MAX_AGE_SECONDS}` },
    });
  } catch (error) {
    return metadataFailure("oauth.discovery.failed", error);
  }
}

/** 503 temporarily_unavailable when the database is unreachable, else a bare server_error. */
function metadataFailure(event: string, error: unknown): Response {
  const e = toOAuthError(error);
  if (e.status === 503) {
    void currentRequestId().then((request_id) => log("warn", event, { request_id, ...e.toLog() }));
    return new Response(JSON.stringify({ error: e.error, error_description: e.description }), {
      status: 503,
      headers: { ...noStoreHeaders(), ...e.headers, "Content-Type": "application/json" },
    });
  }
  void currentRequestId().then((request_id) => logFailure(event, { request_id }, error));
  return new Response(JSON.stringify({ error: "server_error" }), {
    status: 500,
    headers: { ...noStoreHeaders(), "Content-Type": "application/json" },
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
    return metadataFailure("oauth.jwks.failed", error);
  }
}
