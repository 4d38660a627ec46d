// Introspection (RFC 7662) and revocation (RFC 7009) with oauth4webapi, on both backends.
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import { accessTokenClaims, generateSigningKey, signJwt } from "../tokens/jwt";
import { basic, formRequest, setKnownSecret, startTestAuthServer, TEST_ISSUER, type TestAuthServer } from "../testing";
import { handleIntrospectionRequest, handleRevocationRequest } from "./token-inspection";

const backends = await testBackends();
const SERVICE = "com.example/inventory-sync";
const HYBRID = "com.example/field-service";

describe.each(backends)("introspection and revocation on %s", (backend) => {
  let h: TestAuthServer;
  let as: oauth.AuthorizationServer;
  let secret: string;
  let hybridSecret: string;
  const client: oauth.Client = { client_id: SERVICE };
  const opts = () => ({ [oauth.customFetch]: h.fetch, [oauth.allowInsecureRequests]: true });
  const issue = async (id = SERVICE, s = secret) => {
    const res = await oauth.clientCredentialsGrantRequest(as, { client_id: id }, oauth.ClientSecretBasic(s), {}, opts());
    return (await oauth.processClientCredentialsResponse(as, { client_id: id }, res)).access_token;
  };
  const introspect = async (token: string, auth = oauth.ClientSecretPost(secret)) =>
    oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, token, opts()));

  beforeAll(async () => {
    h = await startTestAuthServer(backend);
    secret = await setKnownSecret(h.connection, SERVICE);
    hybridSecret = await setKnownSecret(h.connection, HYBRID);
    as = await oauth.processDiscoveryResponse(new URL(TEST_ISSUER), await oauth.discoveryRequest(new URL(TEST_ISSUER), { algorithm: "oidc", ...opts() }));
  });
  afterAll(async () => h?.close());

  it("describes an active token of the caller (both auth methods)", async () => {
    const token = await issue();
    for (const auth of [oauth.ClientSecretBasic(secret), oauth.ClientSecretPost(secret)]) {
      const result = await introspect(token, auth);
      expect(result).toMatchObject({
        active: true,
        scope: "read update",
        client_id: SERVICE,
        sub: "svc-integration",
        aud: ["DomainAPI"],
        iss: TEST_ISSUER,
        token_type: "Bearer",
      });
      expect(typeof result.exp).toBe("number");
      expect(typeof result.jti).toBe("string");
    }
  });

  it("reports foreign, garbage, expired and forged tokens as inactive, 200", async () => {
    const foreign = await issue(HYBRID, hybridSecret);
    expect(await introspect(foreign)).toEqual({ active: false });
    expect(await introspect("garbage")).toEqual({ active: false });
    const keys = await h.server.keys.current();
    const claims = accessTokenClaims({
      issuer: TEST_ISSUER, audience: "DomainAPI", clientId: SERVICE, subject: "svc-integration",
      scopes: ["read"], lifetimeSeconds: 60, now: new Date(Date.now() - 3_600_000),
    });
    expect(await introspect(signJwt({ typ: "at+jwt" }, claims, keys.signing))).toEqual({ active: false });
    const stranger = generateSigningKey("ES256"); // same kid format, not our key
    const forged = signJwt({ typ: "at+jwt" }, { ...claims, exp: claims.exp + 7200 }, { ...stranger, kid: keys.signing.kid });
    expect(await introspect(forged)).toEqual({ active: false });
  });

  it("revokes the caller's token; introspection then says inactive", async () => {
    const token = await issue();
    const other = await issue();
    const res = await oauth.revocationRequest(as, client, oauth.ClientSecretBasic(secret), token, opts());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    await oauth.processRevocationResponse(res);
    expect(await introspect(token)).toEqual({ active: false });
    expect((await introspect(other)).active).toBe(true);
    // Revoking again, a garbage token, or with an unknown hint: still 200.
    const bodies: Record<string, string>[] = [{ token }, { token: "garbage" }, { token, token_type_hint: "refresh_token" }, { token, token_type_hint: "whatever" }];
    for (const body of bodies) {
      const again = await handleRevocationRequest(formRequest("/connect/revocation", body, { Authorization: basic(SERVICE, secret) }), h.server);
      expect(again.status).toBe(200);
      expect(await again.text()).toBe("");
    }
  });

  it("does not let another client revoke a token", async () => {
    const token = await issue();
    const res = await handleRevocationRequest(formRequest("/connect/revocation", { token }, { Authorization: basic(HYBRID, hybridSecret) }), h.server);
    expect(res.status).toBe(200);
    expect((await introspect(token)).active).toBe(true);
  });

  for (const [name, handler, path] of [
    ["introspection", handleIntrospectionRequest, "/connect/introspect"],
    ["revocation", handleRevocationRequest, "/connect/revocation"],
  ] as const) {
    describe(`${name} errors`, () => {
      it("requires client authentication: 401 invalid_client with the challenge", async () => {
        const res = await handler(formRequest(path, { token: "x" }, { Authorization: basic(SERVICE, "wrong") }), h.server);
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
        expect(await res.json()).toMatchObject({ error: "invalid_client" });
        const none = await handler(formRequest(path, { token: "x" }), h.server);
        expect(none.status).toBe(401);
      });

      it("requires the token parameter: 400 invalid_request", async () => {
        const res = await handler(formRequest(path, {}, { Authorization: basic(SERVICE, secret) }), h.server);
        expect(res.status).toBe(400);
        expect(res.headers.get("cache-control")).toBe("no-store");
        expect(await res.json()).toMatchObject({ error: "invalid_request" });
      });

      it("accepts POST with a form only", async () => {
        const get = await handler(new Request(`${TEST_ISSUER}${path}?token=x`), h.server);
        expect(get.status).toBe(405);
        const json = await handler(new Request(`${TEST_ISSUER}${path}`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: basic(SERVICE, secret) }, body: "{}" }), h.server);
        expect(json.status).toBe(400);
      });
    });
  }
});
