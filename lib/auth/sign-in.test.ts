import { describe, expect, it } from "vitest";
import { BruteForceGuard } from "@/lib/oauth/guard/brute-force";
import { BoundedQueue } from "./password";
import { admitSignIn } from "./sign-in";

describe("admitSignIn (the production server's door)", () => {
  it("admits as many sign-ins as the hashing queue holds, refuses the next at once with 503, and admits again once one is answered", () => {
    const queue = new BoundedQueue(1, 2);
    const guard = new BruteForceGuard();
    const admitted = [admitSignIn("192.0.2.1", queue, guard), admitSignIn("192.0.2.2", queue, guard), admitSignIn("192.0.2.3", queue, guard)];
    expect(admitted.every((a) => a.admitted)).toBe(true);
    expect(admitSignIn("192.0.2.4", queue, guard)).toEqual({ admitted: false, status: 503, retryAfterSeconds: 2, error: "Busy" });
    const first = admitted[0]!;
    if (first.admitted) {
      first.done();
      first.done(); // twice counts once
    }
    const next = admitSignIn("192.0.2.4", queue, guard);
    expect(next.admitted).toBe(true);
    expect(admitSignIn("192.0.2.5", queue, guard)).toMatchObject({ admitted: false, status: 503 });
    for (const a of [...admitted.slice(1), next]) if (a.admitted) a.done();
  });

  it("refuses a blocked address with 429 and the time to wait, before counting it", () => {
    const guard = new BruteForceGuard({ address: { maxFailures: 2, baseDelayMs: 5000 } });
    guard.failed("198.51.100.7", null);
    guard.failed("198.51.100.7", null);
    expect(admitSignIn("198.51.100.7", new BoundedQueue(1, 0), guard)).toEqual({ admitted: false, status: 429, retryAfterSeconds: 5, error: "TooManyAttempts" });
    const other = admitSignIn("198.51.100.8", new BoundedQueue(1, 0), guard);
    expect(other.admitted).toBe(true);
    if (other.admitted) other.done();
  });
});
