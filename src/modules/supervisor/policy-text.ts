/**
 * Policy JSON as a person edits it: parsed with located problems (a syntax error by line and column, then every
 * schema and meaning problem by path, from the supervisor's policyProblems), and files to download.
 */
import { policyProblems, type LocatedProblem, type Policy } from '../../core/supervisor/index.js';

/** The text read as a policy, or its problems (never both). */
export type PolicyReading = { policy: Policy; problems: [] } | { policy?: undefined; problems: LocatedProblem[] };

/** Reads the editor's text: JSON first (located by line and column), then the policy's own problems. */
export function readPolicyText(text: string): PolicyReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { problems: [{ path: jsonErrorPlace(text, error.message), message: jsonErrorWords(error.message) }] };
  }
  const problems = policyProblems(value);
  return problems.length ? { problems } : { policy: value as Policy, problems: [] };
}

/** 'line 3, column 14' from a JSON.parse message that names a position, else '(root)'. */
function jsonErrorPlace(text: string, message: string): string {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return '(root)';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** The JSON.parse message without the position (the place says it) or the echoed text. */
function jsonErrorWords(message: string): string {
  const words = message
    .replace(/\s*in JSON at position \d+.*$/, '')
    .replace(/,\s*".*" is not valid JSON$/, '')
    .trim();
  return `is not valid JSON: ${words || 'it is empty'}`;
}

/** A policy as the editor shows it: two-space JSON. */
export function policyText(policy: Policy): string {
  return JSON.stringify(policy, null, 2);
}

/** Offers `text` as a file download named `filename`. */
export function downloadText(text: string, filename: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The download has started from the URL; revoke it once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
