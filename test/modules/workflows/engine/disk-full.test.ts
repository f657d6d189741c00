// A full disk mid-run, against Chromium's own quota error (quota set through the DevTools Protocol, as in
// test/core/storage.test.ts), in a file of its own so that no other test's databases skew the usage estimate.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { WorkflowDefinition, WorkflowStep } from '../../../../src/modules/workflows/model/types.js';
import { engineFixture, ScriptedExecutor, until, type EngineFixture } from './engine-fixture.js';

const workflow = (steps: WorkflowStep[]): WorkflowDefinition => ({ id: 'disk-full', name: 'Disk full', steps });

function gate<T = unknown>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('workflow engine on a full disk', () => {
  let f: EngineFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('stops a run whose log cannot be written (disk full) with nothing half-recorded, and resumes it once there is room', async () => {
    const setQuota = (bytes: number | null) => executeServerCommand('set-storage-quota', { bytes });
    const small = gate();
    const executor = new ScriptedExecutor({ 'test.small': () => small.promise, 'test.next': () => 'done' });
    f = await engineFixture(executor);
    const halted: string[] = [];
    const engine = f.engine as unknown as { halted(run: { id: string }, error: unknown): void };
    const original = engine.halted.bind(f.engine);
    engine.halted = (run, error) => {
      halted.push(run.id);
      original(run, error);
    };
    // Little room is left. Set before the database's first write: Chromium's IndexedDB keeps the quota it saw then.
    const { usage = 0 } = await navigator.storage.estimate();
    await setQuota(usage + 64 * 1024);
    try {
      const runId = await f.start(
        workflow([
          { id: 'small', capability: 'test.small' },
          { id: 'next', capability: 'test.next', needs: ['small'] },
        ]),
      );
      await until(async () => (await f!.db.runs.get(runId))?.status === 'running');
      // The step's output is bigger than the room left (random bytes, since IndexedDB compresses values; and many
      // megabytes, more than the usage estimate may be off by).
      const noise = new Uint8Array(16 * 1024 * 1024);
      for (let i = 0; i < noise.length; i += 65_536) crypto.getRandomValues(noise.subarray(i, i + 65_536));
      small.open(noise);
      await until(() => halted.length > 0);
      expect(halted).to.deep.equal([runId]);
      const row = (await f.db.runs.get(runId))!;
      const events = await f.db.runEvents.where('[runId+seq]').between([runId, 0], [runId, Infinity]).toArray();
      expect(row.status).to.equal('running');
      expect(row.lastSeq).to.equal(events.length);
      expect(events.map((e) => e.type)).to.deep.equal(['run.created', 'run.started', 'step.started']);
      await setQuota(null);
      small.open('ok');
      await f.restart(new ScriptedExecutor({ 'test.small': () => 'small now', 'test.next': () => 'done' }));
      expect((await f.finished(runId)).status).to.equal('succeeded');
      expect((await f.state(runId)).steps.next.output).to.equal('done');
    } finally {
      await setQuota(null);
    }
  });
});
