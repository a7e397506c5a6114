/**
 * This dispatcher's name among its peers: its change-feed consumer group (every instance follows
 * the whole feed) and its Kafka client id. Stable across restarts of the same instance, so a
 * restart keeps its lag series and group instead of leaving a new one behind each time: the
 * configured id, else the host name (a Kubernetes pod's name, a container's id) with the gRPC
 * port, which two instances on one machine cannot share. Port 0 (tests) has only the pid.
 */
export function dispatcherInstanceId(configured: string, host: string, grpcPort: number, pid: number): string {
  if (configured) return configured;
  const safeHost = host.replace(/[^a-zA-Z0-9._-]/g, '-') || 'host';
  return `${safeHost}-${grpcPort || `pid${pid}`}`;
}
