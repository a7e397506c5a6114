import type { DeliveryTask } from '../model/delivery-task';
import { DuplicateGuard } from './duplicate-guard';

const task = (deliveryId: string, attempt: number) => ({ deliveryId, attempt }) as DeliveryTask;

describe('the duplicate guard: attempts admitted and not yet settled, or just recorded', () => {
  it('refuses an attempt while it is admitted, and takes it again once it was dropped unsent', () => {
    const attempts = new DuplicateGuard();
    expect(attempts.admit(task('del_a', 1))).toBe(true);
    expect(attempts.admit(task('del_a', 1))).toBe(false);
    expect(attempts.admit(task('del_a', 2))).toBe(true);
    attempts.release(task('del_a', 1));
    expect(attempts.admit(task('del_a', 1))).toBe(true);
  });

  it('refuses an attempt recorded a moment ago, so a replay does not send it twice', () => {
    const attempts = new DuplicateGuard();
    attempts.admit(task('del_b', 1));
    attempts.release(task('del_b', 1), true);
    expect(attempts.admit(task('del_b', 1))).toBe(false);
    expect(attempts.admit(task('del_b', 2))).toBe(true);
  });
});
