// Two production instances on one PostgreSQL behave as one server: a change made through one of
// them, or by another process with the library functions the CLI uses, reaches the other within
// 1 s (PostgreSQL NOTIFY; docs/deployment.md). Each propagation time is printed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../lib/db/client";
import { findAppIdByUri, rotateSecret, setEnabled } from "../../lib/db/app-mutations";
import { rotateSigningKey } from "../../lib/oauth/keys/keys";
import { CLI_ACTOR } from "../../lib/cli/io";
import { basic, CLIENT_ID, freePort, postgresForSystemTests, KEY_SECRET, prepareDatabase, SECRET, signIn, startServer, tokenRequest, type RunningServer } from "./harness";

let a: RunningServer;
let b: RunningServer;
let other: Connection;
let drop: () => Promise<void>;
let appId: string;

const enabled = await postgresForSystemTests("server");

beforeAll(async () => {
  if (!enabled) return;
  const prepared = await prepareDatabase("postgres");
  drop = () => prepared.t.drop();
  // One public origin for both (as behind a load balancer): one issuer, tokens valid at either.
  const [portA, portB] = [await freePort(), await freePort()];
  const shared = { NEXTAUTH_URL: `http://127.0.0.1:${portA}` };
  [a, b] = await Promise.all([startServer(prepared.env, { port: portA, extraEnv: shared }), startServer(prepared.env, { port: portB, extraEnv: shared })]);
  other = await connect({ databaseUrl: prepared.env.DATABASE_URL });
  appId = await findAppIdByUri(other.db, CLIENT_ID);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await other?.close();
  await drop?.();
});

