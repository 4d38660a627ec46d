// Data access for the token signing keys (Id_Signing_Keys). The private key is stored
// encrypted (lib/oauth/keys/key-encryption.ts); this file never sees it in clear.
import type { PublicJwk, SigningAlg } from "@/lib/oauth/tokens/jwt";
import type { Db } from "./client";
import type { Prisma } from "./generated/client";

export interface SigningKeyRow {
  kid: string;
  alg: SigningAlg;
  publicJwk: PublicJwk;
  privateKeyEncrypted: string;
  createdUtc: Date;
  activatesUtc: Date;
  retiresUtc: Date | null;
  expiresUtc: Date | null;
}

type Tx = Prisma.TransactionClient | Db;

function toRow(r: {
  Kid: string;
  Alg: string;
  PublicJwk: unknown;
  PrivateKeyEncrypted: string;
  CreatedUtc: Date;
  ActivatesUtc: Date;
  RetiresUtc: Date | null;
  ExpiresUtc: Date | null;
}): SigningKeyRow {
  if (r.Alg !== "ES256" && r.Alg !== "RS256") throw new Error(`signing key ${r.Kid} has unsupported alg ${r.Alg}`);
  return {
    kid: r.Kid,
    alg: r.Alg,
    publicJwk: r.PublicJwk as PublicJwk,
    privateKeyEncrypted: r.PrivateKeyEncrypted,
    createdUtc: r.CreatedUtc,
    activatesUtc: r.ActivatesUtc,
    retiresUtc: r.RetiresUtc,
    expiresUtc: r.ExpiresUtc,
  };
}

/** Every stored key, oldest activation first. */
export async function listSigningKeys(db: Tx): Promise<SigningKeyRow[]> {
  const rows = await db.signingKey.findMany({ orderBy: [{ ActivatesUtc: "asc" }, { Kid: "asc" }] });
  return rows.map(toRow);
}

export async function insertSigningKey(db: Tx, key: Omit<SigningKeyRow, "createdUtc"> & { createdUtc?: Date }): Promise<void> {
  await db.signingKey.create({
    data: {
      Kid: key.kid,
      Alg: key.alg,
      PublicJwk: key.publicJwk as unknown as Prisma.InputJsonValue,
      PrivateKeyEncrypted: key.privateKeyEncrypted,
      CreatedUtc: key.createdUtc ?? new Date(),
      ActivatesUtc: key.activatesUtc,
      RetiresUtc: key.retiresUtc,
      ExpiresUtc: key.expiresUtc,
    },
  });
}

export async function scheduleKeyRetirement(db: Tx, kid: string, retiresUtc: Date, expiresUtc: Date): Promise<void> {
  await db.signingKey.update({ where: { Kid: kid }, data: { RetiresUtc: retiresUtc, ExpiresUtc: expiresUtc } });
}

/** Deletes keys whose tokens have all expired; returns how many. */
export async function deleteExpiredSigningKeys(db: Tx, now: Date): Promise<number> {
  const { count } = await db.signingKey.deleteMany({ where: { ExpiresUtc: { lte: now } } });
  return count;
}

/** Arbitrary constant: the advisory lock that serializes key generation across instances. */
const SIGNING_KEY_LOCK_ID = 727_002;

/** Runs `fn` in a transaction holding the signing-key lock (two instances starting at once create one key). */
export async function withSigningKeyLock<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SIGNING_KEY_LOCK_ID})`);
    return fn(tx);
  });
}
