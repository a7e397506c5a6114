/** Where a delivery goes next: the decision travels with the result, not in a global. */
export type NextStep =
  | { kind: 'delivered' }
  | { kind: 'retry'; atMs: number }
  /** No more attempts; `gone` = the endpoint answered 410 (the webhook gets disabled). */
  | { kind: 'failed'; reason: 'exhausted' | 'gone' | 'manual' };
