"use client";

import { useCallback, useEffect, useRef } from "react";

export const UNSAVED_CHANGES_MESSAGE = "You have unsaved changes. Leave this page and lose them?";

/**
 * Warns before edits are lost while `dirty`: closing or reloading the tab (beforeunload) and
 * following any link of the console (a click on a same-origin <a>, caught before Next's router
 * sees it). Returns `confirmLeave()` for the form's own ways out (Cancel), and `release()` for
 * a leave that loses nothing (after a save).
 */
export function useUnsavedChanges(dirty: boolean) {
  const released = useRef(false);
  const guarding = dirty && !released.current;
  const guardingRef = useRef(guarding);
  guardingRef.current = guarding;

  useEffect(() => {
    if (!guarding) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!guardingRef.current) return;
      e.preventDefault();
      e.returnValue = ""; // older browsers need a value to show their prompt
    };
    const onClick = (e: MouseEvent) => {
      if (!guardingRef.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return; // leaving the site: beforeunload asks
      if (url.pathname === window.location.pathname && url.search === window.location.search) return; // same page (a #fragment)
      if (window.confirm(UNSAVED_CHANGES_MESSAGE)) {
        released.current = true;
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true); // capture: before Next's <Link> handles it
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [guarding]);

  const confirmLeave = useCallback(() => {
    if (!guardingRef.current) return true;
    const ok = window.confirm(UNSAVED_CHANGES_MESSAGE);
    if (ok) released.current = true;
    return ok;
  }, []);
  const release = useCallback(() => {
    released.current = true;
    guardingRef.current = false;
  }, []);
  return { confirmLeave, release };
}
