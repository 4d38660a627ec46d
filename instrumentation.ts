// Runs once when the Next.js server starts: validate the environment before serving anything,
// so a bad variable fails the start with a clear message rather than a request later.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  env();
}
