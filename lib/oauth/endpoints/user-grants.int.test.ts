// The token endpoint's user grants (authorization_code, refresh_token), UserInfo, and
// introspection and revocation of user tokens, in process on PGlite and PostgreSQL: codes
// come from a real sign-in (lib/oauth/testing-flows.ts); every refusal is a raw request
// checked for status, error code and headers.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import { revokeAuthorization } from "@/lib/db/authorizations";
import { accessTokenClaims, signJwt } from "../tokens/jwt";
import { basic, formRequest, setKnownSecret, startTestAuthServer, TEST_ISSUER, type TestAuthServer } from "../testing";
import { authorizeUrl, pkcePair, signInThroughBrowser, TestBrowser } from "../testing-flows";
import { handleIntrospectionRequest, handleRevocationRequest } from "./token-inspection";
import { handleTokenRequest } from "./token";
import { handleUserinfoRequest } from "./userinfo";

const run = promisify(execFile);
const backends = await testBackends();

const DASHBOARD = "com.example/internal-dashboard";
const DASHBOARD_CB = "https://dashboard.example.com/signin-oidc";
const SPA = "com.example/customer-portal";
const SPA_CB = "https://portal.example.com/callback";
const HYBRID = "com.example/field-service";
const HYBRID_CB = "https://field.example.com/signin-oidc";
const SERVICE = "com.example/inventory-sync";
const JDOE = { login: "jdoe", password: "user-change-me" };
const ANNA = { login: "partner.anna", password: "community-change-me" };

async function expectOAuthError(res: Response, status: number, error: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(await res.json()).toEqual({ error, error_description: expect.any(String) });
}

