// Signing keys in the database: generated once on first start, encrypted at rest, rotated
// with the new key announced in the JWKS before use and the old one kept until its tokens
// have expired. Both backends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import { listSigningKeys } from "@/lib/db/signing-keys";
import { KEY_EXPIRY_MARGIN_SECONDS, KeyConfigurationError, KeyStore, rotateSigningKey } from "./keys";
import { formRequest, setKnownSecret, startTestAuthServer, TEST_KEY_SECRET, type TestAuthServer } from "../testing";
import { handleTokenRequest } from "../endpoints/token";
import { handleIntrospectionRequest } from "../endpoints/token-inspection";

const backends = await testBackends();
const SERVICE = "com.example/inventory-sync";
const HOUR = 3_600_000;

function headerOf(token: string): { alg: string; kid: string } {
  return JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { alg: string; kid: string };
}

describe.each(backends)("signing keys on %s", (backend) => {
  let h: TestAuthServer;
  let secret: string;
  const config = { alg: "ES256" as const, encryptionSecret: TEST_KEY_SECRET, accessTokenLifetimeSeconds: 3600 };
  const issue = async () => {
    const res = await handleTokenRequest(formRequest("/connect/token", { grant_type: "client_credentials", client_id: SERVICE, client_secret: secret }), h.server);
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const introspect = async (token: string) => {
    const res = await handleIntrospectionRequest(formRequest("/connect/introspect", { token, client_id: SERVICE, client_secret: secret }), h.server);
    return (await res.json()) as { active: boolean };
  };
  const settle = () => (h.connection.kind === "postgres" ? new Promise((r) => setTimeout(r, 50)) : Promise.resolve());

  beforeAll(async () => {
    h = await startTestAuthServer(backend);
    secret = await setKnownSecret(h.connection, SERVICE);
  });
  afterAll(async () => h?.close());

  it("generates exactly one key on first start, even when asked concurrently, and stores it encrypted", async () => {
    expect(await listSigningKeys(h.connection.db)).toHaveLength(0);
    const stores = [new KeyStore(h.connection.db, config), new KeyStore(h.connection.db, config)];
    expect(stores[0]!.peek()).toBeUndefined(); // nothing loaded yet
    const [a, b] = await Promise.all(stores.map((s) => s.current()));
    expect(a!.signing.kid).toBe(b!.signing.kid);
    expect(stores[0]!.peek()).toBe(a); // the loaded set, without waiting
    stores[0]!.invalidate();
    expect(stores[0]!.peek()).toBeUndefined();
    const rows = await listSigningKeys(h.connection.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.privateKeyEncrypted).toMatch(/^v1\./);
    expect(rows[0]!.privateKeyEncrypted).not.toContain("PRIVATE KEY");
    expect(rows[0]!.publicJwk).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig", kid: rows[0]!.kid });
    expect(rows[0]!.publicJwk).not.toHaveProperty("d");
  });

  it("refuses to use a key it cannot decrypt (wrong TOKEN_KEY_ENCRYPTION_SECRET)", async () => {
    const wrong = new KeyStore(h.connection.db, { ...config, encryptionSecret: "x".repeat(40) });
    await expect(wrong.current()).rejects.toThrow(/could not decrypt/);
    const missing = new KeyStore(h.connection.db, { ...config, encryptionSecret: undefined });
    await expect(missing.current()).rejects.toThrow(KeyConfigurationError);
  });

  it("rotates: the new key is announced before use, the old one stays until its tokens expire", async () => {
    const before = await issue();
    const oldKid = headerOf(before).kid;
    const t0 = Date.now();
    const rotation = await rotateSigningKey(h.connection.db, config, { now: new Date(t0), announceSeconds: 3600 });
    expect(rotation.retired?.kid).toBe(oldKid);
    expect(rotation.activatesUtc.getTime()).toBe(t0 + HOUR);
    expect(rotation.retired?.expiresUtc.getTime()).toBe(t0 + HOUR + (3600 + KEY_EXPIRY_MARGIN_SECONDS) * 1000);
    await expect(rotateSigningKey(h.connection.db, config, { now: new Date(t0 + 1000) })).rejects.toThrow(/already announced/);

    // Now: still signing with the old key, both published.
    await settle();
    const during = await issue();
    expect(headerOf(during).kid).toBe(oldKid);
    const jwks = (await (await h.fetch(`${h.server.config.issuer}/.well-known/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([oldKid, rotation.kid].sort());

    // After activation: the new key signs, the old one is still published (its tokens live on).
    const later = new KeyStore(h.connection.db, config, () => t0 + HOUR + 1000);
    const afterActivation = await later.current();
    expect(afterActivation.signing.kid).toBe(rotation.kid);
    expect([...afterActivation.byKid.keys()].sort()).toEqual([oldKid, rotation.kid].sort());

    // After the old key's tokens have all expired: it is gone from the JWKS.
    const muchLater = new KeyStore(h.connection.db, config, () => rotation.retired!.expiresUtc.getTime() + 1);
    expect([...(await muchLater.current()).byKid.keys()]).toEqual([rotation.kid]);
    expect((await introspect(before)).active).toBe(true);
  });

  it("an immediate rotation (announce 0) reaches the running server through NOTIFY 'keys'", async () => {
    // Fast-forward the previous test's rotation: the pending key activates (and the old one retires) now.
    const rows = await listSigningKeys(h.connection.db);
    const pending = rows.find((r) => r.activatesUtc.getTime() > Date.now());
    const now = new Date();
    await h.connection.db.signingKey.updateMany({ where: { RetiresUtc: { not: null } }, data: { RetiresUtc: now } });
    await h.connection.db.signingKey.update({ where: { Kid: pending!.kid }, data: { ActivatesUtc: now } });
    await settle();
    const current = headerOf(await issue()).kid;
    expect(current).toBe(pending!.kid);
    const oldToken = await issue();

    const rs = await rotateSigningKey(h.connection.db, { ...config, alg: "RS256" }, { announceSeconds: 0 });
    await settle();
    const token = await issue();
    expect(headerOf(token)).toMatchObject({ alg: "RS256", kid: rs.kid });
    expect((await introspect(token)).active).toBe(true);
    expect((await introspect(oldToken)).active).toBe(true);
    const jwks = (await (await h.fetch(`${h.server.config.issuer}/.well-known/jwks`)).json()) as { keys: { kid: string; kty: string }[] };
    expect(jwks.keys.find((k) => k.kid === rs.kid)?.kty).toBe("RSA");
  });
});
