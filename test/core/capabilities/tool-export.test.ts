import { expect } from '@open-wc/testing';
import { toolName } from '../../../src/core/capabilities/names.js';
import { toMcpToolsList, toOpenAITools } from '../../../src/core/capabilities/tool-export.js';
import type { CapabilityInfo } from '../../../src/core/capabilities/types.js';

const infos: CapabilityInfo[] = [
  {
    name: 'http.request',
    description: 'Sends an HTTP request.',
    inputSchema: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } },
    outputSchema: { type: 'object', properties: { status: { type: 'integer' } } },
    sideEffects: true,
    hints: { title: 'HTTP request', destructive: false, openWorld: true },
  },
  {
    name: 'plugin.csv-tools.parse_rows',
    description: 'Parses CSV.',
    inputSchema: true,
    outputSchema: { type: 'array' },
    sideEffects: false,
  },
];

/** The fields OpenAI's function-calling spec requires, and its name rule. */
function checkOpenAITool(tool: unknown) {
  const t = tool as { type: string; function: { name: string; description: string; parameters: { type: string } } };
  expect(t.type).to.equal('function');
  expect(t.function.name).to.match(/^[a-zA-Z0-9_-]{1,64}$/);
  expect(t.function.description).to.be.a('string');
  expect(t.function.parameters.type).to.equal('object');
}

/** The fields MCP's Tool requires (name, inputSchema of type object) and the annotations' types. */
function checkMcpTool(tool: unknown) {
  const t = tool as {
    name: string;
    inputSchema: { type: string };
    outputSchema?: { type: string };
    annotations: Record<string, unknown>;
  };
  expect(t.name).to.be.a('string').and.not.empty;
  expect(t.inputSchema.type).to.equal('object');
  if (t.outputSchema) expect(t.outputSchema.type).to.equal('object');
  for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'])
    expect(t.annotations[hint], hint).to.be.a('boolean');
}

describe('tool export', () => {
  it('exports OpenAI tools with legal names and a map back to the capabilities', () => {
    const { tools, capabilityByTool } = toOpenAITools(infos);
    tools.forEach(checkOpenAITool);
    expect(tools.map((t) => t.function.name)).to.deep.equal(['http__request', 'plugin__csv-tools__parse_rows']);
    expect(capabilityByTool).to.deep.equal({
      http__request: 'http.request',
      'plugin__csv-tools__parse_rows': 'plugin.csv-tools.parse_rows',
    });
    expect(tools[0].function.parameters).to.deep.equal(infos[0].inputSchema);
    expect(tools[1].function.parameters).to.deep.equal({ type: 'object', properties: {} });
  });

  it('shortens long names deterministically, within 64 characters and distinct', () => {
    const long = `plugin.${'a'.repeat(40)}.${'b'.repeat(40)}`;
    const other = `plugin.${'a'.repeat(40)}.${'b'.repeat(39)}c`;
    expect(toolName(long)).to.have.length.at.most(64);
    expect(toolName(long)).to.equal(toolName(long));
    expect(toolName(long)).to.not.equal(toolName(other));
    const { capabilityByTool } = toOpenAITools([
      { ...infos[1], name: long },
      { ...infos[1], name: other },
    ]);
    expect(capabilityByTool[toolName(other)]).to.equal(other);
  });

  it('exports the MCP tools/list result with annotations derived from side effects', () => {
    const { tools } = toMcpToolsList(infos);
    tools.forEach(checkMcpTool);
    const [http, csv] = tools;
    expect(http.name).to.equal('http.request');
    expect(http.title).to.equal('HTTP request');
    expect(http.outputSchema).to.deep.equal(infos[0].outputSchema);
    expect(http.annotations).to.deep.equal({
      title: 'HTTP request',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
    // An array output cannot be MCP structured content, so no outputSchema is offered.
    expect(csv).to.not.have.property('outputSchema');
    expect(csv.annotations.readOnlyHint).to.be.true;
    expect(csv.annotations.destructiveHint).to.be.false;
  });

  it('exports a result that survives JSON, as it is sent to an LLM', () => {
    const list = toMcpToolsList(infos);
    expect(JSON.parse(JSON.stringify(list))).to.deep.equal(list);
  });
});
