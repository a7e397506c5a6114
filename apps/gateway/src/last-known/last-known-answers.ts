import { DeadlineError, UnavailableError } from '@hookline/errors';
import type { RouteResult } from '../http/route';

/** The header that marks an answer served again while its source was unavailable: when it was first given. */
export const LAST_KNOWN_HEADER = 'hookline-last-known-at';

/** Larger answers are not kept (a page of 100 webhooks is far below it). */
const MAX_ANSWER_CHARS = 256 * 1024;

/**
 * The last successful answer of each read the registry serves (webhooks, settings, keys, the
 * catalog…), per organization and exact request, in a bounded least-recently-used map. While the
 * registry is unavailable, the same organization asking the same thing gets that answer again,
 * marked with `Hookline-Last-Known-At`, so the dashboard's read views keep working through a
 * registry restart. Authentication and authorization run before, as for every request; answers
 * carry no secret (none is ever returned after creation).
 */
export class LastKnownAnswers {
  private readonly answers = new Map<string, { status: number; body: string; at: string }>();

  constructor(
    private readonly maxEntries = 1_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Runs the read; remembers a 200, or answers the last one when the backend is unavailable. */
  async read(key: string, run: () => Promise<RouteResult>): Promise<RouteResult> {
    let result: RouteResult;
    try {
      result = await run();
    } catch (error) {
      if (!(error instanceof UnavailableError || error instanceof DeadlineError)) throw error;
      const known = this.answers.get(key);
      if (!known) throw error;
      return { status: known.status, body: JSON.parse(known.body), headers: { [LAST_KNOWN_HEADER]: known.at } };
    }
    if (result.status === 200 && result.body !== undefined) this.remember(key, result);
    return result;
  }

  get size(): number {
    return this.answers.size;
  }

  private remember(key: string, result: RouteResult): void {
    const body = JSON.stringify(result.body);
    this.answers.delete(key);
    if (body.length > MAX_ANSWER_CHARS) return;
    while (this.answers.size >= this.maxEntries) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, { status: result.status, body, at: this.now().toISOString() });
  }
}

/** One organization's exact request: the same route, parameters and (validated) query. */
export function lastKnownKey(orgId: string, route: { method: string; path: string }, params: unknown, query: unknown): string {
  return JSON.stringify([orgId, route.method, route.path, params, query]);
}
