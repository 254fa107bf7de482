/** What the flow page's server part hands the player: plain data, no engine code. */
import type { Narration } from "@/content/narration";
import type { Oauth21Status } from "@/content/flows";

export interface ScenarioInfo {
  readonly id: string;
  readonly title: string;
  /** The scopes this scenario's person leaves ticked, if it says (undefined: all the page offers). */
  readonly grantedScope?: readonly string[];
}

export interface FlowInfo {
  readonly id: string;
  readonly name: string;
  readonly oauth21: Oauth21Status;
  /** The first scenario is the default path. */
  readonly scenarios: readonly ScenarioInfo[];
  /** Whether the learner can change what the consent page grants. */
  readonly grantable: boolean;
}

/** The narration of one flow, as narrationFor answers it: for every scenario, then for the flow. */
export interface NarrationTable {
  /** Step id → narration, when the scenario says nothing different. */
  readonly steps: Readonly<Record<string, Narration>>;
  /** Scenario id → step id → narration that differs from the flow's. */
  readonly scenarios: Readonly<Record<string, Readonly<Record<string, Narration>>>>;
}

export function narrationIn(table: NarrationTable, scenario: string, stepId: string): Narration | undefined {
  return table.scenarios[scenario]?.[stepId] ?? table.steps[stepId];
}
