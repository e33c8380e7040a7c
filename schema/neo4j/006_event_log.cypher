// The audit trail as an ordered event log that every API process follows (subscriptions): each record
// takes the next number of one (:EventSequence) node in its own transaction, so the numbers follow the
// order of commits. The sequence survives a wipe of the data (seed load), so numbers never repeat.
CREATE CONSTRAINT event_sequence_name IF NOT EXISTS FOR (n:EventSequence) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT audit_record_seq IF NOT EXISTS FOR (n:AuditRecord) REQUIRE n.seq IS UNIQUE;
// records written before this migration are numbered in the order they were made
MATCH (a:AuditRecord) WHERE a.seq IS NULL
WITH a ORDER BY a.at, a.id
WITH collect(a) AS records
CALL (records) {
  OPTIONAL MATCH (s:EventSequence {name: 'audit'})
  WITH records, coalesce(s.last, 0) AS base
  UNWIND range(0, size(records) - 1) AS i
  WITH records[i] AS a, base + i + 1 AS seq
  SET a.seq = seq
}
WITH records
MERGE (s:EventSequence {name: 'audit'})
ON CREATE SET s.last = 0
SET s.last = s.last + size(records);
