// Runs once when the Next.js server starts: validate the environment before serving anything,
// so a bad variable fails the start with a clear message rather than a request later; then
// hand the OAuth endpoints' node:http entry to the production server (scripts/server.mjs),
// so that it runs the very modules Next compiled and shares their connection and caches; and
// start linting the fleet in the background.
import type { IncomingMessage, ServerResponse } from "node:http";

export type OAuthFront = (req: IncomingMessage, res: ServerResponse) => boolean;

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  env();
  const { handleNodeOAuthRequest } = await import("@/lib/oauth/http/node-adapter");
  (globalThis as { __tacOAuthFront?: OAuthFront }).__tacOAuthFront = (req, res) => handleNodeOAuthRequest(req, res);
  if (process.env.NEXT_PHASE === "phase-production-build") return; // never open the database while building
  // Lint the fleet now rather than on the first page view (about a second at 10,000 apps).
  const [{ getDb }, { getFleet }] = await Promise.all([import("@/lib/db/client"), import("@/lib/db/fleet")]);
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
