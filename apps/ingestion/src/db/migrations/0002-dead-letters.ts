import { Migration } from '@hookline/db';
import { DEAD_LETTER_TABLE_SQL } from '@hookline/kafka';

/** Events the archive consumer can never store (listable and replayable by the operator). */
export class CreateDeadLetters extends Migration {
  async up(): Promise<void> {
    this.addSql(DEAD_LETTER_TABLE_SQL);
  }
}
