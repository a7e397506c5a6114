import { RecordBuffer } from './record-buffer';

describe('RecordBuffer', () => {
  it('keeps records in order until they are removed as sent', () => {
    const buffer = new RecordBuffer<number>(10);
    [1, 2, 3].forEach((n) => buffer.push(n));
    const batch = buffer.peek(2);
    expect(batch).toEqual([1, 2]);
    buffer.remove(batch);
    expect(buffer.peek(10)).toEqual([3]);
  });

  it('drops the oldest record when full and says so', () => {
    const buffer = new RecordBuffer<number>(3);
    expect([1, 2, 3].map((n) => buffer.push(n))).toEqual([0, 0, 0]);
    expect(buffer.push(4)).toBe(1);
    expect(buffer.peek(10)).toEqual([2, 3, 4]);
  });

  it('removing a batch whose head was dropped while in flight removes only what remains of it', () => {
    const buffer = new RecordBuffer<number>(3);
    [1, 2, 3].forEach((n) => buffer.push(n));
    const batch = buffer.peek(2);
    buffer.push(4);
    buffer.remove(batch);
    expect(buffer.peek(10)).toEqual([3, 4]);
  });

  it('stays bounded and ordered under many pushes', () => {
    const buffer = new RecordBuffer<number>(1_000);
    for (let n = 0; n < 10_000; n++) buffer.push(n);
    expect(buffer.size).toBe(1_000);
    expect(buffer.peek(1)).toEqual([9_000]);
  });
});
