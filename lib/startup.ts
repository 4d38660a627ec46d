// What the server does once at start, after the environment was validated (instrumentation.ts):
// open the database and lint the fleet now rather than on the first page view (about a second
// at 10,000 apps), in the background.
import { getDb } from "@/lib/db/client";
import { getFleet } from "@/lib/db/fleet";

export function warmUp(): void {
  void getDb()
    .then((db) => getFleet(db))
    .catch((error: unknown) => {
      // Another process holds the embedded database: this one cannot serve anything; say why and stop.
      if ((error as { name?: string } | null)?.name === "EmbeddedDatabaseInUseError") {
        console.error(`${(error as Error).message}\nThis server stops.`);
        process.exit(1);
      }
      console.error(JSON.stringify({ level: "error", event: "fleet.warmup_failed" }), error);
    });
}
