import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaAclScript } from './acl-script';

describe('deploy/kafka/acls.sh', () => {
  it('is the access table as it is now (regenerate: node --import tsx tools/kafka/access.ts acl-script > deploy/kafka/acls.sh)', () => {
    expect(readFileSync(join(__dirname, '../../../../deploy/kafka/acls.sh'), 'utf8')).toBe(kafkaAclScript(''));
  });

  it('grants the events topic to ingestion alone and a group by prefix only where the table says so', () => {
    const lines = kafkaAclScript('').split('\n');
    const writers = lines.filter((line) => line.includes("--topic 'hookline.events.v1'") && line.includes('--operation Write'));
    expect(writers).toEqual([expect.stringContaining('User:hookline-ingestion')]);
    expect(lines.filter((line) => line.includes('prefixed')).map((line) => /--group '([^']+)'/.exec(line)?.[1])).toEqual(['dispatcher-changes-', 'gateway-credentials-', 'audit-store']);
  });
});
