// Test databases: a throw-away PGlite directory, or a PostgreSQL database created for the
// run and dropped after. Used by integration tests only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { connect, type Connection } from "./client";

export type Backend = "embedded" | "postgres";

/** The server that test databases are created on (trust auth on the CI machine). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Backends to run integration tests on. PostgreSQL is skipped only when it is unreachable
 * and REQUIRE_POSTGRES is unset; CI sets it, so there a missing server fails the run.
 */
export async function testBackends(): Promise<Backend[]> {
  if (await postgresAvailable()) return ["embedded", "postgres"];
  if (process.env.REQUIRE_POSTGRES) throw new Error(`REQUIRE_POSTGRES is set but ${TEST_POSTGRES_URL} is unreachable`);
  console.warn(`PostgreSQL at ${TEST_POSTGRES_URL} unreachable: integration tests run on the embedded database only.`);
  return ["embedded"];
}

export interface TestDatabase {
  backend: Backend;
  /** DATABASE_URL for child processes (undefined for the embedded database). */
  databaseUrl?: string;
  /** PGLITE_DATA_DIR for child processes (embedded only). */
  dataDir?: string;
  /** Drops the database (or deletes the directory). Close connections first. */
  drop(): Promise<void>;
}

/** `server`: the PostgreSQL server to create it on (default TEST_POSTGRES_URL). */
export async function createTestDatabase(backend: Backend, server: string = TEST_POSTGRES_URL): Promise<TestDatabase> {
  if (backend === "embedded") {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "tac-pglite-")), "pglite");
    return { backend, dataDir, drop: async () => rmSync(path.dirname(dataDir), { recursive: true, force: true }) };
  }
  const name = `tac_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    backend,
    databaseUrl: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export function connectTest(t: TestDatabase): Promise<Connection> {
  return connect(t.dataDir ? { dataDir: t.dataDir } : { databaseUrl: t.databaseUrl });
}
