/** Capabilities' public API: the registry, the one way to run them, JSON Schema validation, tool export, built-ins. */
export { CapabilityRegistry, info, type AnyCapability } from './registry.js';
export { CapabilityHost, DEFAULT_TIMEOUT_MS, type CapabilityHostDeps } from './invoke.js';
export { validate, describeErrors, type JsonSchema, type SchemaError, type ValidationResult } from './schema.js';
export { nameProblem, assertCapabilityName, toolName } from './names.js';
export { toOpenAITools, toMcpToolsList, type OpenAITool, type OpenAIToolExport, type McpTool } from './tool-export.js';
export { registerBuiltins, type BuiltinDeps } from './builtins/index.js';
export type * from './types.js';
