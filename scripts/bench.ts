/**
 * `npm run bench`: the project's benchmarks, printed in one run with each figure's budget and how
 * far under (or over) it the figure is. A benchmark, not a test: it never fails the build.
 *
 * Options: --flows N (default 100000) sets how many flows the memory benchmark runs;
 * --trace-samples N (default 21) how many times each scenario's trace is timed; --loops N (default
 * 300) how many autoplay loops the heap benchmark plays; --no-site skips the browser benchmarks
 * (which build the site and a bare Next.js page, and need Debian's chromium).
 */
import { FLOWS } from "../machines/flows";
import type { FlowDefinition, Scenario } from "../machines/flows";
import { runFlow, startFlow } from "../machines/run";
import { createWorld } from "../machines/world";
import { runPkceFlow } from "../test/support/world-client";
import type { Figure } from "./bench-site";
import { benchFirstLoad, benchHeap, benchKeyLatency, benchLighthouse, median, percentile, withServedSites } from "./bench-site";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Median wall time of one complete headless authorization code + PKCE flow (authorize, consent, token, API call). */
async function benchFlowTime(): Promise<Figure[]> {
  const world = await createWorld({ seed: "bench" });
  for (let i = 0; i < 200; i++) await runPkceFlow(world); // warm up the JIT and the key import
  const samples: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const start = performance.now();
    const { api } = await runPkceFlow(world);
    samples.push(performance.now() - start);
    if (api.status !== 200) throw new Error(`the flow failed: API answered ${api.status}`);
    world.clock.advance(1);
  }
  return [
    { name: "authorization code + PKCE flow, median", value: median(samples), unit: "ms", budget: 5 },
    { name: "authorization code + PKCE flow, p95", value: percentile(samples, 95), unit: "ms" },
  ];
}

/**
 * Per registered flow and scenario: the median time to compute its whole trace (`runFlow`: a fresh
 * world, every role, every step), and the median time to jump from the first step to the last on a
 * started run (the learner presses End: `step()` until the flow has ended). Budget 20 ms each.
 */
async function benchTraces(samples: number): Promise<Figure[]> {
  const flows = Object.values(FLOWS).filter((flow): flow is FlowDefinition<Scenario> => flow !== undefined);
  const figures: Figure[] = [];
  for (const flow of flows) {
    for (const scenario of flow.scenarios) {
      for (let i = 0; i < 3; i++) await runFlow(flow, scenario, `bench-warm-${i}`);
      const whole: number[] = [];
      const jump: number[] = [];
      for (let i = 0; i < samples; i++) {
        const start = performance.now();
        await runFlow(flow, scenario, `bench-${i}`);
        whole.push(performance.now() - start);

        const run = await startFlow(flow, scenario, `bench-${i}`);
        await run.step(); // at the first step
        const from = performance.now();
        while (await run.step());
        jump.push(performance.now() - from);
      }
      const name = `${flow.id}/${scenario.id}`;
      figures.push(
        { name: `trace ${name}, median`, value: median(whole), unit: "ms", budget: 20 },
        { name: `jump first→last ${name}, median`, value: median(jump), unit: "ms", budget: 20 },
      );
    }
  }
  return figures;
}

/** The authorization server's store after many flows with the clock advancing: it must stay flat. */
async function benchStoreSize(flows: number): Promise<Figure[]> {
  const world = await createWorld({ seed: "bench-memory" });
  // Refresh tokens live a day of simulated time (1,440 flows at 60 s each); after that the store
  // is in its steady state, so growth is measured from the halfway point to the end.
  const checkpoints = [Math.round(flows / 4), Math.round(flows / 2), flows];
  const sizes: number[] = [];
  const total = () => Object.values(world.storeSize()).reduce((sum, n) => sum + n, 0);
  for (let i = 1; i <= flows; i++) {
    await runPkceFlow(world);
    world.clock.advance(60);
    if (checkpoints.includes(i)) sizes.push(total());
  }
  const [, half, last] = sizes as [number, number, number];
  return [
    ...checkpoints.map((count, index) => ({ name: `store records after ${count} flows`, value: sizes[index]!, unit: "records" })),
    { name: `store growth from ${checkpoints[1]} to ${flows} flows`, value: last - half, unit: "records", budget: 0 },
  ];
}

function verdict(figure: Figure): string {
  if (figure.budget === undefined) return "";
  if (figure.direction === "min") return figure.value >= figure.budget ? `${figure.value - figure.budget} above` : `${figure.budget - figure.value} BELOW`;
  const within = figure.value <= figure.budget;
  if (figure.budget === 0) return within ? "flat" : `grew by ${figure.value}`;
  const margin = Math.abs(((figure.budget - figure.value) / figure.budget) * 100);
  return `${margin < 1 ? margin.toFixed(1) : margin.toFixed(0)}% ${within ? "under" : "OVER"}`;
}

function report(figures: Figure[]): void {
  const rows = figures.map((figure) => {
    const value = `${Number.isInteger(figure.value) ? figure.value : figure.value.toFixed(3)} ${figure.unit}`;
    if (figure.budget === undefined) return [figure.name, value, "", ""];
    return [figure.name, value, `${figure.direction === "min" ? "≥" : "≤"} ${figure.budget} ${figure.unit}`, verdict(figure)];
  });
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length), 8));
  for (const row of [["benchmark", "value", "budget", "verdict"], ...rows]) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));
  }
}

/** The longest default trace: the flow the heap benchmark loops. */
async function longestFlow(): Promise<string> {
  let longest = { flow: "", steps: 0 };
  for (const flow of Object.values(FLOWS)) {
    const trace = await runFlow(flow, flow.scenarios[0]!, "demo");
    if (trace.steps.length > longest.steps) longest = { flow: flow.id, steps: trace.steps.length };
  }
  return longest.flow;
}

/** The browser benchmarks: build and serve the site and a bare Next.js page, then measure in Chromium. */
async function benchSite(loops: number): Promise<Figure[]> {
  const flow = await longestFlow();
  return withServedSites(async (origin, bareOrigin) => [
    ...(await benchFirstLoad(origin, bareOrigin)),
    ...(await benchKeyLatency(origin)),
    ...(await benchHeap(origin, flow, loops)),
    ...(await benchLighthouse(origin, bareOrigin)),
  ]);
}

const flows = option("flows", 100_000);
const traceSamples = option("trace-samples", 21);
const loops = option("loops", 300);
const withSite = !process.argv.includes("--no-site");
const started = performance.now();
const figures = [
  ...(await benchFlowTime()),
  ...(await benchTraces(traceSamples)),
  ...(await benchStoreSize(flows)),
  ...(withSite ? await benchSite(loops) : []),
];
report(figures);
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s on Node ${process.version}, ${process.platform}/${process.arch})`);
