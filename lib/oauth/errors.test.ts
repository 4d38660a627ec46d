import { describe, expect, it, vi } from "vitest";
import {
  INVALID_REQUEST_DESCRIPTIONS,
  InvalidClient,
  InvalidGrant,
  InvalidRequest,
  InvalidScope,
  OAuthError,
  ServerError,
  TooManyRequests,
  UnauthorizedClient,
  UnsupportedGrantType,
  UnsupportedTokenType,
  isOAuthError,
  noStoreHeaders,
  toOAuthError,
  toResponse,
} from "./errors";

const JSON_TYPE = "application/json;charset=UTF-8";

describe("error classes", () => {
  it.each([
    [new InvalidRequest("d"), "invalid_request", 400, INVALID_REQUEST_DESCRIPTIONS.malformed],
    [new InvalidClient("d"), "invalid_client", 401, "Client authentication failed."],
    [
      new InvalidGrant("d"),
      "invalid_grant",
      400,
      "The authorization grant is invalid, expired, revoked, or was issued to another client.",
    ],
    [new UnauthorizedClient("d"), "unauthorized_client", 400, "The client is not authorized to use this grant type."],
    [
      new UnsupportedGrantType("d"),
      "unsupported_grant_type",
      400,
      "The grant type is not supported by this authorization server.",
    ],
    [
      new InvalidScope("d"),
      "invalid_scope",
      400,
      "The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client.",
    ],
    [
      new UnsupportedTokenType("d"),
      "unsupported_token_type",
      400,
      "Revocation of the presented token type is not supported.",
    ],
    [new ServerError("d"), "server_error", 500, "The authorization server encountered an unexpected condition."],
    [
      new TooManyRequests("d", 30),
      "invalid_client",
      429,
      "Too many failed client authentication attempts; retry after the delay given in Retry-After.",
    ],
  ])("%o has code %s, status %i and a fixed description", (err, code, status, description) => {
    expect(err).toBeInstanceOf(OAuthError);
    expect(err).toBeInstanceOf(Error);
    expect({ error: err.error, status: err.status, description: err.description, detail: err.detail }).toEqual({
      error: code,
      status,
      description,
      detail: "d",
    });
    expect(err.name).toBe(err.constructor.name);
  });

  it("every public description is legal error_description text (RFC 6749 §5.2)", () => {
    const descriptions = [
      ...Object.values(INVALID_REQUEST_DESCRIPTIONS),
      InvalidClient.DESCRIPTION,
      InvalidGrant.DESCRIPTION,
      UnauthorizedClient.DESCRIPTION,
      UnsupportedGrantType.DESCRIPTION,
      InvalidScope.DESCRIPTION,
      UnsupportedTokenType.DESCRIPTION,
      ServerError.DESCRIPTION,
      TooManyRequests.DESCRIPTION,
    ];
    for (const d of descriptions) expect(d).toMatch(/^[\x20\x21\x23-\x5B\x5D-\x7E]+$/);
  });

  it("InvalidRequest takes its description from a named reason, never from input", () => {
    const err = new InvalidRequest('duplicate parameter: "scope"', { reason: "duplicate_parameter" });
    expect([err.error, err.reason, err.description, err.detail]).toEqual([
      "invalid_request",
      "duplicate_parameter",
      "A request parameter was included more than once.",
      'duplicate parameter: "scope"',
    ]);
  });

  it("the private detail is the message, and never part of JSON.stringify(err)", () => {
    const err = new InvalidClient("secret mismatch for client my.app", { ruleId: "TA-X", cause: new Error("c") });
    expect(err.message).toBe("secret mismatch for client my.app");
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      error: "invalid_client",
      error_description: "Client authentication failed.",
    });
    expect(err.toLog()).toEqual({
      error: "invalid_client",
      status: 401,
      detail: "secret mismatch for client my.app",
      ruleId: "TA-X",
    });
    expect(err.cause).toBeInstanceOf(Error);
  });

  it("TooManyRequests carries Retry-After, rounded up to whole seconds and at least 1", () => {
    expect(new TooManyRequests("d", 12.2).headers).toEqual({ "Retry-After": "13" });
    expect(new TooManyRequests("d", 0).retryAfterSeconds).toBe(1);
    expect(new TooManyRequests("d", Number.NaN).retryAfterSeconds).toBe(1);
  });
});

describe("noStoreHeaders", () => {
  it("returns the RFC 6749 §5.1 cache headers as a fresh object", () => {
    const a = noStoreHeaders();
    expect(a).toEqual({ "Cache-Control": "no-store", Pragma: "no-cache" });
    a.Pragma = "x";
    expect(noStoreHeaders().Pragma).toBe("no-cache");
  });
});

