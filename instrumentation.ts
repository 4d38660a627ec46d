// Runs once when the Next.js server starts: validate the environment before serving anything,
// so a bad variable fails the start with a clear message rather than a request later; then
// hand the OAuth endpoints' node:http entry to the production server (scripts/server.mjs),
// so that it runs the very modules Next compiled and shares their connection and caches; and
// start linting the fleet in the background (lib/startup.ts).
import type { IncomingMessage, ServerResponse } from "node:http";

export type OAuthFront = (req: IncomingMessage, res: ServerResponse) => boolean;

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  env();
  const { handleNodeOAuthRequest } = await import("@/lib/oauth/http/node-adapter");
  (globalThis as { __tacOAuthFront?: OAuthFront }).__tacOAuthFront = (req, res) => handleNodeOAuthRequest(req, res);
  if (process.env.NEXT_PHASE === "phase-production-build") return; // never open the database while building
  const { warmUp } = await import("@/lib/startup");
  warmUp();
}
