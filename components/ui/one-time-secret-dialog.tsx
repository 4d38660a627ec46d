"use client";

import { useEffect, useId, useState, type ReactNode } from "react";
import { Button } from "./button";
import { useModalDialog } from "./use-modal-dialog";

/**
 * Shows a value that exists nowhere else once it is closed (a client secret, a provisional
 * password), with copy-to-clipboard. Losing it would leave a credential nobody knows, so the
 * dialog closes only through "I have stored the secret" and a second confirmation: Escape,
 * a click on the backdrop and the browser's own close requests do nothing.
 */
export function OneTimeSecretDialog({
  value,
  title,
  label,
  notice,
  children,
  onClose,
}: {
  /** The secret; null: the dialog is closed. */
  value: string | null;
  title: string;
  /** Accessible name of the field, e.g. "New client secret". */
  label: string;
  notice: ReactNode;
  children?: ReactNode;
  onClose: () => void;
}) {
  const open = value !== null;
  const ref = useModalDialog(open);
  const titleId = useId();
  const fieldId = useId();
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (!open) {
      setCopied(false);
      setConfirming(false);
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={open ? "one-time-secret-dialog" : undefined}
      // Escape: neither cancel nor close (the keydown's default is the close request).
      onKeyDown={(e) => {
        if (e.key === "Escape") e.preventDefault();
      }}
      onCancel={(e) => e.preventDefault()}
      // Should the browser close it anyway, it opens again while the secret is unconfirmed.
      onClose={() => {
        if (value !== null) ref.current?.showModal();
      }}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <div className="space-y-3 p-5 text-sm">
          <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
            {notice}
          </p>
          <div className="flex items-center gap-2">
            <label htmlFor={fieldId} className="sr-only">{label}</label>
            <input id={fieldId} readOnly value={value} className="input font-mono text-xs" data-testid="one-time-secret" onFocus={(e) => e.currentTarget.select()} />
            <Button
              variant="secondary"
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(value);
                  setCopied(true);
                } catch {
                  setCopied(false);
                }
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          {children}
          {confirming ? (
            <div role="group" aria-label="Confirm" className="space-y-2 rounded border border-slate-300 p-3 dark:border-slate-700">
              <p className="font-medium">Close this dialog? The value cannot be shown again; without it you must generate a new one.</p>
              <div className="flex justify-end gap-2">
                <Button variant="secondary" onClick={() => setConfirming(false)} autoFocus>Back</Button>
                <Button onClick={onClose}>Yes, close it</Button>
              </div>
            </div>
          ) : (
            <div className="flex justify-end">
              <Button onClick={() => setConfirming(true)}>I have stored the secret</Button>
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}
