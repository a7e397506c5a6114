import { dispatcherInstanceId } from './instance-id';

describe('dispatcherInstanceId', () => {
  it('is the configured id when one is set', () => {
    expect(dispatcherInstanceId('dispatcher-0', 'pod-abc', 50053, 1)).toBe('dispatcher-0');
  });

  it('is the same after a restart of the same instance (new pid), so its consumer group and lag series stay', () => {
    expect(dispatcherInstanceId('', 'hookline-dispatcher-7d9f-x2x4', 50053, 101)).toBe(dispatcherInstanceId('', 'hookline-dispatcher-7d9f-x2x4', 50053, 202));
  });

  it('differs between two instances on one machine (each listens on its own gRPC port)', () => {
    expect(dispatcherInstanceId('', 'laptop', 50053, 1)).not.toBe(dispatcherInstanceId('', 'laptop', 50063, 2));
  });

  it('is a valid Kafka group/client id suffix whatever the host name holds', () => {
    expect(dispatcherInstanceId('', 'my host:1/é', 0, 42)).toMatch(/^[a-zA-Z0-9._-]+$/);
  });
});
