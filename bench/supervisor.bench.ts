/**
 * The supervisor's costs (issue 4): decide() with 1,000 grants (target: median under 0.05 ms), decide() with
 * temporal policies over 100k history entries (target: median under 0.5 ms), and (engineer C) audit append with the
 * hash chain, as ms per entry in batches of 100 (target: under 0.2 ms per entry).
 */
import { ManualClock } from '../src/core/clock.js';
import { Logger } from '../src/core/log.js';
import { keyScope, netScope, PrincipalRegistry, Supervisor } from '../src/core/supervisor/index.js';
import type { Grant, HistoryEntry, Policy, PrincipalId, SupervisedCapability } from '../src/core/supervisor/types.js';
import { AuditLog, type AuditRecord } from '../src/core/audit/index.js';
import { CometDB } from '../src/db/db.js';
import { measure } from './harness.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 2, 12);

const http: SupervisedCapability = {
  name: 'http.request',
  requiredScopes: (input) => {
    const { url, key } = input as { url: string; key?: string };
    return key ? [netScope(url), keyScope(key)] : [netScope(url)];
  },
};

/** A supervisor on a scratch database with `grants`, `policies` and `history`. */
async function open(name: string, grants: Grant[], policies: Policy[], history: HistoryEntry[] = []) {
  const db = new CometDB(name);
  await db.transaction('rw', db.grants, db.policies, async () => {
    await db.grants.bulkPut(grants);
    await db.policies.bulkPut(policies);
  });
  const principals = new PrincipalRegistry();
  const clock = new ManualClock(NOW);
  const supervisor = await Supervisor.open({ db, clock, principals, log: new Logger(), loadHistory: () => history });
  return { db, principals, supervisor };
}

// decide-1000-grants: 100 principals × 10 grants of every scope kind, some for principal patterns.
{
  const grants: Grant[] = [];
  for (let p = 0; p < 100; p++) {
    const principal = p % 10 === 0 ? `workflow:team-${p}-*` : `workflow:w${p}`;
    const scopes = [
      `net:https://api${p}.example.com/v1/*`,
      `net:https://*.svc${p}.example.net/*`,
      `keys:use:key-${p}`,
      'memory:read',
      'memory:write',
      `plugin:call:plugin-${p}`,
      'kv:read',
      'kv:write',
      'clock:read',
      'log:write',
    ];
    scopes.forEach((scope, i) =>
      grants.push({
        id: `g-${p}-${i}`,
        principal,
        scope,
        createdAt: NOW - HOUR,
        ...(i === 0 ? { conditions: [{ path: '/method', op: 'oneOf', value: ['GET', 'HEAD'] }] } : {}),
        ...(i === 2
          ? {
              windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '20:00' }],
              timeZone: 'Europe/Berlin',
            }
          : {}),
      }),
    );
  }
  const name = `bench-supervisor-grants-${crypto.randomUUID()}`;
  const { db, principals, supervisor } = await open(name, grants, []);
  const principal = principals.issue('workflow', 'w42');
  const input = { method: 'GET', url: 'https://api42.example.com/v1/items?page=2', key: 'key-42' };
  if (supervisor.decide(principal, http, input).verdict !== 'allow')
    throw new Error('decide-1000-grants: expected allow');
  await measure('decide-1000-grants', () => supervisor.decide(principal, http, input), {
    samples: 30,
    warmup: 5,
    batch: 2000,
  });
  supervisor.dispose();
  await db.delete();
}

