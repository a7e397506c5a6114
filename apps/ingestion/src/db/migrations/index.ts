import type { MigrationEntry } from '@hookline/db';
import { CreateEvents } from './0001-events';
import { CreateDeadLetters } from './0002-dead-letters';
import { Lz4EventData } from './0003-lz4-event-data';
import { KeyedRetries } from './0004-keyed-retries';

/** In order; never edit one that has shipped, add the next. */
export const migrations: MigrationEntry[] = [
  { name: '0001-events', class: CreateEvents },
  { name: '0002-dead-letters', class: CreateDeadLetters },
  { name: '0003-lz4-event-data', class: Lz4EventData },
  { name: '0004-keyed-retries', class: KeyedRetries },
];
