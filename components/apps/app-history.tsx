"use client";

import { useState, useTransition } from "react";
import { restoreAppVersionAction } from "@/lib/actions/restore-app-version";
import { DiffTable } from "@/components/audit/diff-table";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { SaveReviewDialog, type RiskReview } from "./save-review-dialog";
import { SecretDialog } from "./secret-dialog";
import { useRefreshAfterMutation } from "./use-refresh-after-mutation";

export interface HistoryEvent {
  Id: string;
  TimeUtc: string;
  ActorLogin: string;
  Action: string;
  TargetLabel: string | null;
  Diff: unknown;
  Justification: string | null;
  Acknowledged: unknown;
  hasSnapshot: boolean;
}

export function AppHistory({ id, version, events, canRestore }: { id: string; version: number; events: HistoryEvent[]; canRestore: boolean }) {
  const refresh = useRefreshAfterMutation();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [review, setReview] = useState<{ eventId: string; review: RiskReview } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const restore = (eventId: string, consent: { acknowledgeWarnings: boolean; justification: string | null }, preview: boolean) =>
    start(async () => {
      const r = await restoreAppVersionAction({ id, eventId, version, consent, preview });
      if (!r.ok) {
        toast("error", r.message);
        return;
      }
      if (!r.data.restored) {
        setReview({ eventId, review: r.data.review });
        return;
      }
      setReview(null);
      toast("success", "Earlier version restored as a new version.");
      if (r.data.secret) setSecret(r.data.secret);
      else refresh();
    });

  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h" className="mb-3 text-lg font-semibold">History</h2>
      <ol className="space-y-3">
        {events.map((e) => (
          <li key={e.Id} className="rounded-md border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900" data-testid="history-event">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div>
                <span className="font-semibold">{e.Action}</span> by <span className="font-medium">{e.ActorLogin}</span>{" "}
                <LocalTime iso={e.TimeUtc} className="text-slate-600 dark:text-slate-400" />
              </div>
              {canRestore && e.hasSnapshot && e.Action !== "app.delete" && (
                <Button variant="secondary" pending={pending && review?.eventId === e.Id} onClick={() => restore(e.Id, { acknowledgeWarnings: false, justification: null }, true)}>
                  Restore this version
                </Button>
              )}
            </div>
            <DiffTable diff={e.Diff} />
            {e.Justification && <p className="mt-2 text-xs"><span className="font-medium">Justification:</span> {e.Justification}</p>}
            {Array.isArray(e.Acknowledged) && e.Acknowledged.length > 0 && (
              <p className="mt-1 text-xs"><span className="font-medium">Acknowledged:</span> {(e.Acknowledged as { ruleId: string }[]).map((a) => a.ruleId).join(", ")}</p>
            )}
          </li>
        ))}
      </ol>
      <SaveReviewDialog
        review={review?.review ?? null}
        title="Restore this version?"
        confirmLabel="Restore"
        pending={pending}
        onCancel={() => setReview(null)}
        onConfirm={(consent) => review && restore(review.eventId, consent, false)}
      />
      <SecretDialog secret={secret} applicationUri="this application" onClose={() => { setSecret(null); refresh(); }} />
    </section>
  );
}
