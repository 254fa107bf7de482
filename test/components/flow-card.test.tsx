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

  it("links the whole card to the flow's simulator, named by the flow", () => {
    expect(flows).toHaveLength(7);
    for (const f of flows) {
      const { unmount } = render(<FlowCard flow={f} />);
      const links = screen.getAllByRole("link");
      expect(links).toHaveLength(1);
      expect(links[0]!.getAttribute("href")).toBe(`/flows/${f.id}`);
      expect(screen.getByRole("link", { name: f.name })).toBe(links[0]);
      // The link's hit area is stretched over the card (a positioned ::after on the link).
      expect(links[0]!.className).toMatch(/after:absolute/);
      expect(screen.getByRole("article").className).toMatch(/\brelative\b/);
      unmount();
    }
  });

  it("says how many what-ifs a flow has, when told", () => {
    render(<FlowCard flow={flow("authorization-code")} whatIfs={6} />);
    expect(screen.getByText("6 what-ifs to try")).toBeTruthy();
    cleanup();
    render(<FlowCard flow={flow("password")} whatIfs={1} />);
    expect(screen.getByText("1 what-if to try")).toBeTruthy();
  });
});
