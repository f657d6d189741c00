import { expect } from '@open-wc/testing';
import { isCometError } from '../../../src/core/errors.js';
import { globMatches, parseUrlPattern, urlMatches } from '../../../src/core/vault/patterns.js';

const matches = (pattern: string, url: string) => urlMatches(parseUrlPattern(pattern), new URL(url));

describe('URL patterns of keys', () => {
  it('matches the host as a host, never as text', () => {
    expect(matches('https://api.openai.com/*', 'https://api.openai.com/v1/chat/completions')).to.equal(true);
    expect(matches('https://api.openai.com/*', 'https://api.openai.com.evil.net/v1')).to.equal(false);
    expect(matches('https://api.openai.com/*', 'https://evil.net/api.openai.com/')).to.equal(false);
    expect(matches('https://api.openai.com/*', 'https://user:pw@api.openai.com/')).to.equal(false);
  });

  it('keeps the scheme and port', () => {
    expect(matches('https://api.example.com/*', 'http://api.example.com/')).to.equal(false);
    expect(matches('https://api.example.com/*', 'https://api.example.com:8443/')).to.equal(false);
    expect(matches('https://api.example.com:443/*', 'https://api.example.com/')).to.equal(true);
    expect(matches('http://localhost:8080/*', 'http://localhost:8080/x')).to.equal(true);
  });

  it("reads a bare host as https with any path, and '*.' as any subdomain", () => {
    expect(matches('api.anthropic.com', 'https://api.anthropic.com/v1/messages')).to.equal(true);
    expect(matches('https://*.example.com/*', 'https://a.b.example.com/')).to.equal(true);
    expect(matches('https://*.example.com/*', 'https://example.com/')).to.equal(false);
    expect(matches('https://*.example.com/*', 'https://badexample.com/')).to.equal(false);
  });

  it('matches the path as a glob and ignores the query', () => {
    expect(matches('https://api.example.com/v1/*', 'https://api.example.com/v1/items?page=2')).to.equal(true);
    expect(matches('https://api.example.com/v1/*', 'https://api.example.com/v2/items')).to.equal(false);
    expect(matches('https://api.example.com/v1/items', 'https://api.example.com/v1/items/1')).to.equal(false);
  });

  it('refuses patterns that could not be read safely, saying why', () => {
    for (const bad of [
      '',
      'ftp://files.example.com/*',
      'https://*evil.com/*',
      'https://a.example.com/?key=1',
      'https://u@a.com/',
    ]) {
      let error: unknown;
      try {
        parseUrlPattern(bad);
      } catch (caught) {
        error = caught;
      }
      expect(isCometError(error, 'invalid-argument'), bad).to.equal(true);
    }
  });

  it('matches principal and capability globs', () => {
    expect(globMatches('agent:*', 'agent:researcher')).to.equal(true);
    expect(globMatches('agent:*', 'workflow:agent:x')).to.equal(false);
    expect(globMatches('http.request', 'http.requests')).to.equal(false);
    expect(globMatches('plugin.*.fetch', 'plugin.csv.fetch')).to.equal(true);
  });
});
