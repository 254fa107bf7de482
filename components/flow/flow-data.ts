/**
 * What the flow, presenter, audience and embed pages hand their client parts, computed when the
 * site is built (server only: it reads the flow registry and content, none of which ships to the
 * browser beyond this flow's own narration).
 */
import type { FlowInfo, NarrationTable } from "@/components/flow/flow-info";
import { findFlow as findSummary, type FlowSummary } from "@/content/flows";
import { narrationFor, type Narration } from "@/content/narration";
import { speakerNoteFor, type SpeakerNote } from "@/content/speaker-notes";
import { DEFAULT_SEED } from "@/machines/flow-url";
import { findFlow, type FlowId } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import { GRANTABLE_FLOWS } from "@/machines/stage";
import { STEPS } from "@/machines/steps";
import type { Trace } from "@/machines/trace";

/** A scenario id no flow uses, so narrationFor answers with the flow's own narration. */
const NO_SCENARIO = "\u0000flow";

export interface FlowPageData {
  /** The flow's words on the site (name, spec, summary), for the page around the player. */
  readonly summary: FlowSummary;
  readonly info: FlowInfo;
  /** The default scenario's trace with the default seed, recorded at build time. */
  readonly initial: Trace;
  readonly narration: NarrationTable;
}

/** This flow's narration only, looked up with narrationFor. */
export function narrationTable(flow: FlowId, scenarios: readonly string[]): NarrationTable {
  const steps: Record<string, Narration> = {};
  const byScenario: Record<string, Record<string, Narration>> = {};
  for (const stepId of Object.keys(STEPS)) {
    const shared = narrationFor(flow, NO_SCENARIO, stepId);
    if (shared) steps[stepId] = shared;
    for (const scenario of scenarios) {
      const own = narrationFor(flow, scenario, stepId);
      if (own && own !== shared) (byScenario[scenario] ??= {})[stepId] = own;
    }
  }
  return { steps, scenarios: byScenario };
}

/** This flow's speaker notes, step id → note (the presenter page only). */
export function speakerNotesTable(flow: FlowId): Readonly<Record<string, SpeakerNote>> {
  const notes: Record<string, SpeakerNote> = {};
  for (const stepId of Object.keys(STEPS)) {
    const note = speakerNoteFor(flow, stepId);
    if (note) notes[stepId] = note;
  }
  return notes;
}

export async function flowPageData(id: string): Promise<FlowPageData | undefined> {
  const flow = findFlow(id);
  const summary = findSummary(id);
  if (!flow || !summary) return undefined;
  const info: FlowInfo = {
    id: flow.id,
    name: summary.name,
    oauth21: summary.oauth21,
    scenarios: flow.scenarios.map((scenario) => ({
      id: scenario.id,
      title: scenario.title,
      ...(scenario.grantedScope ? { grantedScope: scenario.grantedScope } : {}),
    })),
    grantable: GRANTABLE_FLOWS.includes(flow.id),
  };
  const initial = await runFlow(flow, flow.scenarios[0]!, DEFAULT_SEED);
  return { summary, info, initial, narration: narrationTable(flow.id, flow.scenarios.map((scenario) => scenario.id)) };
}
