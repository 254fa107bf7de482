/** The address of a flow in presenter mode (/present/<flow>); an audience window adds view and session. */
import { serializeFlowUrl } from "./flow-url";
import type { ShownFlow } from "./presentation-sync";

export function presentFlowHref(shown: Pick<ShownFlow, "flow" | "scenario" | "seed" | "step">, audience?: { session: string }): string {
  const query = serializeFlowUrl({ scenario: shown.scenario, step: shown.step, seed: shown.seed });
  return `/present/${encodeURIComponent(shown.flow)}${query}${audience ? `&view=audience&session=${audience.session}` : ""}`;
}
