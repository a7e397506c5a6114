import { Migration } from '@hookline/db';
import { DEAD_LETTER_TABLE_SQL } from '@hookline/kafka';

/**
 * Append-only storage: records keyed by (org, sequence), unique on record id; a trigger refuses
 * UPDATE, DELETE and TRUNCATE (retention deletes only through audit_prune, which leaves a signed
 * checkpoint first). The chain head row per org is what writers lock to append.
 */
export class CreateAuditRecords extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table audit_record (
      org_id text not null,
      sequence bigint not null,
      id text not null,
      kind text not null,
      actor_kind text not null default '',
      actor_key_id text not null default '',
      actor_owner text not null default '',
      actor_role text not null default '',
      action text not null default '',
      resource_type text not null default '',
      resource_id text not null default '',
      request_id text not null default '',
      ip text not null default '',
      user_agent text not null default '',
      http_status integer not null default 0,
      outcome text not null default '',
      latency_ms integer not null default 0,
      occurred_at timestamptz not null,
      before_json text not null default '',
      after_json text not null default '',
      source text not null default '',
      prev_hash text not null,
      hash text not null,
      stored_at timestamptz not null default now(),
      constraint audit_record_pkey primary key (org_id, sequence),
      constraint audit_record_id_unique unique (id)
    )`);
    this.addSql('create index audit_record_org_time on audit_record (org_id, occurred_at)');
    this.addSql(`create table chain_head (
      org_id text primary key,
      sequence bigint not null,
      hash text not null,
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table chain_checkpoint (
      org_id text not null,
      sequence bigint not null,
      hash text not null,
      pruned_records bigint not null,
      signature text not null,
      created_at timestamptz not null default now(),
      constraint chain_checkpoint_pkey primary key (org_id, sequence)
    )`);
    this.addSql(`create function refuse_audit_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and tg_table_name = 'audit_record' and current_setting('hookline.audit_pruning', true) = 'on' then
          return old;
        end if;
        raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
      end $$`);
    for (const table of ['audit_record', 'chain_checkpoint']) {
      this.addSql(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function refuse_audit_change()`);
      this.addSql(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function refuse_audit_change()`);
    }
    // Runs as its owner so the service role needs no DELETE grant; search_path is pinned to the
    // service schema (captured at creation) so callers cannot redirect it.
    this.addSql(`create function audit_prune(p_org text, p_sequence bigint, p_hash text, p_signature text) returns bigint
      language plpgsql security definer set search_path from current as $$
      declare
        stored_hash text;
        pruned bigint;
      begin
        select hash into stored_hash from audit_record where org_id = p_org and sequence = p_sequence;
        if stored_hash is distinct from p_hash then
          raise exception 'checkpoint hash does not match record % of %', p_sequence, p_org;
        end if;
        perform set_config('hookline.audit_pruning', 'on', true);
        delete from audit_record where org_id = p_org and sequence <= p_sequence;
        get diagnostics pruned = row_count;
        perform set_config('hookline.audit_pruning', 'off', true);
        insert into chain_checkpoint (org_id, sequence, hash, pruned_records, signature)
          values (p_org, p_sequence, p_hash, pruned, p_signature);
        return pruned;
      end $$`);
  }
}

/** Audit records that could not be stored (each leaves a gap entry in its org's chain). */
class CreateDeadLetters extends Migration {
  async up(): Promise<void> {
    this.addSql(DEAD_LETTER_TABLE_SQL);
  }
}

/**
 * Each record keeps its producer's signature, the signing identity and (by DER hash) its
 * certificate, stored once in signer_certificate (append-only too). Chains that already hold
 * records were written unsigned up to their head: `signed_from` is the first sequence that must
 * be signed (1 for every org that starts after this migration), and a trigger keeps it fixed.
 */
class AddProducerSignatures extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table audit_record
      add column signature text not null default '',
      add column signer text not null default '',
      add column signer_certificate_sha256 text not null default ''`);
    this.addSql(`create table signer_certificate (
      sha256 text primary key,
      identity text not null,
      pem text not null,
      first_seen timestamptz not null default now()
    )`);
    this.addSql(`create trigger signer_certificate_append_only before update or delete on signer_certificate for each row execute function refuse_audit_change()`);
    this.addSql(`create trigger signer_certificate_no_truncate before truncate on signer_certificate for each statement execute function refuse_audit_change()`);
    this.addSql('alter table chain_head add column signed_from bigint not null default 1');
    this.addSql('update chain_head set signed_from = sequence + 1');
    // Fixed once set, like the records: raising it would let unsigned records pass as legacy ones.
    this.addSql(`create function refuse_signed_from_change() returns trigger language plpgsql as $$
      begin
        if new.signed_from is distinct from old.signed_from then
          raise exception 'chain_head.signed_from is fixed: % refused', tg_op using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$`);
    this.addSql('create trigger chain_head_signed_from_fixed before update on chain_head for each row execute function refuse_signed_from_change()');
  }
}

export const auditMigrations = [
  { name: '0001-audit-records', class: CreateAuditRecords },
  { name: '0002-dead-letters', class: CreateDeadLetters },
  { name: '0003-producer-signatures', class: AddProducerSignatures },
];
