// Where chats can be transferred: my groups (from /api/me) or a colleague (GET /api/agents,
// fetched each time a Transfer dialog opens so presence is fresh). An agent must be a member of
// the chat's group (the server refuses otherwise), so the dialog offers only those who are.
import { signal, type ReadonlySignal } from '@preact/signals';
import { describeError, getJson, type Colleague, type ColleaguesResponse, type Group } from '../../shared/api.ts';

export type TransferTargets = ReturnType<typeof createTransferTargets>;

export function createTransferTargets(groups: ReadonlySignal<readonly Group[]>) {
  const agents = signal<readonly Colleague[]>([]);
  const loading = signal(false);
  const error = signal<string | null>(null);
  return {
    groups,
    agents,
    loading,
    error,
    async load(): Promise<void> {
      loading.value = true;
      error.value = null;
      try {
        agents.value = (await getJson<ColleaguesResponse>('/api/agents')).agents;
      } catch (failure) {
        error.value = `Colleagues could not be listed: ${describeError(failure)}`;
      } finally {
        loading.value = false;
      }
    },
  };
}

/** The colleagues who are members of every one of these groups (so each chat may go to them). */
export function agentsFor(agents: readonly Colleague[], groupIds: readonly string[]): Colleague[] {
  return agents.filter((a) => groupIds.every((g) => a.groupIds.includes(g)));
}
