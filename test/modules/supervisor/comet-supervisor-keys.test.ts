import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/supervisor/comet-supervisor-keys.js';
import type { CometSupervisorKeys } from '../../../src/modules/supervisor/comet-supervisor-keys.js';
import { button, servicesFixture, shadowText, type ServicesFixture } from './services-fixture.js';

const SECRET = 'sk-proj-abcdefghijklmnopqrstuvwx1234';

describe('<comet-supervisor-keys>', () => {
  let f: ServicesFixture;
  let page: CometSupervisorKeys;

  beforeEach(async () => {
    f = await servicesFixture();
    page = await f.mount(
      'comet-supervisor-keys',
      html`<comet-supervisor-keys .services=${f.services}></comet-supervisor-keys>`,
    );
    await waitUntil(() => page.shadowRoot!.querySelector('comet-key-form'), 'the vault never opened');
  });
  afterEach(() => f.close());

  const form = () => page.shadowRoot!.querySelector('comet-key-form')!;
  const lock = () => page.shadowRoot!.querySelector('comet-vault-lock')!;
  /** Fills a field of a form element (wa-input or wa-textarea) by name. */
  const fill = (root: Element, name: string, value: string) => {
    const field = root.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    field.value = value;
  };
  /** Submits a form once its fields have taken their new values (they check validity as they update). */
  const submit = async (root: Element) => {
    const fields = [
      ...root.shadowRoot!.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('wa-input, wa-textarea'),
    ];
    await Promise.all(fields.map((field) => field.updateComplete));
    root.shadowRoot!.querySelector('form')!.requestSubmit();
  };
  /** Everything a person could read or copy from the page: text and the values of every field. */
  const everything = ({ values = true } = {}) => {
    const parts: string[] = [];
    const walk = (root: ShadowRoot | Element) => {
      for (const el of root.querySelectorAll('*')) {
        if (values && 'value' in el && typeof el.value === 'string') parts.push(el.value);
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.textContent ?? '');
          walk(el.shadowRoot);
        }
      }
    };
    parts.push(page.shadowRoot!.textContent ?? '');
    walk(page.shadowRoot!);
    return parts.join('\n');
  };

  it('adds a key: listed with its hosts and principals, and its secret never shown again', async () => {
    await form().updateComplete;
    fill(form(), 'name', 'openai');
    fill(form(), 'secret', SECRET);
    fill(form(), 'hosts', 'https://api.openai.com/*');
    fill(form(), 'principals', 'agent:*');
    await submit(form());
    await waitUntil(() => shadowText(page).includes('https://api.openai.com/*'), 'the key was not listed');
    const text = shadowText(page);
    expect(text).to.contain('openai');
    expect(text).to.contain('ends in …1234');
    expect(text).to.contain('Only for agent:*');
    expect(text).to.contain('0 calls · 0 tokens');
    expect(everything()).not.to.contain(SECRET);
    expect((await f.services.vault.list()).map((k) => k.name)).to.deep.equal(['openai']);
    await expect(page).to.be.accessible();
  });

  it('says what is wrong with a key it cannot store, without echoing the secret', async () => {
    await form().updateComplete;
    fill(form(), 'name', 'openai');
    fill(form(), 'secret', SECRET);
    fill(form(), 'hosts', 'https://api.openai.com/*');
    fill(form(), 'header', 'Authorization Bearer');
    await submit(form());
    await waitUntil(() => form().error, 'no error shown');
    expect(form().error).to.contain('header template');
    expect(form().error).not.to.contain(SECRET);
    expect(everything({ values: false })).not.to.contain(SECRET);
  });

  it('removes a key only after confirming', async () => {
    await f.services.vault.add({ name: 'github', secret: SECRET, hosts: ['https://api.github.com/*'] });
    page.revision++;
    await waitUntil(() => shadowText(page).includes('github'));
    button(page, 'Remove').click();
    await page.updateComplete;
    const dialog = page.shadowRoot!.querySelector('wa-dialog')!;
    await waitUntil(() => dialog.open, 'no confirmation');
    expect(await f.services.vault.list()).to.have.length(1, 'nothing removed before confirming');
    button(page, 'Remove key').click();
    await waitUntil(async () => (await f.services.vault.list()).length === 0, 'the key stayed');
    await waitUntil(() => shadowText(page).includes('No keys yet'));
  });

  it('locks the vault with a passphrase, and unlocks it', async () => {
    await lock().updateComplete;
    button(lock(), 'Set a passphrase').click();
    await lock().updateComplete;
    fill(lock(), 'passphrase', 'correct horse battery');
    fill(lock(), 'repeat', 'correct horse battery');
    await submit(lock());
    await waitUntil(() => shadowText(lock()).includes('Unlocked for this session'), 'the passphrase was not set');
    button(lock(), 'Lock now').click();
    await waitUntil(() => shadowText(lock()).includes('Locked'), 'the vault did not lock');
    expect((await f.services.vault.status()).state).to.equal('locked');
    expect(form().locked).to.be.true;
    await expect(page).to.be.accessible();
    fill(lock(), 'passphrase', 'wrong passphrase');
    await submit(lock());
    await waitUntil(() => lock().error, 'a wrong passphrase was not refused');
    expect(lock().error).to.contain('does not unlock');
    fill(lock(), 'passphrase', 'correct horse battery');
    await submit(lock());
    await waitUntil(() => shadowText(lock()).includes('Unlocked for this session'), 'the vault did not unlock');
    expect((await f.services.vault.status()).state).to.equal('unlocked');
  });
});
