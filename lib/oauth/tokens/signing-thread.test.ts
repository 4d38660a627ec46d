import { spawnSync } from "node:child_process";
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { atHash } from "./id-token";
import { SigningThread, type SignKey } from "./signing-thread";

const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const thread = new SigningThread();
// How jwt.ts asks for each algorithm: ES256 in the raw R||S encoding, RS256 as is.
const esKey: SignKey = { key: ec.privateKey, dsaEncoding: "ieee-p1363" };
const rsKey: SignKey = rsa.privateKey;
afterAll(() => thread.close());

const verifies = (input: string, signature: string, alg: "ES256" | "RS256") =>
  alg === "ES256"
    ? verify("sha256", Buffer.from(input), { key: ec.publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"))
    : verify("sha256", Buffer.from(input), rsa.publicKey, Buffer.from(signature, "base64url"));

describe("SigningThread", () => {
  it("ES256: a raw 64-byte R||S signature (RFC 7518 §3.4) that verifies; RS256: PKCS#1 v1.5 that verifies", async () => {
    const es = await thread.sign("header.payload", esKey);
    expect(Buffer.from(es, "base64url")).toHaveLength(64);
    expect(es).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(verifies("header.payload", es, "ES256")).toBe(true);
    expect(verifies("header.payload!", es, "ES256")).toBe(false);
    const rs = await thread.sign("header.payload", rsKey);
    expect(Buffer.from(rs, "base64url")).toHaveLength(256);
    expect(verifies("header.payload", rs, "RS256")).toBe(true);
  });

  it("signs a follow-up token carrying the first one's at_hash (OIDC Core §3.1.3.6), in one round trip", async () => {
    for (const [key, alg] of [[esKey, "ES256"], [rsKey, "RS256"]] as const) {
      const header = Buffer.from(JSON.stringify({ alg, kid: "k", typ: "JWT" })).toString("base64url");
      const [first, second] = await thread.signWithFollowUp("a.b", key, { header, claims: { sub: "u", aud: "c" } });
      expect(verifies("a.b", first, alg)).toBe(true);
      const [h, p, sig] = second.split(".");
      expect(h).toBe(header);
      expect(verifies(`${h}.${p}`, sig!, alg)).toBe(true);
      expect(JSON.parse(Buffer.from(p!, "base64url").toString())).toEqual({ sub: "u", aud: "c", at_hash: atHash(`a.b.${first}`) });
    }
  });

  it("answers each of many concurrent requests with the signature of its own input", async () => {
    const inputs = Array.from({ length: 200 }, (_, i) => `input-${i}`);
    const signatures = await Promise.all(inputs.map((input, i) => thread.sign(input, i % 2 ? esKey : rsKey)));
    signatures.forEach((signature, i) => expect(verifies(inputs[i]!, signature, i % 2 ? "ES256" : "RS256")).toBe(true));
  });

  it("rejects a key that cannot sign, and goes on signing", async () => {
    await expect(thread.sign("x", { key: createPublicKey(ec.privateKey), dsaEncoding: "ieee-p1363" })).rejects.toThrow(/^signing failed: /);
    expect(verifies("x", await thread.sign("x", esKey), "ES256")).toBe(true);
  });

  it("rejects what is in flight when the thread dies, then starts a new one", async () => {
    const own = new SigningThread();
    const inFlight = Array.from({ length: 20 }, () => own.sign("x", rsKey));
    const settled = Promise.allSettled(inFlight);
    await own.close();
    const results = await settled;
    // Some may have been signed before the thread stopped; none is left hanging.
    expect(results.filter((r) => r.status === "rejected").length).toBeGreaterThan(0);
    for (const r of results) {
      if (r.status === "rejected") expect(String(r.reason)).toMatch(/signing thread exited/);
    }
    expect(verifies("again", await own.sign("again", esKey), "ES256")).toBe(true);
    await own.close();
  });

  it("never keeps a process alive once it has nothing to sign", () => {
    // A script that signs once and does nothing else must exit on its own.
    const script = `
      import { generateKeyPairSync } from "node:crypto";
      import { signingThread } from ${JSON.stringify(path.join(import.meta.dirname, "signing-thread.ts"))};
      const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      console.log((await signingThread().sign("x", { key: privateKey, dsaEncoding: "ieee-p1363" })).length);
    `;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
    expect(r.signal).toBeNull(); // not killed by the timeout
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe("86"); // 64 bytes, base64url
  });
});
