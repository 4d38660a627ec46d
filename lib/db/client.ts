// The one place that opens the database. `getDb()` returns a Prisma client on either the
// embedded PGlite database (no DATABASE_URL) or PostgreSQL (DATABASE_URL=postgresql://…),
// migrated on first use. Hash columns are omitted from every query unless one asks for them
// (`omit: { ApplicationSecretHash: false }`).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { setPoolStats } from "@/lib/observability/metrics";
import { PrismaClient } from "./generated/client";
import { openEmbedded, defaultDataDir, type EmbeddedDatabase } from "./embedded";
import { applyMigrations, type SqlRunner } from "./migrate";

const OMIT_HASHES = {
  trustedApplication: { ApplicationSecretHash: true, PreviousSecretHash: true },
  user: { PasswordHash: true },
} as const;

function createClient(adapter: unknown) {
  // pglite-prisma-adapter bundles its own driver-adapter-utils: the cast is expected (STACK.md).
  return new PrismaClient({ adapter: adapter as never, omit: OMIT_HASHES });
}

export type Db = ReturnType<typeof createClient>;

/**
 * Parameterised SQL straight on the driver ($1, $2 … placeholders), for the few hot paths
 * where Prisma's per-query cost dominates (the token endpoint's user grants: a query through
 * Prisma costs ~1 ms of CPU on PGlite, the driver a fraction of it). Rows come back as the
 * driver parses them: timestamptz as Date, uuid as string.
 */
export interface Sql {
  query<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Connection {
  db: Db;
  sql: Sql;
  kind: "embedded" | "postgres";
  /**
   * LISTEN on `channel` (a plain lower-case identifier): `handler` gets each NOTIFY payload.
   * PostgreSQL uses a dedicated connection; `onLost` is called once if it breaks (the caller
   * must assume it missed notifications, and listen again). PGlite is single-process, so
   * every change is made in this process and its listener is never lost.
   */
  listen(channel: string, handler: (payload: string) => void, onLost?: (error: unknown) => void): Promise<Listener>;
  close(): Promise<void>;
}

export interface Listener {
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function assertChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new TypeError(`invalid LISTEN channel name: ${JSON.stringify(channel)}`);
}

async function listenPostgres(
  url: string,
  channel: string,
  handler: (payload: string) => void,
  onLost?: (error: unknown) => void,
): Promise<Listener> {
  assertChannel(channel);
  // Not from the pool: a LISTEN belongs to one session, which must stay open.
  const client = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  let ready = false;
  let closing = false;
  let lost = false;
  let heartbeat: NodeJS.Timeout | undefined;
  const lose = (error: unknown) => {
    if (closing || lost) return;
    lost = true;
    clearInterval(heartbeat);
    client.end().catch(() => {});
    // Before LISTEN succeeded the caller gets the rejection instead.
    if (ready) onLost?.(error);
  };
  client.on("notification", (msg) => {
    if (msg.channel === channel) handler(msg.payload ?? "");
  });
  client.on("error", lose);
  client.on("end", () => lose(new Error("LISTEN connection ended")));
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (error) {
    closing = true;
    await client.end().catch(() => {});
    throw error;
  }
  ready = true;
  // A restart or failover ends the session at once ("error"/"end" above); a silent network cut
  // would not be noticed until TCP gives up, so ask the server something small now and then:
  // a lost listener is found within LISTEN_HEARTBEAT_MS + its timeout.
  let checking = false;
  heartbeat = setInterval(() => {
    if (checking) return;
    checking = true;
    const timer = setTimeout(() => lose(new Error("LISTEN heartbeat timed out")), LISTEN_HEARTBEAT_MS);
    client.query("SELECT 1").then(
      () => {
        checking = false;
        clearTimeout(timer);
      },
      (error: unknown) => {
        clearTimeout(timer);
        lose(error);
      },
    );
  }, LISTEN_HEARTBEAT_MS);
  heartbeat.unref();
  return {
    async close() {
      closing = true;
      clearInterval(heartbeat);
      await client.end().catch(() => {});
    },
  };
}

/** Arbitrary constant: the advisory lock that keeps two migrators apart on PostgreSQL. */
const MIGRATION_LOCK_ID = 727_001;

/**
 * Bounds on waiting for PostgreSQL, so that a request in flight when the database stops or the
 * network is cut ends (503 temporarily_unavailable, lib/db/errors.ts isDatabaseUnavailable)
 * instead of hanging: a connection attempt, and a query of the pool (migrations run on a
 * client of their own, without the query bound).
 */
export const CONNECT_TIMEOUT_MS = 3_000;
export const QUERY_TIMEOUT_MS = 15_000;
/** How often the LISTEN connection is checked (see listenPostgres). */
export const LISTEN_HEARTBEAT_MS = 2_000;

async function connectPostgres(url: string): Promise<Connection> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    allowExitOnIdle: true,
    keepAlive: true,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
  });
  // An idle client whose server went away emits "error" on the pool; unhandled, it would end
  // the process. The pool drops that client and opens a new one when asked.
  pool.on("error", (error) => log("warn", "db.pool.idle_client_error", { message: error.message }));
  setPoolStats(() => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    const runner: SqlRunner = {
      exec: async (sql) => void (await client.query(sql)),
      query: async <T,>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    };
    await applyMigrations(runner);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end().catch(() => {});
  }
  const db = createClient(new PrismaPg(pool));
  const listeners = new Set<Listener>();
  return {
    db,
    sql: { query: async <T,>(text: string, params?: readonly unknown[]) => (await pool.query(text, params as unknown[])).rows as T[] },
    kind: "postgres",
    async listen(channel, handler, onLost) {
      const listener = await listenPostgres(url, channel, handler, onLost);
      listeners.add(listener);
      return {
        async close() {
          listeners.delete(listener);
          await listener.close();
        },
      };
    },
    async close() {
      await Promise.all([...listeners].map((l) => l.close()));
      await db.$disconnect();
      await pool.end();
    },
  };
}

