// A @web/test-runner reporter that counts passed and failed tests, for scripts/test.mjs and CI's closing line.
import { writeFileSync } from 'node:fs';

function countTests(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites ?? []) countTests(child, counts);
}

/** Counts every test; a file that failed before any test ran counts as one failure. */
export function countReporter() {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  return {
    onTestRunFinished({ sessions }) {
      for (const session of sessions) {
        const before = counts.passed + counts.failed + counts.skipped;
        if (session.testResults) countTests(session.testResults, counts);
        const ran = counts.passed + counts.failed + counts.skipped - before;
        if (!session.passed && (ran === 0 || session.errors?.length)) counts.failed++;
      }
      const file = process.env.COMET_COUNT_FILE;
      if (file) writeFileSync(file, JSON.stringify(counts));
      else process.once('exit', () => writeFileSync(1, `${counts.passed} passed, ${counts.failed} failed\n`));
    },
  };
}
