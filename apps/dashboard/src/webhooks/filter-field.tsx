import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { describedBy, Field } from '../ui/field';
import { describeError } from '../ui/states';
import { filterValue } from './webhook-form';

const HINT = 'Optional JSON, e.g. {"and":[{"field":"data.amount","gte":100},{"field":"data.currency","in":["USD","EUR"]}]}. Blank = every event of the chosen types.';
const SAMPLE = JSON.stringify({ type: 'transfer.completed', data: { amount: 150, currency: 'USD' } }, null, 2);

/**
 * The payload filter as a JSON text area, and a try-out against a sample event through the API
 * (POST /v1/webhooks/filter-test), which checks the filter exactly as a save would.
 */
export function FilterField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const [sample, setSample] = useState(SAMPLE);
  const test = useMutation({
    mutationFn: async () => {
      let event: unknown;
      try {
        event = JSON.parse(sample);
      } catch (e) {
        throw new Error(`The sample event is not valid JSON: ${(e as Error).message}`);
      }
      return (await call(api.POST('/v1/webhooks/filter-test', { body: { filter: filterValue(value), event: event as never } }))).matches;
    },
  });
  return (
    <>
      <Field id="filter" label="Payload filter" hint={HINT} error={error}>
        <textarea id="filter" name="filter" rows={5} spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} {...describedBy('filter', HINT, error)} />
      </Field>
      <details className="filter-test">
        <summary>Try the filter on a sample event</summary>
        <div className="field">
          <label htmlFor="filter-sample">Sample event (type, data; optionally id, time, group)</label>
          <textarea id="filter-sample" rows={5} spellCheck={false} value={sample} onChange={(e) => setSample(e.target.value)} />
        </div>
        <button type="button" className="secondary" disabled={!value.trim() || test.isPending} onClick={() => test.mutate()}>
          Test filter
        </button>
        <p role="status" className={test.error ? 'field-error' : undefined}>
          {test.error ? describeError(test.error) : test.data === undefined ? '' : test.data ? 'Matches: this event would be delivered.' : 'No match: this event would not be delivered.'}
        </p>
      </details>
    </>
  );
}
