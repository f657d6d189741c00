import { expect } from '@open-wc/testing';
import { isCometError } from '../../../../src/core/errors.js';
import { DEFAULT_RETRY_POLICY } from '../../../../src/core/retry.js';
import { toRetryPolicy } from '../../../../src/modules/workflows/model/retry-policy.js';

describe('toRetryPolicy', () => {
  it('gives a step without any policy the platform defaults with three attempts', () => {
    expect(toRetryPolicy()).to.deep.equal({ ...DEFAULT_RETRY_POLICY, maximumAttempts: 3 });
  });

  it("keeps the platform's unlimited attempts once a policy is written", () => {
    expect(toRetryPolicy({ initialInterval: '2s' }).maximumAttempts).to.equal(0);
    expect(toRetryPolicy(undefined, { jitter: 0 }).maximumAttempts).to.equal(0);
  });

  it('parses durations and derives the maximum interval from the initial one', () => {
    const policy = toRetryPolicy({ initialInterval: '500ms', backoffCoefficient: 3 });
    expect(policy.initialIntervalMs).to.equal(500);
    expect(policy.maximumIntervalMs).to.equal(50_000);
    expect(policy.backoffCoefficient).to.equal(3);
  });

  it("merges the step's fields over the workflow's defaults, one by one", () => {
    const policy = toRetryPolicy(
      { maximumAttempts: 5, jitter: undefined },
      { maximumAttempts: 2, jitter: 0, maximumInterval: '1m', nonRetryableErrorTypes: ['capability-denied'] },
    );
    expect(policy.maximumAttempts).to.equal(5);
    expect(policy.jitter).to.equal(0);
    expect(policy.maximumIntervalMs).to.equal(60_000);
    expect(policy.nonRetryableErrorTypes).to.deep.equal(['capability-denied']);
  });

  it('names the field of a bad duration', () => {
    let error: unknown;
    try {
      toRetryPolicy({ initialInterval: 'soon' }, undefined, '/steps/2/retry');
    } catch (e) {
      error = e;
    }
    expect(isCometError(error, 'invalid-argument')).to.equal(true);
    expect((error as Error).message).to.contain('/steps/2/retry/initialInterval');
  });
});