describe("toResponse", () => {
  it("renders an OAuth error as RFC 6749 §5.2 JSON with no-store headers", () => {
    const r = toResponse(new InvalidScope("scope 'admin' not allowed for my.app"));
    expect(r.status).toBe(400);
    expect(r.headers).toEqual({ "Cache-Control": "no-store", Pragma: "no-cache", "Content-Type": JSON_TYPE });
    expect(r.body).toBe(
      '{"error":"invalid_scope","error_description":"The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client."}',
    );
    expect(r.body).not.toContain("admin");
  });

  it("invalid_client after Basic authentication is 401 with a Basic challenge for the realm", () => {
    const r = toResponse(new InvalidClient("wrong secret"), { basicAuthUsed: true, realm: "https://demo.example/id" });
    expect(r.status).toBe(401);
    expect(r.headers).toEqual({
      "Cache-Control": "no-store",
      Pragma: "no-cache",
      "Content-Type": JSON_TYPE,
      "WWW-Authenticate": 'Basic realm="https://demo.example/id"',
    });
    expect(JSON.parse(r.body)).toEqual({ error: "invalid_client", error_description: "Client authentication failed." });
    expect(r.body).not.toContain("wrong secret");
  });

  it("invalid_client without Basic is still a 401, which must carry a challenge (RFC 9110 §15.5.2)", () => {
    const r = toResponse(new InvalidClient("unknown client"), { basicAuthUsed: false });
    expect(r.status).toBe(401);
    expect(r.headers["WWW-Authenticate"]).toBe('Basic realm="Trusted Apps Console"');
  });

  it("escapes quotes and backslashes in the realm", () => {
    const r = toResponse(new InvalidClient("x"), { basicAuthUsed: true, realm: 'a"b\\c' });
    expect(r.headers["WWW-Authenticate"]).toBe('Basic realm="a\\"b\\\\c"');
  });

  it("rate limiting is 429 invalid_client with Retry-After; challenge only when Basic was used", () => {
    const plain = toResponse(new TooManyRequests("client:my.app blocked", 42));
    expect(plain.status).toBe(429);
    expect(plain.headers).toEqual({
      "Retry-After": "42",
      "Cache-Control": "no-store",
      Pragma: "no-cache",
      "Content-Type": JSON_TYPE,
    });
    expect(JSON.parse(plain.body)).toEqual({
      error: "invalid_client",
      error_description: "Too many failed client authentication attempts; retry after the delay given in Retry-After.",
    });
    const basic = toResponse(new TooManyRequests("x", 42), { basicAuthUsed: true, realm: "r" });
    expect(basic.status).toBe(429);
    expect(basic.headers["WWW-Authenticate"]).toBe('Basic realm="r"');
  });

  it("no other error gets a challenge", () => {
    for (const err of [new InvalidRequest("x"), new InvalidGrant("x"), new ServerError("x")]) {
      expect(toResponse(err, { basicAuthUsed: true }).headers).not.toHaveProperty("WWW-Authenticate");
    }
  });

  it("anything that is not an OAuthError becomes a 500 server_error that leaks nothing", () => {
    const r = toResponse(new Error("connect ECONNREFUSED postgres://admin:hunter2@db"));
    expect(r.status).toBe(500);
    expect(JSON.parse(r.body)).toEqual({
      error: "server_error",
      error_description: "The authorization server encountered an unexpected condition.",
    });
    expect(r.body).not.toContain("hunter2");
    expect(r.error).toBeInstanceOf(ServerError);
    expect(r.error.detail).toBe("Error: connect ECONNREFUSED postgres://admin:hunter2@db");
    expect(r.headers["Cache-Control"]).toBe("no-store");
  });

  it("wraps thrown non-errors too", () => {
    const e = toOAuthError("boom");
    expect([e.error, e.status, e.detail]).toEqual(["server_error", 500, "non-error thrown: boom"]);
    expect(toOAuthError(undefined).error).toBe("server_error");
  });

  it("passes an OAuthError through unchanged", () => {
    const err = new InvalidGrant("x");
    expect(toOAuthError(err)).toBe(err);
    expect(toResponse(err).error).toBe(err);
  });
});

describe("errors made by another bundle's copy of this module", () => {
  // Next.js gives each route bundle its own copy of errors.ts, while the process's OAuthServer
  // (its brute-force guard) comes from whichever bundle ran first: JWKS or discovery first,
  // then a blocked token request, used to answer 500 server_error instead of 429.
  it("still render as themselves: 429 with Retry-After, 405 with Allow", async () => {
    vi.resetModules();
    const other = await import("./errors");
    expect(other.OAuthError).not.toBe(OAuthError);
    const rendered = toResponse(new other.TooManyRequests("blocked", 30));
    expect(rendered.status).toBe(429);
    expect(rendered.headers["Retry-After"]).toBe("30");
    expect(JSON.parse(rendered.body)).toEqual({ error: "invalid_client", error_description: other.TooManyRequests.DESCRIPTION });
    expect(isOAuthError(new other.InvalidScope("x"))).toBe(true);
    expect(toOAuthError(new other.InvalidScope("x")).error).toBe("invalid_scope");
    const method = toResponse(new other.MethodNotAllowed("GET"));
    expect(method.status).toBe(405);
    expect(method.headers.Allow).toBe("POST");
    expect(isOAuthError(new Error("x"))).toBe(false);
    expect(isOAuthError(null)).toBe(false);
  });
});
