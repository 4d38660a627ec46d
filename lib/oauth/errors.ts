// OAuth 2.0 error responses (RFC 6749 §5.2, RFC 7009 §2.2.1), shared by the
// token, introspection and revocation endpoints.
//
// One class per error code. Every class has a fixed public `description`
// (chosen from constants, never built from request input, so a client learns
// nothing about *why* its secret failed) and a private `detail` that only goes
// to the logs. Errors become HTTP in exactly one place: toResponse().

import { isDatabaseUnavailable } from "@/lib/db/errors";

/**
 * Error codes this server emits: the token endpoint's (RFC 6749 §5.2, RFC 7009 §2.2.1), the
 * authorization endpoint's (RFC 6749 §4.1.2.1; OpenID Connect Core 1.0 §3.1.2.6), the bearer
 * token errors of the UserInfo endpoint (RFC 6750 §3.1), plus server_error.
 */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "unsupported_token_type"
  | "access_denied"
  | "unsupported_response_type"
  | "login_required"
  | "consent_required"
  | "request_not_supported"
  | "request_uri_not_supported"
  | "invalid_token"
  | "insufficient_scope"
  | "temporarily_unavailable"
  | "server_error";

export interface OAuthErrorOptions {
  /** Policy rule that caused the refusal (lib/policy), for the logs only. */
  ruleId?: string;
  cause?: unknown;
}

/** The JSON body of an error response (RFC 6749 §5.2). */
export interface OAuthErrorBody {
  error: OAuthErrorCode;
  error_description: string;
}

/**
 * Marks every OAuthError, whichever copy of this module made it. Next.js compiles each route
 * (and instrumentation.ts) into a bundle of its own with its own copy of this file, while the
 * process's OAuthServer (its limiter, registry, keys) is created by whichever bundle ran
 * first: `instanceof` across bundles is false, so identity is this registry-wide symbol.
 */
const OAUTH_ERROR = Symbol.for("trusted-apps-console.oauth-error");

/** Whether `err` is an OAuthError from any bundle (never use `instanceof` for this). */
export function isOAuthError(err: unknown): err is OAuthError {
  return typeof err === "object" && err !== null && (err as { [OAUTH_ERROR]?: unknown })[OAUTH_ERROR] === true;
}

export abstract class OAuthError extends Error {
  readonly [OAUTH_ERROR] = true;
  /** The `error` member of the response body. */
  abstract readonly error: OAuthErrorCode;
  /** HTTP status of the response. */
  abstract readonly status: number;
  /** Public, fixed `error_description`; never contains request input. */
  readonly description: string;
  /** Private explanation for the logs; never sent to the client. */
  readonly detail: string;
  readonly ruleId: string | undefined;
  /** Extra response headers (e.g. Retry-After). */
  readonly headers: Readonly<Record<string, string>>;

  protected constructor(
    description: string,
    detail: string,
    options: OAuthErrorOptions = {},
    headers: Record<string, string> = {},
  ) {
    // `message` is for stack traces and logs; it holds the private detail.
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.description = description;
    this.detail = detail;
    this.ruleId = options.ruleId;
    this.headers = Object.freeze({ ...headers });
  }

  /** Public body; also what JSON.stringify(err) yields, so an accidental serialization leaks no detail. */
  toJSON(): OAuthErrorBody {
    return { error: this.error, error_description: this.description };
  }

  /** Fields for structured logs (private; never send these to the client). */
  toLog(): { error: OAuthErrorCode; status: number; detail: string; ruleId?: string } {
    return {
      error: this.error,
      status: this.status,
      detail: this.detail,
      ...(this.ruleId === undefined ? {} : { ruleId: this.ruleId }),
    };
  }
}

/**
 * Public descriptions for invalid_request. The caller picks one by name, so
 * the response can say what kind of malformation it was without echoing input.
 */
