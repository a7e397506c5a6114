import { InputError, PayloadTooLargeError } from '@hookline/errors';
import type { PublishCommand } from './publish-command';
import { validateCommand } from './validate-command';

const command = (overrides: Partial<PublishCommand> = {}): PublishCommand => ({
  orgId: 'org_1',
  type: 'transfer.completed',
  dataJson: '{"amount":1}',
  idempotencyKey: '',
  isTest: false,
  targetWebhookId: '',
  ...overrides,
});

const failure = (c: PublishCommand, max = 100) => {
  try {
    validateCommand(c, max);
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected a refusal');
};

describe('validateCommand', () => {
  it('accepts a JSON object within the size limit', () => {
    expect(() => validateCommand(command(), 100)).not.toThrow();
  });

  it.each([
    ['an array', '[1]', 'not an array'],
    ['null', 'null', 'not null'],
    ['a string', '"x"', 'not a string'],
    ['broken JSON', '{', 'not valid JSON'],
  ])('refuses data that is %s with invalid_data', (_name, dataJson, message) => {
    const error = failure(command({ dataJson }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'invalid_data', param: 'data' });
    expect(error.message).toContain(message);
  });

  it('refuses data larger than the limit in encoded bytes', () => {
    const error = failure(command({ dataJson: JSON.stringify({ s: 'é'.repeat(50) }) }));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ param: 'data', details: { limit_bytes: 100 } });
  });

  it('requires an org and a type, and a printable idempotency key', () => {
    expect(failure(command({ orgId: '' }))).toMatchObject({ param: 'org_id' });
    expect(failure(command({ type: '' }))).toMatchObject({ param: 'type' });
    expect(failure(command({ idempotencyKey: 'a\nb' }))).toMatchObject({ param: 'idempotency_key' });
    expect(failure(command({ idempotencyKey: 'k'.repeat(256) }))).toMatchObject({ param: 'idempotency_key' });
  });
});
