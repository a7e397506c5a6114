import { status, type ServiceError } from '@grpc/grpc-js';
import fc from 'fast-check';
import { cleanText } from '@hookline/contract';
import { InputError, isDomainError } from '@hookline/errors';
import { fromGrpcError, toGrpcStatus } from './error-mapping';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\uffff', '\u007f', 'é', '😀', '日', '"', '\\'), maxLength: 50 }),
  fc.constantFrom('x'.repeat(1_000_000), '\uffff'.repeat(20_000)),
);

// grpc-js accepts only printable ASCII in a text metadata value and percent-encodes the message
// with encodeURI (which throws on a lone surrogate): an error answer must fit both whatever it quotes.
describe('error answers are ASCII-safe by construction', () => {
  it('any message, param and details map to a status grpc-js can send, and back to the same error', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (message, param, detail) => {
        const mapped = toGrpcStatus(new InputError(message, { code: 'event_type_unknown', param, details: { unknown: [detail] } }));
        expect(mapped.code).toBe(status.INVALID_ARGUMENT);
        for (const [, values] of Object.entries(mapped.metadata!.getMap())) expect(String(values)).toMatch(/^[\x20-\x7e]*$/);
        expect(() => encodeURI(mapped.details!)).not.toThrow();
        expect(mapped.details!.length).toBeLessThanOrEqual(1_000);
        const back = fromGrpcError({ ...mapped, message: '', name: 'Error' } as ServiceError, 'test');
        expect(isDomainError(back) && back.kind === 'input' && back.code === 'event_type_unknown').toBe(true);
        expect((back as InputError).message).toBe(cleanText(message, 1_000));
      }),
      { numRuns: 200 },
    );
  });
});
