// Brute-force protection of client authentication (RFC 6749 §2.3.1: the server "MUST
// protect any endpoint utilizing it against brute force attacks"; RFC 6819 §5.1.4.2.3),
// shared by the token, introspection and revocation endpoints. In memory, per process.
//
// Two FailureLimiters (rate-limit.ts: failures counted over a window, then exponentially
// growing blocks, capped, cleared by a success):
// - per client that exists ("client:<ApplicationUri>"): from the 5th failed authentication
//   within 15 minutes each further failure blocks that client for 1 s, 2 s, 4 s … at most
//   60 s. Unknown client ids are not tracked (they cannot fill the table); a success clears.
// - per address ("ip:<address>"): from the 20th failure within 15 minutes, 1 s doubling up
//   to 5 minutes; covers guessing across many client ids. Not cleared by a success.
// A blocked request is answered 429 + Retry-After with error invalid_client (errors.ts,
// TooManyRequests) *before* the secret is checked, so a blocked attacker learns nothing.
// The legitimate client is locked out for at most 60 s at a time even while under attack,
// and not at all once the attack stops for 15 minutes.
//
// The address (clientAddress) is the right-most X-Forwarded-For entry, else the TCP peer.
// Whether that header can be believed is decided once, at the production server's door
// (forwardedFor in node-adapter.ts): unless TRUST_PROXY declares a reverse proxy, it is
// overwritten with the peer for every request, ours and Next's. `next dev` keeps a
// client-sent header (development only).
import { TooManyRequests } from "./errors";
import type { OAuthRequest } from "./http";
import { FailureLimiter, type FailureLimiterOptions } from "./rate-limit";

const MINUTE = 60_000;

export const CLIENT_LIMITS: FailureLimiterOptions = { maxFailures: 5, windowMs: 15 * MINUTE, baseDelayMs: 1000, maxBlockMs: MINUTE };
export const IP_LIMITS: FailureLimiterOptions = { maxFailures: 20, windowMs: 15 * MINUTE, baseDelayMs: 1000, maxBlockMs: 5 * MINUTE };

export class BruteForceGuard {
  private readonly clients: FailureLimiter;
  private readonly ips: FailureLimiter;

  constructor(options: { client?: Partial<FailureLimiterOptions>; ip?: Partial<FailureLimiterOptions> } = {}) {
    this.clients = new FailureLimiter({ ...CLIENT_LIMITS, ...options.client });
    this.ips = new FailureLimiter({ ...IP_LIMITS, ...options.ip });
  }

  /** Throws TooManyRequests while the address is blocked. */
  checkIp(ip: string): void {
    const d = this.ips.check(`ip:${ip}`);
    if (!d.allowed) throw new TooManyRequests(`address ${ip} is blocked after repeated failed client authentications`, d.retryAfterSeconds);
  }

  /** Throws TooManyRequests while the (existing) client is blocked. */
  checkClient(clientId: string): void {
    const d = this.clients.check(`client:${clientId}`);
    if (!d.allowed) throw new TooManyRequests(`client ${clientId} is blocked after repeated failed authentications`, d.retryAfterSeconds);
  }

  /** A failed authentication; `existingClientId` only when the client is registered. */
  failed(ip: string, existingClientId: string | null): void {
    this.ips.recordFailure(`ip:${ip}`);
    if (existingClientId !== null) this.clients.recordFailure(`client:${existingClientId}`);
  }

  succeeded(clientId: string): void {
    this.clients.recordSuccess(`client:${clientId}`);
  }
}

/** The caller's address, for the per-address limit (see the header comment). */
export function clientAddress(request: Pick<OAuthRequest, "header" | "peerAddress">): string {
  const forwarded = request.header("x-forwarded-for");
  const last = forwarded ? forwarded.slice(forwarded.lastIndexOf(",") + 1).trim() : request.peerAddress;
  if (!last) return "unknown";
  // Bounded and printable: it ends up in keys and log lines.
  return /^[0-9A-Za-z.:[\]%_-]{1,64}$/.test(last) ? last : "invalid";
}
