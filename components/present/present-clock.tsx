"use client";

import { useState, useSyncExternalStore } from "react";
import { presentText } from "@/content/present";

function everySecond(callback: () => void): () => void {
  const timer = window.setInterval(callback, 1000);
  return () => window.clearInterval(timer);
}

const nowInSeconds = () => Math.floor(Date.now() / 1000);
const notYet = () => 0;

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/** The time of day and how long the presenter's window has been open (presenter only). */
export function PresentClock() {
  const now = useSyncExternalStore(everySecond, nowInSeconds, notYet);
  const [start] = useState(nowInSeconds);
  if (now === 0) return <p className="font-mono text-lg text-muted tabular-nums">--:--</p>;
  const date = new Date(now * 1000);
  const elapsed = Math.max(0, now - start);
  return (
    <p className="flex items-baseline gap-3 font-mono text-lg text-foreground tabular-nums" data-present-clock>
      <span>
        <span className="sr-only">{presentText.clock}: </span>
        {twoDigits(date.getHours())}:{twoDigits(date.getMinutes())}
      </span>
      <span className="text-muted">
        <span className="sr-only">{presentText.elapsed} </span>
        {twoDigits(Math.floor(elapsed / 60))}:{twoDigits(elapsed % 60)}
      </span>
    </p>
  );
}
