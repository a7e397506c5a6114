import { asRole, roleAtLeast } from './actor';

describe('roles', () => {
  it('rank viewer < developer < admin, and an unknown or empty role below all of them', () => {
    expect(roleAtLeast('admin', 'developer')).toBe(true);
    expect(roleAtLeast('developer', 'developer')).toBe(true);
    expect(roleAtLeast('viewer', 'developer')).toBe(false);
    expect(roleAtLeast('', 'viewer')).toBe(false);
    expect(roleAtLeast('owner', 'viewer')).toBe(false);
  });

  it('read a role from the wire, dropping what is not one', () => {
    expect(asRole('developer')).toBe('developer');
    expect(asRole('root')).toBe('');
    expect(asRole(undefined)).toBe('');
  });
});
