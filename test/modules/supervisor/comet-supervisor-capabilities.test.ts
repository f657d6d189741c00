import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/supervisor/comet-supervisor-capabilities.js';
import type { CometSupervisorCapabilities } from '../../../src/modules/supervisor/comet-supervisor-capabilities.js';
import { button, nextDownload, servicesFixture, shadowText, type ServicesFixture } from './services-fixture.js';

describe('<comet-supervisor-capabilities>', () => {
  let f: ServicesFixture;
  let page: CometSupervisorCapabilities;

  beforeEach(async () => {
    f = await servicesFixture();
    page = await f.mount(
      'comet-supervisor-capabilities',
      html`<comet-supervisor-capabilities .services=${f.services}></comet-supervisor-capabilities>`,
    );
  });
  afterEach(() => f.close());

  const article = (name: string) => page.shadowRoot!.querySelector(`article[aria-labelledby="cap-${name}"]`)!;

  it('lists every capability with its description, scopes, side effects and schemas', async () => {
    const names = [...page.shadowRoot!.querySelectorAll('article h4')].map((h) => h.textContent);
    const registered = f.services.capabilities
      .list()
      .map((c) => c.name)
      .sort();
    expect(names).to.deep.equal(registered);
    expect(names).to.include.members(['clock.now', 'http.request', 'kv.get', 'kv.set', 'log.write']);
    const clock = article('clock.now').textContent.replace(/\s+/g, ' ');
    expect(clock).to.contain('Read-only');
    expect(clock).to.contain('Scopes: clock:read');
    expect(clock).to.contain('"epochMs"');
    const http = article('http.request').textContent.replace(/\s+/g, ' ');
    expect(http).to.contain('Side effects');
    expect(http).to.contain('net:https://api.example.com/');
    expect(http).to.contain('depends on the input');
    await expect(page).to.be.accessible();
  });

  it('follows capabilities registered later, and filters by name', async () => {
    f.services.capabilities.register({
      name: 'memory.search',
      description: 'Searches the memory.',
      inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
      outputSchema: { type: 'object' },
      sideEffects: false,
      scopes: () => ['memory:read'],
      run: () => Promise.resolve({}),
    });
    await waitUntil(() => shadowText(page).includes('memory.search'), 'the new capability did not show');
    const filter = page.shadowRoot!.querySelector<HTMLInputElement>('wa-input')!;
    filter.value = 'kv.';
    filter.dispatchEvent(new Event('input'));
    await page.updateComplete;
    expect([...page.shadowRoot!.querySelectorAll('article h4')].map((h) => h.textContent)).to.deep.equal([
      'kv.get',
      'kv.set',
    ]);
  });

  it('exports the registry as OpenAI tools and as an MCP tools/list', async () => {
    let download = nextDownload();
    button(page, 'OpenAI tools').click();
    let link = await download;
    expect(link.download).to.equal('comet-tools.openai.json');
    const openai = (await (await fetch(link.href)).json()) as { type: string; function: { name: string } }[];
    expect(openai.map((t) => t.function.name)).to.include('http__request');
    expect(openai[0].type).to.equal('function');

    download = nextDownload();
    button(page, 'MCP tools/list').click();
    link = await download;
    const mcp = (await (await fetch(link.href)).json()) as { tools: { name: string; annotations: object }[] };
    expect(mcp.tools.map((t) => t.name)).to.include('clock.now');
    expect(mcp.tools.find((t) => t.name === 'clock.now')!.annotations).to.include({ readOnlyHint: true });
  });
});
