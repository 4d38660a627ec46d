import { describe, expect, it } from "vitest";
import { FailureLimiter, type FailureLimiterOptions } from "./rate-limit";

function setup(overrides: Partial<FailureLimiterOptions> = {}) {
  let t = 1_000_000;
  const clock = {
    advance(ms: number) {
      t += ms;
    },
  };
  const limiter = new FailureLimiter({
    maxFailures: 3,
    windowMs: 60_000,
    baseDelayMs: 1_000,
    maxBlockMs: 30_000,
    now: () => t,
    ...overrides,
  });
  return { limiter, clock };
}

function fail(limiter: FailureLimiter, key: string, times: number) {
  for (let i = 0; i < times; i++) limiter.recordFailure(key);
}

describe("FailureLimiter", () => {
  it("allows failures up to the limit, then blocks for the base delay", () => {
    const { limiter, clock } = setup();
    fail(limiter, "client:a", 2);
    expect(limiter.check("client:a")).toEqual({ allowed: true });
    limiter.recordFailure("client:a");
    expect(limiter.check("client:a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(999);
    expect(limiter.check("client:a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect(limiter.check("client:a")).toEqual({ allowed: true });
  });

  it("doubles the block with each further failure, up to maxBlockMs", () => {
    const { limiter, clock } = setup();
    fail(limiter, "client:a", 3);
    const blocks: number[] = [];
    for (let i = 0; i < 8; i++) {
      const d = limiter.check("client:a");
      if (d.allowed) throw new Error("expected a block");
      blocks.push(d.retryAfterSeconds);
      clock.advance(d.retryAfterSeconds * 1000); // wait it out, then fail again
      expect(limiter.check("client:a")).toEqual({ allowed: true });
      limiter.recordFailure("client:a");
    }
    expect(blocks).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it("rounds Retry-After up to whole seconds", () => {
    const { limiter, clock } = setup({ baseDelayMs: 2_500 });
    fail(limiter, "k", 3);
    expect(limiter.check("k")).toEqual({ allowed: false, retryAfterSeconds: 3 });
    clock.advance(600);
    expect(limiter.check("k")).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it("a success clears the key", () => {
    const { limiter } = setup();
    fail(limiter, "client:a", 2);
    limiter.recordSuccess("client:a");
    fail(limiter, "client:a", 2);
    expect(limiter.check("client:a")).toEqual({ allowed: true });
    expect(limiter.size).toBe(1);
  });

  it("forgets failures once a whole window passes without one", () => {
    const { limiter, clock } = setup();
    fail(limiter, "client:a", 2);
    clock.advance(60_000);
    limiter.recordFailure("client:a");
    expect(limiter.check("client:a")).toEqual({ allowed: true });
    // …but failures closer together than the window accumulate.
    clock.advance(59_999);
    limiter.recordFailure("client:a");
    clock.advance(59_999);
    limiter.recordFailure("client:a");
    expect(limiter.check("client:a").allowed).toBe(false);
  });

  it("keeps escalating an attacker who retries just after each block", () => {
    const { limiter, clock } = setup({ windowMs: 5_000, maxBlockMs: 600_000 });
    fail(limiter, "ip:203.0.113.9", 3);
    for (let i = 0; i < 5; i++) {
      const d = limiter.check("ip:203.0.113.9");
      if (d.allowed) throw new Error("expected a block");
      clock.advance(d.retryAfterSeconds * 1000);
      limiter.recordFailure("ip:203.0.113.9");
    }
    expect(limiter.check("ip:203.0.113.9")).toEqual({ allowed: false, retryAfterSeconds: 32 });
  });

  it("drops an expired key on check", () => {
    const { limiter, clock } = setup();
    limiter.recordFailure("k");
    clock.advance(60_000);
    expect(limiter.check("k")).toEqual({ allowed: true });
    expect(limiter.size).toBe(0);
  });

  it("tracks keys independently", () => {
    const { limiter } = setup();
    fail(limiter, "client:a", 3);
    expect(limiter.check("client:a").allowed).toBe(false);
    expect(limiter.check("client:b").allowed).toBe(true);
    expect(limiter.check("ip:127.0.0.1").allowed).toBe(true);
  });

  it("never tracks more than maxKeys, evicting the least recently failed", () => {
    const { limiter } = setup({ maxKeys: 3 });
    limiter.recordFailure("a");
    limiter.recordFailure("b");
    limiter.recordFailure("c");
    limiter.recordFailure("a"); // a is now the most recent
    limiter.recordFailure("d"); // evicts b
    expect(limiter.size).toBe(3);
    for (let i = 0; i < 1000; i++) limiter.recordFailure(`flood:${i}`);
    expect(limiter.size).toBe(3);
  });

  it("evicts expired keys before live ones", () => {
    const { limiter, clock } = setup({ maxKeys: 3 });
    limiter.recordFailure("old-1");
    limiter.recordFailure("old-2");
    clock.advance(30_000);
    fail(limiter, "blocked", 3);
    clock.advance(30_000); // old-* are now a whole window old; "blocked" is not
    limiter.recordFailure("new");
    limiter.recordFailure("newer");
    expect(limiter.size).toBe(3);
    expect(limiter.check("blocked").allowed).toBe(true); // its block ended, but it is still counted
    limiter.recordFailure("blocked");
    expect(limiter.check("blocked")).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it("stays finite after very many failures", () => {
    const { limiter } = setup();
    fail(limiter, "k", 5_000);
    expect(limiter.check("k")).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it("refuses nonsensical options", () => {
    const base = { maxFailures: 3, windowMs: 1, baseDelayMs: 1, maxBlockMs: 1 };
    expect(() => new FailureLimiter({ ...base, maxFailures: 0 })).toThrow(
      new RangeError("maxFailures must be a positive number"),
    );
    expect(() => new FailureLimiter({ ...base, windowMs: Number.NaN })).toThrow(RangeError);
    expect(() => new FailureLimiter({ ...base, maxKeys: -1 })).toThrow(RangeError);
  });

  it("uses the real clock by default", () => {
    const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 60_000, baseDelayMs: 60_000, maxBlockMs: 60_000 });
    limiter.recordFailure("k");
    expect(limiter.check("k")).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });
});
