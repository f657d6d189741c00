// A @web/test-runner command, `verify-audit-export`, that runs scripts/verify-audit.mjs in Node on an export made in
// the browser: `{ jsonl }` is written to a temporary file and checked as a user would check it. Returns the exit
// code, the printed line and the --json result.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = new URL('./verify-audit.mjs', import.meta.url).pathname;

/** Runs the verifier; a non-zero exit is a result here, not an error. */
async function verifier(args) {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, ...args]);
    return { code: 0, stdout };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout };
  }
}

/** The plugin for web-test-runner.config.mjs. */
export function verifyAuditPlugin() {
  return {
    name: 'verify-audit',
    async executeCommand({ command, payload }) {
      if (command !== 'verify-audit-export') return undefined;
      const dir = await mkdtemp(join(tmpdir(), 'comet-audit-'));
      try {
        const file = join(dir, 'audit.jsonl');
        await writeFile(file, payload.jsonl, 'utf8');
        const human = await verifier([file]);
        const machine = await verifier(['--json', file]);
        return { code: human.code, line: human.stdout.trim(), result: JSON.parse(machine.stdout) };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
