#!/usr/bin/env node
// Verifies an audit log exported from CometPlatform (Settings → Audit log → Export, JSON Lines) without the app:
//
//   node scripts/verify-audit.mjs audit.jsonl          prints "OK …" or the first bad entry; exit 0 / 1 (2: usage)
//   node scripts/verify-audit.mjs --json audit.jsonl   the same as one line of JSON
//
// It depends on nothing but Node: canonical JSON (RFC 8785) and the chain rules are written out here on purpose, so
// that it checks the app rather than trusting its code. Each entry's hash must be the hex SHA-256 of
// UTF-8(prevHash + canonical JSON of the entry without prevHash and hash); each prevHash must be the hash of the
// entry before (64 zeros for the first); seqs must run 1, 2, 3, … The first entry that breaks a rule is reported as
// altered, removed, reordered or inserted, by the same rules as the app's verify() (src/core/audit/chain-walker.ts),
// plus one for files: a line moved with its seq is 'reordered'.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const GENESIS = '0'.repeat(64);

/** RFC 8785 canonical JSON of a value parsed from JSON: sorted keys (UTF-16 order), no whitespace. */
function canonical(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('a number JSON cannot hold');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
}

/** True when the entry's hash is the hash of its content after its prevHash. */
function hashMatches(entry) {
  if (typeof entry.prevHash !== 'string' || typeof entry.hash !== 'string') return false;
  const { prevHash, hash, ...content } = entry;
  const digest = createHash('sha256')
    .update(prevHash + canonical(content), 'utf8')
    .digest('hex');
  return digest === hash;
}

const range = (from, to) => (from === to ? `Entry ${from} is` : `Entries ${from}–${to} are`);
const fail = (seq, problem, detail) => ({ ok: false, seq, problem, detail });

/** The first bad entry of `entries` (in file order), or the count and head of an intact chain. */
function verify(entries) {
  let head = { seq: 0, hash: GENESIS };
  const seen = new Map();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const expected = head.seq + 1;
    if (entry === undefined)
      return fail(expected, 'altered', `Line ${i + 1} is not an audit entry (not a JSON object).`);
    const { seq, prevHash } = entry;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < expected) {
      const at = typeof seq === 'number' ? seq : expected;
      return fail(
        at,
        'inserted',
        `Entry ${String(seq)} is not part of the sequence (entry ${expected} was due): it was inserted.`,
      );
    }
    if (seq > expected) {
      // In a file (unlike the app's table, which is sorted by seq) lines can be moved with their seq.
      if (entries.slice(i + 1).some((other) => other?.seq === expected)) {
        return fail(
          expected,
          'reordered',
          `Entry ${expected} is out of order: it comes after entry ${seq} in the file.`,
        );
      }
      return fail(
        expected,
        'removed',
        `${range(expected, seq - 1)} missing: entry ${seq} follows entry ${expected - 1}.`,
      );
    }
    const selfOk = hashMatches(entry);
    if (prevHash === head.hash) {
      if (!selfOk)
        return fail(
          seq,
          'altered',
          `Entry ${seq} was changed after it was written: its content no longer matches its hash.`,
        );
      head = { seq, hash: entry.hash };
      seen.set(entry.hash, seq);
      continue;
    }
    const earlier = seen.get(prevHash);
    if (earlier !== undefined) {
      return fail(
        earlier + 1,
        'inserted',
        `${range(earlier + 1, seq - 1)} not part of the chain: entry ${seq} was written right after entry ${earlier}. They were inserted.`,
      );
    }
    const later = entries.slice(i + 1).find((other) => other !== undefined && other.hash === prevHash);
    if (later)
      return fail(
        seq,
        'reordered',
        `Entry ${seq} is out of order: it was written right after the entry now stored as ${later.seq}.`,
      );
    if (!selfOk)
      return fail(
        seq,
        'altered',
        `Entry ${seq} was changed: neither its content nor its link to entry ${seq - 1} matches.`,
      );
    if (seq === 1) return fail(1, 'altered', 'Entry 1 does not start the chain: its link to the start was changed.');
    return fail(
      seq - 1,
      'altered',
      `Entry ${seq - 1} was changed and its hash recomputed: entry ${seq} was chained to a different hash.`,
    );
  }
  return { ok: true, count: head.seq, head };
}

/** Reads a JSON Lines file: one parsed object per non-empty line (undefined for a line that is not one). */
async function readEntries(file) {
  const entries = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined; // reported by verify() as the line that is not an entry
    }
    entries.push(value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined);
  }
  return entries;
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const files = args.filter((arg) => arg !== '--json');
  if (files.length !== 1) {
    process.stderr.write('Usage: node scripts/verify-audit.mjs [--json] <audit-export.jsonl>\n');
    return 2;
  }
  let result;
  try {
    result = verify(await readEntries(files[0]));
  } catch (error) {
    process.stderr.write(`Could not read ${files[0]}: ${error.message}\n`);
    return 2;
  }
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else if (result.ok)
    process.stdout.write(
      `OK: ${result.count} entries, chain intact. Head: entry ${result.head.seq}, hash ${result.head.hash}\n`,
    );
  else process.stdout.write(`FAIL at entry ${result.seq} (${result.problem}): ${result.detail}\n`);
  return result.ok ? 0 : 1;
}

process.exitCode = await main();
