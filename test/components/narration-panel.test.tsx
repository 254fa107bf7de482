import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NarrationPanel } from "@/components/flow/narration-panel";
import { narrationFor } from "@/content/narration";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";

afterEach(cleanup);

describe("NarrationPanel", () => {
  it("says the text describes the scenario as written when the learner changed the granted scopes", async () => {
    const flow = FLOWS["authorization-code"];
    const trace = await runFlow(flow, { ...flow.scenarios[0]!, grantedScope: ["order"] }, "demo");
    const step = trace.steps.find((candidate) => candidate.id === "token-response")!;
    const narration = narrationFor(flow.id, trace.scenario, step.id);
    const { container, rerender } = render(<NarrationPanel step={step} count={trace.steps.length} narration={narration} grantedScope={["order"]} />);
    expect(container.querySelector("[data-custom-grant]")?.textContent).toContain("You changed what the person grants (now: order)");
    rerender(<NarrationPanel step={step} count={trace.steps.length} narration={narration} />);
    expect(container.querySelector("[data-custom-grant]")).toBeNull();
    expect(screen.getByText(narration!.what)).toBeTruthy();
  });
});
