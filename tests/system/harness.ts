// System tests: real production servers (`scripts/server.mjs` on the `next build` output in
// .next, or NEXT_DIST_DIR) started as processes of their own, on databases made for the test.
// Run by `npm test` after the build (vitest project "system"); they break things on purpose
// (a second instance, a stopped PostgreSQL, a killed server), so each test owns what it breaks.
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { CLIENT_ID, KEY_SECRET, ROOT, SECRET, prepareDatabase, serverEnv, startProcess } from "../../bench/server";
import { postgresAvailable, TEST_POSTGRES_URL } from "../../lib/db/testing";

export { CLIENT_ID, KEY_SECRET, SECRET, prepareDatabase };

export const DIST = process.env.NEXT_DIST_DIR || ".next";

/**
 * Whether a PostgreSQL system test can run: "server" needs the machine's server
 * (TEST_POSTGRES_URL), "binaries" initdb and pg_ctl for a server of the test's own
 * (`binDir`). Without them the test is skipped with a warning, as the integration tests are,
 * unless REQUIRE_POSTGRES (.ci/run) makes a missing PostgreSQL a failure.
 */
export async function postgresForSystemTests(needs: "server" | "binaries", binDir: () => string | null = () => null): Promise<boolean> {
  const missing =
    needs === "server"
      ? (await postgresAvailable()) ? null : `PostgreSQL at ${TEST_POSTGRES_URL} unreachable`
      : binDir() ? null : "no PostgreSQL server binaries (initdb, pg_ctl; Debian package postgresql)";
  if (!missing) return true;
  if (process.env.REQUIRE_POSTGRES) throw new Error(`REQUIRE_POSTGRES is set but ${missing}`);
  console.warn(`${missing}: this system test is skipped.`);
  return false;
}

/** Fails at once, with what to do, when there is no production build to start. */
export function requireBuild(): void {
  if (!existsSync(path.join(ROOT, DIST, "BUILD_ID"))) {
    throw new Error(`no production build in ${DIST}: run \`npx next build\` first (npm test builds before the system tests)`);
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface RunningServer {
  origin: string;
  port: number;
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM to the process group, waiting for the exit (at most 10 s). */
  stop(): Promise<void>;
  /** A signal to the process group (SIGKILL: a crash), waiting for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the production server on `env`'s database (from prepareDatabase) and waits until it
 * answers discovery. Every instance started in one test process shares NEXTAUTH_SECRET and
 * TOKEN_KEY_ENCRYPTION_SECRET, as the instances of one deployment must.
 */
export async function startServer(env: Record<string, string>, options: { port?: number; extraEnv?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningServer> {
  requireBuild();
  const port = options.port ?? (await freePort());
  const child = startProcess(process.execPath, ["scripts/server.mjs"], {
    ...serverEnv(env, port),
    NODE_ENV: "production",
    NEXT_DIST_DIR: DIST,
    ...options.extraEnv,
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      return; // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  const running: RunningServer = { origin, port, child, output: () => output, stop: () => signal("SIGTERM"), kill: signal };
  const end = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it answered:\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`${origin}/id/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return running;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      await running.stop();
      throw new Error(`server on ${origin} did not come up:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** RFC 6749 §2.3.1 Basic credentials: form-encode each part, then base64. */
export function basic(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString("base64")}`;
}

/** A client_credentials token request; resolves to the response (never throws on 4xx/5xx). */
export function tokenRequest(origin: string, options: { clientId?: string; secret?: string; scope?: string; timeoutMs?: number } = {}): Promise<Response> {
  return fetch(`${origin}/id/connect/token`, {
    method: "POST",
    headers: { Authorization: basic(options.clientId ?? CLIENT_ID, options.secret ?? SECRET), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", ...(options.scope ? { scope: options.scope } : {}) }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
}

/** A session cookie of the seeded administrator (next-auth credentials sign-in over HTTP). */
export async function signIn(origin: string, login = "admin", password = "admin-change-me"): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar, Origin: origin },
    body: new URLSearchParams({ csrfToken, login, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return session;
}