export const INVALID_REQUEST_DESCRIPTIONS = {
  malformed:
    "The request is missing a required parameter, includes an unsupported parameter value, repeats a parameter, or is otherwise malformed.",
  content_type: "The request body must be sent as application/x-www-form-urlencoded with UTF-8.",
  body_too_large: "The request body is too large.",
  malformed_body: "The request body is not valid application/x-www-form-urlencoded.",
  duplicate_parameter: "A request parameter was included more than once.",
  missing_parameter: "A required request parameter is missing.",
  invalid_parameter: "A request parameter has an unsupported value.",
  multiple_auth_methods: "More than one client authentication method was used.",
  client_id_mismatch:
    "The client_id parameter does not match the client identified in the Authorization header.",
  pkce: "PKCE is required: send code_challenge with code_challenge_method=S256.",
  redirect_uri: "The redirect_uri is missing or is not registered for this client.",
  unknown_client: "The client_id is missing, unknown or not enabled.",
  prompt: "The prompt or max_age parameter is not valid.",
  response_mode: "Only the query response mode is supported.",
  bearer_in_query: "Send the access token in the Authorization header, not in the query or body.",
} as const;

export type InvalidRequestReason = keyof typeof INVALID_REQUEST_DESCRIPTIONS;

/** RFC 6749 §5.2 invalid_request. */
export class InvalidRequest extends OAuthError {
  readonly error = "invalid_request";
  readonly status: number = 400;
  readonly reason: InvalidRequestReason;
  constructor(detail: string, options: OAuthErrorOptions & { reason?: InvalidRequestReason } = {}, headers: Record<string, string> = {}) {
    const reason = options.reason ?? "malformed";
    super(INVALID_REQUEST_DESCRIPTIONS[reason], detail, options, headers);
    this.reason = reason;
  }
}

/** RFC 6749 §3.2 ("The client MUST use the HTTP POST method"): invalid_request, with 405 and Allow (RFC 9110 §15.5.6). */
export class MethodNotAllowed extends InvalidRequest {
  override readonly status = 405;
  constructor(method: string) {
    super(`method ${method} not allowed`, {}, { Allow: "POST" });
  }
}

/**
 * RFC 6749 §5.2 invalid_client. Always 401: the RFC requires it when the client
 * used the Authorization header and allows it otherwise; toResponse() adds the
 * WWW-Authenticate challenge that every 401 must carry (RFC 9110 §15.5.2).
 */
export class InvalidClient extends OAuthError {
  static readonly DESCRIPTION = "Client authentication failed.";
  readonly error = "invalid_client";
  readonly status = 401;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(InvalidClient.DESCRIPTION, detail, options);
  }
}

/** RFC 6749 §5.2 invalid_grant. */
export class InvalidGrant extends OAuthError {
  static readonly DESCRIPTION =
    "The authorization grant is invalid, expired, revoked, or was issued to another client.";
  readonly error = "invalid_grant";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(InvalidGrant.DESCRIPTION, detail, options);
  }
}

/** RFC 6749 §5.2 unauthorized_client: authenticated, but not allowed this grant type. */
export class UnauthorizedClient extends OAuthError {
  static readonly DESCRIPTION = "The client is not authorized to use this grant type.";
  readonly error = "unauthorized_client";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(UnauthorizedClient.DESCRIPTION, detail, options);
  }
}

/** RFC 6749 §5.2 unsupported_grant_type. */
export class UnsupportedGrantType extends OAuthError {
  static readonly DESCRIPTION = "The grant type is not supported by this authorization server.";
  readonly error = "unsupported_grant_type";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(UnsupportedGrantType.DESCRIPTION, detail, options);
  }
}

/** RFC 6749 §5.2 invalid_scope. */
export class InvalidScope extends OAuthError {
  static readonly DESCRIPTION =
    "The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client.";
  readonly error = "invalid_scope";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(InvalidScope.DESCRIPTION, detail, options);
  }
}

/** RFC 7009 §2.2.1 unsupported_token_type (revocation endpoint). */
export class UnsupportedTokenType extends OAuthError {
  static readonly DESCRIPTION = "Revocation of the presented token type is not supported.";
  readonly error = "unsupported_token_type";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(UnsupportedTokenType.DESCRIPTION, detail, options);
  }
}

/** RFC 6749 §4.1.2.1 access_denied: the user or the server refused the request. */
export class AccessDenied extends OAuthError {
  static readonly DESCRIPTION = "The resource owner or authorization server denied the request.";
  readonly error = "access_denied";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(AccessDenied.DESCRIPTION, detail, options);
  }
}

/** RFC 6749 §4.1.2.1 unsupported_response_type (only "code" is offered). */
export class UnsupportedResponseType extends OAuthError {
  static readonly DESCRIPTION = "The authorization server only supports response_type=code.";
  readonly error = "unsupported_response_type";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(UnsupportedResponseType.DESCRIPTION, detail, options);
  }
}

