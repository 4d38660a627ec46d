// The findings of a proposed configuration, linted with the fleet (so shared SystemUsers and
// duplicate redirect URIs are seen), and the risk diff against what is stored now.
import { buildFleetFacts, diffFindings, lintApp } from "@/lib/policy";
import { policyOptions } from "@/lib/env";
import type { Finding, PolicyApp } from "@/lib/policy/types";
import type { Db } from "@/lib/db/client";
import { getFleet } from "@/lib/db/fleet";
import { toPolicyApp as rowToPolicyApp } from "@/lib/db/apps";
import { toPolicyApp, type TrustedApplicationInput } from "@/lib/schemas/trusted-application";

export interface ProposedReview {
  findings: Finding[];
  before: Finding[];
  added: Finding[];
  cleared: Finding[];
}

export async function reviewProposed(db: Db, input: TrustedApplicationInput, currentId: string | null): Promise<ProposedReview> {
  const fleet = await getFleet(db);
  const current = currentId ? fleet.byId.get(currentId) : undefined;
  const systemUser = input.SystemUserLogin
    ? await db.user.findUnique({ where: { Login: input.SystemUserLogin }, select: { Login: true, IsActive: true, IsAdministrator: true } })
    : null;
  const proposed: PolicyApp = toPolicyApp(input, {
    // Saving generates a secret for a Confidential client that has none and removes it from a
    // Public one (lib/db/app-mutations.ts), so the proposal is linted as it will be stored.
    HasApplicationSecret: input.ClientType === "Confidential",
    SecretCreatedUtc: input.ClientType === "Confidential" ? (current?.row.ApplicationSecretCreatedUtc ?? new Date()) : null,
    SystemUser: systemUser,
  });
  const others = fleet.entries.filter((e) => e.row.Id !== currentId).map((e) => rowToPolicyApp(e.row));
  const opts = policyOptions();
  const findings = lintApp(proposed, { ...opts, fleet: buildFleetFacts([...others, proposed]) });
  const before = current?.findings ?? [];
  return { findings, before, ...diffFindings(before, findings) };
}
