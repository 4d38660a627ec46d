// Environment, validated once. Every variable is documented in .env.example.
import { z } from "zod";

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