async function connectEmbedded(dataDir: string): Promise<Connection> {
  const embedded: EmbeddedDatabase = await openEmbedded(dataDir);
  try {
    const { pglite } = embedded;
    await applyMigrations({
      exec: async (sql) => void (await pglite.exec(sql)),
      query: async <T,>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    });
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const db = createClient(new PrismaPGlite(pglite));
    return {
      db,
      sql: { query: async <T,>(text: string, params?: readonly unknown[]) => (await pglite.query<T>(text, params as unknown[])).rows },
      kind: "embedded",
      async listen(channel, handler) {
        assertChannel(channel);
        const unlisten = await pglite.listen(channel, handler);
        return { close: () => unlisten() };
      },
      async close() {
        await db.$disconnect();
        await embedded.close();
      },
    };
  } catch (error) {
    await embedded.close();
    throw error;
  }
}

/** Opens a new connection (CLI, tests). The server uses the shared one from getDb(). */
export function connect(options: { databaseUrl?: string } | { dataDir: string } = {}): Promise<Connection> {
  if ("dataDir" in options) return connectEmbedded(options.dataDir);
  const url = options.databaseUrl ?? env().DATABASE_URL;
  return url ? connectPostgres(url) : connectEmbedded(defaultDataDir());
}

// One connection per process, kept on globalThis so `next dev` reloads reuse it (STACK.md).
const holder = globalThis as unknown as { __tacConnection?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  if (!holder.__tacConnection) {
    const pending = connect();
    holder.__tacConnection = pending;
    pending.then(
      (c) => registerShutdown(c),
      () => {
        holder.__tacConnection = undefined; // allow a retry after a failed open
      },
    );
  }
  return holder.__tacConnection;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}

function registerShutdown(connection: Connection): void {
  // PGlite must be closed cleanly, or a freshly written data directory can fail to open later.
  const shutdown = (signal: NodeJS.Signals) => {
    connection.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
