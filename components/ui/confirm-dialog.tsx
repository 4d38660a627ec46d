"use client";

import { useId, type ReactNode } from "react";
import { Button } from "./button";
import { useModalDialog } from "./use-modal-dialog";

/** A modal confirmation built on <dialog> (focus trap, Escape to cancel, labelled; focus goes back to the opener). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = "primary",
  pending = false,
  confirmDisabled = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger";
  pending?: boolean;
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="mb-3 text-lg font-semibold">{title}</h2>
          <div className="space-y-3 text-sm">{children}</div>
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={onCancel} disabled={pending}>Cancel</Button>
            <Button variant={tone} onClick={onConfirm} pending={pending} disabled={confirmDisabled}>{confirmLabel}</Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
