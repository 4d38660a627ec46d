import { describe, expect, it } from "vitest";
import { cleanApp, serviceUser } from "@/lib/policy/testing";
import type { OAuthClientRecord } from "@/lib/db/oauth-clients";
import { hashSecret } from "./secrets";
import { ClientRegistry, toRegisteredClient, verifyClientSecret } from "./client-registry";

function record(overrides: Partial<OAuthClientRecord["app"]> = {}): OAuthClientRecord {
  return {
    id: "1",
    app: cleanApp({ ApplicationUri: "com.vendor/svc", SystemUserAllowed: true, SystemUser: serviceUser(), ...overrides }),
    secretHash: hashSecret("current"),
    previousSecretHash: hashSecret("previous"),
    previousSecretExpiresUtc: new Date(2_000),
  };
}

function setup(initial: OAuthClientRecord | null = record()) {
  let row = initial;
  let loads = 0;
  let t = 0;
  let release: (() => void) | null = null;
  const registry = new ClientRegistry({
    load: async () => {
      loads++;
      if (release === null && gate) await new Promise<void>((r) => (release = r));
      return row;
    },
    lint: () => [],
    maxAgeMs: 1000,
    now: () => t,
  });
  let gate = false;
  return {
    registry,
    set: (r: OAuthClientRecord | null) => (row = r),
    loads: () => loads,
    tick: (ms: number) => (t += ms),
    hold: () => {
      gate = true;
      release = null;
    },
    release: () => {
      gate = false;
      release?.();
    },
  };
}

describe("ClientRegistry", () => {
  it("peek answers from the cache without waiting, only what get() would answer", async () => {
    const h = setup();
    h.registry.setCaching(true);
    expect(h.registry.peek("com.vendor/svc")).toBeUndefined(); // not loaded yet
    await h.registry.get("com.vendor/svc");
    expect(h.registry.peek("com.vendor/svc")?.app.ApplicationUri).toBe("com.vendor/svc");
    h.tick(1000);
    expect(h.registry.peek("com.vendor/svc")).toBeUndefined(); // expired
    await h.registry.get("com.vendor/svc");
    h.registry.invalidate("com.vendor/svc");
    expect(h.registry.peek("com.vendor/svc")).toBeUndefined();

    h.set(record({ IsEnabled: false }));
    await h.registry.get("com.vendor/svc");
    expect(h.registry.peek("com.vendor/svc")).toBeUndefined(); // a disabled app is never kept

    h.set(null);
    expect(await h.registry.get("nobody")).toBeNull();
    expect(h.registry.peek("nobody")).toBeNull(); // known absent

    h.registry.setCaching(false);
    expect(h.registry.peek("nobody")).toBeUndefined();
  });

  it("reads through until caching is switched on (LISTEN established)", async () => {
    const s = setup();
    await s.registry.get("com.vendor/svc");
    await s.registry.get("com.vendor/svc");
    expect(s.loads()).toBe(2);
    s.registry.setCaching(true);
    await s.registry.get("com.vendor/svc");
    await s.registry.get("com.vendor/svc");
    expect(s.loads()).toBe(3);
  });

  it("shares one load between concurrent requests", async () => {
    const s = setup();
    s.registry.setCaching(true);
    const [a, b] = await Promise.all([s.registry.get("com.vendor/svc"), s.registry.get("com.vendor/svc")]);
    expect(a).toBe(b);
    expect(s.loads()).toBe(1);
  });

  it("never keeps a disabled app", async () => {
    const s = setup(record({ IsEnabled: false }));
    s.registry.setCaching(true);
    expect((await s.registry.get("com.vendor/svc"))?.app.IsEnabled).toBe(false);
    expect(s.registry.size).toBe(0);
    s.set(record());
    expect((await s.registry.get("com.vendor/svc"))?.app.IsEnabled).toBe(true);
  });

  it("drops an entry on its notification, on 'users', and on switching caching off", async () => {
    const s = setup();
    s.registry.setCaching(true);
    await s.registry.get("com.vendor/svc");
    expect(s.registry.applyNotification("app:com.vendor/other")).toBe(true);
    expect(s.registry.size).toBe(1);
    s.registry.applyNotification("app:com.vendor/svc");
    expect(s.registry.size).toBe(0);
    await s.registry.get("com.vendor/svc");
    s.registry.applyNotification("users");
    expect(s.registry.size).toBe(0);
    expect(s.registry.applyNotification("keys")).toBe(false);
    await s.registry.get("com.vendor/svc");
    s.registry.setCaching(false);
    expect(s.registry.size).toBe(0);
  });

  it("does not store a load that a notification overtook", async () => {
    const s = setup();
    s.registry.setCaching(true);
    s.hold();
    const pending = s.registry.get("com.vendor/svc");
    await Promise.resolve();
    s.registry.applyNotification("app:com.vendor/svc"); // the row changed while we were reading it
    s.release();
    await pending;
    expect(s.registry.size).toBe(0);
  });

  it("expires entries after maxAgeMs, and caches unknown clients until notified", async () => {
    const s = setup(null);
    s.registry.setCaching(true);
    expect(await s.registry.get("com.vendor/new")).toBeNull();
    expect(await s.registry.get("com.vendor/new")).toBeNull();
    expect(s.loads()).toBe(1);
    s.set(record());
    s.registry.applyNotification("app:com.vendor/new"); // INSERT fires the trigger too
    expect(await s.registry.get("com.vendor/new")).not.toBeNull();
    s.tick(1001);
    await s.registry.get("com.vendor/new");
    expect(s.loads()).toBe(3);
  });
});

describe("verifyClientSecret", () => {
  const client = toRegisteredClient(record(), () => []);
  it("accepts the current secret, and the previous one only before its expiry", () => {
    expect(verifyClientSecret(client, "current", 5_000)).toBe(true);
    expect(verifyClientSecret(client, "previous", 1_999)).toBe(true);
    expect(verifyClientSecret(client, "previous", 2_000)).toBe(false);
    expect(verifyClientSecret(client, "wrong", 0)).toBe(false);
    expect(verifyClientSecret(client, "", 0)).toBe(false);
  });
  it("keeps no secret in the findings or app view", () => {
    expect(JSON.stringify(client.app)).not.toContain(hashSecret("current"));
  });
});
