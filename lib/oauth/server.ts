// The authorization server's process-wide state: configuration, the client registry and
// key store (both cached, invalidated by NOTIFY tac_config_changed), brute-force limiters
// and the logger. The endpoints take it as an argument (tests build their own with
// createOAuthServer) and default to the singleton of getOAuthServer().
import { getConnection, type Connection, type Listener } from "@/lib/db/client";
import { invalidateFleet, invalidateFleetApp } from "@/lib/db/fleet";
import { findOAuthClient } from "@/lib/db/oauth-clients";
import { countInvalidation, notificationKind } from "@/lib/observability/metrics";
import { UserGrantStore } from "@/lib/db/user-grant-store";
import { env, policyOptions } from "@/lib/env";
import type { PolicyOptions } from "@/lib/policy/types";
import { applySharedFailure, BruteForceGuard, setFailureBus, userSignInGuard } from "./guard/brute-force";
import { ClientRegistry } from "./clients/client-registry";
import { clientFindings } from "./grants/decision";
import { consoleLogger, type OAuthLogger } from "./http/http";
import { KeyStore, type KeyConfig } from "./keys/keys";

/** Audience of every access token: the ERP.net Domain API (seed 004 token payload). */
export const ACCESS_TOKEN_AUDIENCE = "DomainAPI";

/** The channel of migration 20261122223000_token_endpoint's triggers. */
export const CONFIG_CHANNEL = "tac_config_changed";

export interface OAuthServerConfig {
  /** `${NEXTAUTH_URL}/id` (RFC 8414 §2 issuer: https URL without query or fragment). */
  issuer: string;
  audience: string;
  accessTokenLifetimeSeconds: number;
  /** A sign-in at the identity server lasts this long (its cookie and its Id_Sessions row). */
  idSessionLifetimeSeconds: number;
  /** Each refresh token's lifetime (RFC 6749 §6); rotated on every use. */
  refreshTokenLifetimeSeconds: number;
  keys: KeyConfig;
  /** Evaluated per lint, as rules may depend on the time. */
  policyOptions: () => PolicyOptions;
}

export interface OAuthServer {
  config: OAuthServerConfig;
  connection: Connection;
  registry: ClientRegistry;
  keys: KeyStore;
  /** Codes and refresh tokens: the user grants' hot reads and writes, batched. */
  grants: UserGrantStore;
  /** Client authentication at the token, introspection and revocation endpoints. */
  guard: BruteForceGuard;
  /** Users' passwords at the identity server's sign-in page (userSignInGuard). */
  userGuard: BruteForceGuard;
  log: OAuthLogger;
  /** Resolves once cache invalidation is listening (caching is off until then). */
  ready: Promise<void>;
  /** Whether the LISTEN connection is up now (readiness: caches may be trusted). */
  isListening(): boolean;
  /** Stops listening (the connection itself belongs to the caller). */
  close(): Promise<void>;
}

