// What the server does once at start, after the environment was validated (instrumentation.ts):
// listen for changes, open the database and lint the fleet now rather than on the first page view (about a second
// at 10,000 apps), in the background.
import { getDb } from "@/lib/db/client";
import { getFleet } from "@/lib/db/fleet";
import { logFailure } from "@/lib/log";
import { getOAuthServer } from "@/lib/oauth/server";

export function warmUp(): void {
  // Start listening for changes made elsewhere now (caches, the fleet), not at the first token request.
  void getOAuthServer().catch(() => {}); // it retries on the next request; the fleet below reports why
  void getDb()
    .then((db) => getFleet(db))
    .catch((error: unknown) => {
      // Another process holds the embedded database: this one cannot serve anything; say why and stop.
      if ((error as { name?: string } | null)?.name === "EmbeddedDatabaseInUseError") {
        console.error(`${(error as Error).message}\nThis server stops.`);
        process.exit(1);
      }
      logFailure("fleet.warmup_failed", {}, error);
    });
}
