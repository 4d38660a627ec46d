// The data layer against real databases: the embedded PGlite and PostgreSQL, same migrations.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed, seedCredentialsFromEnv, EXAMPLE_APPS } from "./seed";
import { connectTest, createTestDatabase, testBackends, type TestDatabase } from "./testing";
import { getAppByUri, listApps } from "./apps";
import { loadMigrations } from "./migrate";
import type { Connection } from "./client";
import { isUniqueViolation } from "./errors";

const backends = await testBackends();
const run = promisify(execFile);

describe.each(backends)("data layer on %s", (backend) => {
  let t: TestDatabase;
  let c: Connection;

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    c = await connectTest(t);
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it("applies every migration once, recorded in _prisma_migrations", async () => {
    const rows = await c.db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual((await loadMigrations()).map((m) => m.name));
  });

  it("applies the seed's defaults and stores ClientType as 'C'/'P'", async () => {
    const before = Date.now();
    const app = await c.db.trustedApplication.create({ data: { ApplicationUri: "com.test/defaults", Name: "Defaults" } });
    expect(app).toMatchObject({
      ClientType: "Confidential",
      ImpersonateAsInternalUserAllowed: false,
      ImpersonateAsCommunityUserAllowed: false,
      SystemUserAllowed: false,
      BasicAuthenticationAllowed: false,
      IsEnabled: true,
      AccessTokens: "None",
      Scope: null,
      ImpersonateLoginUrl: null,
      Notes: null,
      Version: 1,
      NameTranslations: {},
    });
    expect(app.CreationTimeUtc.getTime()).toBeGreaterThanOrEqual(before - 5000);
    const raw = await c.db.$queryRawUnsafe<{ ClientType: string }[]>(
      `SELECT "ClientType"::text AS "ClientType" FROM "Sec_Trusted_Applications" WHERE "ApplicationUri" = 'com.test/defaults'`,
    );
    expect(raw[0]?.ClientType).toBe("C");
  });

  it("refuses a second app with the same ApplicationUri", async () => {
    const error = await c.db.trustedApplication
      .create({ data: { ApplicationUri: "com.test/defaults", Name: "Again" } })
      .then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error("connection refused"))).toBe(false);
  });

  it("omits hash columns unless a query asks for them", async () => {
    await c.db.trustedApplication.update({
      where: { ApplicationUri: "com.test/defaults" },
      data: { ApplicationSecretHash: "a".repeat(64) },
    });
    const plain = await c.db.trustedApplication.findUnique({ where: { ApplicationUri: "com.test/defaults" } });
    expect(plain).not.toHaveProperty("ApplicationSecretHash");
    expect(plain).not.toHaveProperty("PreviousSecretHash");
    const asked = await c.db.trustedApplication.findUnique({
      where: { ApplicationUri: "com.test/defaults" },
      omit: { ApplicationSecretHash: false },
    });
    expect(asked?.ApplicationSecretHash).toBe("a".repeat(64));
    const row = await getAppByUri(c.db, "com.test/defaults");
    expect(row?.HasApplicationSecret).toBe(true);
    expect(JSON.stringify(row)).not.toContain("a".repeat(64));
  });

  it("seeds idempotently: users, service user and the four example apps", async () => {
    const credentials = seedCredentialsFromEnv({});
    const first = await seed(c.db, credentials);
    expect(first.createdUsers).toEqual(["admin", "reviewer", "jdoe", "partner.anna", "svc-integration"]);
    expect(first.createdApps).toEqual(EXAMPLE_APPS.map((a) => a.ApplicationUri));
    const second = await seed(c.db, credentials);
    expect(second).toEqual({ createdUsers: [], createdApps: [] });

    const admin = await c.db.user.findUnique({ where: { Login: "admin" } });
    expect(admin).toMatchObject({ ConsoleRole: "Administrator", IsActive: true });
    expect(admin).not.toHaveProperty("PasswordHash");
    const svc = await c.db.user.findUnique({ where: { Login: "svc-integration" } });
    expect(svc).toMatchObject({ IsAdministrator: false, ConsoleRole: "None" });

    const integration = await getAppByUri(c.db, "com.example/inventory-sync");
    expect(integration).toMatchObject({
      ClientType: "Confidential",
      SystemUserAllowed: true,
      Scope: "read update",
      ImpersonateAsInternalUserAllowed: false,
      ImpersonateAsCommunityUserAllowed: false,
      HasApplicationSecret: true,
    });
    expect(integration?.SystemUser?.Login).toBe("svc-integration");
    const spa = await getAppByUri(c.db, "com.example/customer-portal");
    expect(spa).toMatchObject({ ClientType: "Public", ImpersonateAsCommunityUserAllowed: true, Scope: "read", HasApplicationSecret: false });

    const audit = await c.db.auditEvent.count({ where: { Action: "app.create", ActorLogin: "seed" } });
    expect(audit).toBe(4);
  });

  it("lists and searches apps server-side", async () => {
    const all = await listApps(c.db, { pageSize: 2 });
    expect(all.total).toBe(5);
    expect(all.rows).toHaveLength(2);
    const found = await listApps(c.db, { q: "PORTAL" });
    expect(found.rows.map((r) => r.ApplicationUri)).toEqual(["com.example/customer-portal"]);
  });

  if (backend === "embedded") {
    it("tells a second process clearly that the embedded database is in use", async () => {
      const script = path.join(path.dirname(t.dataDir!), "second-process.mts");
      writeFileSync(
        script,
        `import { connect } from ${JSON.stringify(path.resolve("lib/db/client.ts"))};
        try { await connect({ dataDir: process.env.DIR }); console.log("opened"); }
        catch (e) { console.log(e.name + ": " + e.message); }`,
      );
      const { stdout } = await run("node_modules/.bin/tsx", [script], {
        env: { ...process.env, DIR: t.dataDir },
        timeout: 30_000,
      });
      expect(stdout).toContain("EmbeddedDatabaseInUseError");
      expect(stdout).toContain("in use by another process");
      expect(stdout).not.toContain("opened");
    });
  }
});
