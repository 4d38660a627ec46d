// A PostgreSQL server of the test's own (initdb into a temporary directory, a free port), so a
// test may stop and start it: never the machine's shared server. Run as the `postgres` user
// when the test runs as root (initdb refuses root).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./harness";

/** The directory of initdb and pg_ctl: PG_BINDIR, else the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBinDir(): string | null {
  const candidates = [process.env.PG_BINDIR, ...(existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`) : [])];
  return candidates.find((dir) => dir && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) ?? null;
}

export interface OwnPostgres {
  url: string;
  port: number;
  stop(): void;
  start(): void;
  /** Stops it for good and removes its directory. */
  destroy(): void;
}

function asPostgresUser(bin: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--", bin, ...args] : [bin, ...args];
}

function run(argv: string[]): void {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd!, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("no PostgreSQL server binaries (initdb, pg_ctl): install Debian's postgresql or set PG_BINDIR");
  const root = mkdtempSync(path.join(tmpdir(), "tac-pg-"));
  chmodSync(root, 0o777);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", root]);
  const data = path.join(root, "data");
  const port = await freePort();
  run(asPostgresUser(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]));
  const pgCtl = (...args: string[]) => run(asPostgresUser(path.join(bin, "pg_ctl"), ["-D", data, ...args]));
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => pgCtl("-o", options, "-l", path.join(root, "log"), "-w", "-t", "30", "start");
  // "fast": every session is told to end (what a restart or a failover does to its clients).
  const stop = () => pgCtl("-m", "fast", "-w", "stop");
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy() {
      try {
        pgCtl("-m", "immediate", "-w", "stop");
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
