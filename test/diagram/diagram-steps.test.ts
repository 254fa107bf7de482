/**
 * The panel marks the current step in the drawn diagram by mermaid's statement number (the
 * data-id="i<n>" mermaid puts on each message and note). These tests tie the numbering the panel
 * computes from the source to the numbering mermaid's own parser gives, for every flow and scenario.
 */
import mermaid from "mermaid";
import { describe, expect, it } from "vitest";
import { statementSelector, stepStatements } from "@/components/diagram/diagram-steps";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import { toMermaid } from "@/machines/trace-format";

interface ParsedStatement {
  readonly id: string;
  readonly message?: string;
}

async function statementsOf(source: string): Promise<ParsedStatement[]> {
  // parse() registers mermaid's diagram types (and checks the source) before the diagram is built.
  await expect(mermaid.parse(source)).resolves.toMatchObject({ diagramType: "sequence" });
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
  return (diagram.db as unknown as { getMessages(): ParsedStatement[] }).getMessages();
}

const CASES = Object.values(FLOWS).flatMap((flow) => flow.scenarios.map((scenario) => ({ flow, scenario })));

describe("step statements in the sequence diagram", () => {
  it.each(CASES.map(({ flow, scenario }) => [`${flow.id} / ${scenario.id}`, flow, scenario] as const))(
    "%s: every step is found, in order, at the statement mermaid numbers it",
    async (_name, flow, scenario) => {
      const trace = await runFlow(flow, scenario, "demo");
      const source = toMermaid(trace);
      const found = stepStatements(source);
      const parsed = await statementsOf(source);
      expect([...found.keys()]).toEqual(trace.steps.map((step) => step.index));
      let previous = -1;
      for (const step of trace.steps) {
        const statement = found.get(step.index)!;
        expect(statement).toBeGreaterThan(previous);
        previous = statement;
        const drawn = parsed[statement];
        expect(drawn?.id).toBe(String(statement));
        expect(drawn?.message ?? "").toMatch(new RegExp(`^${step.index + 1}\\. `));
      }
    },
  );

  it("ignores declarations and counts rect and end blocks as statements", () => {
    const source = [
      "sequenceDiagram",
      "  participant a as A",
      "  participant b as B",
      "  a->>b: 1. first",
      "  rect rgb(255, 228, 228)",
      "  b--xa: 2. ✗ refused",
      "  end",
      "  Note over a: 3. thinks",
      "  Note over b: ✓ resource 200: done",
    ].join("\n");
    expect([...stepStatements(source)]).toEqual([
      [0, 0],
      [1, 2],
      [2, 4],
    ]);
  });

  it("selects a message's line or a note's group by statement number", () => {
    expect(statementSelector(7)).toBe('[data-et="message"][data-id="i7"], [data-et="note"][data-id="i7"]');
  });
});
