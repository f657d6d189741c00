import { expect } from '@open-wc/testing';
import { isCometError } from '../../../src/core/errors.js';
import { covers, netScope, parseScope } from '../../../src/core/supervisor/scopes.js';
import { thrown } from './harness.js';

const allows = (granted: string, needed: string) => covers(parseScope(granted, true), parseScope(needed, false));
const net = (url: string) => netScope(url);

describe('scopes', () => {
  it('lets a host glob grant cover paths under it on the same host only', () => {
    expect(allows('net:https://api.example.com/*', net('https://api.example.com/v1/x?q=1'))).to.be.true;
    expect(allows('net:https://api.example.com/v1/*', net('https://api.example.com/v2/x'))).to.be.false;
    expect(allows('net:https://api.example.com/*', net('https://api.example.com.evil.com/v1'))).to.be.false;
    expect(allows('net:https://api.example.com/*', net('https://evil.com/api.example.com/'))).to.be.false;
    expect(allows('net:https://api.example.com/*', net('http://api.example.com/'))).to.be.false;
  });

  it('refuses URLs that carry user info, so api.example.com@evil.com cannot pose as api.example.com', () => {
    const error = thrown(() => netScope('https://api.example.com@evil.com/v1'));
    expect(isCometError(error, 'scope-invalid')).to.be.true;
    // Even as a scope string, the URL parser sees evil.com as the host.
    expect(thrown(() => parseScope('net:https://api.example.com@evil.com/', false))).to.satisfy((e: unknown) =>
      isCometError(e, 'scope-invalid'),
    );
  });

  it('compares ports: none means the default port, "*" any port', () => {
    expect(allows('net:https://api.example.com/*', net('https://api.example.com:443/x'))).to.be.true;
    expect(allows('net:https://api.example.com/*', net('https://api.example.com:8443/x'))).to.be.false;
    expect(allows('net:https://api.example.com:8443/*', net('https://api.example.com:8443/x'))).to.be.true;
    expect(allows('net:https://api.example.com:*/*', net('https://api.example.com:9000/x'))).to.be.true;
  });

  it('matches subdomain wildcards against subdomains, not the bare domain or look-alikes', () => {
    expect(allows('net:https://*.example.com/*', net('https://a.b.example.com/'))).to.be.true;
    expect(allows('net:https://*.example.com/*', net('https://example.com/'))).to.be.false;
    expect(allows('net:https://*.example.com/*', net('https://badexample.com/'))).to.be.false;
  });

  it('normalises paths and host case before comparing, so ".." cannot climb out of a granted path', () => {
    expect(allows('net:https://API.Example.com/v1/*', net('https://api.example.com/v1/a'))).to.be.true;
    expect(allows('net:https://api.example.com/v1/*', net('https://api.example.com/v1/../admin'))).to.be.false;
  });

  it('covers named scopes with segment globs and a trailing "*"', () => {
    expect(allows('keys:use:openai', 'keys:use:openai')).to.be.true;
    expect(allows('keys:use:openai', 'keys:use:anthropic')).to.be.false;
    expect(allows('keys:use:*', 'keys:use:anthropic')).to.be.true;
    expect(allows('plugin:call:*', 'plugin:call:csv-tools')).to.be.true;
    expect(allows('codegen:*', 'codegen:apply')).to.be.true;
    expect(allows('memory:read', 'memory:write')).to.be.false;
  });

  it('rejects unknown scope kinds with a message naming the known ones', () => {
    const error = thrown(() => parseScope('files:read', true));
    expect(isCometError(error, 'scope-unknown')).to.be.true;
    expect((error as Error).message)
      .to.contain('"files"')
      .and.contain('net, memory, keys');
  });

  it('rejects malformed scopes and wildcards in a scope a call needs', () => {
    for (const scope of [
      'memory:delete',
      'keys:use',
      'net:ftp://x.com/',
      'net:https://a*b.com/',
      'net:https://x.com:99999999/',
    ])
      expect(
        isCometError(
          thrown(() => parseScope(scope, true)),
          'scope-invalid',
        ),
        scope,
      ).to.be.true;
    expect(
      isCometError(
        thrown(() => parseScope('keys:use:*', false)),
        'scope-invalid',
      ),
    ).to.be.true;
  });
});