/** OpenID Connect Core 1.0 §3.1.2.6 login_required (prompt=none without a usable session). */
export class LoginRequired extends OAuthError {
  static readonly DESCRIPTION = "The user must sign in.";
  readonly error = "login_required";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(LoginRequired.DESCRIPTION, detail, options);
  }
}

/** OpenID Connect Core 1.0 §3.1.2.6 consent_required (prompt=none, consent missing). */
export class ConsentRequired extends OAuthError {
  static readonly DESCRIPTION = "The user must consent to the requested scopes.";
  readonly error = "consent_required";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(ConsentRequired.DESCRIPTION, detail, options);
  }
}

/** OpenID Connect Core 1.0 §3.1.2.6 request_not_supported (request objects are not supported). */
export class RequestNotSupported extends OAuthError {
  static readonly DESCRIPTION = "The request parameter is not supported.";
  readonly error = "request_not_supported";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(RequestNotSupported.DESCRIPTION, detail, options);
  }
}

/** OpenID Connect Core 1.0 §3.1.2.6 request_uri_not_supported. */
export class RequestUriNotSupported extends OAuthError {
  static readonly DESCRIPTION = "The request_uri parameter is not supported.";
  readonly error = "request_uri_not_supported";
  readonly status = 400;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(RequestUriNotSupported.DESCRIPTION, detail, options);
  }
}

/**
 * RFC 6750 §3.1 invalid_token: expired, revoked, malformed or otherwise invalid. 401 with a
 * `Bearer error="invalid_token"` challenge (rendered by the UserInfo endpoint).
 */
export class InvalidToken extends OAuthError {
  static readonly DESCRIPTION = "The access token is invalid, expired or revoked.";
  readonly error = "invalid_token";
  readonly status = 401;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(InvalidToken.DESCRIPTION, detail, options);
  }
}

/** RFC 6750 §3.1 insufficient_scope: 403 (the UserInfo endpoint needs openid). */
export class InsufficientScope extends OAuthError {
  static readonly DESCRIPTION = "The access token does not hold the openid scope.";
  readonly error = "insufficient_scope";
  readonly status = 403;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(InsufficientScope.DESCRIPTION, detail, options);
  }
}

/**
 * The error a refusing policy decision (lib/policy, RequestError) is answered with. `no_redirect`
 * is an invalid request shown on the identity server's own page; `not_granted` never refuses.
 */
export function policyError(
  error: "invalid_scope" | "invalid_request" | "unauthorized_client" | "access_denied" | "invalid_grant" | "not_granted" | "no_redirect",
  detail: string,
  ruleId: string,
  reason: InvalidRequestReason = "malformed",
): OAuthError {
  const options = { ruleId };
  switch (error) {
    case "invalid_scope":
      return new InvalidScope(detail, options);
    case "unauthorized_client":
      return new UnauthorizedClient(detail, options);
    case "access_denied":
      return new AccessDenied(detail, options);
    case "invalid_grant":
      return new InvalidGrant(detail, options);
    case "invalid_request":
    case "no_redirect":
      return new InvalidRequest(detail, { ...options, reason });
    case "not_granted":
      throw new TypeError(`${ruleId} does not refuse a request`);
  }
}

/** 500 with a fixed description; the original error only reaches the logs. */
export class ServerError extends OAuthError {
  static readonly DESCRIPTION = "The authorization server encountered an unexpected condition.";
  readonly error = "server_error";
  readonly status = 500;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(ServerError.DESCRIPTION, detail, options);
  }
}

/**
 * The database cannot be reached (stopped, restarting, cut off): 503 with Retry-After (RFC 9110
 * §15.6.4, §10.2.3) and `temporarily_unavailable`, the code RFC 6749 §4.1.2.1 defines for "a
 * temporary overloading or maintenance of the server". The token endpoint's own list (§5.2)
 * has no such code; a client that does not know it still sees a 5xx it may retry, and never a
 * 500 that says the server is broken. Made by toOAuthError from a database error, in one place.
 */
