// What the server benchmarks share: building into .next-bench, a database seeded with a known
// client secret, starting and stopping the production server, the CPU time it used.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { connect, type Connection } from "../lib/db/client";
import { seed, seedCredentialsFromEnv } from "../lib/db/seed";
import { createTestDatabase, type TestDatabase } from "../lib/db/testing";
import { generateClientSecret, hashSecret } from "../lib/oauth/clients/secrets";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DIST = process.env.BENCH_DIST || ".next-bench";
export const CLIENT_ID = "com.example/inventory-sync";
export const SECRET = generateClientSecret();
export const KEY_SECRET = generateClientSecret() + generateClientSecret();

/** CPU time (ms) used so far by every process in the group `pgid` (Linux /proc). */
export function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // after "pid (comm) ": state ppid pgrp … utime(12th) stime(13th)
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process exited meanwhile
    }
  }
  return ticks * 10; // USER_HZ = 100
}

export function build(): void {
  if (existsSync(path.join(ROOT, DIST, "BUILD_ID")) && !process.argv.includes("--rebuild")) return;
  console.log(`Building into ${DIST} …`);
  // next build adds the other build directory's types to tsconfig.json: put it back after.
  const tsconfig = readFileSync(path.join(ROOT, "tsconfig.json"), "utf8");
  const r = spawnSync("flock", ["/tmp/tac-build.lock", "npx", "next", "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: DIST },
  });
  writeFileSync(path.join(ROOT, "tsconfig.json"), tsconfig);
  if (r.status !== 0) throw new Error("next build failed");
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function startProcess(command: string, args: string[], env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let tail = "";
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", (code) => {
    if (code && code !== 0 && code !== 143) console.error(`${command} exited with ${code}:\n${tail}`);
  });
  return child;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid, "SIGTERM"); // the whole group: start.mjs and next
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

/**
 * A fresh seeded database whose service app (CLIENT_ID) and `extraClients` have the secret
 * SECRET; `before` runs on it before it is closed (writing pools: PGlite admits one process).
 */
export async function prepareDatabase(
  backend: "embedded" | "postgres",
  options: { extraClients?: readonly string[]; before?: (c: Connection) => Promise<void>; postgresServer?: string } = {},
): Promise<{ t: TestDatabase; env: Record<string, string> }> {
  const t = await createTestDatabase(backend, options.postgresServer);
  const c = await connect(t.dataDir ? { dataDir: t.dataDir } : { databaseUrl: t.databaseUrl });
  try {
    await seed(c.db, seedCredentialsFromEnv({}));
    for (const uri of [CLIENT_ID, ...(options.extraClients ?? [])]) {
      await c.db.trustedApplication.update({ where: { ApplicationUri: uri }, data: { ApplicationSecretHash: hashSecret(SECRET) } });
    }
    await options.before?.(c);
  } finally {
    await c.close();
  }
  return { t, env: t.dataDir ? { PGLITE_DATA_DIR: t.dataDir, DATABASE_URL: "" } : { DATABASE_URL: t.databaseUrl! } };
}

export function serverEnv(env: Record<string, string>, port: number): Record<string, string> {
  const origin = `http://127.0.0.1:${port}`;
  return { ...env, PORT: String(port), NEXTAUTH_URL: origin, NEXTAUTH_SECRET: KEY_SECRET, TOKEN_KEY_ENCRYPTION_SECRET: KEY_SECRET };
}

