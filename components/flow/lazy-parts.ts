/**
 * What the flow page loads on demand, each through the one loader its own on-demand site uses (the
 * bundler gives each import site its own chunks): fetched once the page is idle, so a learner who
 * loses the network can still change scenario, seed or scopes, inspect, edit requests, predict and
 * check themselves. mermaid (≈ 190 KB) is the exception: fetched only for the diagram.
 */
import { preloadPredictPanel } from "@/components/predict/predict-mode";
import { preloadQuizSection } from "@/components/quiz/quiz-area";
import { loadEngine, loadTamper } from "@/machines/player";
import { preloadTabs } from "./flow-tabs";

/** The address's edits: parsed and written only when there are some. */
export const loadEditUrl = () => import("@/machines/edit-url");

/** The bar that lists the learner's edits, with "Undo edits". */
export const loadTamperBar = () => import("./tamper-bar");

export function preloadLazyParts(): Promise<unknown> {
  preloadPredictPanel();
  return Promise.allSettled([loadEngine(), loadTamper(), loadEditUrl(), loadTamperBar(), preloadTabs(), preloadQuizSection()]);
}
