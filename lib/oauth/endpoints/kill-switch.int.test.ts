// The IsEnabled kill switch across processes (seed 000: "Acts as an immediate kill
// switch."): the app is disabled by the CLI in another process while the endpoint holds it
// in its cache; the very next request is refused. PostgreSQL only: PGlite admits one
// process at a time, so there every change is made in the server's own process.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import { createOAuthServer } from "../server";
import { formRequest, recordingLogger, setKnownSecret, startTestAuthServer, testConfig, type TestAuthServer } from "../testing";
import { handleTokenRequest } from "./token";

const run = promisify(execFile);
const backends = await testBackends();
const SERVICE = "com.example/inventory-sync";

describe.runIf(backends.includes("postgres"))("kill switch on postgres", () => {
  let h: TestAuthServer;
  let secret: string;
  const request = () =>
    handleTokenRequest(formRequest("/connect/token", { grant_type: "client_credentials", client_id: SERVICE, client_secret: secret }), h.server);
  const cli = (...args: string[]) =>
    run("node_modules/.bin/tsx", ["lib/cli/main.ts", ...args], {
      env: { ...process.env, DATABASE_URL: h.t.databaseUrl },
      timeout: 60_000,
    });

  beforeAll(async () => {
    h = await startTestAuthServer("postgres");
    secret = await setKnownSecret(h.connection, SERVICE);
  });
  afterAll(async () => h?.close());

  it("disable through the CLI: the very next request is refused; enable: the next one succeeds", async () => {
    expect((await request()).status).toBe(200);
    expect((await request()).status).toBe(200);
    expect(h.server.registry.size).toBeGreaterThan(0); // the app is cached

    const disabled = await cli("disable", SERVICE);
    expect(disabled.stdout).toContain("disabled");
    const refused = await request(); // no waiting
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "invalid_client" });
    expect(h.logs.at(-1)?.event).toMatchObject({ ruleId: "TA-APP-DISABLED", client_id: SERVICE });

    await cli("enable", SERVICE);
    expect((await request()).status).toBe(200);
  });

  it("a rename that also disables, saved by another process: the old client_id is refused within a second", async () => {
    const RENAMED = "com.example/inventory-sync-v2";
    expect((await request()).status).toBe(200);
    expect(h.server.registry.peek(SERVICE)).toBeTruthy(); // cached under the old client_id
    // Another process (as another instance or the CLI would) renames and disables in one statement.
    const sql = `UPDATE "Sec_Trusted_Applications" SET "ApplicationUri" = '${RENAMED}', "IsEnabled" = false WHERE "ApplicationUri" = '${SERVICE}'`;
    await run(process.execPath, ["-e", `const pg = require("pg"); const c = new pg.Client(process.argv[1]); c.connect().then(() => c.query(process.argv[2])).then(() => c.end())`, h.t.databaseUrl!, sql], { timeout: 30_000 });
    try {
      const started = Date.now();
      await waitFor(async () => (await request()).status === 401, 1000);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(h.server.registry.peek(SERVICE)).toBeFalsy(); // unknown now (or not cached)
    } finally {
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: RENAMED }, data: { ApplicationUri: SERVICE, IsEnabled: true } });
      await waitFor(async () => (await request()).status === 200, 3000);
    }
  });

  it("reads through while the LISTEN connection is down, and caches again once it is back", async () => {
    const server = createOAuthServer(h.connection, testConfig(), { log: recordingLogger(), retryMs: 2000 });
    try {
      await server.ready;
      const req = () =>
        handleTokenRequest(formRequest("/connect/token", { grant_type: "client_credentials", client_id: SERVICE, client_secret: secret }), server);
      expect((await req()).status).toBe(200);
      expect(server.registry.size).toBe(1);
      // Kill every LISTEN session of this database: notifications could now be missed.
      await h.connection.db.$executeRawUnsafe(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
      );
      await waitFor(() => server.registry.size === 0);
      expect((await req()).status).toBe(200);
      // Changes made while not listening are still seen (nothing is cached).
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: SERVICE }, data: { IsEnabled: false } });
      expect((await req()).status).toBe(401);
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: SERVICE }, data: { IsEnabled: true } });
      await waitFor(async () => (await req()).status === 200 && server.registry.size === 1, 5000);
    } finally {
      await server.close();
    }
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
