/**
 * The registry as tool definitions an LLM can call: OpenAI's `tools` array and MCP's `tools/list` result.
 * An LLM's tool call comes back by tool name; `capabilityByTool` maps it back to the capability, and the call
 * then goes through CapabilityHost.invoke like any other.
 */
import { CometError } from '../errors.js';
import { toolName } from './names.js';
import type { JsonSchema } from './schema.js';
import type { CapabilityInfo } from './types.js';

/** One entry of OpenAI's `tools` (Chat Completions function calling). */
export interface OpenAITool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** OpenAI tools plus the way back from a tool name to its capability. */
export interface OpenAIToolExport {
  tools: OpenAITool[];
  /** Tool name → capability name ('http__request' → 'http.request'). */
  capabilityByTool: Record<string, string>;
}

/** One tool of MCP's `tools/list` result (MCP 2025-06-18). */
export interface McpTool {
  name: string;
  title?: string;
  description: string;
  /** Always a JSON Schema with type 'object'. */
  inputSchema: Record<string, unknown>;
  /** Present only when the output is an object (MCP's structuredContent must be one). */
  outputSchema?: Record<string, unknown>;
  annotations: {
    title?: string;
    readOnlyHint: boolean;
    destructiveHint: boolean;
    idempotentHint: boolean;
    openWorldHint: boolean;
  };
}

/** The capabilities as OpenAI tools; throws if two names map to the same tool name. */
export function toOpenAITools(capabilities: readonly CapabilityInfo[]): OpenAIToolExport {
  const capabilityByTool: Record<string, string> = {};
  const tools = capabilities.map((capability): OpenAITool => {
    const name = toolName(capability.name);
    const taken = capabilityByTool[name];
    if (taken !== undefined) {
      throw new CometError('invalid-argument', {
        what: `The tool name ${name}`,
        reason: `both ${taken} and ${capability.name} map to it; rename one of them`,
      });
    }
    capabilityByTool[name] = capability.name;
    return {
      type: 'function',
      function: { name, description: capability.description, parameters: objectSchema(capability.inputSchema) },
    };
  });
  return { tools, capabilityByTool };
}

/** The capabilities as MCP's `tools/list` result. */
export function toMcpToolsList(capabilities: readonly CapabilityInfo[]): { tools: McpTool[] } {
  return {
    tools: capabilities.map((capability) => {
      const hints = capability.hints ?? {};
      const title = hints.title;
      const output = capability.outputSchema;
      const objectOutput = typeof output === 'object' && output.type === 'object';
      return {
        name: capability.name,
        ...(title ? { title } : {}),
        description: capability.description,
        inputSchema: objectSchema(capability.inputSchema),
        ...(objectOutput ? { outputSchema: structuredClone(output) } : {}),
        annotations: {
          ...(title ? { title } : {}),
          readOnlyHint: !capability.sideEffects,
          destructiveHint: capability.sideEffects && (hints.destructive ?? true),
          idempotentHint: hints.idempotent ?? !capability.sideEffects,
          openWorldHint: hints.openWorld ?? false,
        },
      };
    }),
  };
}

/**
 * A tool's parameters must be an object schema: `true` becomes "any object", and a schema without a type gets
 * `type: 'object'` (capability inputs are objects; a non-object input schema cannot be a tool).
 */
function objectSchema(schema: JsonSchema): Record<string, unknown> {
  if (schema === true) return { type: 'object', properties: {} };
  if (schema === false) return { type: 'object', not: {} };
  if (schema.type === undefined) return { type: 'object', ...structuredClone(schema) };
  if (schema.type !== 'object') {
    throw new CometError('invalid-argument', {
      what: 'An input schema',
      reason: `tools take an object as input, and this schema's type is ${JSON.stringify(schema.type)}`,
    });
  }
  return structuredClone(schema);
}
