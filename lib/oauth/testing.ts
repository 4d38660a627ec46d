// Integration-test harness for the authorization server: a seeded test database (PGlite or
// PostgreSQL), known client secrets, an OAuthServer with a recording logger, and a fetch
// that routes URLs to the in-process handlers (for oauth4webapi's customFetch).
import { hashSecret, generateClientSecret } from "./clients/secrets";
import { connectTest, createTestDatabase, type Backend, type TestDatabase } from "@/lib/db/testing";
import type { Connection } from "@/lib/db/client";
import { seed, seedCredentialsFromEnv } from "@/lib/db/seed";
import { defaultPolicyOptions } from "@/lib/policy";
import { BruteForceGuard } from "./guard/brute-force";
import type { OAuthLogger } from "./http/http";
import { handleDiscoveryRequest, handleJwksRequest, PATHS } from "./endpoints/metadata";
import { createOAuthServer, issuerFromOrigin, ACCESS_TOKEN_AUDIENCE, type OAuthServer, type OAuthServerConfig } from "./server";
import { handleIntrospectionRequest, handleRevocationRequest } from "./endpoints/token-inspection";
import { handleTokenRequest } from "./endpoints/token";
import { handleAuthorizeRequest } from "./endpoints/authorize";
import { handleUserinfoRequest } from "./endpoints/userinfo";
import { handleEndSessionRequest } from "./endpoints/end-session";
import { handleInteractionRequest } from "./endpoints/interaction";

export const TEST_ORIGIN = "http://localhost:3299";
export const TEST_ISSUER = issuerFromOrigin(TEST_ORIGIN);
export const TEST_KEY_SECRET = "test-only-key-encryption-secret-0123456789abcdef";

export function testConfig(overrides: Partial<OAuthServerConfig> = {}): OAuthServerConfig {
  return {
    issuer: TEST_ISSUER,
    audience: ACCESS_TOKEN_AUDIENCE,
    accessTokenLifetimeSeconds: 3600,
    idSessionLifetimeSeconds: 8 * 3600,
    refreshTokenLifetimeSeconds: 30 * 86_400,
    keys: { alg: "ES256", encryptionSecret: TEST_KEY_SECRET, accessTokenLifetimeSeconds: 3600 },
    policyOptions: () => defaultPolicyOptions(),
    ...overrides,
  };
}

export interface LogRecord {
  level: "refused" | "failed";
  event: Record<string, unknown>;
}

export function recordingLogger(): OAuthLogger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  return {
    records,
    refused: (event) => void records.push({ level: "refused", event }),
    failed: (event) => void records.push({ level: "failed", event }),
  };
}

/** Sets a known secret on an app (the seed's secrets are unknown). Returns it. */
export async function setKnownSecret(connection: Connection, applicationUri: string): Promise<string> {
  const secret = generateClientSecret();
  await connection.db.trustedApplication.update({
    where: { ApplicationUri: applicationUri },
    data: { ApplicationSecretHash: hashSecret(secret), ApplicationSecretCreatedUtc: new Date() },
  });
  return secret;
}

/** Routes a URL under TEST_ISSUER to the in-process handler, as a real server would. */
export function handlerFetch(server: OAuthServer) {
  return async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(url, init);
    const path = new URL(request.url).pathname.replace(/^\/id/, "");
    const interaction = /^\/interaction\/([^/]+)\/([^/]+)$/.exec(path);
    if (interaction) return handleInteractionRequest(request, interaction[1]!, interaction[2]!, server);
    switch (path) {
      case PATHS.authorization:
        return handleAuthorizeRequest(request, server);
      case PATHS.userinfo:
        return handleUserinfoRequest(request, server);
      case PATHS.endSession:
        return handleEndSessionRequest(request, server);
      case PATHS.token:
        return handleTokenRequest(request, server);
      case PATHS.introspection:
        return handleIntrospectionRequest(request, server);
      case PATHS.revocation:
        return handleRevocationRequest(request, server);
      case "/.well-known/openid-configuration":
        return handleDiscoveryRequest(server);
      case PATHS.jwks:
        return handleJwksRequest(server);
      default:
        return new Response("not found", { status: 404 });
    }
  };
}

const LENIENT_LIMITS = { pair: { maxFailures: 1000 }, address: { maxFailures: 1000 }, subject: { maxFailures: 1000 } };

export interface TestAuthServer {
  t: TestDatabase;
  connection: Connection;
  server: OAuthServer;
  logs: LogRecord[];
  fetch: ReturnType<typeof handlerFetch>;
  close(): Promise<void>;
}

export async function startTestAuthServer(
  backend: Backend,
  options: { config?: Partial<OAuthServerConfig>; guard?: BruteForceGuard; userGuard?: BruteForceGuard } = {},
): Promise<TestAuthServer> {
  const t = await createTestDatabase(backend);
  const connection = await connectTest(t);
  await seed(connection.db, seedCredentialsFromEnv({}));
  const log = recordingLogger();
  // Many deliberate failures per test file: brute-force limits are tested on their own.
  const guard = options.guard ?? new BruteForceGuard(LENIENT_LIMITS);
  const userGuard = options.userGuard ?? new BruteForceGuard(LENIENT_LIMITS);
  const server = createOAuthServer(connection, testConfig(options.config), { log, guard, userGuard });
  await server.ready;
  return {
    t,
    connection,
    server,
    logs: log.records,
    fetch: handlerFetch(server),
    async close() {
      await server.close();
      await connection.close();
      await t.drop();
    },
  };
}

/** A raw form POST to the token endpoint URL. */
export function formRequest(
  path: string,
  body: Record<string, string> | string,
  headers: Record<string, string> = {},
): Request {
  return new Request(`${TEST_ISSUER}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: typeof body === "string" ? body : new URLSearchParams(body).toString(),
  });
}

/** Authorization: Basic per RFC 6749 Appendix B (form-encode, then base64). */
export function basic(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString("base64")}`;
}
