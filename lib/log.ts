// The server's structured log: one JSON line per event on stdout (info) or stderr (warn,
// error), with a level, an event name and fields. Never a secret, token or password; error
// details as a message, not a stack trace spread over many lines.
export type LogLevel = "info" | "warn" | "error";

export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, time: new Date().toISOString(), ...fields });
  if (level === "info") console.log(line);
  else if (level === "warn") console.warn(line);
  else console.error(line);
}
