// The embedded default database: PGlite (PostgreSQL in Wasm) in ./data/pglite.
// PGlite is single-process: a lock file next to the data directory makes a second
// process fail at once with a clear message instead of hanging or corrupting the data.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

export class EmbeddedDatabaseInUseError extends Error {
  constructor(dataDir: string, holder: { pid: number; command?: string }) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${holder.pid}` +
        `${holder.command ? `, ${holder.command}` : ""}). PGlite allows one process at a time: ` +
        `stop that process first, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "EmbeddedDatabaseInUseError";
  }
}

export function defaultDataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.PGLITE_DATA_DIR || "data/pglite");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock for dataDir or throws EmbeddedDatabaseInUseError. Returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, command: process.argv.slice(1, 3).join(" ") }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: { pid: number; command?: string } | undefined;
      try {
        holder = JSON.parse(readFileSync(lockPath, "utf8")) as { pid: number; command?: string };
      } catch {
        holder = undefined; // half-written or garbage: treat as stale
      }
      // The same pid counts as in use too: a second PGlite instance in one process corrupts the data just the same.
      if (holder && isAlive(holder.pid)) {
        throw new EmbeddedDatabaseInUseError(dataDir, holder);
      }
      rmSync(lockPath, { force: true }); // stale lock of a process that is gone
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

export interface EmbeddedDatabase {
  pglite: PGlite;
  close(): Promise<void>;
}

/** Opens (creating if needed) the embedded database. `memory://` opens a throw-away one. */
export async function openEmbedded(dataDir: string): Promise<EmbeddedDatabase> {
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    if (!inMemory) mkdirSync(dataDir, { recursive: true });
    const { PGlite } = await import("@electric-sql/pglite");
    const pglite = await PGlite.create(inMemory ? undefined : dataDir);
    let closed = false;
    return {
      pglite,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
