import { describe, expect, it } from "vitest";
import { BoundedQueue, hashPassword, PasswordHashBusy, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores argon2id and verifies only the right password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery stapl")).toBe(false);
  });

  it("refuses a missing or garbage hash without throwing", async () => {
    expect(await verifyPassword(null, "anything")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});

describe("the bounded hashing queue", () => {
  it("runs `concurrency` tasks, lets `maxWaiting` wait, and refuses the next at once", async () => {
    const q = new BoundedQueue(1, 2);
    const releases: (() => void)[] = [];
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    const task = (n: number) => () =>
      new Promise<number>((resolve) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        releases.push(() => {
          running--;
          order.push(n);
          resolve(n);
        });
      });
    const done = [q.run(task(1)), q.run(task(2)), q.run(task(3))];
    expect(q.full).toBe(true);
    await expect(q.run(task(4))).rejects.toBeInstanceOf(PasswordHashBusy);
    await expect(verifyPassword("x", "y", q)).rejects.toBeInstanceOf(PasswordHashBusy);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      releases.shift()!();
    }
    expect(await Promise.all(done)).toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(maxRunning).toBe(1);
    expect(q.full).toBe(false);
    expect(await q.run(async () => "again")).toBe("again");
  });

  it("frees the slot when a task throws", async () => {
    const q = new BoundedQueue(1, 0);
    await expect(q.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await q.run(async () => 1)).toBe(1);
  });
});
