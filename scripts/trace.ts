/**
 * `npm run trace -- <flow> [--scenario <name>] [--seed <s>] [--format json|text|mermaid]`: run one
 * flow headless and print its trace — as the step list (default), as JSON (the Trace itself, the
 * same value the site and the tests read), or as a mermaid sequence diagram.
 *
 * Exit codes: 0 printed; 1 the flow failed to run; 2 bad arguments (the message lists what is valid).
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FLOW_IDS, FLOWS } from "../machines/flows";
import type { FlowDefinition, Scenario } from "../machines/flows";
import { runFlow } from "../machines/run";
import { toMermaid, toText } from "../machines/trace-format";
import type { Trace } from "../machines/trace";

export const FORMATS = ["text", "json", "mermaid"] as const;
export type Format = (typeof FORMATS)[number];

const FORMATTERS: Readonly<Record<Format, (trace: Trace) => string>> = {
  text: toText,
  json: (trace) => `${JSON.stringify(trace, null, 2)}\n`,
  mermaid: toMermaid,
};

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

function registeredFlows(): FlowDefinition<Scenario>[] {
  return Object.values(FLOWS).filter((flow): flow is FlowDefinition<Scenario> => flow !== undefined);
}

export function usage(): string {
  const flows = registeredFlows();
  const lines = [
    "Usage: npm run trace -- <flow> [--scenario <name>] [--seed <s>] [--format json|text|mermaid]",
    "",
    "Runs one flow headless against the mock servers and prints its trace.",
    "",
    "  <flow>              one of the flows below",
    "  --scenario <name>   a scenario of that flow (default: its first, the default path)",
    '  --seed <s>          the seed for codes, tokens and timestamps (default: "demo")',
    "  --format <f>        text (default), json (the trace, 2-space indented) or mermaid",
    "  --help              this message",
    "",
    "Flows and their scenarios:",
    ...flows.map((flow) => `  ${flow.id}: ${flow.scenarios.map((scenario) => scenario.id).join(", ")}`),
  ];
  return `${lines.join("\n")}\n`;
}

const usageError = (message: string): CliResult => ({ exitCode: 2, stdout: "", stderr: `trace: ${message}\nRun with --help for usage.\n` });

interface Options {
  flow?: string;
  scenario?: string;
  seed?: string;
  format?: string;
  help?: boolean;
}

/** `--name value` and `--name=value`; one positional argument, the flow. */
function parseArgs(args: readonly string[]): Options | string {
  const options: Options = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") {
      options.help = true;
      continue;
    }
    if (arg === "--") continue;
    const match = /^--(scenario|seed|format)(?:=(.*))?$/s.exec(arg);
    if (match) {
      const name = match[1] as "scenario" | "seed" | "format";
      const value = match[2] ?? args[++i];
      if (value === undefined) return `--${name} needs a value`;
      options[name] = value;
      continue;
    }
    if (arg.startsWith("-")) return `unknown option ${JSON.stringify(arg)} (options: --scenario, --seed, --format, --help)`;
    if (options.flow !== undefined) return `only one flow at a time (got ${JSON.stringify(options.flow)} and ${JSON.stringify(arg)})`;
    options.flow = arg;
  }
  return options;
}

/** The whole CLI as a function of its arguments: what it prints and how it exits. */
export async function runCli(args: readonly string[]): Promise<CliResult> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") return usageError(parsed);
  if (parsed.help) return { exitCode: 0, stdout: usage(), stderr: "" };

  const flows = registeredFlows();
  const flowList = flows.map((flow) => flow.id).join(", ");
  if (parsed.flow === undefined) return usageError(`which flow? Valid flows: ${flowList}`);
  const flow = flows.find((candidate) => candidate.id === parsed.flow);
  if (!flow) {
    const known = (FLOW_IDS as readonly string[]).includes(parsed.flow);
    return usageError(`${known ? "flow" : "unknown flow"} ${JSON.stringify(parsed.flow)}${known ? " is not available yet" : ""}. Valid flows: ${flowList}`);
  }

  const scenarioList = flow.scenarios.map((scenario) => scenario.id).join(", ");
  const scenario = parsed.scenario === undefined ? flow.scenarios[0] : flow.scenarios.find((candidate) => candidate.id === parsed.scenario);
  if (!scenario) return usageError(`unknown scenario ${JSON.stringify(parsed.scenario)} for ${flow.id}. Valid scenarios: ${scenarioList}`);

  const format = parsed.format ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) return usageError(`unknown format ${JSON.stringify(format)}. Valid formats: ${FORMATS.join(", ")}`);

  try {
    const trace = await runFlow(flow, scenario, parsed.seed ?? "demo");
    return { exitCode: 0, stdout: FORMATTERS[format as Format](trace), stderr: "" };
  } catch (error) {
    return { exitCode: 1, stdout: "", stderr: `trace: ${flow.id}/${scenario.id} failed: ${error instanceof Error ? error.message : String(error)}\n` };
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const result = await runCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
