import { expect } from '@open-wc/testing';
import { clockNow, httpRequest } from '../../../src/core/capabilities/builtins/index.js';
import type { AnyCapability } from '../../../src/core/capabilities/index.js';
import type { Vault } from '../../../src/core/vault/index.js';
import type { WorkflowDefinition, WorkflowStep } from '../../../src/modules/workflows/model/types.js';
import { workflowRunCapability } from '../../../src/modules/workflows/services/workflow-run-capability.js';
import { workflowScopes } from '../../../src/modules/workflows/services/workflow-scopes.js';

// Scopes are computed from the input alone: http.request never reaches its vault here.
const capabilities = new Map<string, AnyCapability>([
  ['http.request', httpRequest({ vault: {} as Vault })],
  ['clock.now', clockNow()],
]);
const lookup = { get: (name: string) => capabilities.get(name) };

const workflow = (steps: WorkflowStep[], inputs?: Record<string, unknown>): WorkflowDefinition => ({
  id: 'w',
  name: 'W',
  steps,
  ...(inputs ? { inputs } : {}),
});
const fetch = (id: string, url: string): WorkflowStep => ({ id, capability: 'http.request', input: { url } });

describe('workflowScopes', () => {
  it('grants a whole host when the URL path comes from a reference, and the exact URL when it is fixed', () => {
    const found = workflowScopes(
      workflow([
        fetch('one', 'https://api.example.com/items/{{inputs.id}}'),
        fetch('two', 'https://files.example.com/report.csv'),
        { id: 'time', capability: 'clock.now' },
      ]),
      lookup,
    );
    expect(found.needs).to.deep.equal([
      { scope: 'clock:read', steps: ['time'] },
      { scope: 'net:https://api.example.com/*', steps: ['one'] },
      { scope: 'net:https://files.example.com/report.csv', steps: ['two'] },
    ]);
    expect(found.unknown).to.deep.equal([]);
  });

  it('reads a base URL from the input’s default, and merges steps that need the same scope', () => {
    const inputs = { type: 'object', properties: { baseUrl: { type: 'string', default: 'http://127.0.0.1:8000' } } };
    const found = workflowScopes(
      workflow([fetch('list', '{{inputs.baseUrl}}/items'), fetch('item', '{{inputs.baseUrl}}/items/1')], inputs),
      lookup,
    );
    expect(found.needs).to.deep.equal([{ scope: 'net:http://127.0.0.1:8000/*', steps: ['list', 'item'] }]);
  });

  it('says which steps can only be known during the run, and why', () => {
    const found = workflowScopes(
      workflow([fetch('a', '{{steps.b.output.next}}'), fetch('b', 'https://{{inputs.host}}/x')]),
      lookup,
    );
    expect(found.needs).to.deep.equal([]);
    expect(found.unknown.map((u) => u.stepId)).to.deep.equal(['a', 'b']);
    expect(found.unknown[0].reason).to.contain('{{steps.b.output.next}}');
    expect(found.unknown[1].reason).to.equal('the host comes from {{inputs.host}}');
  });

  it('counts what a compensation step calls, and the right to run each sub-workflow', () => {
    const found = workflowScopes(
      workflow([
        {
          id: 'charge',
          workflow: 'payments',
          onError: { compensate: { capability: 'http.request', input: { url: 'https://hooks.example.com/alert' } } },
        },
      ]),
      lookup,
    );
    expect(found.needs).to.deep.equal([
      { scope: 'net:https://hooks.example.com/alert', steps: ['charge'] },
      { scope: 'workflow:run:payments', steps: ['charge'] },
    ]);
    expect(found.subWorkflows).to.deep.equal(['payments']);
  });

  it('asks for workflow:run:<child> through workflow.run, as the app registers it, whatever the child’s inputs say', () => {
    // Only the capability's scopes() is called here: it never reaches the database, the run client or the log.
    const withRun = new Map(capabilities);
    withRun.set(
      'workflow.run',
      workflowRunCapability(...([{}, {}, {}] as unknown as Parameters<typeof workflowRunCapability>)),
    );
    const found = workflowScopes(
      workflow([
        { id: 'report', workflow: 'daily-report', input: { day: '{{inputs.day}}' } },
        { id: 'archive', workflow: 'archive', needs: ['report'], input: { text: '{{steps.report.output.text}}' } },
      ]),
      { get: (name: string) => withRun.get(name) },
    );
    expect(found.needs).to.deep.equal([
      { scope: 'workflow:run:archive', steps: ['archive'] },
      { scope: 'workflow:run:daily-report', steps: ['report'] },
    ]);
    expect(found.unknown).to.deep.equal([]);
    expect(found.subWorkflows).to.deep.equal(['daily-report', 'archive']);
  });
});
