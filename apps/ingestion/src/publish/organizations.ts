import { NotFoundError } from '@hookline/errors';

/** Asks the registry whether an organization exists (throws NotFoundError when not). */
export type LookupOrganization = (orgId: string) => Promise<void>;

/**
 * Organization existence, cached once positive: organizations are not deleted, so a hit never
 * goes stale, while an unknown id is asked again (it may have just been created).
 */
export class Organizations {
  private readonly known = new Set<string>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly lookup: LookupOrganization,
    private readonly maxCached = 100_000,
  ) {}

  async assertExists(orgId: string): Promise<void> {
    if (this.known.has(orgId)) return;
    let lookup = this.pending.get(orgId);
    if (!lookup) {
      lookup = this.lookup(orgId)
        .then(() => {
          if (this.known.size >= this.maxCached) this.known.clear();
          this.known.add(orgId);
        })
        .catch((error: unknown) => {
          if (error instanceof NotFoundError) throw new NotFoundError(`organization ${orgId} not found`, { param: 'org_id', cause: error });
          throw error;
        })
        .finally(() => this.pending.delete(orgId));
      this.pending.set(orgId, lookup);
    }
    await lookup;
  }
}
