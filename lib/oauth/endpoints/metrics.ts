// GET /metrics: Prometheus' text format (lib/observability/metrics.ts). Not public: off unless
// METRICS_TOKEN is set (404, as if absent), then only for that bearer token (401 otherwise,
// RFC 6750 §3).
import { env } from "@/lib/env";
import { metrics, metricsAuthorized } from "@/lib/observability/metrics";
import { noStoreHeaders } from "../errors";
import { jsonResponse, type OAuthRequest, type OAuthResponse } from "../http/http";

export async function metricsEndpoint(request: OAuthRequest, token: string | undefined = env().METRICS_TOKEN): Promise<OAuthResponse> {
  if (!token) return jsonResponse(404, { error: "not_found" });
  if (request.method !== "GET") return jsonResponse(405, { error: "method_not_allowed" }, { Allow: "GET" });
  if (!metricsAuthorized(request.header("authorization"), token)) {
    return jsonResponse(401, { error: "invalid_token" }, { "WWW-Authenticate": 'Bearer realm="metrics"' });
  }
  const registry = metrics().registry;
  return { status: 200, headers: { ...noStoreHeaders(), "Content-Type": registry.contentType }, body: await registry.metrics() };
}
