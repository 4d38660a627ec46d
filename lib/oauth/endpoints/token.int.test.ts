// POST /id/connect/token end to end, in process, on PGlite and PostgreSQL: an independent
// OAuth client (oauth4webapi) for the happy paths, raw requests for every error case.
import * as oauth from "oauth4webapi";
import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import { InvalidClient, InvalidScope } from "../errors";
import { BruteForceGuard } from "../guard/brute-force";
import { basic, formRequest, setKnownSecret, startTestAuthServer, TEST_ISSUER, type TestAuthServer } from "../testing";
import { handleTokenRequest } from "./token";
import { explainTokenDecision } from "../explain";
import { createOAuthServer } from "../server";
import { testConfig, recordingLogger } from "../testing";

const backends = await testBackends();

const SERVICE = "com.example/inventory-sync";
const HYBRID = "com.example/field-service";
const DASHBOARD = "com.example/internal-dashboard";
const SPA = "com.example/customer-portal";
const INVALID_CLIENT_BODY = { error: "invalid_client", error_description: InvalidClient.DESCRIPTION };

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

function expectNoStore(res: Response): void {
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("pragma")).toBe("no-cache");
}

async function expectError(res: Response, status: number, error: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expectNoStore(res);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.error).toBe(error);
  expect(typeof body.error_description).toBe("string");
  expect(Object.keys(body).sort()).toEqual(["error", "error_description"]);
  return body;
}

