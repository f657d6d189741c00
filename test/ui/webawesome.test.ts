import '@awesome.me/webawesome/dist/components/icon/icon.js';
import { icons } from '@awesome.me/webawesome/dist/components/icon/library.system.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setUpTheme } from './helpers.js';

const FOLDER = '/public/webawesome/icons/system';

describe('Web Awesome assets', () => {
  before(setUpTheme);

  it('ships every system icon of the installed Web Awesome, unchanged (run scripts/webawesome-assets.mjs if not)', async () => {
    const variants = Object.entries(icons as Record<string, Record<string, string>>);
    for (const [variant, set] of variants) {
      for (const [name, svg] of Object.entries(set)) {
        const response = await fetch(`${FOLDER}/${variant}/${name}.svg`);
        expect(response.ok, `${variant}/${name}.svg`).to.be.true;
        expect((await response.text()).trim(), `${variant}/${name}.svg`).to.equal(svg.trim());
      }
    }
  });

  it('draws a component’s icon from the app’s own files, for any library name', async () => {
    const el = await fixture(
      html`<div>
        <wa-icon library="system" name="xmark" label="Close"></wa-icon>
        <wa-icon name="chevron-down" label="Open"></wa-icon>
      </div>`,
    );
    const waIcons = [...el.querySelectorAll('wa-icon')];
    await Promise.all(
      waIcons.map((icon) => (icon.shadowRoot!.querySelector('svg') ? Promise.resolve() : oneEvent(icon, 'wa-load'))),
    );

    for (const icon of waIcons) expect(icon.shadowRoot!.querySelector('svg')).to.exist;
    const svgs = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((url) => url.endsWith('.svg'));
    expect(svgs).to.include.members([
      `${location.origin}${FOLDER}/solid/xmark.svg`,
      `${location.origin}${FOLDER}/solid/chevron-down.svg`,
    ]);
    expect(
      svgs.every((url) => url.startsWith(location.origin)),
      svgs.join(),
    ).to.be.true;
    await expect(el).to.be.accessible();
  });
});
