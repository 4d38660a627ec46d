import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, MutationError } from "./errors";

describe("isDatabaseUnavailable", () => {
  it("recognises the ways node-postgres, the driver adapter and Prisma say the database is unreachable", () => {
    // As seen with a PostgreSQL stopped under a connection (tests/system/outage.system.test.ts).
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable({ name: "DriverAdapterError", message: "terminating connection due to administrator command", cause: { kind: "postgres", code: "57P01" } })).toBe(true);
    expect(isDatabaseUnavailable({ name: "PrismaClientKnownRequestError", code: "P1001", message: "Can't reach database server" })).toBe(true);
    expect(isDatabaseUnavailable({ message: "x", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } })).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable({ code: "08006" })).toBe(true);
  });

  it("does not take bugs, refused writes or other SQL errors for an outage", () => {
    expect(isDatabaseUnavailable(new TypeError("cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable({ code: "23505", message: "duplicate key value violates unique constraint" })).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2002" })).toBe(false);
    expect(isDatabaseUnavailable({ cause: { kind: "postgres", code: "42P01" } })).toBe(false);
    expect(isDatabaseUnavailable(new MutationError("CONFLICT", "changed meanwhile"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });

  it("stops on a cause cycle", () => {
    const a: { cause?: unknown } = {};
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
