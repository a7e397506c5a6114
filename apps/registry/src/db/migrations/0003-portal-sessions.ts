import { Migration } from '@hookline/db';

/** Customer-portal sessions: short-lived dashboard tokens, stored as SHA-256 like API keys. */
export class CreatePortalSessions extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table portal_session (
      id text primary key,
      org_id text not null references organization (id),
      role text not null check (role in ('admin', 'developer', 'viewer')),
      features text[] not null default '{}',
      branding jsonb not null default '{}',
      owner text not null,
      token_hash bytea not null,
      created_by text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      first_used_at timestamptz
    )`);
    this.addSql(`create unique index portal_session_hash_uq on portal_session (token_hash)`);
    this.addSql(`create index portal_session_org_idx on portal_session (org_id, created_at desc)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table portal_session');
  }
}
