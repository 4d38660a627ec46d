// Health checks, in the conventions of load balancers and Kubernetes (docs/deployment.md):
// GET /healthz - the process is up and answering; GET /readyz - this instance may take traffic:
// the database answers, the signing keys are loaded and the change listener is connected (so
// its caches are trustworthy). No authentication, and nothing an attacker could use: a status
// and, when not ready, one word for the reason.
import { jsonResponse, type OAuthRequest, type OAuthResponse } from "../http/http";
import { getOAuthServer, readyOAuthServer, type OAuthServer } from "../server";

/** How long a readiness check may wait for the database (a check must answer quickly). */
export const READY_TIMEOUT_MS = 2_000;

export type NotReadyReason = "starting" | "database" | "keys" | "listener";

function methodAllowed(request: OAuthRequest): OAuthResponse | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  return jsonResponse(405, { status: "method_not_allowed" }, { Allow: "GET, HEAD" });
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function healthEndpoint(request: OAuthRequest): Promise<OAuthResponse> {
  return methodAllowed(request) ?? jsonResponse(200, { status: "ok" });
}

/** What keeps `server` from taking traffic, or null when it is ready. */
export async function notReadyReason(server: OAuthServer, timeoutMs = READY_TIMEOUT_MS): Promise<NotReadyReason | null> {
  try {
    await within(server.connection.sql.query("SELECT 1"), timeoutMs);
  } catch {
    return "database";
  }
  if (!server.keys.peek()) {
    try {
      await within(server.keys.current(), timeoutMs);
    } catch {
      return "keys";
    }
  }
  return server.isListening() ? null : "listener";
}

export async function readinessEndpoint(request: OAuthRequest, server?: OAuthServer): Promise<OAuthResponse> {
  const refused = methodAllowed(request);
  if (refused) return refused;
  let s = server ?? readyOAuthServer();
  if (!s) {
    try {
      s = await within(getOAuthServer(), READY_TIMEOUT_MS);
    } catch {
      return jsonResponse(503, { status: "unavailable", reason: "starting" }, { "Retry-After": "5" });
    }
  }
  const reason = await notReadyReason(s);
  return reason ? jsonResponse(503, { status: "unavailable", reason }, { "Retry-After": "5" }) : jsonResponse(200, { status: "ok" });
}
