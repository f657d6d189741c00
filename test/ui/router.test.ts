import { expect } from '@open-wc/testing';
import { href, matchRoute, segments } from '../../src/ui/router.js';
import { routes } from '../../src/ui/routes.js';

describe('router', () => {
  it('sends an empty hash, "#" and "#/" to the home route', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(matchRoute(routes, hash).route?.path).to.equal('');
  });

  it('gives a route the path below it, so deep links reach sub-pages', () => {
    const match = matchRoute(routes, '#/settings/storage');
    expect(match.route?.tag).to.equal('comet-settings-view');
    expect(match.rest).to.deep.equal(['storage']);
    expect(match.path).to.equal('/settings/storage');
  });

  it('matches no route for an unknown path, keeping the path for the not-found view', () => {
    const match = matchRoute(routes, '#/no-such-module/42');
    expect(match.route).to.equal(undefined);
    expect(match.path).to.equal('/no-such-module/42');
  });

  it('decodes segments, and treats a malformed escape as an unknown path instead of throwing', () => {
    expect(segments('#/a%20b/c')).to.deep.equal(['a b', 'c']);
    expect(matchRoute(routes, '#/%E0%A4%A').route).to.equal(undefined);
  });

  it('writes links as hashes, so they work under any sub-path', () => {
    expect(href('settings/storage')).to.equal('#/settings/storage');
    expect(href('/')).to.equal('#/');
  });

  it('lists every route once, each with a lazily loaded view', () => {
    const paths = routes.map((r) => r.path);
    expect(new Set(paths).size).to.equal(paths.length);
    for (const route of routes) expect(route.load).to.be.a('function');
  });
});
