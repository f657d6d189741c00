/**
 * `data.csv.parse` and `data.csv.stringify`: CSV (RFC 4180) to rows and back, with csv-parse/csv-stringify's
 * browser builds (plain parsers, no eval). papaparse, the first choice, ships only a UMD file that the unbundled
 * test server cannot import as a module.
 */
import { errorMessage } from '../../errors.js';
import type { CapabilityDefinition } from '../types.js';
import { badInput, checkSize, TEXT_SCHEMA } from './data-limits.js';

/** The input of data.csv.parse. */
export interface CsvParseInput {
  text: string;
  /** The first row names the columns and each row becomes an object (default true); false gives arrays. */
  header?: boolean;
  /** One character between fields (default ','). */
  delimiter?: string;
}

/** The input of data.csv.stringify. */
export interface CsvStringifyInput {
  /** Objects (columns from `columns`, else the first row's keys) or arrays of cells. */
  rows: (Record<string, unknown> | unknown[])[];
  columns?: string[];
  /** Write a header row of column names (default true when rows are objects). */
  header?: boolean;
  delimiter?: string;
}

const DELIMITER = { type: 'string', minLength: 1, maxLength: 1 } as const;

/** The data.csv.parse capability. */
export function dataCsvParse(): CapabilityDefinition<CsvParseInput, { rows: unknown[] }> {
  const name = 'data.csv.parse';
  return {
    name,
    description:
      'Parses CSV text. With header (the default) the first row names the columns and each row becomes an object; ' +
      'without, each row is an array of strings. An error names the line where the CSV is malformed.',
    inputSchema: {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text: TEXT_SCHEMA, header: { type: 'boolean' }, delimiter: DELIMITER },
    },
    outputSchema: {
      type: 'object',
      required: ['rows'],
      additionalProperties: false,
      properties: { rows: { type: 'array' } },
    },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Parse CSV' },
    scopes: () => [],
    run: async ({ text, header = true, delimiter = ',' }) => {
      // Loaded on first use, so the supervisor's services stay light until a workflow reads CSV.
      const { CsvError, parse } = await import('csv-parse/browser/esm/sync');
      try {
        const rows: unknown[] = parse(text, { columns: header, delimiter, skip_empty_lines: true, bom: true });
        return { rows };
      } catch (error) {
        if (!(error instanceof CsvError)) throw error;
        // csv-parse counts lines from 1, the header included: the row a person sees in a spreadsheet.
        const where = typeof error.lines === 'number' ? `row ${error.lines}: ` : '';
        throw badInput(name, `the CSV is malformed at ${where}${errorMessage(error)}`, error);
      }
    },
  };
}

/** The data.csv.stringify capability. */
export function dataCsvStringify(): CapabilityDefinition<CsvStringifyInput, { text: string }> {
  const name = 'data.csv.stringify';
  return {
    name,
    description:
      'Writes rows as CSV text, quoting where needed. Rows are objects (columns from `columns` or the first ' +
      "row's keys, with a header row) or arrays of cells. Nested values are written as JSON.",
    inputSchema: {
      type: 'object',
      required: ['rows'],
      additionalProperties: false,
      properties: {
        rows: { type: 'array', items: { type: ['object', 'array'] } },
        columns: { type: 'array', items: { type: 'string' }, minItems: 1 },
        header: { type: 'boolean' },
        delimiter: DELIMITER,
      },
    },
    outputSchema: {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text: TEXT_SCHEMA },
    },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Write CSV' },
    scopes: () => [],
    run: async ({ rows, columns, header, delimiter = ',' }) => {
      checkSize(name, 'rows', rows);
      const { stringify } = await import('csv-stringify/browser/esm/sync');
      const objects = rows.length > 0 && !Array.isArray(rows[0]);
      const text = stringify(rows, {
        columns: columns ?? (objects ? Object.keys(rows[0]) : undefined),
        header: header ?? objects,
        delimiter,
        cast: { object: (value) => JSON.stringify(value), boolean: (value) => String(value) },
      });
      checkSize(name, 'the text', text);
      return { text };
    },
  };
}
