import { expect } from '@open-wc/testing';
import { CometError } from '../../../../src/core/errors.js';
import type { WorkflowDefinition, WorkflowProblem } from '../../../../src/modules/workflows/model/types.js';
import { assertValidWorkflow, workflowProblems } from '../../../../src/modules/workflows/model/validate.js';

/** A workflow that uses most features correctly. */
const good = (): WorkflowDefinition => ({
  format: 'comet-workflow/1',
  id: 'city-digest',
  name: 'City digest',
  inputs: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } },
  defaults: { retry: { maximumAttempts: 4, initialInterval: '2s' }, timeout: '30s' },
  steps: [
    { id: 'fetch', capability: 'http.request', input: { url: 'https://api.test/{{inputs.city}}?d={{inputs.days}}' } },
    {
      id: 'each',
      capability: 'http.request',
      forEach: '{{steps.fetch.output.body.items}}',
      forEachConcurrency: 4,
      input: { url: 'https://api.test/item/{{item.id}}', note: 'number {{index}}' },
      concurrency: { limit: 2, key: '{{item.host}}' },
      throttle: { limit: 10, period: '1m' },
      if: { left: '{{steps.fetch.output.status}}', op: 'eq', right: 200 },
      until: { left: '{{output.body.state}}', op: 'eq', right: 'ready' },
      retry: { maximumInterval: '1m30s' },
      onError: {
        compensate: { capability: 'log.write', input: { why: '{{error.message}} in {{steps.each.status}}' } },
        then: 'continue',
      },
    },
    { id: 'summary', capability: 'data.template', needs: ['each'], timeout: 5000 },
    { id: 'child', workflow: 'other-flow', input: { list: '{{steps.each.output}}' } },
  ],
  triggers: [
    { type: 'manual' },
    { type: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Oslo', missed: 'catch-up', inputs: { city: 'Oslo' } },
    { type: 'event', topic: 'memory.*', debounce: '5s', inputs: { city: '{{event.city}}', from: '{{topic}}' } },
  ],
  output: '{{steps.summary.output}}',
});

const known = {
  capabilities: (name: string) => ['http.request', 'data.template', 'log.write'].includes(name),
  workflows: (id: string) => id === 'other-flow',
};

/** The problems of `def` after `change`, as [path, kind] pairs. */
function problemsAfter(change: (def: WorkflowDefinition) => void): [string, string][] {
  const def = good();
  change(def);
  return workflowProblems(def, known).map((p) => [p.path, p.kind]);
}
const steps = (def: WorkflowDefinition) => def.steps as unknown as Record<string, unknown>[];