export function issuerFromOrigin(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/id`;
}

export function configFromEnv(): OAuthServerConfig {
  const e = env();
  return {
    issuer: issuerFromOrigin(e.NEXTAUTH_URL),
    audience: ACCESS_TOKEN_AUDIENCE,
    accessTokenLifetimeSeconds: e.ACCESS_TOKEN_LIFETIME_SECONDS,
    idSessionLifetimeSeconds: e.ID_SESSION_LIFETIME_SECONDS,
    refreshTokenLifetimeSeconds: e.REFRESH_TOKEN_LIFETIME_SECONDS,
    keys: {
      alg: e.TOKEN_SIGNING_ALG,
      encryptionSecret: e.TOKEN_KEY_ENCRYPTION_SECRET,
      accessTokenLifetimeSeconds: e.ACCESS_TOKEN_LIFETIME_SECONDS,
    },
    policyOptions,
  };
}

export interface CreateOptions {
  log?: OAuthLogger;
  guard?: BruteForceGuard;
  userGuard?: BruteForceGuard;
  /** Announce failed authentications to the other instances (default: on PostgreSQL). */
  shareFailures?: boolean;
  /** Reconnect delay after the LISTEN connection broke (default 1 s, doubling to MAX_RETRY_MS). */
  retryMs?: number;
}

/**
 * The longest wait between two attempts to listen again: small, since an attempt is one
 * connection, and everything waits for it (caching is off, the kill switch reads the database)
 * until the instance is back within a few seconds of the database (docs/deployment.md).
 */
const MAX_RETRY_MS = 2_000;

export function createOAuthServer(connection: Connection, config: OAuthServerConfig, options: CreateOptions = {}): OAuthServer {
  const { db } = connection;
  const registry = new ClientRegistry({
    load: (clientId) => findOAuthClient(db, clientId),
    lint: (app) => clientFindings(app, config.policyOptions()),
  });
  const keys = new KeyStore(db, config.keys);
  const log = options.log ?? consoleLogger;

  let listener: Listener | null = null;
  let wasLost = false;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const baseRetry = options.retryMs ?? 1000;

  const onNotify = (payload: string) => {
    countInvalidation(notificationKind(payload));
    if (applySharedFailure(payload)) return; // another instance's failed authentication
    if (payload === "keys") keys.invalidate();
    else registry.applyNotification(payload);
    // The console's fleet view learns of changes made elsewhere as fast as the token endpoint.
    if (payload.startsWith("app:")) invalidateFleetApp(payload.slice(4), findAppId);
    else if (payload === "users") invalidateFleet();
  };
  const findAppId = async (applicationUri: string) =>
    (await db.trustedApplication.findUnique({ where: { ApplicationUri: applicationUri }, select: { Id: true } }))?.Id ?? null;
  const startListening = async (delay: number): Promise<void> => {
    try {
      listener = await connection.listen(CONFIG_CHANNEL, onNotify, (error) => {
        // Notifications may have been missed: read through until listening again.
        listener = null;
        wasLost = true;
        registry.setCaching(false);
        keys.invalidate();
        invalidateFleet();
        log.failed({ event: "oauth.cache.listen_lost" }, error);
        if (!closed) scheduleRetry(baseRetry);
      });
      if (closed) {
        await listener.close();
        return;
      }
      registry.setCaching(true); // clears whatever was read before listening
      // Several instances may share this database: failures are counted by all (brute-force.ts).
      if (connection.kind === "postgres" && options.shareFailures !== false) {
        setFailureBus({
          publish: (payload) =>
            void connection.sql.query("SELECT pg_notify($1, $2)", [CONFIG_CHANNEL, payload]).catch((error: unknown) => log.failed({ event: "oauth.guard.share_failed" }, error)),
        });
      }
      keys.invalidate();
      if (wasLost) invalidateFleet(); // changes may have been missed while not listening
    } catch (error) {
      log.failed({ event: "oauth.cache.listen_failed" }, error);
      if (!closed) scheduleRetry(Math.min(delay * 2, MAX_RETRY_MS));
    }
  };
  const scheduleRetry = (delay: number) => {
    retryTimer = setTimeout(() => void startListening(delay), delay);
    retryTimer.unref();
  };
  const ready = startListening(baseRetry);

  return {
    config,
    connection,
    registry,
    keys,
    grants: new UserGrantStore(connection),
    guard: options.guard ?? new BruteForceGuard({ sharedAs: "client" }),
    userGuard: options.userGuard ?? userSignInGuard(),
    log,
    ready,
    isListening: () => listener !== null,
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await ready;
      await listener?.close();
      listener = null;
    },
  };
}

// One server per process, on globalThis like the connection (next dev reloads modules).
const holder = globalThis as unknown as { __tacOAuthServer?: Promise<OAuthServer>; __tacOAuthServerReady?: OAuthServer };

export function getOAuthServer(): Promise<OAuthServer> {
  if (!holder.__tacOAuthServer) {
    const pending = getConnection().then((connection) => createOAuthServer(connection, configFromEnv()));
    holder.__tacOAuthServer = pending;
    pending.then(
      (server) => {
        holder.__tacOAuthServerReady = server;
      },
      () => {
        holder.__tacOAuthServer = undefined; // retry on the next request
      },
    );
  }
  return holder.__tacOAuthServer;
}

/** The process's server once it is up, synchronously (the endpoints' hot path); else getOAuthServer(). */
export function readyOAuthServer(): OAuthServer | undefined {
  return holder.__tacOAuthServerReady;
}

/**
 * For writes made in this process (console actions, CLI): drop the app's cached entry now
 * rather than when the NOTIFY comes back. Harmless when no server was started.
 */
export function invalidateClientCache(applicationUri?: string): void {
  const server = holder.__tacOAuthServerReady;
  if (!server) return; // nothing cached yet
  if (applicationUri === undefined) server.registry.invalidateAll();
  else server.registry.invalidate(applicationUri);
}
