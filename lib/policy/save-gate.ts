// What a save needs, given the findings of the configuration being saved (issue 4): a
// `warning` needs the administrator's acknowledgement, an `error` a written justification.
// Both are stored with the audit event. The same function answers the form and the action.
import type { Finding } from "./types";

export const MIN_JUSTIFICATION_LENGTH = 15;

export interface SaveConsent {
  acknowledgeWarnings: boolean;
  justification: string | null;
}

export type SaveGate =
  | { ok: true; acknowledged: Finding[]; justification: string | null }
  | { ok: false; needs: "acknowledgement" | "justification"; message: string };

export function checkSaveGate(findings: readonly Finding[], consent: SaveConsent): SaveGate {
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  const justification = consent.justification?.trim() || null;
  if (errors.length > 0 && (justification?.length ?? 0) < MIN_JUSTIFICATION_LENGTH) {
    return {
      ok: false,
      needs: "justification",
      message: `This configuration has ${errors.length} error finding${errors.length === 1 ? "" : "s"}: the token endpoint will refuse the affected flows. Write a justification (at least ${MIN_JUSTIFICATION_LENGTH} characters) to save it anyway.`,
    };
  }
  if (warnings.length > 0 && !consent.acknowledgeWarnings) {
    return {
      ok: false,
      needs: "acknowledgement",
      message: `This configuration has ${warnings.length} warning${warnings.length === 1 ? "" : "s"}. Acknowledge them to save.`,
    };
  }
  return { ok: true, acknowledged: [...errors, ...warnings], justification: errors.length ? justification : null };
}
