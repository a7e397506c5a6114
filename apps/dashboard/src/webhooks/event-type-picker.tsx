import type { EventType } from '../api/types';
import { prettyJson } from '../ui/format';

/** What publishing does with data that does not match the type's schema. */
const SCHEMA_MODE_LABELS: Record<EventType['schema_mode'], string> = {
  enforce: 'enforced: events that do not match are refused',
  warn: 'checked: mismatches are counted, not refused',
  off: 'not checked',
};

/**
 * Event types grouped as the catalog groups them, each with its description and JSON schema. A
 * whole group can be picked (`transfer.*`): the webhook then also receives types added to it later.
 */
export function EventTypePicker({ catalog, selected, onChange, error }: { catalog: EventType[]; selected: string[]; onChange: (types: string[]) => void; error?: string }) {
  const groups = new Map<string, EventType[]>();
  for (const type of catalog) groups.set(type.group, [...(groups.get(type.group) ?? []), type]);
  const toggle = (type: string, on: boolean) => onChange(on ? [...selected, type] : selected.filter((t) => t !== type));

  return (
    <fieldset className={`event-types${error ? ' invalid' : ''}`} aria-describedby={error ? 'eventTypes-error' : 'eventTypes-hint'}>
      <legend>Event types</legend>
      <small id="eventTypes-hint" className="hint">
        {selected.length === 0 ? 'None picked: this webhook receives every event type.' : `${selected.length} picked.`}
      </small>
      {[...groups].map(([group, types]) => {
        const wholeGroup = selected.includes(`${group}.*`);
        return (
        <div key={group} className="event-group">
          <h4>{group}</h4>
          <div className="event-type event-type-group">
            <input id={`et-group-${group}`} type="checkbox" checked={wholeGroup} onChange={(e) => toggle(`${group}.*`, e.target.checked)} />
            <label htmlFor={`et-group-${group}`}>
              <code>{group}.*</code> <span className="muted">every {group} event, including types added later</span>
            </label>
          </div>
          {types.map((type) => (
            <div key={type.type} className="event-type">
              <input
                id={`et-${type.type}`}
                type="checkbox"
                checked={wholeGroup || selected.includes(type.type)}
                disabled={wholeGroup}
                onChange={(e) => toggle(type.type, e.target.checked)}
              />
              <label htmlFor={`et-${type.type}`}>
                <code>{type.type}</code> <span className="muted">{type.description}</span>
              </label>
              {type.schema ? (
                <details>
                  <summary>
                    Schema v{type.schema_version} <span className="muted">({SCHEMA_MODE_LABELS[type.schema_mode]})</span>
                  </summary>
                  <pre>{prettyJson(type.schema)}</pre>
                </details>
              ) : null}
            </div>
          ))}
        </div>
        );
      })}
      {error ? (
        <small id="eventTypes-error" className="field-error" role="alert">
          {error}
        </small>
      ) : null}
    </fieldset>
  );
}
