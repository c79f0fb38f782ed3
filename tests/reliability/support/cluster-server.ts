import { afterAll, beforeAll } from 'vitest';
import { type ThrowawayCluster, createCluster } from './pg-cluster.ts';
import { type ApiClient, type ServerProcess, createAdmin, createParties, startServer } from './server-process.ts';

export interface ClusterServer {
  cluster: ThrowawayCluster;
  server: ServerProcess;
  api: ApiClient;
  parties: { callerId: string; calleeId: string };
}

/**
 * For a describe block: a throwaway PostgreSQL cluster with a server process
 * on it (started with `env`), its admin and two parties, made before the
 * block's tests and removed after (thawed first, if frozen). The fields are
 * set once beforeAll has run.
 */
export function serverOnThrowawayCluster(env: Record<string, string>): ClusterServer {
  const context = {} as ClusterServer;
  beforeAll(async () => {
    context.cluster = await createCluster();
    context.server = await startServer(context.cluster.url, env);
    context.api = await createAdmin(context.server.url);
    context.parties = await createParties(context.api);
  }, 90_000);
  afterAll(async () => {
    await context.server?.stop();
    context.cluster?.drop();
  }, 60_000);
  return context;
}
