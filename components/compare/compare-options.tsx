"use client";

import { useState, type FormEvent } from "react";
import { compareText } from "@/content/compare";
import type { FlowSummary } from "@/content/flows";
import { MAX_FLOWS, STEP_MODES, type StepMode } from "@/machines/compare";

/** Together (phase by phase) or each flow on its own. */
export function ModeSwitch({ mode, onChange }: { mode: StepMode; onChange: (mode: StepMode) => void }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-xs font-semibold tracking-wide text-muted uppercase">{compareText.modeLegend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {STEP_MODES.map((value) => (
          <label
            key={value}
            className="inline-flex h-9 cursor-pointer items-center gap-1.5 rounded-lg border border-line bg-surface-raised px-3 text-sm text-foreground has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent"
          >
            <input type="radio" name="compare-mode" value={value} checked={mode === value} onChange={() => onChange(value)} data-mode={value} className="accent-[var(--accent)]" />
            {compareText.modes[value]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Which flows to compare: two or three pickers; the third may be left empty. */
export function FlowPickers({ flows, all, onApply }: { flows: readonly string[]; all: readonly FlowSummary[]; onApply: (flows: string[]) => void }) {
  const [chosen, setChosen] = useState<string[]>(() => Array.from({ length: MAX_FLOWS }, (_, column) => flows[column] ?? ""));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(chosen.filter((flow) => flow !== ""));
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-1">
      <fieldset className="flex flex-col gap-1">
        <legend className="text-xs font-semibold tracking-wide text-muted uppercase">{compareText.flowsLegend}</legend>
        <div className="flex flex-wrap items-end gap-1.5">
          {chosen.map((value, column) => (
            <label key={column} className="flex min-w-0 flex-col text-xs text-muted">
              <span className="sr-only">{compareText.flowLabel(column)}</span>
              <select
                value={value}
                data-flow-picker={column}
                onChange={(event) => setChosen((current) => current.map((flow, index) => (index === column ? event.target.value : flow)))}
                className="h-9 max-w-[14rem] min-w-0 rounded-lg border border-line bg-surface-raised px-2 text-sm text-foreground"
              >
                {column >= 2 ? <option value="">{compareText.noFlow}</option> : null}
                {all.map((flow) => (
                  <option key={flow.id} value={flow.id}>
                    {flow.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button type="submit" className="h-9 rounded-lg border border-line bg-surface-raised px-3 text-sm font-medium text-foreground hover:border-accent hover:text-accent">
            {compareText.apply}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
