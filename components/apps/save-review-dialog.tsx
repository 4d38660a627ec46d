"use client";

import { useState } from "react";
import type { Finding } from "@/lib/policy/types";
import { checkSaveGate, MIN_JUSTIFICATION_LENGTH, warningsToAcknowledge } from "@/lib/policy/save-gate";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FindingsList } from "./findings-list";

export interface RiskReview {
  findings: Finding[];
  /** The findings of the version being replaced: its warnings were accepted already. */
  before: Finding[];
  added: Finding[];
  cleared: Finding[];
}

/**
 * The risk diff shown before a save or a restore: what the change adds and clears, and the
 * consent the policy asks for (acknowledge warnings, justify errors). The server checks the
 * same gate again.
 */
export function SaveReviewDialog({
  review,
  title,
  confirmLabel,
  pending,
  onConfirm,
  onCancel,
}: {
  review: RiskReview | null;
  title: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: (consent: { acknowledgeWarnings: boolean; justification: string | null }) => void;
  onCancel: () => void;
}) {
  const [ack, setAck] = useState(false);
  const [justification, setJustification] = useState("");
  const findings = review?.findings ?? [];
  const hasErrors = findings.some((f) => f.severity === "error");
  const before = review?.before ?? [];
  const newWarnings = warningsToAcknowledge(findings, before).length;
  const hasWarnings = newWarnings > 0;
  const consent = { acknowledgeWarnings: ack, justification: justification.trim() || null };
  const gate = checkSaveGate(findings, consent, before);
  const reset = () => {
    setAck(false);
    setJustification("");
  };
  return (
    <ConfirmDialog
      open={review !== null}
      title={title}
      confirmLabel={confirmLabel}
      tone={hasErrors ? "danger" : "primary"}
      pending={pending}
      confirmDisabled={!gate.ok}
      onCancel={() => {
        reset();
        onCancel();
      }}
      onConfirm={() => {
        onConfirm(consent);
        reset();
      }}
    >
      <div data-testid="risk-diff" className="max-h-[50vh] space-y-3 overflow-y-auto">
        <section>
          <h3 className="font-semibold">Findings this change adds ({review?.added.length ?? 0})</h3>
          <FindingsList findings={review?.added ?? []} emptyText="None." />
        </section>
        <section>
          <h3 className="font-semibold">Findings this change clears ({review?.cleared.length ?? 0})</h3>
          <FindingsList findings={review?.cleared ?? []} emptyText="None." />
        </section>
        <p className="text-slate-700 dark:text-slate-300">
          After the change: {findings.filter((f) => f.severity === "error").length} errors, {findings.filter((f) => f.severity === "warning").length} warnings, {findings.filter((f) => f.severity === "info").length} advice.
        </p>
      </div>
      {hasWarnings && (
        <label className="flex items-start gap-2">
          <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} className="mt-1" />
          <span>I acknowledge the {newWarnings === 1 ? "new warning" : `${newWarnings} new warnings`} of this change (recorded in the audit log).</span>
        </label>
      )}
      {hasErrors && (
        <div>
          <label htmlFor="justification" className="block font-medium">Justification for saving with errors (recorded in the audit log)</label>
          <textarea
            id="justification"
            className="input mt-1"
            rows={3}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            aria-describedby="justification-help"
          />
          <p id="justification-help" className="text-xs text-slate-600 dark:text-slate-400">
            At least {MIN_JUSTIFICATION_LENGTH} characters. The token endpoint will still refuse the flows these errors concern.
          </p>
        </div>
      )}
    </ConfirmDialog>
  );
}
