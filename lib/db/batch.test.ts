import { describe, expect, it } from "vitest";
import { Batcher } from "./batch";

const tick = () => new Promise((r) => setImmediate(r));

describe("Batcher", () => {
  it("gathers what arrives together into one call, and answers each caller with its own output", async () => {
    const calls: number[][] = [];
    const b = new Batcher(async (items: number[]) => {
      calls.push(items);
      return items.map((i) => i * 10);
    }, { maxBatch: 100, maxInFlight: 1 });
    const out = await Promise.all([1, 2, 3].map((i) => b.submit(i)));
    expect(out).toEqual([10, 20, 30]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it("fills the next batch while one is under way, and splits at maxBatch", async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new Batcher(async (items: number[]) => {
      calls.push(items);
      if (calls.length === 1) await gate;
      return items;
    }, { maxBatch: 2, maxInFlight: 1 });
    const first = b.submit(1);
    await tick();
    const rest = [2, 3, 4, 5, 6].map((i) => b.submit(i));
    await tick();
    expect(calls).toEqual([[1]]); // the rest waits for the batch under way
    release();
    expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(calls).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it("fails every caller of a failed batch, and goes on with the next", async () => {
    let n = 0;
    const b = new Batcher(async (items: string[]) => {
      if (n++ === 0) throw new Error("database down");
      return items;
    }, { maxBatch: 10, maxInFlight: 1 });
    const failed = await Promise.allSettled([b.submit("a"), b.submit("b")]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await b.submit("c")).toBe("c");
  });

  it("refuses an answer of the wrong length rather than misattribute outputs", async () => {
    const b = new Batcher(async () => [1], { maxBatch: 10, maxInFlight: 1 });
    const results = await Promise.allSettled([b.submit(1), b.submit(2)]);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
  });
});
