"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A moment in the reader's locale and time zone, with the exact UTC time on hover. The server
 * (which knows neither) renders UTC; the browser replaces it once hydrated.
 */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span className={className}>{iso}</span>;
  const utc = `${date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "")} UTC`;
  const text = hydrated ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : utc;
  return (
    <time dateTime={date.toISOString()} title={utc} className={className} suppressHydrationWarning>
      {text}
    </time>
  );
}
