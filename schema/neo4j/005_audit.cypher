// The audit trail: one append-only record per accepted mutation.
CREATE CONSTRAINT audit_record_id IF NOT EXISTS FOR (n:AuditRecord) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_record_at IF NOT EXISTS FOR (n:AuditRecord) ON (n.at);
