// Glob matching for principal ids, capability names and scopes, shared by the supervisor and the vault.

/**
 * True when `text` matches `glob`, where '*' matches any run of characters and everything else matches itself.
 * Greedy matching with one backtrack point: linear for the patterns people write, and never exponential (a RegExp
 * built from a user's glob could be, with many stars).
 */
export function matchesGlob(glob: string, text: string): boolean {
  if (glob === '*') return true;
  let g = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === text[t]) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = t;
    } else if (star >= 0) {
      g = star + 1;
      t = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}
