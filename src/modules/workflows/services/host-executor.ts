/**
 * The engine's capability calls, made in the page through the supervised host: each call is decided, audited and
 * run as the workflow's principal ('workflow:<id>'), which the host issues here on first use. Only workflow
 * principals can be asked for: the worker cannot act as a person or a plugin.
 */
import { CometError } from '../../../core/errors.js';
import type { Principal } from '../../../core/supervisor/index.js';
import type { SupervisorServices } from '../../supervisor/supervisor-services.js';
import type { StepCall, StepExecutor } from '../engine/active-run.js';

/** An executor over the page's CapabilityHost. */
export function hostExecutor(services: Pick<SupervisorServices, 'principals' | 'host'>): StepExecutor {
  const principalOf = (id: string): Principal => {
    if (!id.startsWith('workflow:'))
      throw new CometError('principal-invalid', { id, reason: 'the engine acts only as workflows' });
    return (
      services.principals.get(id) ??
      services.principals.issue('workflow', id.slice('workflow:'.length), `Workflow ${id.slice(9)}`)
    );
  };
  return {
    invoke: (call: StepCall, signal: AbortSignal) =>
      services.host.invoke(principalOf(call.principal), call.capability, call.input, {
        runId: call.runId,
        stepId: call.stepId,
        idempotencyKey: call.idempotencyKey,
        signal,
      }),
  };
}
