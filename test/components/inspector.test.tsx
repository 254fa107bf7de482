import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Inspector } from "@/components/inspector/inspector";
import { toCurl } from "@/machines/curl";
import { FLOW_IDS, FLOWS } from "@/machines/flows";
import type { FlowId } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";
import { ROLE_NAMES } from "@/machines/trace";
import { PUBLIC_JWK } from "@/machines/world/tokens";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const traces = new Map<string, Trace>();

async function trace(flow: FlowId, scenario?: string): Promise<Trace> {
  const definition = FLOWS[flow];
  const chosen = scenario ? definition.scenarios.find((s) => s.id === scenario) : definition.scenarios[0];
  if (!chosen) throw new Error(`no scenario ${flow}/${scenario}`);
  const key = `${flow}/${chosen.id}`;
  if (!traces.has(key)) traces.set(key, await runFlow(definition, chosen, "demo"));
  return traces.get(key)!;
}

function indexOf(t: Trace, id: string, nth = 0): number {
  const found = t.steps.map((s, i) => (s.id === id ? i : -1)).filter((i) => i >= 0)[nth];
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
}

function openTab(name: RegExp) {
  fireEvent.click(screen.getByRole("tab", { name }));
  return screen.getByRole("tabpanel");
}

describe("Inspector: raw HTTP", () => {
  it("shows the token request as recorded, with its headers and body", async () => {
    const t = await trace("authorization-code-pkce");
    const step = t.steps[indexOf(t, "token-request")]!;
    render(<Inspector trace={t} index={step.index} />);
    const panel = screen.getByRole("tabpanel");
    const raw = within(panel).getByLabelText("Request: raw HTTP");
    expect(raw.textContent).toBe(
      `POST https://authorization-server.example/token HTTP/1.1\ncontent-type: application/x-www-form-urlencoded\n\n${step.request!.body}`,
    );
    expect(screen.getByRole("tab", { name: /HTTP/, selected: true })).toBeTruthy();
  });

  it("shows a response with the request it answers and pretty-prints its JSON", async () => {
    const t = await trace("authorization-code-pkce");
    const index = indexOf(t, "token-response");
    render(<Inspector trace={t} index={index} />);
    const response = screen.getByLabelText("Response: raw HTTP").textContent!;
    expect(response.startsWith("HTTP/1.1 200 OK\n")).toBe(true);
    expect(response).toContain(JSON.stringify(JSON.parse(t.steps[index]!.response!.body!), null, 2));
    const requestIndex = indexOf(t, "token-request");
    const answered = screen.getByText(`The request it answers (step ${requestIndex + 1})`).closest("details")!;
    expect(within(answered).getByLabelText(`Request of step ${requestIndex + 1}: raw HTTP`).textContent).toContain(t.steps[requestIndex]!.request!.body);
    expect(within(answered).getByRole("button", { name: "Copy as curl" })).toBeTruthy();
  });

  it("shows the authorization server's HTML page as text, never as markup", async () => {
    const t = await trace("authorization-code-pkce");
    const { container } = render(<Inspector trace={t} index={indexOf(t, "login-page")} />);
    expect(screen.getByLabelText("Response: raw HTTP").textContent).toContain("<form");
    expect(container.querySelector("form, input, style, iframe")).toBeNull();
  });

  it("keeps script in a recorded message inert", () => {
    const payload = `<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">`;
    const hostile: Trace = {
      flow: "authorization-code",
      scenario: "default",
      seed: "x",
      roles: ["client", "authorizationServer"],
      outcomes: [],
      steps: [
        {
          index: 0,
          id: "token-request",
          title: "t",
          from: "client",
          to: "authorizationServer",
          channel: "back",
          request: { method: "POST", url: `https://authorization-server.example/token?x=${payload}`, headers: [["x-evil", payload]], body: payload },
          artifacts: [{ kind: "access_token", value: payload, where: "header" }],
          checks: [{ id: "c", by: "client", label: payload, passed: false, expected: payload, actual: payload }],
          knowledge: { client: { state: [payload] } },
          reference: { rfc: "6749", section: "1" },
          time: 0,
        },
      ],
    };
    const { container } = render(<Inspector trace={hostile} index={0} />);
    for (const tab of [/HTTP/, /Token/, /PKCE/, /Who knows what/, /Checks/]) {
      openTab(tab);
      expect(container.querySelector("script, img")).toBeNull();
    }
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it("says a local step sends nothing over the network", async () => {
    const t = await trace("authorization-code-pkce");
    render(<Inspector trace={t} index={indexOf(t, "generate-pkce")} />);
    expect(screen.getByText(/Nothing goes over the network in this step/)).toBeTruthy();
  });

  it("shows a link handed over outside HTTP", async () => {
    const t = await trace("authorization-code", "csrf-state-checked");
    const index = indexOf(t, "csrf-link");
    render(<Inspector trace={t} index={index} />);
    expect(screen.getByLabelText("The link handed over").textContent).toBe(t.steps[index]!.link);
  });
});

describe("Inspector: copy as curl", () => {
  it("copies the curl command with the Clipboard API and confirms visibly", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const t = await trace("authorization-code-pkce");
    const index = indexOf(t, "api-request");
    render(<Inspector trace={t} index={index} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy as curl" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("✓ Copied"));
    expect(writeText).toHaveBeenCalledWith(toCurl(t.steps[index]!.request!));
  });

  it("without a clipboard, shows the command selected for the keyboard to copy", async () => {
    vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
    const t = await trace("authorization-code-pkce");
    const index = indexOf(t, "token-request");
    render(<Inspector trace={t} index={index} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy as curl" }));
    const command = await screen.findByLabelText("The request as a curl command");
    expect(command.textContent).toBe(toCurl(t.steps[index]!.request!));
    expect(screen.getByRole("status").textContent).toMatch(/Clipboard unavailable/);
    await waitFor(() => expect(window.getSelection()?.toString()).toBe(command.textContent));
    expect(document.activeElement).toBe(command);
  });

  it("shows and hides the command on request", async () => {
    const t = await trace("authorization-code-pkce");
    render(<Inspector trace={t} index={indexOf(t, "token-request")} />);
    const toggle = screen.getByRole("button", { name: "Show command" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(screen.getByRole("button", { name: "Hide command" }).getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByLabelText("The request as a curl command").textContent).toMatch(/^curl -i -X POST /);
  });
});

describe("Inspector: access token", () => {
  it("decodes the token of the token response and verifies it with the published key", async () => {
    const t = await trace("authorization-code-pkce");
    render(<Inspector trace={t} index={indexOf(t, "token-response")} />);
    const panel = openTab(/Token/);
    expect(within(panel).getByLabelText("Token header").textContent).toContain('"typ": "at+jwt"');
    expect(within(panel).getByLabelText("Token claims").textContent).toContain('"aud": "https://api.example"');
    expect(within(panel).getByText("expires in 900 s (15 min)")).toBeTruthy();
    expect(within(panel).getByText("2026-01-01 09:15:00 UTC")).toBeTruthy();
    await within(panel).findByText(/Signature verified with key/);
    expect(within(panel).getByText(PUBLIC_JWK.kid)).toBeTruthy();
    expect(within(panel).getByText(/Claims accepted at the step/)).toBeTruthy();
    expect(within(panel).getByText(/published on purpose/)).toBeTruthy();
  });

  it("reports the first token of the refresh flow expired when the client retries with it", async () => {
    const t = await trace("refresh-token");
    render(<Inspector trace={t} index={indexOf(t, "api-request", 1)} />);
    const panel = openTab(/Token/);
    expect(within(panel).getByText("⚠ expired 1 s ago", { normalizer: (s) => s.trim() })).toBeTruthy();
    await within(panel).findByText(/Claims rejected: "exp" claim timestamp check failed \(ERR_JWT_EXPIRED, claim exp\)/);
    expect(within(panel).getByText(/Signature verified with key/)).toBeTruthy();
  });

  it("says when there is no access token in the step", async () => {
    const t = await trace("authorization-code-pkce");
    render(<Inspector trace={t} index={0} />);
    expect(within(openTab(/Token/)).getByText(/No access token travels in this step/)).toBeTruthy();
  });

  it("shows the signature failure of a tampered token", async () => {
    const t = await trace("authorization-code-pkce");
    const index = indexOf(t, "api-request");
    const step = t.steps[index]!;
    const [header, payload, signature] = step.artifacts[0]!.value.split(".");
    const tampered = `${header}.${payload}.${signature!.startsWith("A") ? "B" : "A"}${signature!.slice(1)}`;
    const forged: Trace = { ...t, steps: t.steps.map((s, i) => (i === index ? { ...s, artifacts: [{ kind: "access_token", value: tampered, where: "header" }] } : s)) };
    render(<Inspector trace={forged} index={index} />);
    const panel = openTab(/Token/);
    await within(panel).findByText("Signature check failed: signature verification failed (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)");
  });

  it("calls a token that is not a JWT opaque and points to introspection", async () => {
    const t = await trace("authorization-code-pkce");
    const index = indexOf(t, "api-request");
    const opaque: Trace = { ...t, steps: t.steps.map((s, i) => (i === index ? { ...s, artifacts: [{ kind: "access_token", value: "kq3n8Yt2Xb0d9rLwZ1u7Hc", where: "header" }] } : s)) };
    render(<Inspector trace={opaque} index={index} />);
    const panel = openTab(/Token/);
    expect(within(panel).getByText("Opaque")).toBeTruthy();
    expect(panel.textContent).toMatch(/token introspection \(RFC 7662\)/);
  });
});

describe("Inspector: PKCE", () => {
  beforeAll(() => {
    expect(globalThis.crypto?.subtle).toBeDefined();
  });

  it("recomputes the S256 challenge from the verifier and finds it matches", async () => {
    const t = await trace("authorization-code-pkce");
    const index = indexOf(t, "generate-pkce");
    render(<Inspector trace={t} index={index} />);
    const panel = openTab(/PKCE/);
    const step = t.steps[index]!;
    expect(within(panel).getByLabelText("code_verifier").textContent).toBe(step.artifacts.find((a) => a.kind === "code_verifier")!.value);
    await within(panel).findByText("Matches");
    expect(within(panel).getByLabelText("Computed code_challenge").textContent).toBe(step.artifacts.find((a) => a.kind === "code_challenge")!.value);
    expect(within(panel).getByLabelText("SHA-256 digest in hex").textContent).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shows the wrong verifier failing to match the stored challenge", async () => {
    const t = await trace("authorization-code-pkce", "wrong-verifier");
    render(<Inspector trace={t} index={indexOf(t, "token-request")} />);
    const panel = openTab(/PKCE/);
    await within(panel).findByText("Does not match");
    expect(panel.textContent).toContain("invalid_grant");
  });

  it("explains why plain is weak", async () => {
    const t = await trace("authorization-code-pkce", "plain-method");
    render(<Inspector trace={t} index={indexOf(t, "generate-pkce")} />);
    const panel = openTab(/PKCE/);
    expect(within(panel).getByText("Identical")).toBeTruthy();
    expect(within(panel).getByText("Why plain is weak:")).toBeTruthy();
  });
});

describe("Inspector: who knows what", () => {
  it("lists every role of the trace in order, by display name, marking what is new", async () => {
    const t = await trace("authorization-code-pkce");
    const index = indexOf(t, "token-response");
    render(<Inspector trace={t} index={index} />);
    const panel = openTab(/Who knows what/);
    const headings = within(panel).getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(t.roles.map((r) => ROLE_NAMES[r]));
    const attacker = within(panel).getAllByRole("listitem").find((li) => li.textContent?.startsWith("Attacker"))!;
    expect(within(attacker).getByText("Knows nothing of this flow yet.")).toBeTruthy();
    const client = within(panel).getAllByRole("listitem").find((li) => li.textContent?.startsWith("Client"))!;
    expect(within(client).getByText("access_token")).toBeTruthy();
    expect(within(client).getAllByText("new").length).toBeGreaterThanOrEqual(2);
  });

  it("shortens long values and shows them whole on request", async () => {
    const t = await trace("authorization-code-pkce");
    const index = indexOf(t, "token-response");
    render(<Inspector trace={t} index={index} />);
    const panel = openTab(/Who knows what/);
    const token = t.steps[index]!.artifacts.find((a) => a.kind === "access_token")!.value;
    const button = within(panel).getByRole("button", { name: `show all of Client's access_token (${token.length} characters)` });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(within(panel).queryByText(token)).toBeNull();
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(within(panel).getByText(token)).toBeTruthy();
  });
});

describe("Inspector: checks", () => {
  it("shows a failed state check with icon and text, expected and actual", async () => {
    const t = await trace("authorization-code", "csrf-state-checked");
    const index = indexOf(t, "verify-callback");
    render(<Inspector trace={t} index={index} />);
    expect(screen.getByRole("tab", { name: /Checks ✗ 1 failed/ })).toBeTruthy();
    const panel = openTab(/Checks/);
    const check = t.steps[index]!.checks.find((c) => c.id === "state-matches")!;
    const item = panel.querySelector('[data-check="state-matches"]') as HTMLElement;
    expect(within(item).getByText("Failed")).toBeTruthy();
    expect(within(item).getByText(check.label)).toBeTruthy();
    expect(within(item).getByText(check.expected!)).toBeTruthy();
    expect(within(item).getByText(check.actual!)).toBeTruthy();
    expect(within(panel).getAllByText("Passed")).toHaveLength(2);
  });
});

describe("Inspector: tabs", () => {
  it("moves between tabs with the arrow keys and Home/End, without reaching the page's step keys", async () => {
    const t = await trace("authorization-code-pkce");
    const pageKeys = vi.fn();
    document.addEventListener("keydown", pageKeys);
    try {
      render(<Inspector trace={t} index={0} />);
      const first = screen.getByRole("tab", { name: /HTTP/ });
      first.focus();
      fireEvent.keyDown(first, { key: "ArrowRight" });
      expect(screen.getByRole("tab", { selected: true }).textContent).toMatch(/^Token/);
      expect(document.activeElement).toBe(screen.getByRole("tab", { selected: true }));
      fireEvent.keyDown(document.activeElement!, { key: "End" });
      expect(screen.getByRole("tab", { selected: true }).textContent).toMatch(/^Checks/);
      fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
      expect(screen.getByRole("tab", { selected: true }).textContent).toMatch(/^HTTP/);
      fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
      expect(screen.getByRole("tab", { selected: true }).textContent).toMatch(/^Checks/);
      expect(pageKeys).not.toHaveBeenCalled();
      const panel = screen.getByRole("tabpanel");
      expect(panel.getAttribute("aria-labelledby")).toBe(screen.getByRole("tab", { selected: true }).id);
    } finally {
      document.removeEventListener("keydown", pageKeys);
    }
  });

  it("keeps the chosen tab while the step changes", async () => {
    const t = await trace("authorization-code-pkce");
    const { rerender } = render(<Inspector trace={t} index={indexOf(t, "token-response")} />);
    openTab(/Token/);
    rerender(<Inspector trace={t} index={indexOf(t, "api-request")} />);
    expect(screen.getByRole("tab", { selected: true }).textContent).toMatch(/^Token/);
  });
});

describe("Inspector: every step of every flow", () => {
  it.each(FLOW_IDS)("renders each tab of each step of each scenario of %s", async (flow) => {
    for (const scenario of FLOWS[flow].scenarios) {
      const t = await trace(flow, scenario.id);
      const { rerender, unmount } = render(<Inspector trace={t} index={0} />);
      for (const tab of [/HTTP/, /Token/, /PKCE/, /Who knows what/, /Checks/]) {
        openTab(tab);
        for (let i = 0; i < t.steps.length; i++) {
          rerender(<Inspector trace={t} index={i} />);
          expect(screen.getByRole("tabpanel").textContent, `${flow}/${scenario.id} step ${i}`).not.toBe("");
        }
      }
      await act(async () => {});
      unmount();
    }
  }, 60_000);
});
