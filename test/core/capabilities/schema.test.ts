import { expect } from '@open-wc/testing';
import { describeErrors, validate, type JsonSchema, type SchemaError } from '../../../src/core/capabilities/schema.js';

const request = {
  type: 'object',
  required: ['url', 'method'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', format: 'uri' },
    method: { enum: ['GET', 'POST'] },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    items: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } },
    body: { anyOf: [{ type: 'string' }, { type: 'object' }] },
  },
};

const errorsOf = (value: unknown, schema: JsonSchema = request): SchemaError[] => {
  const result = validate(schema, value);
  if (result.ok) throw new Error('expected the value to be invalid');
  return result.errors;
};

describe('validate (JSON Schema)', () => {
  it('accepts a value that matches', () => {
    expect(validate(request, { url: 'https://example.org/a', method: 'GET', headers: { Accept: 'x' } })).to.deep.equal({
      ok: true,
    });
  });

  it('names a missing required field by its path', () => {
    expect(errorsOf({ method: 'GET' })).to.deep.equal([{ path: 'url', message: 'is required' }]);
  });

  it('names a nested field with dots and array indices', () => {
    const errors = errorsOf({
      url: 'https://x.org',
      method: 'GET',
      headers: { Authorization: 3 },
      items: [{ id: 1 }, { id: 'x' }],
    });
    expect(errors).to.deep.equal([
      { path: 'headers.Authorization', message: 'must be string (got number)' },
      { path: 'items[1].id', message: 'must be integer (got string)' },
    ]);
  });

  it('reports every problem once, without the "something inside failed" noise', () => {
    const errors = errorsOf({ method: 'PUT', extra: 1, 'odd key': 2, body: 5 });
    expect(errors.map((e) => e.path)).to.deep.equal(['url', 'method', 'body', 'extra', '["odd key"]']);
    expect(errors.find((e) => e.path === 'method')?.message).to.equal('must be one of ["GET","POST"]');
    expect(errors.find((e) => e.path === 'extra')?.message).to.equal('is not allowed');
    expect(errors.find((e) => e.path === 'body')?.message).to.equal('matches none of the allowed forms');
  });

  it('checks formats', () => {
    expect(errorsOf({ url: 'not a uri', method: 'GET' })).to.deep.equal([
      { path: 'url', message: 'must be a valid uri' },
    ]);
  });

  it('handles boolean schemas and problems with the value itself', () => {
    expect(validate(true, 42)).to.deep.equal({ ok: true });
    expect(errorsOf(42, false)).to.deep.equal([{ path: '', message: 'is not allowed' }]);
    expect(describeErrors(errorsOf(42, { type: 'string' }))).to.equal('the value must be string (got number)');
  });

  it('reuses its compiled validator for the same schema and sees a new schema afresh', () => {
    const a = { type: 'integer' };
    expect(validate(a, 1).ok).to.be.true;
    expect(validate(a, 'x').ok).to.be.false;
    expect(validate({ type: 'string' }, 'x').ok).to.be.true;
  });

  it('runs in a page whose Content Security Policy forbids eval', async () => {
    const frame = document.createElement('iframe');
    const answer = new Promise<{ good: unknown; bad: unknown; evalBlocked: boolean }>((resolve) => {
      const onMessage = (event: MessageEvent<{ cspFrame?: { good: unknown; bad: unknown; evalBlocked: boolean } }>) => {
        if (event.source !== frame.contentWindow || !event.data.cspFrame) return;
        window.removeEventListener('message', onMessage);
        resolve(event.data.cspFrame);
      };
      window.addEventListener('message', onMessage);
    });
    frame.src = new URL('./fixtures/csp-frame.html', import.meta.url).href;
    document.body.append(frame);
    try {
      const result = await answer;
      expect(result.evalBlocked, 'new Function is blocked in the frame').to.be.true;
      expect(result.good).to.deep.equal({ ok: true });
      expect(result.bad).to.deep.equal({
        ok: false,
        errors: [
          { path: 'url', message: 'is required' },
          { path: 'items[1]', message: 'must be integer (got string)' },
        ],
      });
    } finally {
      frame.remove();
    }
  });
});
