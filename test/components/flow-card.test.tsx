import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { FlowCard } from "@/components/flow-card";
import { findFlow, flows } from "@/content/flows";

afterEach(cleanup);

function flow(id: string) {
  const found = findFlow(id);
  if (!found) throw new Error(`no flow ${id}`);
  return found;
}

describe("FlowCard", () => {
  it("shows the flow's name as a heading, its id and its one-line summary", () => {
    const pkce = flow("authorization-code-pkce");
    render(<FlowCard flow={pkce} />);
    const card = screen.getByRole("article", { name: pkce.name });
    expect(within(card).getByRole("heading", { level: 3 }).textContent).toBe(pkce.name);
    expect(within(card).getByText("authorization-code-pkce")).toBeTruthy();
    expect(within(card).getByText(pkce.summary)).toBeTruthy();
  });

  it("marks implicit with a deprecated badge", () => {
    render(<FlowCard flow={flow("implicit")} />);
    const badge = screen.getByText("Deprecated by OAuth 2.1");
    expect(badge.getAttribute("data-status")).toBe("deprecated");
  });

  it("shows no deprecated badge on a flow OAuth 2.1 keeps", () => {
    render(<FlowCard flow={flow("authorization-code-pkce")} />);
    expect(screen.queryByText(/deprecated/i)).toBeNull();
    expect(screen.getByText("OAuth 2.1: recommended")).toBeTruthy();
  });

  it("is rendered for each of the seven flows without a link anywhere", () => {
    expect(flows).toHaveLength(7);
    for (const f of flows) {
      const { container, unmount } = render(<FlowCard flow={f} />);
      expect(container.querySelector("a")).toBeNull();
      unmount();
    }
  });
});
