/**
 * `npm run bench`: the project's benchmarks, printed in one run with each figure's budget and how
 * far under (or over) it the figure is. A benchmark, not a test: it never fails the build.
 *
 * Options: --flows N (default 100000) sets how many flows the memory benchmark runs;
 * --trace-samples N (default 21) how many times each scenario's trace is timed.
 */
import { FLOWS } from "../machines/flows";
import type { FlowDefinition, Scenario } from "../machines/flows";
import { runFlow, startFlow } from "../machines/run";
import { createWorld } from "../machines/world";
import { runPkceFlow } from "../test/support/world-client";

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The budget, or undefined for figures reported without one. */
  readonly budget?: number;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

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

function report(figures: Figure[]): void {
  const rows = figures.map((figure) => {
    const value = `${Number.isInteger(figure.value) ? figure.value : figure.value.toFixed(3)} ${figure.unit}`;
    if (figure.budget === undefined) return [figure.name, value, "", ""];
    const within = figure.value <= figure.budget;
    const margin =
      figure.budget === 0
        ? within ? "flat" : `grew by ${figure.value}`
        : `${(((figure.budget - figure.value) / figure.budget) * 100).toFixed(0)}% ${within ? "under" : "OVER"}`;
    return [figure.name, value, `≤ ${figure.budget} ${figure.unit}`, margin];
  });
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length), 8));
  for (const row of [["benchmark", "value", "budget", "verdict"], ...rows]) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));
  }
}

const flows = option("flows", 100_000);
const traceSamples = option("trace-samples", 21);
const started = performance.now();
const figures = [...(await benchFlowTime()), ...(await benchTraces(traceSamples)), ...(await benchStoreSize(flows))];
report(figures);
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s on Node ${process.version}, ${process.platform}/${process.arch})`);
