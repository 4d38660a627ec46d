"use client";

import { useEffect, useRef } from "react";

/**
 * Opens and closes a <dialog> as a modal with `open`, and gives the focus back to the control
 * that had it when the dialog opened (the button that opened it), once it closes, if that
 * control is still on the page.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    }
    if (!open && d.open) {
      d.close();
      const back = opener.current;
      opener.current = null;
      if (back?.isConnected) back.focus();
    }
  }, [open]);
  return ref;
}
