/**
 * Located problems: what is wrong in a grant, a policy or an imported file, and where, as a path a person can follow
 * ('policies[2].rule.windowMs: must be a positive integer').
 */

/** One problem and where it is. */
export interface LocatedProblem {
  /** 'policies[2].rule.windowMs', or '(root)' for the whole document. */
  path: string;
  message: string;
}

/** `base` extended by a key or index, in the 'a.b[2].c' form. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  const dotted = /^[A-Za-z_$]/.test(name) ? name : `[${name}]`;
  if (base === '' || base === '(root)') return dotted.startsWith('[') ? `(root)${dotted}` : dotted;
  return dotted.startsWith('[') ? `${base}${dotted}` : `${base}.${dotted}`;
}

/** The problems as one line each: 'path: message'. */
export function formatProblems(problems: readonly LocatedProblem[], limit = 20): string {
  const lines = problems.slice(0, limit).map((p) => `${p.path}: ${p.message}`);
  if (problems.length > limit) lines.push(`… and ${problems.length - limit} more`);
  return lines.join('; ');
}
