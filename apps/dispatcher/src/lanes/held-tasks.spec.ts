import type { DeliveryTask } from '../delivery/delivery-task';
import { HeldTasks } from './held-tasks';

const task = (deliveryId: string, attempt: number) => ({ deliveryId, attempt }) as DeliveryTask;

describe('the attempts a sender holds or has just recorded', () => {
  it('refuses an attempt while it is held, and takes it again once it was dropped unsent', () => {
    const attempts = new HeldTasks();
    expect(attempts.admit(task('del_a', 1))).toBe(true);
    expect(attempts.admit(task('del_a', 1))).toBe(false);
    expect(attempts.admit(task('del_a', 2))).toBe(true);
    attempts.release(task('del_a', 1));
    expect(attempts.admit(task('del_a', 1))).toBe(true);
  });

  it('refuses an attempt recorded a moment ago, so a replay does not send it twice', () => {
    const attempts = new HeldTasks();
    attempts.admit(task('del_b', 1));
    attempts.release(task('del_b', 1), true);
    expect(attempts.admit(task('del_b', 1))).toBe(false);
    expect(attempts.admit(task('del_b', 2))).toBe(true);
  });
});