export class TemporarilyUnavailable extends OAuthError {
  static readonly DESCRIPTION = "The service is temporarily unavailable; retry after the delay given in Retry-After.";
  static readonly RETRY_AFTER_SECONDS = 5;
  readonly error = "temporarily_unavailable";
  readonly status = 503;
  constructor(detail: string, options?: OAuthErrorOptions) {
    super(TemporarilyUnavailable.DESCRIPTION, detail, options, { "Retry-After": String(TemporarilyUnavailable.RETRY_AFTER_SECONDS) });
  }
}

/**
 * Client authentication refused by brute-force protection (RFC 6749 §2.3.1,
 * §10.10). Status 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3), body
 * error code `invalid_client`.
 *
 * Why this combination:
 * - The token endpoint may only answer with the codes of RFC 6749 §5.2 (or
 *   registered extensions, §8.5). `temporarily_unavailable` is defined for the
 *   authorization endpoint only (§4.1.2.1, and exists there because a redirect
 *   cannot carry a 503); `slow_down` is the device-flow polling signal (RFC 8628
 *   §3.5) and would tell a client_credentials client nothing useful;
 *   `invalid_request` means the request is malformed, which it is not.
 * - What actually happened is that the server refused to authenticate the
 *   client, which is what `invalid_client` means ("client authentication
 *   failed"), so generic clients take their failed-authentication path.
 * - The HTTP status carries the "back off" semantics: 429 is the status defined
 *   for rate limiting and the one that gives Retry-After a meaning. (§5.2 asks
 *   for 401 when the client used the Authorization header; we keep 429 so that
 *   Retry-After is honoured, and still send the Basic challenge in that case.)
 */
export class TooManyRequests extends OAuthError {
  static readonly DESCRIPTION =
    "Too many failed client authentication attempts; retry after the delay given in Retry-After.";
  readonly error = "invalid_client";
  readonly status = 429;
  readonly retryAfterSeconds: number;
  constructor(detail: string, retryAfterSeconds: number, options?: OAuthErrorOptions) {
    const seconds = Math.max(1, Math.ceil(Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : 1));
    super(TooManyRequests.DESCRIPTION, detail, options, { "Retry-After": String(seconds) });
    this.retryAfterSeconds = seconds;
  }
}

/** RFC 6749 §5.1/§5.2: token endpoint responses must not be cached. */
export function noStoreHeaders(): Record<string, string> {
  return { "Cache-Control": "no-store", Pragma: "no-cache" };
}

/**
 * Any thrown value as an OAuthError: an unreachable database becomes TemporarilyUnavailable,
 * anything else unexpected a ServerError.
 */
export function toOAuthError(err: unknown): OAuthError {
  if (isOAuthError(err)) return err;
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : `non-error thrown: ${String(err)}`;
  if (isDatabaseUnavailable(err)) return new TemporarilyUnavailable(detail, { cause: err });
  return new ServerError(detail, { cause: err });
}

export interface ToResponseOptions {
  /**
   * The request carried an Authorization header (pass `authorizationHeader !== null`).
   * RFC 6749 §5.2 then requires the challenge for the scheme the client used.
   */
  basicAuthUsed?: boolean;
  /** Realm of the Basic challenge; use the issuer. */
  realm?: string;
}

export interface OAuthErrorResponse {
  status: number;
  headers: Record<string, string>;
  /** Serialized JSON, `{"error":…,"error_description":…}`. */
  body: string;
  /** The error that was rendered (a ServerError when the input was not an OAuthError); log its toLog(). */
  error: OAuthError;
}

const DEFAULT_REALM = "Trusted Apps Console";

function basicChallenge(realm: string): string {
  // realm is a quoted-string (RFC 9110 §5.6.4): escape backslash and quote.
  return `Basic realm="${realm.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The single place where errors become HTTP. */
export function toResponse(err: unknown, options: ToResponseOptions = {}): OAuthErrorResponse {
  const e = toOAuthError(err);
  const headers: Record<string, string> = {
    ...e.headers,
    ...noStoreHeaders(),
    "Content-Type": "application/json;charset=UTF-8",
  };
  if (e.error === "invalid_client" && (e.status === 401 || options.basicAuthUsed === true)) {
    headers["WWW-Authenticate"] = basicChallenge(options.realm ?? DEFAULT_REALM);
  }
  const body: OAuthErrorBody = { error: e.error, error_description: e.description };
  return { status: e.status, headers, body: JSON.stringify(body), error: e };
}
