import { PartitionOffsets, TopicOffsets } from './offset-tracker';

describe('PartitionOffsets', () => {
  it('offers only the contiguous completed prefix for commit, whatever order offsets complete in', () => {
    const offsets = new PartitionOffsets();
    for (const offset of ['10', '11', '12', '13']) offsets.begin(offset);
    offsets.complete('12');
    offsets.complete('13');
    expect(offsets.committable()).toBeNull();
    offsets.complete('10');
    expect(offsets.committable()).toBe('11');
    offsets.complete('11');
    expect(offsets.committable()).toBe('14');
    expect(offsets.inFlight).toBe(0);
  });

  it('offers an offset again until its commit succeeded, and nothing once it did', () => {
    const offsets = new PartitionOffsets();
    offsets.begin('0');
    offsets.complete('0');
    expect(offsets.committable()).toBe('1');
    // The commit failed (a rebalance, the broker away): the same offset is offered again.
    expect(offsets.committable()).toBe('1');
    offsets.markCommitted('1');
    expect(offsets.committable()).toBeNull();
    expect(offsets.position).toBe(1n);
  });

  it('refuses an offset handed out before (a refetch after a rejoin) and says it was seen', () => {
    const offsets = new PartitionOffsets();
    expect(offsets.begin('5')).toBe(true);
    expect(offsets.begin('5')).toBe(false);
    expect(offsets.begin('4')).toBe(false);
    expect(offsets.seen('5')).toBe(true);
    expect(offsets.seen('6')).toBe(false);
  });

  it('a slice handed out by its last offset covers the offsets before it', () => {
    const offsets = new PartitionOffsets();
    offsets.begin('9');
    offsets.begin('19');
    offsets.complete('19');
    expect(offsets.committable()).toBeNull();
    offsets.complete('9');
    expect(offsets.committable()).toBe('20');
  });
});

describe('TopicOffsets', () => {
  it('commits per partition, forgets a lost partition, and reports positions', () => {
    const topic = new TopicOffsets('t');
    topic.of(0).begin('3');
    topic.of(0).complete('3');
    topic.of(1).begin('7');
    expect(topic.committable()).toEqual([{ topic: 't', partition: 0, offset: '4' }]);
    expect(topic.inFlight).toBe(1);
    topic.markCommitted(topic.committable());
    expect(topic.committable()).toEqual([]);
    topic.forget(1);
    expect(topic.inFlight).toBe(0);
    expect([...topic.positions()]).toEqual([[0, 4n]]);
  });
});
