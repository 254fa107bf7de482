/**
 * `npm run trace`: the CLI run as a real child process (tsx scripts/trace.ts …, as npm runs it),
 * once per behaviour — each spawn costs about a second, so they run together, up front. Cases that
 * need no process (usage, a missing flow) call the same `runCli` in-process.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { FlowDefinition, Scenario } from "@/machines/flows";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import { toMermaid, toText } from "@/machines/trace-format";
import { runCli } from "@/scripts/trace";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function trace(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(TSX, ["scripts/trace.ts", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

const flow = FLOWS["authorization-code"]!;
const REGISTERED = Object.values(FLOWS).filter((candidate): candidate is FlowDefinition<Scenario> => candidate !== undefined);

let runs: Record<"text" | "json" | "mermaid" | "unknownFlow" | "unknownScenario" | "unknownFormat", Run>;

beforeAll(async () => {
  const [text, json, mermaid, unknownFlow, unknownScenario, unknownFormat] = await Promise.all([
    trace("authorization-code"),
    trace("authorization-code", "--format", "json"),
    trace("authorization-code", "--scenario", "code-expired", "--seed", "cli-seed", "--format=mermaid"),
    trace("no-such-flow"),
    trace("authorization-code", "--scenario", "no-such-scenario"),
    trace("authorization-code", "--format", "yaml"),
  ]);
  runs = { text, json, mermaid, unknownFlow, unknownScenario, unknownFormat };
}, 60_000);

describe("npm run trace", () => {
  it("prints the default scenario with seed demo as a numbered step list by default", async () => {
    expect(runs.text.code).toBe(0);
    expect(runs.text.stderr).toBe("");
    expect(runs.text.stdout).toBe(toText(await runFlow(flow, flow.scenarios[0]!, "demo")));
    expect(runs.text.stdout).toMatch(/^authorization-code · default · seed "demo"\n/);
    expect(runs.text.stdout).toContain(" 1. Resource owner clicks “Sign in”  [start-login]");
    expect(runs.text.stdout).toMatch(/Outcomes:\n.*Client: ✓ resource 200/s);
  });

  it("prints --format json as the Trace itself, indented by two spaces, equal to runFlow's", async () => {
    expect(runs.json.code).toBe(0);
    const expected = await runFlow(flow, flow.scenarios[0]!, "demo");
    expect(JSON.parse(runs.json.stdout)).toEqual(expected);
    expect(runs.json.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it("prints --format mermaid for the --scenario and --seed asked for", async () => {
    expect(runs.mermaid.code).toBe(0);
    const scenario = flow.scenarios.find((candidate) => candidate.id === "code-expired")!;
    expect(runs.mermaid.stdout).toBe(toMermaid(await runFlow(flow, scenario, "cli-seed")));
    expect(runs.mermaid.stdout).toMatch(/^sequenceDiagram\n {2}participant resourceOwner as /);
  });

  it("refuses an unknown flow with exit code 2, listing the valid flow ids", () => {
    expect(runs.unknownFlow.code).toBe(2);
    expect(runs.unknownFlow.stdout).toBe("");
    expect(runs.unknownFlow.stderr).toContain('unknown flow "no-such-flow"');
    for (const registered of REGISTERED) expect(runs.unknownFlow.stderr).toContain(registered.id);
  });

  it("refuses an unknown scenario with exit code 2, listing the flow's scenarios", () => {
    expect(runs.unknownScenario.code).toBe(2);
    expect(runs.unknownScenario.stderr).toContain('unknown scenario "no-such-scenario"');
    expect(runs.unknownScenario.stderr).toContain(`Valid scenarios: ${flow.scenarios.map((scenario) => scenario.id).join(", ")}`);
  });

  it("refuses an unknown format with exit code 2, listing json, text and mermaid", () => {
    expect(runs.unknownFormat.code).toBe(2);
    expect(runs.unknownFormat.stderr).toContain('unknown format "yaml"');
    expect(runs.unknownFormat.stderr).toMatch(/Valid formats: text, json, mermaid/);
  });
});

describe("runCli (the same CLI, in-process)", () => {
  it("asks for a flow when none is given, listing them, with exit code 2", async () => {
    const result = await runCli([]);
    expect(result.exitCode).toBe(2);
    for (const registered of REGISTERED) expect(result.stderr).toContain(registered.id);
  });

  it("prints usage for --help, with every flow and its scenarios", async () => {
    const result = await runCli(["--help"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run trace -- <flow> \[--scenario <name>\] \[--seed <s>\] \[--format json\|text\|mermaid\]/);
    for (const registered of REGISTERED) expect(result.stdout).toContain(`${registered.id}: ${registered.scenarios.map((scenario) => scenario.id).join(", ")}`);
  });

  it("refuses an unknown option, and an option without its value, with exit code 2", async () => {
    expect((await runCli(["authorization-code", "--verbose"])).exitCode).toBe(2);
    expect((await runCli(["authorization-code", "--seed"])).exitCode).toBe(2);
    expect((await runCli(["authorization-code", "implicit"])).exitCode).toBe(2);
  });

  it("takes any seed, however odd, and echoes it in the trace", async () => {
    const result = await runCli(["authorization-code", "--seed", "🙂 ; <b>", "--format", "json"]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).seed).toBe("🙂 ; <b>");
  });
});
