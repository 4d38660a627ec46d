"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Shows a freshly generated client secret exactly once, with copy-to-clipboard. */
export function SecretDialog({ secret, applicationUri, note, onClose }: { secret: string | null; applicationUri: string; note?: string; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <ConfirmDialog
      open={secret !== null}
      title="Copy the new client secret now"
      confirmLabel="I have stored it"
      onConfirm={() => {
        setCopied(false);
        onClose();
      }}
      onCancel={() => {
        setCopied(false);
        onClose();
      }}
    >
      <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
        This is the only time the secret of <code>{applicationUri}</code> is shown. Only its SHA-256 hash is stored: if you lose it, rotate again.
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor="new-secret" className="sr-only">New client secret</label>
        <input id="new-secret" readOnly value={secret ?? ""} className="input font-mono text-xs" data-testid="new-secret" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret ?? "");
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      {note && <p>{note}</p>}
    </ConfirmDialog>
  );
}