describe.each(backends)("token endpoint on %s", (backend) => {
  let h: TestAuthServer;
  let secret: string;
  let hybridSecret: string;
  let dashboardSecret: string;
  let as: oauth.AuthorizationServer;
  const client: oauth.Client = { client_id: SERVICE };
  const opts = () => ({ [oauth.customFetch]: h.fetch, [oauth.allowInsecureRequests]: true });
  const token = (body: Record<string, string> | string, headers?: Record<string, string>) =>
    handleTokenRequest(formRequest("/connect/token", body, headers), h.server);
  const lastLog = () => h.logs.at(-1)?.event ?? {};

  beforeAll(async () => {
    h = await startTestAuthServer(backend);
    secret = await setKnownSecret(h.connection, SERVICE);
    hybridSecret = await setKnownSecret(h.connection, HYBRID);
    dashboardSecret = await setKnownSecret(h.connection, DASHBOARD);
    as = await oauth.processDiscoveryResponse(new URL(TEST_ISSUER), await oauth.discoveryRequest(new URL(TEST_ISSUER), { algorithm: "oidc", ...opts() }));
  });
  afterAll(async () => h?.close());
  beforeEach(() => {
    h.logs.length = 0;
  });

  it("publishes truthful discovery metadata with the issuer <origin>/id", () => {
    expect(as).toMatchObject({
      issuer: TEST_ISSUER,
      token_endpoint: `${TEST_ISSUER}/connect/token`,
      jwks_uri: `${TEST_ISSUER}/.well-known/jwks`,
      introspection_endpoint: `${TEST_ISSUER}/connect/introspect`,
      revocation_endpoint: `${TEST_ISSUER}/connect/revocation`,
      authorization_endpoint: `${TEST_ISSUER}/connect/authorize`,
      userinfo_endpoint: `${TEST_ISSUER}/connect/userinfo`,
      end_session_endpoint: `${TEST_ISSUER}/connect/endsession`,
      grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
      scopes_supported: ["openid", "profile", "offline_access", "read", "update"],
    });
  });

  for (const [name, auth] of [
    ["client_secret_basic", () => oauth.ClientSecretBasic(secret)],
    ["client_secret_post", () => oauth.ClientSecretPost(secret)],
  ] as const) {
    it(`issues an ES256 at+jwt for the SystemUser with ${name}`, async () => {
      const before = Math.floor(Date.now() / 1000);
      const res = await oauth.clientCredentialsGrantRequest(as, client, auth(), { scope: "read" }, opts());
      expect(res.status).toBe(200);
      expectNoStore(res);
      const result = await oauth.processClientCredentialsResponse(as, client, res);
      expect(result.token_type).toBe("bearer"); // oauth4webapi lower-cases it
      expect(result.expires_in).toBe(3600);
      expect(result.scope).toBe("read");
      expect(result.refresh_token).toBeUndefined(); // RFC 6749 §4.4.3

      const [h64, p64, s64] = result.access_token.split(".");
      const header = decodePart(h64);
      const claims = decodePart(p64);
      expect(header).toMatchObject({ alg: "ES256", typ: "at+jwt" });
      expect(claims).toMatchObject({
        iss: TEST_ISSUER,
        aud: ["DomainAPI"],
        client_id: SERVICE,
        scope: ["read"],
        sub: "svc-integration",
      });
      expect(claims.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(claims.iat).toBeGreaterThanOrEqual(before);
      expect((claims.exp as number) - (claims.iat as number)).toBe(3600);

      // Verify the signature independently with the key the JWKS publishes.
      const jwks = (await (await h.fetch(as.jwks_uri!)).json()) as { keys: Record<string, string>[] };
      const jwk = jwks.keys.find((k) => k.kid === header.kid);
      expect(jwk).toBeDefined();
      expect(jwk).not.toHaveProperty("d");
      const ok = verify(
        "sha256",
        Buffer.from(`${h64}.${p64}`),
        { key: createPublicKey({ key: jwk!, format: "jwk" }), dsaEncoding: "ieee-p1363" },
        Buffer.from(s64!, "base64url"),
      );
      expect(ok).toBe(true);
    });
  }

  it("grants every configured scope when none is requested (seed 004)", async () => {
    const res = await token({ grant_type: "client_credentials", client_id: SERVICE, client_secret: secret });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "Bearer", scope: "read update", expires_in: 3600 });
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "scope", "token_type"]);
    expect(decodePart(String(body.access_token).split(".")[1]).scope).toEqual(["read", "update"]);
  });

  it("decodes Basic credentials per Appendix B and accepts a matching client_id in the body", async () => {
    const res = await token({ grant_type: "client_credentials", client_id: SERVICE }, { Authorization: basic(SERVICE, secret) });
    expect(res.status).toBe(200);
  });

  describe("request errors", () => {
    it("answers 405 invalid_request to a GET, with Allow and no-store", async () => {
      const res = await handleTokenRequest(new Request(`${TEST_ISSUER}/connect/token?grant_type=client_credentials`), h.server);
      await expectError(res, 405, "invalid_request");
      expect(res.headers.get("allow")).toBe("POST");
    });

    it("refuses a JSON body", async () => {
      const res = await handleTokenRequest(
        new Request(`${TEST_ISSUER}/connect/token`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ grant_type: "client_credentials", client_id: SERVICE, client_secret: secret }),
        }),
        h.server,
      );
      await expectError(res, 400, "invalid_request");
    });

    it("refuses a repeated parameter", async () => {
      const res = await token(`grant_type=client_credentials&client_id=${encodeURIComponent(SERVICE)}&client_secret=${secret}&scope=read&scope=update`);
      const body = await expectError(res, 400, "invalid_request");
      expect(body.error_description).toBe("A request parameter was included more than once.");
    });

    it("refuses a body that is too large, also without Content-Length", async () => {
      const big = `grant_type=client_credentials&pad=${"x".repeat(20_000)}`;
      await expectError(await token(big), 400, "invalid_request");
      const stream = new ReadableStream({
        start(c) {
          for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode("x".repeat(1000)));
          c.close();
        },
      });
      const chunked = new Request(`${TEST_ISSUER}/connect/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      const res = await handleTokenRequest(chunked, h.server);
      const body = await expectError(res, 400, "invalid_request");
      expect(body.error_description).toBe("The request body is too large.");
    });

    it("refuses a missing grant_type", async () => {
      await expectError(await token({ client_id: SERVICE, client_secret: secret }), 400, "invalid_request");
    });

    it("refuses an unsupported grant_type after authenticating the client", async () => {
      await expectError(await token({ grant_type: "password", client_id: SERVICE, client_secret: secret, username: "a", password: "b" }), 400, "unsupported_grant_type");
      await expectError(await token({ grant_type: "password", client_id: SERVICE, client_secret: "wrong" }), 401, "invalid_client");
    });

    it("refuses two authentication methods at once", async () => {
      const res = await token({ grant_type: "client_credentials", client_secret: secret }, { Authorization: basic(SERVICE, secret) });
      await expectError(res, 400, "invalid_request");
    });
  });

  describe("client authentication errors: all the same invalid_client", () => {
    it("no authentication at all", async () => {
      const res = await token({ grant_type: "client_credentials" });
      expect(await expectError(res, 401, "invalid_client")).toEqual(INVALID_CLIENT_BODY);
    });

    it("wrong secret in the body: 401 with the Basic challenge", async () => {
      const res = await token({ grant_type: "client_credentials", client_id: SERVICE, client_secret: "not-the-secret" });
      expect(await expectError(res, 401, "invalid_client")).toEqual(INVALID_CLIENT_BODY);
      expect(res.headers.get("www-authenticate")).toBe(`Basic realm="${TEST_ISSUER}"`);
    });

    it("wrong secret with Basic: 401 with the Basic challenge", async () => {
      const res = await token({ grant_type: "client_credentials" }, { Authorization: basic(SERVICE, "not-the-secret") });
      expect(await expectError(res, 401, "invalid_client")).toEqual(INVALID_CLIENT_BODY);
      expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    });

    it("unknown client", async () => {
      const res = await token({ grant_type: "client_credentials", client_id: "com.example/nope", client_secret: secret });
      expect(await expectError(res, 401, "invalid_client")).toEqual(INVALID_CLIENT_BODY);
    });

    it("a Confidential client without a secret", async () => {
      const res = await token({ grant_type: "client_credentials", client_id: SERVICE });
      expect(await expectError(res, 401, "invalid_client")).toEqual(INVALID_CLIENT_BODY);
    });

    it("a Public client that sends a secret", async () => {
      const res = await token({ grant_type: "client_credentials", client_id: SPA, client_secret: "anything" });
      expect(await expectError(res, 401, "invalid_client")).toEqual(INVALID_CLIENT_BODY);
    });

    it("a disabled app, refused at once (same-process write)", async () => {
      const app = "com.test/disabled-svc";
      const svc = await h.connection.db.user.findUniqueOrThrow({ where: { Login: "svc-integration" }, select: { Id: true } });
      await h.connection.db.trustedApplication.create({
        data: { ApplicationUri: app, Name: "Disabled", SystemUserAllowed: true, SystemUserId: svc.Id, Scope: "read" },
      });
      const appSecret = await setKnownSecret(h.connection, app);
      const req = () => token({ grant_type: "client_credentials", client_id: app, client_secret: appSecret });
      expect((await req()).status).toBe(200);
      expect((await req()).status).toBe(200); // served from the cache now
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: app }, data: { IsEnabled: false } });
      await waitForNotification(h); // PostgreSQL delivers the NOTIFY on the LISTEN connection
      expect(await expectError(await req(), 401, "invalid_client")).toEqual(INVALID_CLIENT_BODY);
      expect(lastLog()).toMatchObject({ error: "invalid_client", ruleId: "TA-APP-DISABLED", client_id: app });
      // A disabled app is never cached: re-enabling works at once too.
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: app }, data: { IsEnabled: true } });
      await waitForNotification(h);
      expect((await req()).status).toBe(200);
    });

    it("never logs a secret", async () => {
      await token({ grant_type: "client_credentials", client_id: SERVICE, client_secret: "S3cret-attempt-xyz" });
      await token({ grant_type: "client_credentials" }, { Authorization: basic(SERVICE, "S3cret-basic-xyz") });
      const text = JSON.stringify(h.logs);
      expect(h.logs.length).toBe(2);
      expect(text).not.toContain("S3cret");
      expect(text).not.toContain(secret);
    });
  });

  describe("grant and policy errors", () => {
    it("a Confidential app without service access: unauthorized_client", async () => {
      const res = await token({ grant_type: "client_credentials", client_id: DASHBOARD, client_secret: dashboardSecret });
      await expectError(res, 400, "unauthorized_client");
    });

    it("a Public client identified by client_id only: unauthorized_client", async () => {
      await expectError(await token({ grant_type: "client_credentials", client_id: SPA }), 400, "unauthorized_client");
    });

    it("the hybrid app (policy warnings only) may use client_credentials", async () => {
      const res = await token({ grant_type: "client_credentials", client_id: HYBRID, client_secret: hybridSecret });
      expect(res.status).toBe(200);
    });

    it("an error finding refuses the flow and the log carries the rule id (SystemUser deactivated)", async () => {
      await h.connection.db.user.update({ where: { Login: "svc-integration" }, data: { IsActive: false } });
      try {
        await waitForNotification(h);
        const res = await token({ grant_type: "client_credentials", client_id: SERVICE, client_secret: secret });
        await expectError(res, 400, "unauthorized_client");
        expect(lastLog()).toMatchObject({ event: "oauth.token.refused", error: "unauthorized_client", ruleId: "TA-SYSTEM-USER-INACTIVE" });
      } finally {
        await h.connection.db.user.update({ where: { Login: "svc-integration" }, data: { IsActive: true } });
        await waitForNotification(h);
      }
      expect((await token({ grant_type: "client_credentials", client_id: SERVICE, client_secret: secret })).status).toBe(200);
    });

    it("a Confidential app whose secret was removed: invalid_client (TA-SECRET-MISSING cannot authenticate)", async () => {
      const app = "com.test/no-secret";
      await h.connection.db.trustedApplication.create({ data: { ApplicationUri: app, Name: "No secret", Scope: "read" } });
      const res = await token({ grant_type: "client_credentials", client_id: app, client_secret: "x" });
      expect(await expectError(res, 401, "invalid_client")).toEqual(INVALID_CLIENT_BODY);
    });

    for (const [scope, ruleId] of [
      ["openid", "TA-REQ-SCOPE-IDENTITY-IN-CC"],
      ["read offline_access", "TA-REQ-SCOPE-IDENTITY-IN-CC"],
      ["sec", "TA-REQ-SCOPE-SEC"],
      ["DomainApi", "TA-REQ-SCOPE-DEPRECATED"],
      ["read  update", "TA-REQ-SCOPE-SYNTAX"],
      ["read\tupdate", "TA-REQ-SCOPE-SYNTAX"],
      ["delete", "TA-REQ-SCOPE-NOT-ALLOWED"],
      ["READ", "TA-REQ-SCOPE-NOT-ALLOWED"],
    ] as const) {
      it(`scope ${JSON.stringify(scope)}: invalid_scope, logged as ${ruleId}`, async () => {
        const res = await token({ grant_type: "client_credentials", client_id: SERVICE, client_secret: secret, scope });
        const body = await expectError(res, 400, "invalid_scope");
        expect(body.error_description).toBe(InvalidScope.DESCRIPTION); // fixed, never echoes the request
        expect(lastLog()).toMatchObject({ error: "invalid_scope", ruleId, client_id: SERVICE });
      });
    }
  });

  describe("secret rotation", () => {
    it("accepts the previous secret during the grace period, not after", async () => {
      const app = "com.test/rotating";
      const svc = await h.connection.db.user.findUniqueOrThrow({ where: { Login: "svc-integration" }, select: { Id: true } });
      await h.connection.db.trustedApplication.create({
        data: { ApplicationUri: app, Name: "Rotating", SystemUserAllowed: true, SystemUserId: svc.Id, Scope: "read" },
      });
      const oldSecret = await setKnownSecret(h.connection, app);
      const current = await h.connection.db.trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: app }, omit: { ApplicationSecretHash: false } });
      const newSecret = await setKnownSecret(h.connection, app);
      await h.connection.db.trustedApplication.update({
        where: { ApplicationUri: app },
        data: { PreviousSecretHash: current.ApplicationSecretHash, PreviousSecretExpiresUtc: new Date(Date.now() + 60_000) },
      });
      await waitForNotification(h);
      const req = (s: string) => token({ grant_type: "client_credentials", client_id: app, client_secret: s });
      expect((await req(newSecret)).status).toBe(200);
      expect((await req(oldSecret)).status).toBe(200);
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: app }, data: { PreviousSecretExpiresUtc: new Date(Date.now() - 1) } });
      await waitForNotification(h);
      expect((await req(oldSecret)).status).toBe(401);
      expect((await req(newSecret)).status).toBe(200);
    });
  });

  it("the explainer predicts exactly what the endpoint answers (same steps, same rule ids)", async () => {
    const secrets: Record<string, string | undefined> = { [SERVICE]: secret, [HYBRID]: hybridSecret, [DASHBOARD]: dashboardSecret };
    const cases: [string, string, string | null][] = [
      [SERVICE, "client_credentials", null],
      [SERVICE, "client_credentials", "read"],
      [SERVICE, "client_credentials", "openid"],
      [SERVICE, "client_credentials", "sec read"],
      [SERVICE, "client_credentials", "delete"],
      [SERVICE, "password", null],
      [HYBRID, "client_credentials", "update"],
      [DASHBOARD, "client_credentials", null],
      [SPA, "client_credentials", "read"],
    ];
    for (const [clientId, grantType, scope] of cases) {
      const registered = await h.server.registry.get(clientId);
      const clientAuth = secrets[clientId] ? "client_secret_post" : "none";
      const explained = explainTokenDecision(registered!.app, { grantType, scope, clientAuth }, { findings: registered!.findings });
      h.logs.length = 0;
      const res = await token({
        grant_type: grantType,
        client_id: clientId,
        ...(secrets[clientId] ? { client_secret: secrets[clientId]! } : {}),
        ...(scope ? { scope } : {}),
      });
      const failed = explained.steps.find((st) => st.status === "fail");
      const label = `${clientId} ${grantType} ${scope}`;
      if (explained.issued) {
        expect(res.status, label).toBe(200);
      } else {
        expect(res.status, label).toBe(failed!.httpStatus);
        expect(((await res.json()) as { error: string }).error, label).toBe(failed!.error);
        expect(h.logs.at(-1)?.event.ruleId, label).toBe(failed!.ruleId);
      }
    }
  });

  it("answers server_error only, when signing keys cannot be used", async () => {
    const log = recordingLogger();
    const broken = createOAuthServer(h.connection, testConfig({ keys: { alg: "ES256", encryptionSecret: "another-secret-that-cannot-decrypt-0123456789", accessTokenLifetimeSeconds: 3600 } }), { log });
    try {
      await broken.ready;
      const res = await handleTokenRequest(formRequest("/connect/token", { grant_type: "client_credentials", client_id: SERVICE, client_secret: secret }), broken);
      const body = await expectError(res, 500, "server_error");
      expect(body.error_description).toBe("The authorization server encountered an unexpected condition.");
      expect(log.records[0]?.level).toBe("failed");
    } finally {
      await broken.close();
    }
  });

  it("slows down brute force: 429 + Retry-After per client and address, without locking the client out elsewhere", async () => {
    const guarded = createOAuthServer(h.connection, testConfig(), {
      log: recordingLogger(),
      guard: new BruteForceGuard({ pair: { maxFailures: 3 }, address: { maxFailures: 100 }, subject: { maxFailures: 1000 } }),
    });
    try {
      await guarded.ready;
      const req = (s: string, id = SERVICE, from = "198.51.100.7") =>
        handleTokenRequest(formRequest("/connect/token", { grant_type: "client_credentials", client_id: id, client_secret: s }, { "X-Forwarded-For": from }), guarded);
      for (let i = 0; i < 2; i++) await expectError(await req("wrong"), 401, "invalid_client");
      await expectError(await req("wrong"), 401, "invalid_client"); // 3rd failure: blocks from now on
      const blocked = await req(secret); // even the right secret waits, from this address
      await expectError(blocked, 429, "invalid_client");
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await req(hybridSecret, HYBRID)).status).toBe(200);
      // The real client, from its own address, is not locked out by the attacker's failures.
      expect((await req(secret, SERVICE, "192.0.2.44")).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

/** Lets a NOTIFY sent by a write come back on the LISTEN connection (PostgreSQL). */
async function waitForNotification(h: TestAuthServer): Promise<void> {
  if (h.connection.kind === "embedded") return; // PGlite delivers it during the write itself
  await new Promise((r) => setTimeout(r, 50));
}
