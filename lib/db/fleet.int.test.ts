// The linted fleet's incremental update: after each kind of change (edit that starts or stops
// sharing a redirect URI or a SystemUser, rename, create, delete, several at once), the
// patched fleet must hold exactly what a full rebuild computes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "./client";
import { getFleet, invalidateFleet, type Fleet } from "./fleet";
import { seed, seedCredentialsFromEnv } from "./seed";
import { connectTest, createTestDatabase, type TestDatabase } from "./testing";

/** What a reader sees of the fleet: per app (in order), its findings' rule ids and fields, and the worst severity. */
function view(fleet: Fleet) {
  return fleet.entries.map((e) => ({
    uri: e.row.ApplicationUri,
    enabled: e.row.IsEnabled,
    worst: e.worst,
    findings: e.findings.map((f) => `${f.ruleId}:${f.field}`).sort(),
  }));
}

describe("the linted fleet's incremental update (embedded database)", () => {
  let t: TestDatabase;
  let c: Connection;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestDatabase("embedded");
    c = await connectTest(t);
    await seed(c.db, seedCredentialsFromEnv({}));
    for (const app of await c.db.trustedApplication.findMany({ select: { Id: true, ApplicationUri: true } })) ids.set(app.ApplicationUri, app.Id);
    invalidateFleet();
  });
  afterAll(async () => {
    invalidateFleet();
    await c?.close();
    await t?.drop();
  });

  /** Applies a change through Prisma, announces it with ids, and compares the patch with a rebuild. */
  async function expectPatchEqualsRebuild(changedIds: () => string[], change: () => Promise<unknown>) {
    await getFleet(c.db); // a cached fleet to patch
    await change();
    invalidateFleet(changedIds());
    const patched = view(await getFleet(c.db));
    invalidateFleet();
    const rebuilt = view(await getFleet(c.db));
    expect(patched).toEqual(rebuilt);
    return patched;
  }

  const findingsOf = (fleet: ReturnType<typeof view>, uri: string) => fleet.find((e) => e.uri === uri)?.findings ?? [];

  it("an edit that starts sharing a redirect URI flags both apps", async () => {
    const portal = await c.db.trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: "com.example/customer-portal" } });
    const shared = portal.ImpersonateLoginUrl!.split(",")[0]!.trim();
    const fleet = await expectPatchEqualsRebuild(
      () => [ids.get("com.example/internal-dashboard")!],
      () => c.db.trustedApplication.update({ where: { ApplicationUri: "com.example/internal-dashboard" }, data: { ImpersonateLoginUrl: shared } }),
    );
    expect(findingsOf(fleet, "com.example/customer-portal").some((f) => f.startsWith("TA-REDIRECT-SHARED"))).toBe(true);
    expect(findingsOf(fleet, "com.example/internal-dashboard").some((f) => f.startsWith("TA-REDIRECT-SHARED"))).toBe(true);
  });

  it("an edit that stops sharing clears the other app's finding too", async () => {
    const fleet = await expectPatchEqualsRebuild(
      () => [ids.get("com.example/internal-dashboard")!],
      () => c.db.trustedApplication.update({ where: { ApplicationUri: "com.example/internal-dashboard" }, data: { ImpersonateLoginUrl: "https://dashboard.example.com/signin-oidc" } }),
    );
    expect(findingsOf(fleet, "com.example/customer-portal").some((f) => f.startsWith("TA-REDIRECT-SHARED"))).toBe(false);
  });

  it("moving an app to its own service user clears the sharing on both sides", async () => {
    const solo = await c.db.user.create({ data: { Login: "svc-solo", DisplayName: "Solo service" } });
    const before = view(await getFleet(c.db));
    expect(findingsOf(before, "com.example/field-service").some((f) => f.startsWith("TA-SYSTEM-USER-SHARED"))).toBe(true);
    const fleet = await expectPatchEqualsRebuild(
      () => [ids.get("com.example/inventory-sync")!],
      () => c.db.trustedApplication.update({ where: { ApplicationUri: "com.example/inventory-sync" }, data: { SystemUserId: solo.Id } }),
    );
    // field-service was not changed, but shared with the previous version.
    expect(findingsOf(fleet, "com.example/field-service").some((f) => f.startsWith("TA-SYSTEM-USER-SHARED"))).toBe(false);
    expect(findingsOf(fleet, "com.example/inventory-sync").some((f) => f.startsWith("TA-SYSTEM-USER-SHARED"))).toBe(false);
  });

  it("a created app sharing the service user flags the app that had it alone; a rename moves it in order", async () => {
    const service = await c.db.trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: "com.example/inventory-sync" } });
    let created = "";
    const fleet = await expectPatchEqualsRebuild(
      () => [created],
      async () => {
        const app = await c.db.trustedApplication.create({
          data: { ApplicationUri: "com.example/another-sync", Name: "Another sync", ClientType: "Confidential", SystemUserAllowed: true, SystemUserId: service.SystemUserId, Scope: "read" },
        });
        created = app.Id;
        ids.set(app.ApplicationUri, app.Id);
      },
    );
    expect(findingsOf(fleet, "com.example/inventory-sync").some((f) => f.startsWith("TA-SYSTEM-USER-SHARED"))).toBe(true);
    const renamed = await expectPatchEqualsRebuild(
      () => [created],
      () => c.db.trustedApplication.update({ where: { Id: created }, data: { ApplicationUri: "com.zzz/last" } }),
    );
    expect(renamed.at(-1)?.uri).toBe("com.zzz/last");
  });

  it("a deleted app leaves the fleet and clears what it shared", async () => {
    const id = ids.get("com.example/another-sync")!;
    const fleet = await expectPatchEqualsRebuild(
      () => [id],
      () => c.db.trustedApplication.delete({ where: { Id: id } }),
    );
    expect(fleet.map((e) => e.uri)).not.toContain("com.zzz/last");
    expect(findingsOf(fleet, "com.example/inventory-sync").some((f) => f.startsWith("TA-SYSTEM-USER-SHARED"))).toBe(false);
  });

  it("several changes between two reads, including the kill switch, are patched together", async () => {
    const fleet = await expectPatchEqualsRebuild(
      () => [ids.get("com.example/field-service")!, ids.get("com.example/customer-portal")!],
      async () => {
        await c.db.trustedApplication.update({ where: { ApplicationUri: "com.example/field-service" }, data: { IsEnabled: false, Scope: "read sec" } });
        await c.db.trustedApplication.update({ where: { ApplicationUri: "com.example/customer-portal" }, data: { BasicAuthenticationAllowed: true } });
      },
    );
    expect(fleet.find((e) => e.uri === "com.example/field-service")?.enabled).toBe(false);
  });

  it("announcing ids before any fleet was built simply builds it", async () => {
    invalidateFleet();
    invalidateFleet([ids.get("com.example/field-service")!]);
    const fleet = await getFleet(c.db);
    expect(fleet.entries.length).toBeGreaterThan(0);
  });
});
