import { describe, expect, it } from "vitest";
import { countInvalidation, countRefusal, countTokenIssued, metrics, metricsAuthorized, notificationKind, observeRequest } from "./metrics";
import { metricsEndpoint } from "../oauth/endpoints/metrics";

const get = (authorization: string | null, method = "GET") => ({ method, url: "/metrics", header: (n: string) => (n === "authorization" ? authorization : null), text: async () => "" });
const TOKEN = "metrics-token-0123456789";

describe("metrics", () => {
  it("is off without METRICS_TOKEN, and only for its bearer token with one", async () => {
    expect((await metricsEndpoint(get(`Bearer ${TOKEN}`), undefined)).status).toBe(404);
    expect((await metricsEndpoint(get(null), TOKEN)).status).toBe(401);
    const wrong = await metricsEndpoint(get("Bearer metrics-token-0123456788"), TOKEN);
    expect(wrong.status).toBe(401);
    expect(wrong.headers["WWW-Authenticate"]).toBe('Bearer realm="metrics"');
    expect((await metricsEndpoint(get(`Basic ${TOKEN}`), TOKEN)).status).toBe(401);
    expect((await metricsEndpoint(get(`Bearer ${TOKEN}`, "POST"), TOKEN)).status).toBe(405);
    expect(metricsAuthorized(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(metricsAuthorized(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(metricsAuthorized("Bearer ", TOKEN)).toBe(false);
  });

  it("counts what it is told, in Prometheus' text format", async () => {
    countTokenIssued("client_credentials", "Confidential");
    countTokenIssued("client_credentials", "Confidential");
    countRefusal("token", "invalid_scope", "TA-REQ-SCOPE-RESERVED");
    countRefusal("token", "invalid_client", undefined);
    countInvalidation(notificationKind("app:com.example/x"));
    observeRequest("/id/connect/token", 200, 0.002);
    observeRequest("/healthz", 200, 0.001);
    const res = await metricsEndpoint(get(`Bearer ${TOKEN}`), TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers["Content-Type"]).toMatch(/^text\/plain/);
    const text = res.body!;
    expect(text).toMatch(/tac_tokens_issued_total\{grant="client_credentials",client_type="Confidential"\} 2/);
    expect(text).toMatch(/tac_oauth_refusals_total\{endpoint="token",error="invalid_scope",rule="TA-REQ-SCOPE-RESERVED"\} 1/);
    expect(text).toMatch(/tac_oauth_refusals_total\{endpoint="token",error="invalid_client",rule="none"\} 1/);
    expect(text).toMatch(/tac_cache_invalidations_total\{kind="app"\} 1/);
    expect(text).toMatch(/tac_oauth_request_duration_seconds_count\{endpoint="token",status="200"\} 1/);
    expect(text).not.toMatch(/healthz/);
    expect(metrics().registry).toBe(metrics().registry);
  });

  it("names notification kinds without their content", () => {
    expect(notificationKind("keys")).toBe("keys");
    expect(notificationKind("users")).toBe("users");
    expect(notificationKind('bf:["client"]')).toBe("bruteforce");
    expect(notificationKind("something else")).toBe("other");
  });
});
