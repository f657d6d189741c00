import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { CometError } from '../../src/core/errors.js';
import { Logger } from '../../src/core/log.js';
import { installErrorBoundary } from '../../src/ui/error-boundary.js';
import { ToastCenter } from '../../src/ui/toasts.js';

describe('installErrorBoundary', () => {
  const setUp = () => {
    const target = new EventTarget();
    const log = new Logger();
    const toasts = new ToastCenter({ clock: new ManualClock() });
    const stop = installErrorBoundary(target, { log, toasts });
    return { target, log, toasts, stop };
  };

  it('turns an uncaught error into an error toast and a log entry', () => {
    const { target, log, toasts } = setUp();
    target.dispatchEvent(
      new ErrorEvent('error', { error: new TypeError('x is undefined'), message: 'x is undefined' }),
    );
    expect(toasts.items[0]?.variant).to.equal('danger');
    expect(toasts.items[0]?.message).to.contain('x is undefined. The app keeps running');
    expect(log.entries().at(-1)).to.include({ level: 'error', source: 'app' });
  });

  it('shows an unhandled CometError rejection with the message written for people', () => {
    const { target, toasts } = setUp();
    const reason = new CometError('storage-quota', { what: 'the run log' });
    const event = new Event('unhandledrejection') as Event & { reason: unknown };
    event.reason = reason;
    target.dispatchEvent(event);
    expect(toasts.items[0]?.message).to.equal(reason.message);
  });

  it("does not report the browser's ResizeObserver loop note (nothing failed)", () => {
    const { target, toasts, log } = setUp();
    const message = 'ResizeObserver loop completed with undelivered notifications.';
    target.dispatchEvent(new ErrorEvent('error', { message }));
    expect(toasts.items).to.have.length(0);
    expect(log.entries().filter((e) => e.level === 'error')).to.have.length(0);
  });

  it('leaves resource load failures alone, and stops listening when asked', () => {
    const { target, toasts, stop } = setUp();
    target.dispatchEvent(new Event('error'));
    stop();
    target.dispatchEvent(new ErrorEvent('error', { error: new Error('late') }));
    expect(toasts.items).to.have.length(0);
  });
});
