"use client";

import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { SPEEDS, type PlayerEvent } from "@/machines/player";
import type { Tone } from "@/machines/stage";
import { Icon, type IconName } from "./icons";

function ControlButton({
  icon,
  label,
  keys,
  onClick,
  disabled,
  primary,
}: {
  icon: IconName;
  label: string;
  keys?: string;
  onClick: () => void;
  disabled?: boolean;
  primary?: boolean;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      aria-keyshortcuts={keys}
      title={keys ? `${label} (${keys.replace("ArrowLeft", "←").replace("ArrowRight", "→")})` : label}
      className={cn(
        "inline-flex size-10 shrink-0 items-center justify-center rounded-lg border transition-colors disabled:cursor-not-allowed disabled:opacity-40",
        primary
          ? "border-accent bg-accent text-accent-foreground hover:opacity-90"
          : "border-line bg-surface-raised text-foreground hover:border-accent hover:text-accent",
      )}
    >
      <Icon name={icon} className={primary ? "size-5" : "size-4.5"} />
    </button>
  );
}

/**
 * Back, play/pause, next, restart, speed and a scrubber over every step; below them the polite
 * live region that reads "Step N of M: title" whenever the step changes.
 */
export function PlayerControls({
  index,
  count,
  title,
  tones,
  changed,
  playing,
  speed,
  ready,
  send,
}: {
  index: number;
  count: number;
  title?: string;
  tones: readonly Tone[];
  /** Steps that differ from the run without the learner's edits. */
  changed?: readonly number[];
  playing: boolean;
  speed: number;
  ready: boolean;
  send: (event: PlayerEvent) => void;
}) {
  const speedId = useId();
  const scrubberId = useId();
  const isChanged = changed?.includes(index) ?? false;
  const status = ready && title !== undefined ? `Step ${index + 1} of ${count}: ${title}${isChanged ? " (changed by your edit)" : ""}` : "Loading the flow…";
  return (
    <div
      role="group"
      aria-label="Playback"
      className="-mx-4 border-y border-line bg-background px-4 py-1.5 sm:-mx-6 sm:px-6"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="flex items-center gap-1.5">
          <ControlButton icon="restart" label="Restart" onClick={() => send({ type: "FIRST" })} disabled={!ready || (index === 0 && !playing)} keys="Home" />
          <ControlButton icon="back" label="Back" onClick={() => send({ type: "BACK" })} disabled={!ready || index === 0} keys="ArrowLeft" />
          <ControlButton
            icon={playing ? "pause" : "play"}
            label={playing ? "Pause" : "Play"}
            onClick={() => send({ type: playing ? "PAUSE" : "PLAY" })}
            disabled={!ready}
            keys="Space"
            primary
          />
          <ControlButton icon="next" label="Next" onClick={() => send({ type: "NEXT" })} disabled={!ready || index >= count - 1} keys="ArrowRight" />
        </div>
        <div className="flex items-center gap-1.5 text-sm">
          <label htmlFor={speedId} className="text-muted">
            Speed
          </label>
          <select
            id={speedId}
            value={speed}
            onChange={(event) => send({ type: "SET_SPEED", speed: Number(event.target.value) })}
            className="h-9 rounded-md border border-line bg-surface-raised px-1.5 text-sm text-foreground"
          >
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                {value}×
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-[12rem] flex-1 flex-col justify-center gap-1">
          <label htmlFor={scrubberId} className="sr-only">
            Step
          </label>
          <input
            id={scrubberId}
            type="range"
            min={1}
            max={Math.max(1, count)}
            step={1}
            value={ready ? index + 1 : 1}
            disabled={!ready}
            aria-valuetext={status}
            onChange={(event) => send({ type: "GOTO", index: Number(event.target.value) - 1 })}
            className="h-5 w-full cursor-pointer accent-[var(--accent)] disabled:cursor-not-allowed"
          />
          <div className="flex h-1.5 gap-px px-[7px]" aria-hidden="true">
            {tones.map((tone, i) => (
              <span
                key={i}
                className={cn(
                  "flex-1 rounded-full",
                  tone === "error" ? "bg-[var(--tone-error)]" : tone === "wait" ? "bg-[var(--tone-wait)]" : "bg-line",
                  i === index && tone === "ok" && "bg-accent",
                  i === index && "scale-y-150",
                  changed?.includes(i) && "flow-scrub-changed",
                )}
              />
            ))}
          </div>
        </div>
      </div>
      <p
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-live-region
        className="mt-1 truncate text-sm font-medium text-foreground"
        title={status}
      >
        {status}
      </p>
    </div>
  );
}