describe('workflowProblems', () => {
  it('finds nothing wrong in a workflow that uses every feature correctly', () => {
    expect(workflowProblems(good(), known)).to.deep.equal([]);
  });

  it('locates schema problems by JSON Pointer, in words', () => {
    const problems = workflowProblems({
      id: 'Bad Id',
      name: 'x',
      steps: [{ id: 'a', capability: 'c', timeout: 'soon', inputt: 1 }],
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(byPath['/id'].message).to.contain("lower-case letters, digits and '-'");
    expect(byPath['/steps/0/timeout'].message).to.contain("'30s'");
    expect(byPath['/steps/0/inputt'].kind).to.equal('schema');
    expect(problems.every((p) => p.kind === 'schema')).to.equal(true);
  });

  it('reports a value that is not a workflow at all', () => {
    expect(workflowProblems(42)).to.have.length.greaterThan(0);
    expect(workflowProblems({})).to.deep.include({ path: '/steps', kind: 'schema', message: 'is required' });
  });

  it('reports duplicate ids, unknown needs and steps that call both or neither', () => {
    expect(
      problemsAfter((def) => {
        steps(def)[2].id = 'fetch';
        steps(def)[3].needs = ['ghost'];
        steps(def)[3].capability = 'http.request';
        delete steps(def)[0].capability;
      }),
    ).to.deep.equal([
      ['/steps/2/id', 'duplicate-step'],
      ['/steps/0', 'step-kind'],
      ['/steps/3', 'step-kind'],
      ['/steps/3/needs/0', 'unknown-step'],
      ['/output', 'unknown-step'],
    ]);
  });

  it('reports unknown capabilities and sub-workflows only when it can look them up', () => {
    const def = good();
    def.steps[0].capability = 'htp.request';
    def.steps[3].workflow = 'missing-flow';
    expect(workflowProblems(def, known).map((p) => [p.path, p.kind])).to.deep.equal([
      ['/steps/0/capability', 'unknown-capability'],
      ['/steps/3/workflow', 'unknown-workflow'],
    ]);
    expect(workflowProblems(def)).to.deep.equal([]);
  });

  it('reports references to unknown steps and fields, with the pointer of the string', () => {
    const problems = problemsAfter((def) => {
      def.steps[2].input = { a: ['{{steps.fetchh.output}}'], b: '{{steps.fetch.outputs.x}}' };
    });
    expect(problems).to.deep.equal([
      ['/steps/2/input/a/0', 'unknown-step'],
      ['/steps/2/input/b', 'bad-reference'],
    ]);
  });

  it('reports item, error and output used outside the fields that set them', () => {
    expect(
      problemsAfter((def) => {
        def.steps[0].input = { a: '{{item}}', b: '{{error.message}}', c: '{{output}}' };
        def.steps[1].if = '{{item.ok}}';
      }),
    ).to.deep.equal([
      ['/steps/0/input/a', 'bad-reference'],
      ['/steps/0/input/b', 'bad-reference'],
      ['/steps/0/input/c', 'bad-reference'],
      ['/steps/1/if', 'bad-reference'],
    ]);
  });

  it('reports until and compensation references to steps that may not have finished', () => {
    const problems = problemsAfter((def) => {
      def.steps[1].until = { left: '{{steps.summary.output}}', op: 'exists' };
    });
    expect(problems).to.deep.equal([['/steps/1/until/left', 'bad-reference']]);
    const own = workflowProblems(
      (() => {
        const def = good();
        def.steps[1].until = '{{steps.each.output.ok}}';
        return def;
      })(),
    );
    expect(own[0].message).to.contain('{{output}}');
  });

  it('reports references to inputs the workflow does not declare', () => {
    const problems = workflowProblems(
      (() => {
        const def = good();
        def.steps[0].input = { url: '{{inputs.cty}}' };
        return def;
      })(),
    );
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ path: '/steps/0/input/url', kind: 'bad-reference' });
    expect(problems[0].message).to.contain("no input 'cty'").and.contain('city, days');
  });

  it('reports reference syntax errors and bad forEach lists', () => {
    expect(
      problemsAfter((def) => {
        def.steps[0].input = { a: '{{inputs.city + 1}}', b: 'open {{inputs.city' };
        def.steps[1].forEach = 'items: {{steps.fetch.output}}';
      }),
    ).to.deep.equal([
      ['/steps/0/input/a', 'bad-reference'],
      ['/steps/0/input/b', 'bad-reference'],
      ['/steps/1/forEach', 'bad-reference'],
    ]);
  });

  it('names the loop of a cycle and points at the dependency that closes it', () => {
    const problems = workflowProblems({
      id: 'loop',
      name: 'Loop',
      steps: [
        { id: 'fetch', capability: 'x', input: { q: '{{steps.parse.output}}' } },
        { id: 'parse', capability: 'x', needs: ['fetch'] },
      ],
    });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ path: '/steps/0/input/q', kind: 'cycle' });
    expect(problems[0].message).to.contain('fetch → parse → fetch');
  });

  it('treats a workflow that runs itself as a cycle', () => {
    const problems = problemsAfter((def) => {
      def.steps[3].workflow = 'city-digest';
    });
    expect(problems).to.deep.equal([['/steps/3/workflow', 'cycle']]);
  });

  it('reports durations and retry policies that cannot be used', () => {
    expect(
      problemsAfter((def) => {
        def.steps[2].timeout = '1s1s';
        def.steps[1].retry = { initialInterval: '2m', maximumInterval: '1m' };
        def.triggers![2] = { type: 'event', topic: 'x', debounce: '2m2m' };
      }),
    ).to.deep.equal([
      ['/steps/1/retry', 'bad-retry'],
      ['/steps/2/timeout', 'bad-duration'],
      ['/triggers/2/debounce', 'bad-duration'],
    ]);
  });

  it('checks cron expressions of schedule triggers', () => {
    expect(
      problemsAfter((def) => {
        def.triggers![1] = { type: 'schedule', cron: '0 25 * * *' };
      }),
    ).to.deep.equal([['/triggers/1/cron', 'bad-cron']]);
  });

  it('checks conditions, time zones and trigger inputs', () => {
    expect(
      problemsAfter((def) => {
        def.steps[1].if = { left: '{{steps.fetch.output.status}}', op: 'matches', right: '(' };
        def.triggers![1] = {
          type: 'schedule',
          cron: '* * * * *',
          timezone: 'Mars/Olympus',
          inputs: { city: '{{event.city}}' },
        };
      }),
    ).to.deep.equal([
      ['/steps/1/if/right', 'bad-condition'],
      ['/triggers/1/inputs/city', 'bad-reference'],
      ['/triggers/1/timezone', 'bad-timezone'],
    ]);
  });

  it('does not repeat what the schema already said about a field', () => {
    const def = good() as unknown as { steps: Record<string, unknown>[] };
    def.steps[1].if = { left: 1, op: 'between' };
    const problems: WorkflowProblem[] = workflowProblems(def);
    expect(problems.filter((p) => p.path.startsWith('/steps/1/if')).every((p) => p.kind === 'schema')).to.equal(true);
  });
});

describe('assertValidWorkflow', () => {
  it('returns a valid workflow', () => {
    const def = good();
    expect(assertValidWorkflow(def, known)).to.equal(def);
  });

  it('throws workflow-invalid with the count, the first problem and the list', () => {
    const def = good();
    def.steps[0].input = '{{steps.nope.output}}';
    def.steps[2].needs = ['ghost'];
    let error: unknown;
    try {
      assertValidWorkflow(def, known);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(CometError);
    const { code, details, message } = error as CometError;
    expect(code).to.equal('workflow-invalid');
    expect(details.count).to.equal(2);
    expect(details.first).to.equal("/steps/0/input: {{steps.nope.output}}: there is no step 'nope'");
    expect(details.problems).to.have.length(2);
    expect(message).to.contain('City digest').and.contain('/steps/0/input');
  });
});
