// Environment, validated once. Every variable is documented in .env.example.
import { z } from "zod";
import { defaultPolicyOptions } from "@/lib/policy/lint";
import type { PolicyOptions } from "@/lib/policy/types";

const EnvSchema = z.object({
  /** postgresql://… selects PostgreSQL; unset selects the embedded PGlite database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Embedded database directory (default ./data/pglite). */
  PGLITE_DATA_DIR: z.string().optional(),
  /** Public origin of the console; the token issuer is `${NEXTAUTH_URL}/id`. */
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Days after which a client secret should be rotated (policy rule TA-SECRET-ROTATION). */
  SECRET_ROTATION_DAYS: z.coerce.number().int().positive().default(90),
  /** Allow http:// redirect URIs on loopback hosts (development only, RFC 8252 §7.3). */
  ALLOW_LOOPBACK_HTTP: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  /**
   * The production server sits behind a reverse proxy that appends the peer it saw to
   * X-Forwarded-For: the brute-force limit per address then uses that entry instead of the
   * TCP peer (which would be the proxy). Off by default: a client could send its own header.
   */
  TRUST_PROXY: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  /**
   * Enables GET /metrics (Prometheus text format) for `Authorization: Bearer <this value>`;
   * unset, /metrics answers 404. At least 16 characters.
   */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /**
   * Encrypts the token signing keys at rest (AES-256-GCM via HKDF, lib/oauth/keys/key-encryption.ts).
   * At least 32 random characters; `npm start`/`npm run dev` generate one in data/ when unset.
   */
  TOKEN_KEY_ENCRYPTION_SECRET: z
    .string()
    .min(32, "TOKEN_KEY_ENCRYPTION_SECRET must be at least 32 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Algorithm of newly generated signing keys (RFC 7518 §3.1); existing keys keep theirs. */
  TOKEN_SIGNING_ALG: z.enum(["ES256", "RS256"]).default("ES256"),
  /** Lifetime of issued access tokens, in seconds (default one hour, at most one day). */
  ACCESS_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().positive().max(86_400).default(3600),
  /** Lifetime of a sign-in at the identity server (/id), in seconds (default 8 hours, at most 30 days). */
  ID_SESSION_LIFETIME_SECONDS: z.coerce.number().int().positive().max(30 * 86_400).default(8 * 3600),
  /** Lifetime of each refresh token, in seconds (default 30 days, at most 1 year); every refresh rotates it. */
  REFRESH_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().positive().max(365 * 86_400).default(30 * 86_400),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Policy options for this installation (rotation period, loopback redirects), evaluated now. */
export function policyOptions(): PolicyOptions {
  const e = env();
  return defaultPolicyOptions({ secretRotationDays: e.SECRET_ROTATION_DAYS, allowLoopbackHttp: e.ALLOW_LOOPBACK_HTTP });
}
