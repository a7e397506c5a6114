import type { MigrationEntry } from '@hookline/db';
import { CreateRegistrySchema } from './0001-registry';
import { CreatePortalSessions } from './0002-portal-sessions';

export const registryMigrations: MigrationEntry[] = [
  { name: '0001-registry', class: CreateRegistrySchema },
  { name: '0002-portal-sessions', class: CreatePortalSessions },
];
