// The request id of the request being served by Next.js (set by the production server's door,
// lib/oauth/http/node-adapter.ts requestId), for log lines written while serving it (server
// actions, pages). Undefined outside a request (the CLI, start-up) or under `next dev`, which
// has no door.
export async function currentRequestId(): Promise<string | undefined> {
  try {
    const { headers } = await import("next/headers");
    return (await headers()).get("x-request-id") ?? undefined;
  } catch {
    return undefined; // not inside a request
  }
}
