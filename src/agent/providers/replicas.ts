/**
 * Several base URLs serving one self-hosted model (replicas of a vLLM or llama.cpp server)
 * as one `AgentModel`. Each call goes to the healthy replica with the fewest calls in flight;
 * a replica that refuses the connection, times out or answers 5xx is taken out of rotation
 * for a cool-down (doubling while it keeps failing) and the call moves on to another one.
 * After the cool-down the replica gets calls again; one success puts it back for good.
 */
import { classifyError } from '../classify-error.js';
import type { AgentModel, ModelRequest, ModelResponse } from '../model.js';
import type { ErrorCategory } from '../trial-types.js';

export interface ReplicaOptions {
  /** First cool-down of a failing replica (default 30 s); doubles per failure, up to 16x. */
  coolDownMs?: number;
  now?: () => number;
  /** Hears a replica leave or rejoin the rotation (`turncoat run` prints it). */
  onChange?: (event: { baseURL: string; state: 'down' | 'up'; untilMs?: number; reason?: string }) => void; // prettier-ignore
}

/** What a replica's failure says about the replica itself (not about the request). */
const REPLICA_FAULTS: ReadonlySet<ErrorCategory> = new Set(['network', 'server', 'timeout']);

interface Replica {
  model: AgentModel;
  baseURL: string;
  inFlight: number;
  calls: number;
  failures: number;
  downUntil: number;
}

/**
 * One model over its replicas; its `baseURL` is the first replica's, so the response cache
 * and the run's plan do not change when replicas are added.
 * @example withReplicas([createProviderModel(id, { baseURL: a }), createProviderModel(id, { baseURL: b })])
 */
export function withReplicas(
  models: readonly AgentModel[],
  options: ReplicaOptions = {},
): AgentModel {
  if (models.length === 0) throw new Error('withReplicas needs at least one replica');
  const now = options.now ?? Date.now;
  const coolDownMs = options.coolDownMs ?? 30_000;
  const replicas: Replica[] = models.map((model) => ({
    model,
    baseURL: model.baseURL ?? '',
    inFlight: 0,
    calls: 0,
    failures: 0,
    downUntil: 0,
  }));

  /** Least in flight among those in rotation (then fewest calls); else the soonest back. */
  const pick = (tried: ReadonlySet<Replica>): Replica | undefined => {
    const untried = replicas.filter((r) => !tried.has(r));
    const t = now();
    const up = untried.filter((r) => r.downUntil <= t);
    if (up.length > 0)
      return up.reduce((a, b) => (b.inFlight < a.inFlight || (b.inFlight === a.inFlight && b.calls < a.calls) ? b : a)); // prettier-ignore
    // Every replica is cooling down: a call still tries the one due back first.
    return tried.size === 0 ? untried.reduce((a, b) => (b.downUntil < a.downUntil ? b : a)) : undefined; // prettier-ignore
  };

  const first = models[0]!;
  return {
    ...first,
    async generate(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const tried = new Set<Replica>();
      let lastError: unknown;
      for (let replica = pick(tried); replica; replica = pick(tried)) {
        tried.add(replica);
        replica.inFlight++;
        replica.calls++;
        try {
          const response = await replica.model.generate(request, signal);
          if (replica.failures > 0) options.onChange?.({ baseURL: replica.baseURL, state: 'up' });
          replica.failures = 0;
          replica.downUntil = 0;
          return response;
        } catch (error) {
          if (signal?.aborted) throw error;
          const category = classifyError(error);
          if (!REPLICA_FAULTS.has(category)) throw error;
          lastError = error;
          // Calls that were in flight when it went down fail too: one outage, one cool-down.
          if (replica.downUntil > now()) continue;
          replica.failures++;
          replica.downUntil = now() + coolDownMs * 2 ** Math.min(4, replica.failures - 1);
          options.onChange?.({
            baseURL: replica.baseURL,
            state: 'down',
            untilMs: replica.downUntil,
            reason: error instanceof Error ? error.message : String(error),
          });
        } finally {
          replica.inFlight--;
        }
      }
      throw lastError;
    },
  };
}
