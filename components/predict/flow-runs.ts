/**
 * The traces of every scenario of a flow at a seed, run in the browser on first use (the engine
 * loads lazily with them) and kept for the page's lifetime: predictions draw distractors from
 * them, and "check yourself" finds the step that shows an answer in them.
 */
import { loadTrace } from "@/machines/player";
import type { Trace } from "@/machines/trace";

const cache = new Map<string, Promise<Trace>>();

export function scenarioTrace(flow: string, scenario: string, seed: string): Promise<Trace> {
  const key = JSON.stringify([flow, scenario, seed]);
  let found = cache.get(key);
  if (!found) {
    found = loadTrace({ flow, scenario, seed });
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

export async function flowRuns(flow: string, scenarios: readonly string[], seed: string): Promise<Trace[]> {
  const runs: Trace[] = [];
  // One after another: each run is quick, and the page stays responsive between them.
  for (const scenario of scenarios) runs.push(await scenarioTrace(flow, scenario, seed));
  return runs;
}
