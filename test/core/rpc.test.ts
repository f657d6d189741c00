import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { CometError, isCometError } from '../../src/core/errors.js';
import { Logger, type LogEntry } from '../../src/core/log.js';
import { spawnWorker, transfer, workerRegistry, type WorkerHandle } from '../../src/core/rpc.js';
import type { EchoApi } from '../../workers/echo.worker.js';
import type { ProbeApi } from './fixtures/rpc-probe.worker.js';

const probeUrl = new URL('./fixtures/rpc-probe.worker.ts', import.meta.url);
const echoUrl = new URL('./echo.worker.js', import.meta.url);

/** The rejection of `promise` (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call resolved');
}

/** Resolves with the first entry `logger` records at `level`. */
function nextEntry(logger: Logger, level: LogEntry['level']): Promise<LogEntry> {
  return new Promise((resolve) => {
    const stop = logger.subscribe((entry) => {
      if (entry.level !== level) return;
      stop();
      resolve(entry);
    });
  });
}

describe('rpc: spawnWorker / exposeWorker', () => {
  const handles: WorkerHandle<unknown>[] = [];
  const spawn = <Api>(name: string, url: URL, options?: Parameters<typeof spawnWorker>[2]) => {
    const handle = spawnWorker<Api>(name, url, { log: new Logger(), ...options });
    handles.push(handle);
    return handle;
  };
  afterEach(() => {
    for (const handle of handles.splice(0)) handle.terminate();
  });

  it('calls a method of a ready module worker and returns its result', async () => {
    const echo = spawn<EchoApi>('echo', echoUrl);
    expect(echo.state).to.equal('starting');
    const reply = await echo.api.echo({ hello: 'worker', n: [1, 2] });
    await echo.ready;
    expect(reply).to.deep.equal({ hello: 'worker', n: [1, 2] });
    expect(echo.state).to.equal('ready');
  });

  describe('errors across the boundary', () => {
    it('keeps the class, name, message and stack of a thrown TypeError', async () => {
      const probe = spawn<ProbeApi>('probe', probeUrl);
      const error = (await rejectionOf(probe.api.throwTypeError('bad input'))) as Error;
      expect(error).to.be.instanceOf(TypeError);
      expect(error.name).to.equal('TypeError');
      expect(error.message).to.equal('bad input');
      expect(error.stack).to.contain('rpc-probe.worker');
    });

    it('keeps a CometError with its code, details and cause', async () => {
      const probe = spawn<ProbeApi>('probe', probeUrl);
      const error = await rejectionOf(probe.api.throwCometError());
      expect(isCometError(error, 'invalid-argument')).to.be.true;
      const comet = error as CometError;
      expect(comet.details).to.deep.equal({ what: 'The probe input', reason: 'it is negative', limit: 0 });
      expect(comet.message).to.equal('The probe input is not valid: it is negative.');
      expect(comet.stack).to.contain('rpc-probe.worker');
      expect(comet.cause).to.be.instanceOf(RangeError);
      expect((comet.cause as Error).message).to.equal('-1 is below 0');
    });

    it('keeps a DOMException as a DOMException with its name', async () => {
      const probe = spawn<ProbeApi>('probe', probeUrl);
      const error = await rejectionOf(probe.api.throwDomException());
      expect(error).to.be.instanceOf(DOMException);
      expect((error as DOMException).name).to.equal('NotFoundError');
      expect((error as DOMException).message).to.equal('There is no such row.');
    });

    it('rethrows a thrown non-Error value as it was', async () => {
      const probe = spawn<ProbeApi>('probe', probeUrl);
      expect(await rejectionOf(probe.api.throwString())).to.equal('a plain string');
    });
  });

  describe('cancellation', () => {
    it('aborts the call in the worker and rejects the caller with an AbortError', async () => {
      const probe = spawn<ProbeApi>('probe', probeUrl);
      const controller = new AbortController();
      const call = probe.api.waitForAbort(controller.signal);
      // Calls on one worker arrive in order: once counts() answers, waitForAbort is running.
      expect((await probe.api.counts()).inFlight).to.equal(1);
      const seenByWorker = probe.api.nextAbortSeen();
      controller.abort();
      const error = await rejectionOf(call);
      expect(error).to.be.instanceOf(DOMException);
      expect((error as DOMException).name).to.equal('AbortError');
      expect(await seenByWorker).to.deep.include({ name: 'AbortError' });
      expect((await probe.api.counts()).inFlight).to.equal(0);
    });

    it('carries the abort reason to the worker', async () => {
      const probe = spawn<ProbeApi>('probe', probeUrl);
      const controller = new AbortController();
      const call = probe.api.waitForAbort(controller.signal);
      await probe.api.counts();
      const seenByWorker = probe.api.nextAbortSeen();
      const reason = new CometError('aborted', { what: 'The import' });
      controller.abort(reason);
      expect(await rejectionOf(call)).to.equal(reason);
      expect(await seenByWorker).to.deep.equal({ name: 'CometError', message: 'The import was cancelled.' });
    });

    it('accepts the signal inside an options object and passes the other options along', async () => {
      const probe = spawn<ProbeApi>('probe', probeUrl);
      const controller = new AbortController();
      const call = probe.api.waitForAbortWithOptions('input', { label: 'kept', signal: controller.signal });
      expect((await probe.api.counts()).inFlight).to.equal(1);
      const seenByWorker = probe.api.nextAbortSeen();
      controller.abort();
      expect(await rejectionOf(call)).to.have.property('name', 'AbortError');
      expect(await seenByWorker).to.deep.include({ name: 'AbortError' });
    });

    it('rejects a call whose signal is already aborted without running it', async () => {
      const probe = spawn<ProbeApi>('probe', probeUrl);
      const error = await rejectionOf(probe.api.waitForAbort(AbortSignal.abort()));
      expect(error).to.have.property('name', 'AbortError');
      expect((await probe.api.counts()).started).to.equal(0);
    });
  });

  describe('transfer', () => {
    it('moves an ArrayBuffer marked with transfer(): the sender keeps an empty buffer', async () => {
      const echo = spawn<EchoApi>('echo', echoUrl);
      const floats = new Float32Array(1024 * 1024);
      const received = await echo.api.byteLength(transfer(floats, [floats.buffer]));
      expect(received).to.equal(4 * 1024 * 1024);
      expect(floats.buffer.byteLength).to.equal(0);
    });

    it('copies a buffer that is not marked, leaving the sender its data', async () => {
      const echo = spawn<EchoApi>('echo', echoUrl);
      const floats = new Float32Array(1024);
      expect(await echo.api.byteLength(floats)).to.equal(4096);
      expect(floats.buffer.byteLength).to.equal(4096);
    });

    it('moves a buffer the worker returns with transfer()', async () => {
      const echo = spawn<EchoApi>('echo', echoUrl);
      const floats = await echo.api.floats(256);
      expect(floats).to.be.instanceOf(Float32Array);
      expect(floats.length).to.equal(256);
      expect(floats[255]).to.equal(1);
    });
  });

  describe('termination', () => {
    it('rejects every unanswered call with worker-terminated and stops the worker', async () => {
      const probe = spawn<ProbeApi>('probe', probeUrl);
      const hanging = [probe.api.hang(), probe.api.hang()];
      expect((await probe.api.counts()).started).to.equal(0);
      probe.terminate();
      for (const call of hanging) {
        const error = await rejectionOf(call);
        expect(isCometError(error, 'worker-terminated')).to.be.true;
        expect((error as CometError).details).to.deep.equal({ worker: 'probe', method: 'hang' });
      }
      expect(probe.state).to.equal('terminated');
    });

    it('rejects calls made after terminate() instead of hanging', async () => {
      const echo = spawn<EchoApi>('echo', echoUrl);
      await echo.ready;
      echo.terminate();
      const error = await rejectionOf(echo.api.echo('late'));
      expect(isCometError(error, 'worker-terminated')).to.be.true;
      expect((error as CometError).details).to.deep.equal({ worker: 'echo', method: 'echo' });
    });
  });

  describe('start-up failures', () => {
    it('fails a worker that throws while loading: ready rejects, calls reject, the log says why', async () => {
      const logger = new Logger();
      const logged = nextEntry(logger, 'error');
      const broken = spawn<ProbeApi>('broken', new URL('./fixtures/throws-at-start.worker.ts', import.meta.url), {
        log: logger,
      });
      const early = broken.api.counts();
      const error = await rejectionOf(broken.ready);
      expect(isCometError(error, 'worker-start-failed')).to.be.true;
      expect((error as CometError).details.reason).to.equal('Error: The probe configuration is missing');
      expect(broken.state).to.equal('failed');
      expect(broken.error).to.equal(error);
      expect(await rejectionOf(early)).to.equal(error);
      expect(await rejectionOf(broken.api.counts())).to.equal(error);
      const entry = await logged;
      expect(entry.source).to.equal('rpc:broken');
      expect(entry.message).to.equal((error as CometError).message);
    });

    it('fails a worker whose script is missing (404)', async () => {
      const missing = spawn<EchoApi>('missing', new URL('./fixtures/no-such.worker.ts', import.meta.url));
      const call = missing.api.noop();
      const error = await rejectionOf(missing.ready);
      expect(isCometError(error, 'worker-start-failed')).to.be.true;
      expect(missing.state).to.equal('failed');
      expect(await rejectionOf(call)).to.equal(error);
    });

    it('fails a worker that never reports ready once the start-up timeout passes', async () => {
      const clock = new ManualClock();
      const silent = spawn<EchoApi>('silent', new URL('./fixtures/silent.worker.ts', import.meta.url), {
        clock,
        startTimeoutMs: 5000,
      });
      const call = silent.api.noop();
      clock.advance(4999);
      expect(silent.state).to.equal('starting');
      clock.advance(1);
      const error = await rejectionOf(call);
      expect(isCometError(error, 'worker-start-failed')).to.be.true;
      expect((error as CometError).details.reason).to.equal('it did not report ready within 5000 ms');
      expect(silent.state).to.equal('failed');
    });
  });

  it('logs an uncaught error of a running worker and keeps it running', async () => {
    const logger = new Logger();
    const probe = spawn<ProbeApi>('probe', probeUrl, { log: logger });
    await probe.ready;
    const logged = nextEntry(logger, 'error');
    await probe.api.crashLater('late failure');
    expect((await logged).message).to.contain('late failure');
    expect(probe.state).to.equal('ready');
    expect((await probe.api.counts()).started).to.equal(0);
  });

  it('lists live workers with their state and pending calls for the inspector', async () => {
    const probe = spawn<ProbeApi>('registry-probe', probeUrl);
    const mine = () => workerRegistry.list().find((w) => w.name === 'registry-probe');
    const changed = () =>
      new Promise<void>((resolve) => {
        const stop = workerRegistry.subscribe(() => {
          stop();
          resolve();
        });
      });
    expect(mine()).to.include({ state: 'starting', url: probeUrl.href });
    await probe.ready;
    const hanging = probe.api.hang();
    expect(mine()).to.include({ state: 'ready', pendingCalls: 1 });
    const removed = changed();
    probe.terminate();
    await removed;
    expect(mine()).to.equal(undefined);
    await rejectionOf(hanging);
  });
});
