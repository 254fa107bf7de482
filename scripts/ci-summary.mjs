#!/usr/bin/env node
// Prints one plain line, `N passed, N failed`, summed over Vitest JSON reports
// (vitest run --reporter=json --outputFile=FILE), and exits non-zero when a test failed,
// a test file failed to load or run, or no test ran at all.
//
//   node scripts/ci-summary.mjs [--runner-status N] artifacts/vitest.json [more.json …]
//
// A test file that errored outside any test (import error, failing hook) counts as one failure,
// so a broken file cannot hide behind "0 failed". A missing or unreadable report counts as one
// failure too, and so does a runner that exited non-zero (--runner-status, e.g. an unhandled
// error or a failing global setup) when no failure was counted otherwise.

import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
let runnerStatus = 0;
const statusFlag = args.indexOf("--runner-status");
if (statusFlag !== -1) {
  runnerStatus = Number(args[statusFlag + 1] ?? 1) || 0;
  args.splice(statusFlag, 2);
}
const files = args;
if (files.length === 0) {
  console.error("usage: node scripts/ci-summary.mjs [--runner-status N] REPORT.json [REPORT.json …]");
  process.exit(2);
}

let passed = 0;
let failed = 0;
const notes = [];

for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    notes.push(`no readable test report at ${file} (${error.message.split("\n")[0]})`);
    failed += 1;
    continue;
  }
  passed += Number(report.numPassedTests ?? 0);
  failed += Number(report.numFailedTests ?? 0);
  for (const result of report.testResults ?? []) {
    const failedTests = (result.assertionResults ?? []).filter((a) => a.status === "failed").length;
    if (result.status === "failed" && failedTests === 0) {
      notes.push(`test file failed outside its tests: ${result.name}`);
      failed += 1;
    }
  }
}

if (runnerStatus !== 0 && failed === 0) {
  notes.push(`the test runner exited with status ${runnerStatus} (an error outside any test: see its output above)`);
  failed += 1;
}

for (const note of notes) console.error(note);
if (passed + failed === 0) console.error("no test ran");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