/** Polls `check` every 20 ms until it holds; the milliseconds it took (fails past 1 s). */
async function within1s(label: string, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) {
      const ms = Date.now() - start;
      console.log(`${label}: ${ms} ms`);
      return ms;
    }
    if (Date.now() - start > 1_000) throw new Error(`${label}: not seen within 1 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const status = async (origin: string, options: Parameters<typeof tokenRequest>[1] = {}) => (await tokenRequest(origin, { scope: "read", ...options })).status;

async function form(origin: string, endpoint: string, params: Record<string, string>, secret = SECRET): Promise<Response> {
  return fetch(`${origin}/id/connect/${endpoint}`, {
    method: "POST",
    headers: { Authorization: basic(CLIENT_ID, secret), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params),
  });
}

describe.runIf(enabled)("two instances on one PostgreSQL", () => {
  it("the kill switch, set by another process, stops and restarts the app at both instances within 1 s", async () => {
    // Both have the app cached (a token each).
    expect([await status(a.origin), await status(b.origin)]).toEqual([200, 200]);
    await setEnabled(other.db, CLI_ACTOR, appId, false);
    expect(await within1s("disable → instance A refuses", async () => (await status(a.origin)) !== 200)).toBeLessThan(1000);
    expect(await within1s("disable → instance B refuses", async () => (await status(b.origin)) !== 200)).toBeLessThan(1000);
    await setEnabled(other.db, CLI_ACTOR, appId, true);
    expect(await within1s("enable → instance A answers", async () => (await status(a.origin)) === 200)).toBeLessThan(1000);
    expect(await within1s("enable → instance B answers", async () => (await status(b.origin)) === 200)).toBeLessThan(1000);
  });

  it("a rotated secret works at both at once; the previous one during its grace period only", async () => {
    const { secret } = await rotateSecret(other.db, CLI_ACTOR, appId, "1h");
    try {
      expect(await within1s("rotation → new secret at B", async () => (await status(b.origin, { secret })) === 200)).toBeLessThan(1000);
      expect(await status(a.origin, { secret })).toBe(200);
      expect(await status(a.origin)).toBe(200); // the previous secret, within the grace period
      // The grace period ends (as if an hour had passed): the previous secret stops at both.
      await other.db.trustedApplication.update({ where: { Id: appId }, data: { PreviousSecretExpiresUtc: new Date(Date.now() - 1000) } });
      expect(await within1s("grace over → previous secret refused at A", async () => (await status(a.origin)) === 401)).toBeLessThan(1000);
      expect(await within1s("grace over → previous secret refused at B", async () => (await status(b.origin)) === 401)).toBeLessThan(1000);
    } finally {
      // Back to the harness's secret for the other tests.
      const { hashSecret } = await import("../../lib/oauth/clients/secrets");
      await other.db.trustedApplication.update({ where: { Id: appId }, data: { ApplicationSecretHash: hashSecret(SECRET), PreviousSecretHash: null, PreviousSecretExpiresUtc: null } });
    }
    expect(await within1s("secret restored at A", async () => (await status(a.origin)) === 200)).toBeLessThan(1000);
  });

  it("a Scope edit reaches both within 1 s (a removed scope is invalid_scope)", async () => {
    const Scope = (await other.db.trustedApplication.findUniqueOrThrow({ where: { Id: appId }, select: { Scope: true } })).Scope ?? "";
    expect(Scope.split(" ")).toContain("read");
    expect(await status(b.origin)).toBe(200);
    await other.db.trustedApplication.update({ where: { Id: appId }, data: { Scope: Scope.split(" ").filter((s) => s !== "read").join(" ") || "write" } });
    try {
      const refused = async (origin: string) => {
        const res = await tokenRequest(origin, { scope: "read" });
        return res.status === 400 && ((await res.json()) as { error: string }).error === "invalid_scope";
      };
      expect(await within1s("scope removed → invalid_scope at A", () => refused(a.origin))).toBeLessThan(1000);
      expect(await within1s("scope removed → invalid_scope at B", () => refused(b.origin))).toBeLessThan(1000);
    } finally {
      await other.db.trustedApplication.update({ where: { Id: appId }, data: { Scope } });
    }
    expect(await within1s("scope restored at B", async () => (await status(b.origin)) === 200)).toBeLessThan(1000);
  });

  it("a signing-key rotation gives both instances the same JWKS and the same signing key within 1 s", async () => {
    const jwks = async (origin: string) => JSON.stringify(await (await fetch(`${origin}/id/.well-known/jwks`)).json());
    const kidOf = async (origin: string) => {
      const { access_token } = (await (await tokenRequest(origin, { scope: "read" })).json()) as { access_token: string };
      return (JSON.parse(Buffer.from(access_token.split(".")[0]!, "base64url").toString()) as { kid: string }).kid;
    };
    expect(await jwks(a.origin)).toBe(await jwks(b.origin));
    const { kid } = await rotateSigningKey(other.db, { alg: "ES256", encryptionSecret: KEY_SECRET, accessTokenLifetimeSeconds: 3600 }, { announceSeconds: 0 });
    for (const [name, s] of [["A", a], ["B", b]] as const) {
      expect(await within1s(`key rotation → JWKS of ${name} lists the new key`, async () => (await jwks(s.origin)).includes(kid))).toBeLessThan(1000);
      expect(await within1s(`key rotation → ${name} signs with the new key`, async () => (await kidOf(s.origin)) === kid)).toBeLessThan(1000);
    }
    expect(await jwks(a.origin)).toBe(await jwks(b.origin));
  });

  it("a token revoked at one instance is inactive at the other within 1 s", async () => {
    const { access_token: token } = (await (await tokenRequest(a.origin, { scope: "read" })).json()) as { access_token: string };
    const active = async (origin: string) => ((await (await form(origin, "introspect", { token })).json()) as { active: boolean }).active;
    expect(await active(b.origin)).toBe(true);
    expect((await form(a.origin, "revocation", { token })).status).toBe(200);
    expect(await within1s("revoked at A → inactive at B", async () => !(await active(b.origin)))).toBeLessThan(1000);
  });

  it("the console's fleet view at one instance shows a change made by another process within 1 s", async () => {
    // The seeded administrator, past the provisional password (not what this test is about).
    await other.db.user.update({ where: { Login: "admin" }, data: { MustChangePassword: false } });
    const cookie = await signIn(b.origin);
    const listed = async () => {
      const res = await fetch(`${b.origin}/api/apps?q=${encodeURIComponent("inventory-sync")}`, { headers: { Cookie: cookie } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { ApplicationUri: string; IsEnabled: boolean; Name: string }[] }).items.find((i) => i.ApplicationUri === CLIENT_ID);
    };
    expect((await listed())?.IsEnabled).toBe(true); // the fleet is built and cached now
    await setEnabled(other.db, CLI_ACTOR, appId, false);
    try {
      expect(await within1s("disable by another process → fleet view at B", async () => (await listed())?.IsEnabled === false)).toBeLessThan(1000);
    } finally {
      await setEnabled(other.db, CLI_ACTOR, appId, true);
    }
    // Another attribute, edited directly in the database (the trigger announces it).
    await other.db.trustedApplication.update({ where: { Id: appId }, data: { Name: "Inventory sync, renamed elsewhere" } });
    expect(await within1s("edit by another process → fleet view at B", async () => (await listed())?.Name === "Inventory sync, renamed elsewhere")).toBeLessThan(1000);
  });

  it("counts failed authentications across both instances: blocked after the same total as one instance allows", async () => {
    const { PAIR_LIMITS } = await import("../../lib/oauth/guard/brute-force");
    // A client no other test has failed for (its per-client slow-down starts at nothing).
    const target = { clientId: "com.example/field-service", secret: "wrong-secret" };
    const statuses: number[] = [];
    // Wrong secrets, alternating between the instances: each sees fewer than one instance's limit.
    expect(Math.ceil(PAIR_LIMITS.maxFailures / 2)).toBeLessThan(PAIR_LIMITS.maxFailures);
    for (let i = 0; i < PAIR_LIMITS.maxFailures; i++) {
      statuses.push(await status(i % 2 ? b.origin : a.origin, target));
      await new Promise((r) => setTimeout(r, 50)); // the NOTIFY's delivery (the bound in brute-force.ts)
    }
    expect(statuses).toEqual(new Array(PAIR_LIMITS.maxFailures).fill(401));
    // The total reached the limit: both instances refuse the next attempt before checking it.
    expect(await status(a.origin, target)).toBe(429);
    expect(await status(b.origin, target)).toBe(429);
  });
});
