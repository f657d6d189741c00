/** The built-in capabilities: clock.now, log.write, kv.get, kv.set, http.request, the pure data.* steps, wait, condition. */
import type { CometDB } from '../../../db/db.js';
import type { Logger } from '../../log.js';
import type { Vault } from '../../vault/index.js';
import type { CapabilityHost } from '../invoke.js';
import { clockNow } from './clock-now.js';
import { condition } from './condition.js';
import { dataCsvParse, dataCsvStringify } from './data-csv.js';
import { dataFilter } from './data-filter.js';
import { dataJsonParse, dataJsonStringify } from './data-json.js';
import { dataMap } from './data-map.js';
import { dataPick } from './data-pick.js';
import { dataQuery } from './data-query.js';
import { dataTemplate } from './data-template.js';
import { httpRequest, type HttpRequestOptions } from './http-request.js';
import { kvGet } from './kv-get.js';
import type { KvLimits } from './kv-limits.js';
import { kvSet } from './kv-set.js';
import { logWrite } from './log-write.js';
import { wait } from './wait.js';

/** What the built-ins need. */
export interface BuiltinDeps {
  db: CometDB;
  /** The platform log that log.write writes to. */
  log: Logger;
  vault: Vault;
  kvLimits?: KvLimits;
  http?: Omit<HttpRequestOptions, 'vault'>;
}

/** Registers every built-in with the host's registry; returns the function that unregisters them. */
export function registerBuiltins(host: Pick<CapabilityHost, 'registry'>, deps: BuiltinDeps): () => void {
  const { registry } = host;
  const offs = [
    registry.register(clockNow()),
    registry.register(logWrite(deps.log)),
    registry.register(kvGet(deps.db)),
    registry.register(kvSet(deps.db, deps.kvLimits)),
    registry.register(httpRequest({ vault: deps.vault, ...deps.http })),
    registry.register(dataQuery()),
    registry.register(dataTemplate()),
    registry.register(dataJsonParse()),
    registry.register(dataJsonStringify()),
    registry.register(dataCsvParse()),
    registry.register(dataCsvStringify()),
    registry.register(dataPick()),
    registry.register(dataMap()),
    registry.register(dataFilter()),
    registry.register(wait()),
    registry.register(condition()),
  ];
  return () => offs.forEach((off) => off());
}

export { clockNow, httpRequest, kvGet, kvSet, logWrite };
export { dataCsvParse, dataCsvStringify, dataJsonParse, dataJsonStringify, dataQuery, dataTemplate };
export { condition, dataFilter, dataMap, dataPick, wait };
export { FILTER_OPS, type FilterClause } from './data-filter.js';
export { MAX_WAIT_MS, type WaitOutput } from './wait.js';
export { MAX_DATA_CHARS } from './data-limits.js';
export { renderTemplate } from './data-template.js';
export { HTTP_METHODS, MAX_HTTP_TIMEOUT_MS, type HttpRequestInput } from './http-request.js';
export type { HttpResult } from './http-fetch.js';
export { DEFAULT_KV_LIMITS, type KvLimits } from './kv-limits.js';
