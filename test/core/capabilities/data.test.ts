import { expect } from '@open-wc/testing';
import { MAX_DATA_CHARS } from '../../../src/core/capabilities/builtins/index.js';
import { isCometError, type CometError } from '../../../src/core/errors.js';
import { hostRig, rejection, type HostRig } from './rig.js';

/** The 'invalid-input' error of a call that must fail (fails the test otherwise). */
async function badInput(promise: Promise<unknown>): Promise<CometError> {
  const error = await rejection(promise);
  expect(isCometError(error, 'invalid-input'), String(error)).to.be.true;
  return error as CometError;
}

const store = {
  items: [
    { name: 'pen', price: 2, tags: ['office'] },
    { name: 'lamp', price: 30, tags: ['home', 'office'] },
    { name: 'mug', price: 8, tags: ['home'] },
  ],
};

describe('data.* capabilities', () => {
  let r: HostRig;
  beforeEach(async () => {
    r = await hostRig();
  });
  afterEach(() => r.close());

  it('need no grant: an agent without grants calls them, and the audit records rule no-scope', async () => {
    await r.host.invoke(r.agent, 'data.json.parse', { text: '1' });
    const entries = await r.audit.query({ order: 'asc' });
    expect(entries.map((e) => `${e.capability} ${e.verdict}/${e.outcome} ${e.rule}`)).to.deep.equal([
      'data.json.parse allow/pending no-scope',
      'data.json.parse allow/ok no-scope',
    ]);
  });

  describe('data.query', () => {
    it('selects values with a JSONPath, filters included', async () => {
      const names = await r.host.invoke(r.agent, 'data.query', { data: store, path: '$.items[*].name' });
      expect(names).to.deep.equal({ matches: ['pen', 'lamp', 'mug'] });
      const cheap = await r.host.invoke(r.agent, 'data.query', { data: store, path: '$.items[?(@.price < 10)].name' });
      expect(cheap).to.deep.equal({ matches: ['pen', 'mug'] });
      const none = await r.host.invoke(r.agent, 'data.query', { data: store, path: '$.missing' });
      expect(none).to.deep.equal({ matches: [] });
    });

    it('rejects an invalid JSONPath, naming it', async () => {
      const unclosed = await badInput(r.host.invoke(r.agent, 'data.query', { data: store, path: '$.items[' }));
      expect(unclosed.message).to.contain('"$.items["').and.contain('missing a closing ]');
      const rootless = await badInput(r.host.invoke(r.agent, 'data.query', { data: store, path: 'items' }));
      expect(rootless.message).to.contain('must start with $');
    });

    it('does not run code in filters: a script that is not a plain expression fails', async () => {
      const path = '$.items[?(alert(1))]';
      const error = await badInput(r.host.invoke(r.agent, 'data.query', { data: store, path }));
      expect(error.message).to.contain('could not be evaluated');
    });

    it('refuses data over the size cap', async () => {
      const data = { big: 'x'.repeat(MAX_DATA_CHARS) };
      const error = await badInput(r.host.invoke(r.agent, 'data.query', { data, path: '$.big' }));
      expect(error.message).to.contain(`the limit is ${MAX_DATA_CHARS}`);
    });
  });

  describe('data.template', () => {
    it('fills dotted paths, array indices and non-string values', async () => {
      const data = { user: { name: 'Ada', age: 36 }, items: [{ id: 'a' }], ok: true, tags: ['x', 'y'] };
      const template = 'Hi {{user.name}} ({{ user.age }}), first {{items.0.id}}, {{ok}}, {{tags}}';
      const out = await r.host.invoke(r.agent, 'data.template', { template, data });
      expect(out).to.deep.equal({ text: 'Hi Ada (36), first a, true, ["x","y"]' });
    });

    it('writes \\{{ as a literal {{ and \\\\ as one backslash', async () => {
      const out = await r.host.invoke(r.agent, 'data.template', {
        template: 'C:\\\\dir \\{{name}} = {{name}}',
        data: { name: 'v' },
      });
      expect(out).to.deep.equal({ text: 'C:\\dir {{name}} = v' });
    });

    it('fails naming a placeholder whose path is not in the data, prototypes included', async () => {
      const missing = await badInput(
        r.host.invoke(r.agent, 'data.template', { template: 'Dear {{user.title}}', data: { user: { name: 'A' } } }),
      );
      expect(missing.message).to.contain('{{user.title}}').and.contain('"user.title" is not in the data');
      const proto = await badInput(
        r.host.invoke(r.agent, 'data.template', { template: '{{user.constructor}}', data: { user: {} } }),
      );
      expect(proto.message).to.contain('{{user.constructor}}');
      const open = await badInput(r.host.invoke(r.agent, 'data.template', { template: 'a {{b', data: { b: 1 } }));
      expect(open.message).to.contain('opened at character 2 has no closing }}');
    });
  });

  describe('data.json', () => {
    it('parses and writes JSON, indented on request', async () => {
      expect(await r.host.invoke(r.agent, 'data.json.parse', { text: '{"a":[1,null]}' })).to.deep.equal({
        value: { a: [1, null] },
      });
      const text = await r.host.invoke(r.agent, 'data.json.stringify', { value: { a: 1 }, indent: 2 });
      expect(text).to.deep.equal({ text: '{\n  "a": 1\n}' });
    });

    it('names the position of a syntax error', async () => {
      const error = await badInput(r.host.invoke(r.agent, 'data.json.parse', { text: '{"a": 1,}' }));
      expect(error.message)
        .to.contain('not valid JSON')
        .and.match(/position \d+/);
    });

    it('refuses text over the size cap before parsing it (input schema)', async () => {
      const text = `"${'x'.repeat(MAX_DATA_CHARS)}"`;
      const error = await rejection(r.host.invoke(r.agent, 'data.json.parse', { text }));
      expect(isCometError(error, 'invalid-input')).to.be.true;
    });
  });

  describe('data.csv', () => {
    it('parses a header row into objects, quotes and embedded newlines included', async () => {
      const text = 'name,note\npen,"a, b"\nlamp,"two\nlines"\n';
      expect(await r.host.invoke(r.agent, 'data.csv.parse', { text })).to.deep.equal({
        rows: [
          { name: 'pen', note: 'a, b' },
          { name: 'lamp', note: 'two\nlines' },
        ],
      });
      const raw = await r.host.invoke(r.agent, 'data.csv.parse', { text: 'a;b\n1;2', header: false, delimiter: ';' });
      expect(raw).to.deep.equal({
        rows: [
          ['a', 'b'],
          ['1', '2'],
        ],
      });
    });

    it('names the row of malformed CSV', async () => {
      const quote = await badInput(r.host.invoke(r.agent, 'data.csv.parse', { text: 'a,b\n1,2\n3,"x"y\n' }));
      expect(quote.message).to.contain('malformed at row 3');
      const short = await badInput(r.host.invoke(r.agent, 'data.csv.parse', { text: 'a,b\n1,2\n3,4\n5\n' }));
      expect(short.message).to.contain('malformed at row 4');
    });

    it('writes objects with a header and arrays without, and reads its own output back', async () => {
      const rows = [
        { name: 'pen', note: 'a, "b"', n: 2, nested: { x: 1 } },
        { name: 'mug', note: '', n: 8, nested: null },
      ];
      const { text } = (await r.host.invoke(r.agent, 'data.csv.stringify', { rows })) as { text: string };
      expect(text).to.equal('name,note,n,nested\npen,"a, ""b""",2,"{""x"":1}"\nmug,,8,\n');
      const back = await r.host.invoke(r.agent, 'data.csv.parse', { text });
      expect(back).to.deep.equal({
        rows: [
          { name: 'pen', note: 'a, "b"', n: '2', nested: '{"x":1}' },
          { name: 'mug', note: '', n: '8', nested: '' },
        ],
      });
      const arrays = await r.host.invoke(r.agent, 'data.csv.stringify', {
        rows: [
          ['a', 1],
          ['b', true],
        ],
      });
      expect(arrays).to.deep.equal({ text: 'a,1\nb,true\n' });
    });
  });

  it('data.query runs in a page whose Content Security Policy forbids eval', async () => {
    type Report = {
      error?: string;
      matches: unknown;
      text: unknown;
      rows: unknown;
      violations: number;
      evalBlocked: boolean;
    };
    const frame = document.createElement('iframe');
    const answer = new Promise<Report>((resolve) => {
      const onMessage = (event: MessageEvent<{ dataCspFrame?: Report }>) => {
        if (event.source !== frame.contentWindow || !event.data.dataCspFrame) return;
        window.removeEventListener('message', onMessage);
        resolve(event.data.dataCspFrame);
      };
      window.addEventListener('message', onMessage);
    });
    frame.src = new URL('./fixtures/data-csp-frame.html', import.meta.url).href;
    document.body.append(frame);
    try {
      const report = await answer;
      expect(report.error, 'no error in the frame').to.be.undefined;
      expect(report.evalBlocked, 'new Function is blocked in the frame').to.be.true;
      expect(report.matches).to.deep.equal({ matches: ['pen', 'mug'] });
      expect(report.text).to.deep.equal({ text: 'Hi Ada' });
      expect(report.rows).to.deep.equal({ rows: [{ a: '1' }] });
      // Only the deliberate new Function probe may have tripped the policy.
      expect(report.violations).to.equal(1);
    } finally {
      frame.remove();
    }
  });
});
