// Console passwords: argon2id through @node-rs/argon2 (a kept library; no home-made scheme).
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1 as the minimum.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// A valid hash of a random password: verifying against it when the login is unknown keeps
// the response time of "no such user" equal to that of "wrong password".
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(32).toString("hex"));
  try {
    const ok = await verify(passwordHash ?? (await dummyHash), password);
    return ok && !!passwordHash;
  } catch {
    return false;
  }
}

