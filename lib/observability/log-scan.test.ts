import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findLeaks, parseRecorded } from "./log-scan";

const secret = "s3cr3t-value-0123456789";
const log = (line: string) => `{"level":"info","event":"x"}\n${line}\n{"level":"warn"}`;

describe("log scan", () => {
  it("finds a value as it is and as its hash, base64 or percent-encoding, reporting only its kind", () => {
    const recorded = [{ kind: "client secret", value: secret }];
    expect(findLeaks(recorded, log(`{"detail":"${secret}"}`))).toEqual([{ kind: "client secret", count: 1 }]);
    expect(findLeaks(recorded, log(createHash("sha256").update(secret).digest("hex")))).toHaveLength(1);
    expect(findLeaks(recorded, log(createHash("sha256").update(secret).digest("base64url")))).toHaveLength(1);
    expect(findLeaks(recorded, log(Buffer.from(secret).toString("base64")))).toHaveLength(1);
    expect(findLeaks([{ kind: "password", value: "pass phrase/2026" }], log("pass%20phrase%2F2026"))).toHaveLength(1);
    expect(JSON.stringify(findLeaks(recorded, log(secret)))).not.toContain(secret);
  });

  it("finds nothing in a clean log, and ignores values too short to mean anything", () => {
    expect(findLeaks([{ kind: "client secret", value: secret }], log("nothing here"))).toEqual([]);
    expect(findLeaks([{ kind: "code", value: "abc" }], log("abc"))).toEqual([]);
  });

  it("reads one JSON record per line and refuses anything else", () => {
    expect(parseRecorded(`{"kind":"a","value":"bbbbbbbb"}\n\n{"kind":"c","value":"dddddddd"}\n`)).toHaveLength(2);
    expect(() => parseRecorded(`{"kind":"a"}`)).toThrow(/line 1/);
  });
});
