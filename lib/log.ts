// The server's structured log (pino): one JSON line per event on stdout, with a level ("info",
// "warn", "error"), an ISO time, an event name and fields; a request's lines carry its
// `request_id` (given by the production server's door, lib/oauth/http/node-adapter.ts). Never a
// secret, token, code, password or hash: callers pass names, ids and rule ids, and the fields
// below are redacted wherever they appear anyway. Errors are serialized with their stack, for
// the operator; what a client sees is decided elsewhere (server_error).
import pino from "pino";

export type LogLevel = "info" | "warn" | "error";

/** Field names that must never reach a log line with a value (belt and braces). */
const REDACT = [
  "password", "secret", "client_secret", "token", "access_token", "refresh_token", "id_token", "code", "code_verifier",
  "authorization", "cookie", "PasswordHash", "ApplicationSecretHash", "PreviousSecretHash",
];

function createLogger(): pino.Logger {
  return pino(
    {
      base: { pid: process.pid },
      level: process.env.LOG_LEVEL || "info",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      messageKey: "message",
      redact: { paths: [...REDACT, ...REDACT.map((f) => `*.${f}`)], censor: "[redacted]" },
    },
    // Synchronous writes to stdout: nothing lost when the process ends, no worker thread.
    pino.destination({ dest: 1, sync: true }),
  );
}

// One logger per process, whichever Next bundle asks.
const holder = globalThis as unknown as { __tacLogger?: pino.Logger };

export function logger(): pino.Logger {
  return (holder.__tacLogger ??= createLogger());
}

export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  logger()[level]({ event, ...fields });
}

/** An unexpected failure: the event, its fields and the error (message and stack) for the operator. */
export function logFailure(event: string, fields: Record<string, unknown>, error: unknown): void {
  logger().error({ event, ...fields, err: error instanceof Error ? error : { message: String(error) } });
}
