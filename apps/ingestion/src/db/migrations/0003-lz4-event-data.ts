import { lz4CompressionSql, Migration } from '@hookline/db';

/** Event bodies up to 256 KiB are compressed on every archive insert: LZ4 costs a fraction of pglz. */
export class Lz4EventData extends Migration {
  async up(): Promise<void> {
    this.addSql(lz4CompressionSql('events', 'data_json'));
  }
}
