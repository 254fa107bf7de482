/** Every flow by its id: the one registry the site, the CLI and the tests read. */
import { authorizationCodeFlow } from "./authorization-code";
import type { FlowDefinition, FlowId, Scenario } from "./types";

export type { FlowDefinition, FlowId, Scenario } from "./types";
export { FLOW_IDS } from "./types";

export const FLOWS: Partial<Record<FlowId, FlowDefinition<Scenario>>> = {
  "authorization-code": authorizationCodeFlow as FlowDefinition<Scenario>,
};

export function findFlow(id: string): FlowDefinition<Scenario> | undefined {
  return (FLOWS as Record<string, FlowDefinition<Scenario> | undefined>)[id];
}
