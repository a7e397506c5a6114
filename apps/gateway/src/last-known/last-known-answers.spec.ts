import { NotFoundError, UnavailableError } from '@hookline/errors';
import { LAST_KNOWN_HEADER, LastKnownAnswers, lastKnownKey } from './last-known-answers';

const down = async () => {
  throw new UnavailableError('registry.listWebhooks is unavailable');
};

describe('LastKnownAnswers', () => {
  it('answers the last successful read again, marked, while the backend is unavailable', async () => {
    const answers = new LastKnownAnswers(10, () => new Date('2026-12-07T21:00:00Z'));
    const key = lastKnownKey('org_1', { method: 'get', path: '/v1/webhooks' }, {}, { limit: 20 });
    await answers.read(key, async () => ({ status: 200, body: { object: 'list', data: [{ id: 'wh_1' }] } }));
    await expect(answers.read(key, down)).resolves.toEqual({
      status: 200,
      body: { object: 'list', data: [{ id: 'wh_1' }] },
      headers: { [LAST_KNOWN_HEADER]: '2026-12-07T21:00:00.000Z' },
    });
  });

  it('never answers another organization, another request, or a read it has not seen', async () => {
    const answers = new LastKnownAnswers();
    const route = { method: 'get', path: '/v1/webhooks' };
    await answers.read(lastKnownKey('org_1', route, {}, { limit: 20 }), async () => ({ status: 200, body: { data: ['org 1'] } }));
    await expect(answers.read(lastKnownKey('org_2', route, {}, { limit: 20 }), down)).rejects.toBeInstanceOf(UnavailableError);
    await expect(answers.read(lastKnownKey('org_1', route, {}, { limit: 21 }), down)).rejects.toBeInstanceOf(UnavailableError);
  });

  it('passes every other error through and keeps no failure', async () => {
    const answers = new LastKnownAnswers();
    const key = lastKnownKey('org_1', { method: 'get', path: '/v1/webhooks/:id' }, { id: 'wh_gone' }, {});
    await answers.read(key, async () => ({ status: 200, body: { id: 'wh_gone' } }));
    const gone = async () => {
      throw new NotFoundError('webhook not found');
    };
    await expect(answers.read(key, gone)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps at most its maximum, dropping the least recently stored', async () => {
    const answers = new LastKnownAnswers(3);
    const route = { method: 'get', path: '/v1/settings' };
    for (let i = 0; i < 10; i++) await answers.read(lastKnownKey(`org_${i}`, route, {}, {}), async () => ({ status: 200, body: { i } }));
    expect(answers.size).toBe(3);
    await expect(answers.read(lastKnownKey('org_6', route, {}, {}), down)).rejects.toBeInstanceOf(UnavailableError);
    await expect(answers.read(lastKnownKey('org_9', route, {}, {}), down)).resolves.toMatchObject({ body: { i: 9 } });
  });
});