describe.each(backends)("user grants on %s", (backend) => {
  let h: TestAuthServer;
  const secrets: Record<string, string> = {};
  const token = (body: Record<string, string>, clientId?: string) =>
    handleTokenRequest(formRequest("/connect/token", body, clientId ? { authorization: basic(clientId, secrets[clientId]!) } : {}), h.server);
  const introspect = (clientId: string, tokenValue: string) =>
    handleIntrospectionRequest(formRequest("/connect/introspect", { token: tokenValue }, { authorization: basic(clientId, secrets[clientId]!) }), h.server).then((r) => r.json() as Promise<Record<string, unknown>>);
  const userinfo = (accessToken: string | null, url = `${TEST_ISSUER}/connect/userinfo`, init: RequestInit = {}) =>
    handleUserinfoRequest(new Request(url, { ...init, headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), ...init.headers } }), h.server);
  const lastRule = () => h.logs.at(-1)?.event.ruleId;

  /** Signs the user in through the browser and returns a fresh code. */
  async function code(clientId: string, cb: string, user: { login: string; password: string }, scope = "openid profile offline_access read") {
    const { verifier, challenge } = pkcePair();
    const url = authorizeUrl({ client_id: clientId, redirect_uri: cb, response_type: "code", scope, state: "s", nonce: "n", code_challenge: challenge, code_challenge_method: "S256" });
    const callback = await signInThroughBrowser(new TestBrowser(h.fetch, h.server), url, user);
    return { code: callback.searchParams.get("code")!, verifier, cb };
  }
  const exchange = (c: { code: string; verifier: string; cb: string }, clientId = DASHBOARD, extra: Record<string, string> = {}) =>
    token({ grant_type: "authorization_code", code: c.code, redirect_uri: c.cb, code_verifier: c.verifier, ...extra }, clientId);
  async function tokens(clientId = DASHBOARD, cb = DASHBOARD_CB, scope?: string) {
    const res = await exchange(await code(clientId, cb, JDOE, scope), clientId);
    expect(res.status).toBe(200);
    return (await res.json()) as { access_token: string; refresh_token?: string; id_token?: string; scope: string };
  }

  beforeAll(async () => {
    h = await startTestAuthServer(backend);
    for (const uri of [DASHBOARD, HYBRID, SERVICE]) secrets[uri] = await setKnownSecret(h.connection, uri);
  });
  afterAll(() => h?.close());

  describe("authorization_code", () => {
    it("a code works once; a second use is invalid_grant and revokes what the first issued", async () => {
      const c = await code(DASHBOARD, DASHBOARD_CB, JDOE);
      const first = await exchange(c);
      expect(first.status).toBe(200);
      const issued = (await first.json()) as { access_token: string; refresh_token: string };
      expect((await introspect(DASHBOARD, issued.access_token)).active).toBe(true);

      await expectOAuthError(await exchange(c), 400, "invalid_grant");
      expect(h.logs.at(-1)?.event.detail).toMatch(/code used twice/);
      expect(await introspect(DASHBOARD, issued.access_token)).toEqual({ active: false });
      expect(await introspect(DASHBOARD, issued.refresh_token)).toEqual({ active: false });
      expect((await userinfo(issued.access_token)).status).toBe(401);
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: issued.refresh_token }, DASHBOARD), 400, "invalid_grant");
    });

    it("the same code sent twice at once: one answer has tokens, the other is invalid_grant, and the tokens are revoked", async () => {
      const c = await code(DASHBOARD, DASHBOARD_CB, JDOE);
      const answers = await Promise.all([exchange(c), exchange(c), exchange(c)]);
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 400, 400]);
      const issued = (await answers.find((r) => r.status === 200)!.json()) as { access_token: string; refresh_token: string };
      expect(await introspect(DASHBOARD, issued.access_token)).toEqual({ active: false });
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: issued.refresh_token }, DASHBOARD), 400, "invalid_grant");
    });

    it("many different codes at once are each exchanged once (batched)", async () => {
      const codes = await Promise.all(Array.from({ length: 6 }, () => code(DASHBOARD, DASHBOARD_CB, JDOE)));
      const answers = await Promise.all(codes.map((c) => exchange(c)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const refreshed = await Promise.all(answers.map(async (r) => token({ grant_type: "refresh_token", refresh_token: ((await r.json()) as { refresh_token: string }).refresh_token }, DASHBOARD)));
      expect(refreshed.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    });

    it.each([
      ["a wrong code_verifier", { code_verifier: "w".repeat(43) }],
      ["no code_verifier", { code_verifier: "" }],
      ["a malformed code_verifier", { code_verifier: "short" }],
      ["another redirect_uri", { redirect_uri: `${DASHBOARD_CB}/other` }],
      ["an unknown code", { code: "A".repeat(43) }],
      ["a garbage code", { code: "not a code" }],
    ])("%s: invalid_grant", async (_, override) => {
      const c = await code(DASHBOARD, DASHBOARD_CB, JDOE);
      const body = { grant_type: "authorization_code", code: c.code, redirect_uri: c.cb, code_verifier: c.verifier, ...override };
      for (const [k, v] of Object.entries(body)) if (v === "") delete body[k as keyof typeof body];
      await expectOAuthError(await token(body, DASHBOARD), 400, "invalid_grant");
    });

    it("no redirect_uri: invalid_request", async () => {
      const c = await code(DASHBOARD, DASHBOARD_CB, JDOE);
      await expectOAuthError(await token({ grant_type: "authorization_code", code: c.code, code_verifier: c.verifier }, DASHBOARD), 400, "invalid_request");
    });

    it("an expired code (60 s at most): invalid_grant", async () => {
      const c = await code(DASHBOARD, DASHBOARD_CB, JDOE);
      const row = await h.connection.db.authorizationCode.findFirstOrThrow({ orderBy: { CreatedUtc: "desc" } });
      expect(row.ExpiresUtc.getTime() - row.CreatedUtc.getTime()).toBeLessThanOrEqual(60_000);
      expect(row.CodeHash).not.toBe(c.code); // stored hashed
      await h.connection.db.authorizationCode.update({ where: { CodeHash: row.CodeHash }, data: { ExpiresUtc: new Date(Date.now() - 1) } });
      await expectOAuthError(await exchange(c), 400, "invalid_grant");
    });

    it("a code presented by another client: invalid_grant", async () => {
      const c = await code(DASHBOARD, DASHBOARD_CB, JDOE);
      await expectOAuthError(await exchange(c, HYBRID), 400, "invalid_grant");
    });

    it("a Confidential app must authenticate: invalid_client without its secret", async () => {
      const c = await code(DASHBOARD, DASHBOARD_CB, JDOE);
      const res = await token({ grant_type: "authorization_code", code: c.code, redirect_uri: c.cb, code_verifier: c.verifier, client_id: DASHBOARD });
      await expectOAuthError(res, 401, "invalid_client");
    });

    it("a Public app exchanges with client_id only, and gets no refresh token", async () => {
      const c = await code(SPA, SPA_CB, ANNA, "openid offline_access read");
      const res = await token({ grant_type: "authorization_code", code: c.code, redirect_uri: c.cb, code_verifier: c.verifier, client_id: SPA });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.refresh_token).toBeUndefined();
      expect(body.scope).toBe("openid read");
      expect(typeof body.id_token).toBe("string");
    });

    it("no openid: no ID token", async () => {
      const t = await tokens(DASHBOARD, DASHBOARD_CB, "read");
      expect(t.id_token).toBeUndefined();
      expect(t.refresh_token).toBeUndefined();
    });
  });

  describe("refresh_token", () => {
    it("rotates on every use; a used refresh token presented again revokes the whole family", async () => {
      const t = await tokens();
      const r1 = await token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, DASHBOARD);
      expect(r1.status).toBe(200);
      const t1 = (await r1.json()) as { access_token: string; refresh_token: string; id_token: string; scope: string };
      expect(t1.refresh_token).not.toBe(t.refresh_token);
      expect(t1.scope).toBe("openid profile offline_access read");
      const id = JSON.parse(Buffer.from(t1.id_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
      expect(id.nonce).toBeUndefined(); // OIDC Core §12.2
      expect((await introspect(DASHBOARD, t1.access_token)).active).toBe(true);

      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, DASHBOARD), 400, "invalid_grant");
      expect(h.logs.at(-1)?.event.detail).toMatch(/used twice/);
      for (const revoked of [t.access_token, t1.access_token, t1.refresh_token]) expect(await introspect(DASHBOARD, revoked)).toEqual({ active: false });
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: t1.refresh_token }, DASHBOARD), 400, "invalid_grant");
    });

    it("the same refresh token sent twice at once: the family is revoked", async () => {
      const t = await tokens();
      const answers = await Promise.all([0, 1].map(() => token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, DASHBOARD)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
      const winner = (await answers.find((r) => r.status === 200)!.json()) as { refresh_token: string; access_token: string };
      expect(await introspect(DASHBOARD, winner.access_token)).toEqual({ active: false });
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: winner.refresh_token }, DASHBOARD), 400, "invalid_grant");
    });

    it("may narrow the scope, never widen it", async () => {
      const t = await tokens();
      const narrow = await token({ grant_type: "refresh_token", refresh_token: t.refresh_token!, scope: "read" }, DASHBOARD);
      expect(narrow.status).toBe(200);
      const n = (await narrow.json()) as { scope: string; refresh_token: string; id_token?: string };
      expect(n.scope).toBe("read");
      expect(n.id_token).toBeUndefined();
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: n.refresh_token, scope: "read update" }, DASHBOARD), 400, "invalid_scope");
      expect(lastRule()).toBe("TA-REQ-SCOPE-WIDER");
    });

    it("only for Confidential apps: a Public client is unauthorized_client", async () => {
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: "A".repeat(43), client_id: SPA }), 400, "unauthorized_client");
      expect(lastRule()).toBe("TA-REQ-REFRESH-PUBLIC");
    });

    it("another client's refresh token: invalid_grant, and the owner's still works", async () => {
      const t = await tokens();
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, HYBRID), 400, "invalid_grant");
      expect((await token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, DASHBOARD)).status).toBe(200);
    });

    it("an inactive user: invalid_grant at once", async () => {
      const t = await tokens();
      await h.connection.db.user.update({ where: { Login: "jdoe" }, data: { IsActive: false } });
      try {
        await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, DASHBOARD), 400, "invalid_grant");
        expect(lastRule()).toBe("TA-REQ-GRANT-REVOKED");
        expect((await userinfo(t.access_token)).status).toBe(401);
      } finally {
        await h.connection.db.user.update({ where: { Login: "jdoe" }, data: { IsActive: true } });
      }
    });

    it("a revoked Authorization: invalid_grant at once, and its access tokens die too", async () => {
      const t = await tokens();
      const authorization = await h.connection.db.trustedApplicationAuthorization.findFirstOrThrow({ where: { User: { Login: "jdoe" }, TrustedApplication: { ApplicationUri: DASHBOARD } } });
      await revokeAuthorization(h.connection.db, { id: null, login: "test" }, authorization.TrustedApplicationId, authorization.Id);
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, DASHBOARD), 400, "invalid_grant");
      expect(await introspect(DASHBOARD, t.access_token)).toEqual({ active: false });
      const audit = await h.connection.db.auditEvent.findFirstOrThrow({ where: { Action: "authorization.revoke" }, orderBy: { TimeUtc: "desc" } });
      expect(audit.Diff).toEqual({ "Authorizations[jdoe]": { from: "openid profile offline_access read", to: null } });
    });

    it("a disabled app: invalid_grant once it authenticated (invalid_client with a wrong secret)", async () => {
      const t = await tokens();
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: DASHBOARD }, data: { IsEnabled: false } });
      h.server.registry.invalidate(DASHBOARD);
      try {
        await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, DASHBOARD), 400, "invalid_grant");
        const wrong = await handleTokenRequest(formRequest("/connect/token", { grant_type: "refresh_token", refresh_token: t.refresh_token! }, { authorization: basic(DASHBOARD, "wrong") }), h.server);
        await expectOAuthError(wrong, 401, "invalid_client");
      } finally {
        await h.connection.db.trustedApplication.update({ where: { ApplicationUri: DASHBOARD }, data: { IsEnabled: true } });
        h.server.registry.invalidate(DASHBOARD);
      }
    });

    it.runIf(backend === "postgres")("disabled by another process: the next refresh is refused within a second", async () => {
      const t = await tokens();
      const r = await token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, DASHBOARD);
      const next = ((await r.json()) as { refresh_token: string }).refresh_token;
      expect(h.server.registry.peek(DASHBOARD)).toBeTruthy(); // cached
      const sql = `UPDATE "Sec_Trusted_Applications" SET "IsEnabled" = false WHERE "ApplicationUri" = '${DASHBOARD}'`;
      await run(process.execPath, ["-e", `const pg = require("pg"); const c = new pg.Client(process.argv[1]); c.connect().then(() => c.query(process.argv[2])).then(() => c.end())`, h.t.databaseUrl!, sql], { timeout: 30_000 });
      try {
        const started = Date.now();
        while (h.server.registry.peek(DASHBOARD) && Date.now() - started < 1000) await new Promise((res) => setTimeout(res, 10));
        await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: next }, DASHBOARD), 400, "invalid_grant");
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await h.connection.db.trustedApplication.update({ where: { ApplicationUri: DASHBOARD }, data: { IsEnabled: true } });
      }
    });

    it("an unknown or malformed refresh token: invalid_grant; none: invalid_request", async () => {
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: "B".repeat(43) }, DASHBOARD), 400, "invalid_grant");
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: "x" }, DASHBOARD), 400, "invalid_grant");
      await expectOAuthError(await token({ grant_type: "refresh_token" }, DASHBOARD), 400, "invalid_request");
    });

    it("stores refresh tokens as SHA-256 only", async () => {
      const t = await tokens();
      const rows = await h.connection.db.refreshToken.findMany({ select: { TokenHash: true } });
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.TokenHash))).toBe(true);
      expect(rows.some((r) => r.TokenHash === t.refresh_token)).toBe(false);
    });
  });

  describe("introspection and revocation of user tokens", () => {
    it("introspection names the user: sub and username", async () => {
      const t = await tokens();
      const jdoe = await h.connection.db.user.findUniqueOrThrow({ where: { Login: "jdoe" } });
      expect(await introspect(DASHBOARD, t.access_token)).toMatchObject({ active: true, sub: jdoe.Id, username: "jdoe", client_id: DASHBOARD, scope: "openid profile offline_access read" });
      expect(await introspect(DASHBOARD, t.refresh_token!)).toMatchObject({ active: true, sub: jdoe.Id, username: "jdoe", token_type: "refresh_token" });
      expect(await introspect(HYBRID, t.refresh_token!)).toEqual({ active: false }); // another client's
    });

    it("revoking a refresh token revokes its family and the access tokens issued from it (RFC 7009 §2.1)", async () => {
      const t = await tokens();
      const res = await handleRevocationRequest(formRequest("/connect/revocation", { token: t.refresh_token! }, { authorization: basic(DASHBOARD, secrets[DASHBOARD]!) }), h.server);
      expect(res.status).toBe(200);
      expect(await introspect(DASHBOARD, t.access_token)).toEqual({ active: false });
      await expectOAuthError(await token({ grant_type: "refresh_token", refresh_token: t.refresh_token! }, DASHBOARD), 400, "invalid_grant");
    });
  });

  describe("UserInfo (RFC 6750 §3.1)", () => {
    it("no token: 401 with a bare Bearer challenge", async () => {
      const res = await userinfo(null);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="[^"]+"$/);
    });

    it("a garbage, expired or revoked token: 401 invalid_token", async () => {
      const keys = await h.server.keys.current();
      const expired = signJwt({ typ: "at+jwt" }, accessTokenClaims({ issuer: TEST_ISSUER, audience: "DomainAPI", clientId: DASHBOARD, subject: "x", scopes: ["openid"], lifetimeSeconds: 60, now: new Date(Date.now() - 3_600_000) }), keys.signing);
      const t = await tokens();
      await handleRevocationRequest(formRequest("/connect/revocation", { token: t.access_token }, { authorization: basic(DASHBOARD, secrets[DASHBOARD]!) }), h.server);
      for (const bad of ["garbage", expired, t.access_token]) {
        const res = await userinfo(bad);
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="[^"]+", error="invalid_token"/);
        expect(((await res.json()) as { error: string }).error).toBe("invalid_token");
      }
    });

    it("a token without openid: 403 insufficient_scope", async () => {
      const cc = await token({ grant_type: "client_credentials", scope: "read" }, SERVICE);
      const res = await userinfo(((await cc.json()) as { access_token: string }).access_token);
      expect(res.status).toBe(403);
      expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    });

    it("refuses a token in the query string or the body", async () => {
      const t = await tokens();
      const query = await userinfo(null, `${TEST_ISSUER}/connect/userinfo?access_token=${t.access_token}`);
      expect(query.status).toBe(400);
      expect(query.headers.get("www-authenticate")).toContain('error="invalid_request"');
      const body = await userinfo(null, `${TEST_ISSUER}/connect/userinfo`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `access_token=${t.access_token}` });
      expect(body.status).toBe(400);
    });

    it("answers sub only without profile; POST works like GET", async () => {
      const t = await tokens(DASHBOARD, DASHBOARD_CB, "openid read");
      const res = await userinfo(t.access_token, `${TEST_ISSUER}/connect/userinfo`, { method: "POST" });
      expect(res.status).toBe(200);
      expect(Object.keys((await res.json()) as object)).toEqual(["sub"]);
    });
  });

  it("the hybrid app does both: users sign in, and client_credentials acts as its SystemUser", async () => {
    const t = await tokens(HYBRID, HYBRID_CB, "openid read");
    expect(typeof t.id_token).toBe("string");
    const cc = await token({ grant_type: "client_credentials", scope: "read update" }, HYBRID);
    expect(cc.status).toBe(200);
  });

  it("a standard client library completes refresh (oauth4webapi)", async () => {
    const opts = { [oauth.customFetch]: h.fetch, [oauth.allowInsecureRequests]: true };
    const as = await oauth.processDiscoveryResponse(new URL(TEST_ISSUER), await oauth.discoveryRequest(new URL(TEST_ISSUER), { algorithm: "oidc", ...opts }));
    const client: oauth.Client = { client_id: DASHBOARD };
    const t = await tokens();
    const res = await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretBasic(secrets[DASHBOARD]!), t.refresh_token!, opts);
    const refreshed = await oauth.processRefreshTokenResponse(as, client, res);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(oauth.getValidatedIdTokenClaims(refreshed)?.aud).toBe(DASHBOARD);
  });
});
