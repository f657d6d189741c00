// A node:test reporter that writes {passed, failed, skipped} of the e2e tests (leaf tests only, not suites).
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { details, skip, todo } = event.data;
    if (details?.type === 'suite') {
      // A suite that fails on its own (a hook threw) has failing work that no leaf reports.
      if (event.type === 'test:fail' && details.error?.failureType !== 'subtestsFailed') counts.failed++;
      continue;
    }
    if (skip || todo) counts.skipped++;
    else if (event.type === 'test:pass') counts.passed++;
    else counts.failed++;
  }
  yield JSON.stringify(counts);
}
