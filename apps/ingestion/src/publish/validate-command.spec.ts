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

describe('validateCommand: NUL and lone surrogates written as JSON escapes', () => {
  it.each([
    ['a NUL in a value', '{"note":"a\\u0000b"}', 'data.note'],
    ['a lone surrogate deep inside', '{"a":[{"b":"\\ud800"}]}', 'data.a[0].b'],
    ['a NUL in a key', '{"k\\u0000":1}', 'data.k\\u0000'],
  ])('refuses %s naming where it sits', (_label, dataJson, param) => {
    const error = failure(command({ dataJson }), 1_000);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'invalid_characters', param });
  });

  it('accepts a surrogate pair written as escapes (an emoji)', () => {
    expect(() => validateCommand(command({ dataJson: '{"e":"\\ud83d\\ude00"}' }), 1_000)).not.toThrow();
  });
});
