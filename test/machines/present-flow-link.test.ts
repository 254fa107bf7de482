import { describe, expect, it } from "vitest";
import { parseFlowUrl } from "@/machines/flow-url";
import { presentFlowHref } from "@/machines/present-flow-link";

describe("presentFlowHref", () => {
  const shown = { flow: "authorization-code-pkce", scenario: "code-expired", seed: "class-7", step: 5 };

  it("writes the presenter's address as the flow page writes its query", () => {
    expect(presentFlowHref(shown)).toBe("/present/authorization-code-pkce?scenario=code-expired&step=5&seed=class-7");
  });

  it("adds view and session for an audience window, and the query still reads back", () => {
    const href = presentFlowHref(shown, { session: "s1" });
    expect(href).toBe("/present/authorization-code-pkce?scenario=code-expired&step=5&seed=class-7&view=audience&session=s1");
    const { location } = parseFlowUrl(href.slice(href.indexOf("?")), { scenarios: [{ id: "default", title: "" }, { id: "code-expired", title: "" }], grantable: false });
    expect(location).toMatchObject({ scenario: "code-expired", step: 5, seed: "class-7" });
  });
});