// decide-temporal-100k: six policies of every temporal kind that apply to the call, over 100k history entries
// (1,000 runs of 100 calls by 100 principals over the last 24 hours).
{
  const policies: Policy[] = [
    {
      id: 'hosts',
      mode: 'enforce',
      principal: 'workflow:*',
      capability: 'http.request',
      rule: { kind: 'count', max: 100_000, windowMs: HOUR, groupBy: ['principal', 'host'] },
    },
    {
      id: 'spend',
      mode: 'enforce',
      capability: 'http.*',
      rule: { kind: 'total', path: 'output.usage.costUsd', max: 1e9, windowMs: 24 * HOUR },
    },
    {
      id: 'login-first',
      mode: 'enforce',
      capability: 'http.request',
      rule: { kind: 'ordering', after: { capability: 'auth.login' } },
    },
    {
      id: 'known-urls',
      mode: 'enforce',
      capability: 'http.request',
      rule: { kind: 'lookup', path: '/url', from: { capability: 'http.request', paths: ['output.links[*]'] } },
    },
    {
      id: 'per-key',
      mode: 'enforce',
      capability: 'http.request',
      rule: { kind: 'rate', capacity: 1_000_000, refillEveryMs: 1000, groupBy: ['key'] },
    },
    {
      id: 'try-tighter',
      mode: 'log-only',
      capability: 'http.request',
      rule: { kind: 'count', max: 10, windowMs: HOUR, groupBy: ['principal'] },
    },
  ];
  const history: HistoryEntry[] = [];
  const URL0 = 'https://api.example.com/v1/items';
  for (let i = 0; i < 100_000; i++) {
    const run = Math.floor(i / 100);
    const principal = `workflow:w${run % 100}` as PrincipalId;
    const first = i % 100 === 0;
    history.push({
      id: `h${i}`,
      kind: 'call',
      time: NOW - 24 * HOUR + Math.floor((i * 24 * HOUR) / 100_000),
      principal,
      capability: first ? 'auth.login' : 'http.request',
      runId: `run-${run}`,
      status: 'ok',
      scopes: [`net:https://api${i % 7}.example.com/v1/items`, 'keys:use:main'],
      input: { method: 'GET', url: `https://api${i % 7}.example.com/v1/items`, key: 'main' },
      output: { status: 200, usage: { costUsd: 0.001 }, links: [URL0, `https://api.example.com/v1/items/${i}`] },
      durationMs: 120,
    });
  }
  const grants: Grant[] = [
    { id: 'net', principal: 'workflow:*', scope: 'net:https://*.example.com/*', createdAt: NOW - HOUR },
    { id: 'key', principal: 'workflow:*', scope: 'keys:use:main', createdAt: NOW - HOUR },
  ];
  const name = `bench-supervisor-temporal-${crypto.randomUUID()}`;
  const { db, principals, supervisor } = await open(name, grants, policies, history);
  const principal = principals.issue('workflow', 'w99');
  const input = { method: 'GET', url: URL0, key: 'main' };
  const context = { runId: 'run-999' };
  const check = supervisor.decide(principal, http, input, context);
  if (check.verdict !== 'allow' || supervisor.history.size !== 100_000)
    throw new Error(`decide-temporal-100k: expected allow over 100k entries, got ${check.verdict}: ${check.reason}`);
  await measure('decide-temporal-100k', () => supervisor.decide(principal, http, input, context), {
    samples: 30,
    warmup: 5,
    batch: 500,
  });
  supervisor.dispose();
  await db.delete();
}

// audit-append (engineer C): AuditLog.appendMany in batches of 100 realistic entries (redaction, canonical JSON,
// SHA-256 chain, one IndexedDB transaction each), as ms per entry. The harness divides a sample by `batch`, so each
// sample is one appendMany of 100 made on the first of 100 calls (the other 99 do nothing).
{
  const db = new CometDB(`bench-audit-${crypto.randomUUID()}`);
  await db.open();
  const audit = new AuditLog({ db, clock: new ManualClock(NOW), log: new Logger() });
  let call = 0;
  const records = (): AuditRecord[] =>
    Array.from({ length: 100 }, () => {
      const n = call++;
      return {
        principal: `workflow:w${n % 100}`,
        capability: 'http.request',
        runId: `run-${Math.floor(n / 100)}`,
        callId: `call-${n}`,
        verdict: 'allow',
        rule: 'grant:net',
        reason: 'Allowed by grant net (net:https://*.example.com/*).',
        scopes: [`net:https://api${n % 7}.example.com/v1/items`, 'keys:use:main'],
        input: { method: 'GET', url: `https://api${n % 7}.example.com/v1/items/${n}`, key: 'main' },
        output: { status: 200, usage: { costUsd: 0.001 }, links: [`https://api.example.com/v1/items/${n}`] },
        outcome: 'ok',
        durationMs: 120,
      };
    });
  await measure('audit-append', (batch: AuditRecord[], i) => (i === 0 ? audit.appendMany(batch) : undefined), {
    samples: 30,
    warmup: 5,
    batch: 100,
    setup: records,
  });
  if (!(await audit.verify()).ok) throw new Error('audit-append: the chain does not verify');
  db.close();
  await db.delete();
}
