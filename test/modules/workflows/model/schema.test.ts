import { expect } from '@open-wc/testing';
import { validate } from '../../../../src/core/capabilities/schema.js';
import { WORKFLOW_FORMAT, workflowSchema } from '../../../../src/modules/workflows/model/schema.js';

/** Every subschema of the schema with the JSON Pointer where it sits. */
function* subschemas(node: unknown, at = ''): Generator<[string, Record<string, unknown>]> {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* subschemas(child, `${at}/${i}`);
    return;
  }
  const schema = node as Record<string, unknown>;
  yield [at, schema];
  for (const key of ['properties', '$defs']) {
    for (const [name, child] of Object.entries((schema[key] as Record<string, unknown>) ?? {})) {
      yield* subschemas(child, `${at}/${key}/${name}`);
    }
  }
}

describe('workflowSchema', () => {
  it('is a draft 2020-12 schema with an $id and the format tag', () => {
    expect(workflowSchema.$schema).to.equal('https://json-schema.org/draft/2020-12/schema');
    expect(workflowSchema.$id).to.match(/workflow\.schema\.json$/);
    expect(workflowSchema.properties.format.const).to.equal(WORKFLOW_FORMAT);
  });

  it('describes every field, for editors', () => {
    const undocumented = [...subschemas(workflowSchema)]
      .filter(([at]) => /\/properties\/[^/]+$/.test(at) && !at.endsWith('/properties/type'))
      .filter(([, schema]) => typeof schema.description !== 'string' && schema.$ref === undefined)
      .map(([at]) => at);
    expect(undocumented).to.deep.equal([]);
  });

  it('accepts a minimal workflow and rejects unknown fields', () => {
    const minimal = { id: 'a', name: 'A', steps: [{ id: 's', capability: 'wait' }] };
    expect(validate(workflowSchema, minimal)).to.deep.equal({ ok: true });
    const result = validate(workflowSchema, { ...minimal, stepz: [] });
    expect(result.ok).to.equal(false);
  });

  it('reports a bad field of a trigger inside that trigger', () => {
    const result = validate(workflowSchema, {
      id: 'a',
      name: 'A',
      steps: [{ id: 's', capability: 'wait' }],
      triggers: [{ type: 'schedule', cron: '' }, { type: 'event' }],
    });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).to.deep.equal(['triggers[0].cron', 'triggers[1].topic']);
  });
});
