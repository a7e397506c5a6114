import type { MigrationEntry } from '@hookline/db';
import { CreateRegistrySchema } from './0001-registry';

export const registryMigrations: MigrationEntry[] = [{ name: '0001-registry', class: CreateRegistrySchema }];
