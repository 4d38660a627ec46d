// What a save needs, given the findings of the configuration being saved (issue 4): a
// `warning` needs the administrator's acknowledgement, an `error` a written justification.
// Both are stored with the audit event. The same function answers the form and the action.
import { diffFindings } from "./findings";
import type { Finding } from "./types";

export const MIN_JUSTIFICATION_LENGTH = 15;

export interface SaveConsent {
  acknowledgeWarnings: boolean;
  justification: string | null;
}

export type SaveGate =
  | { ok: true; acknowledged: Finding[]; justification: string | null }
  | { ok: false; needs: "acknowledgement" | "justification"; message: string };

/**
 * `accepted`: the findings of the version being replaced (empty for a new app). A warning
 * that is among them, unchanged (same rule, field and message), was accepted when that version
 * was saved and is not asked about again; only new or changed warnings need the
 * acknowledgement. Errors always need the justification.
 */
export function checkSaveGate(findings: readonly Finding[], consent: SaveConsent, accepted: readonly Finding[] = []): SaveGate {
  const errors = findings.filter((f) => f.severity === "error");
  const newWarnings = warningsToAcknowledge(findings, accepted);
  const justification = consent.justification?.trim() || null;
  if (errors.length > 0 && (justification?.length ?? 0) < MIN_JUSTIFICATION_LENGTH) {
    return {
      ok: false,
      needs: "justification",
      message: `This configuration has ${errors.length} error finding${errors.length === 1 ? "" : "s"}: the token endpoint will refuse the affected flows. Write a justification (at least ${MIN_JUSTIFICATION_LENGTH} characters) to save it anyway.`,
    };
  }
  if (newWarnings.length > 0 && !consent.acknowledgeWarnings) {
    return {
      ok: false,
      needs: "acknowledgement",
      message: `This change brings ${newWarnings.length} new warning${newWarnings.length === 1 ? "" : "s"}. Acknowledge ${newWarnings.length === 1 ? "it" : "them"} to save.`,
    };
  }
  return { ok: true, acknowledged: [...errors, ...newWarnings], justification: errors.length ? justification : null };
}

/** The warnings a save would ask to acknowledge: those not accepted with the version it replaces. */
export function warningsToAcknowledge(findings: readonly Finding[], accepted: readonly Finding[] = []): Finding[] {
  return diffFindings(accepted, findings).added.filter((f) => f.severity === "warning");
}
