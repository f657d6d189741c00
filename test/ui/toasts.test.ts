import { expect } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { DEFAULT_TOAST_MS, ToastCenter } from '../../src/ui/toasts.js';

describe('ToastCenter', () => {
  it('hides an information toast after its duration, and never an error', () => {
    const clock = new ManualClock();
    const toasts = new ToastCenter({ clock });
    toasts.show({ title: 'Saved' });
    toasts.show({ variant: 'danger', title: 'Failed' });
    clock.advance(DEFAULT_TOAST_MS);
    expect(toasts.items.map((t) => t.title)).to.deep.equal(['Failed']);
    clock.advance(DEFAULT_TOAST_MS * 100);
    expect(toasts.items).to.have.length(1);
  });

  it('restarts the timer when the same toast is raised again', () => {
    const clock = new ManualClock();
    const toasts = new ToastCenter({ clock });
    toasts.show({ title: 'Offline' });
    clock.advance(DEFAULT_TOAST_MS - 1);
    toasts.show({ title: 'Offline' });
    clock.advance(DEFAULT_TOAST_MS - 1);
    expect(toasts.items[0]?.count).to.equal(2);
    clock.advance(1);
    expect(toasts.items).to.have.length(0);
    expect(clock.pending).to.equal(0);
  });

  it('keeps errors when too many toasts arrive at once, dropping the oldest that would go by itself', () => {
    const toasts = new ToastCenter({ clock: new ManualClock() });
    toasts.show({ variant: 'danger', title: 'Error 1' });
    for (let i = 1; i <= 6; i++) toasts.show({ title: `Info ${i}` });
    expect(toasts.items).to.have.length(5);
    expect(toasts.items[0]?.title).to.equal('Error 1');
    expect(toasts.items.map((t) => t.title)).not.to.include('Info 1');
  });
});
