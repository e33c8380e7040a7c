// A client's idempotency key (clientId) names one need, one resource, one task: unique constraints, so that two
// concurrent creates with one key cannot both write (before, each saw no node with the key and both created one;
// now the second breaks the constraint, is rolled back and answers CONFLICT on clientId, and its retry finds
// the first). The plain indexes of 004 make way for the constraints' own.
// Keys taken twice before this migration: the node created first keeps the key, each other gets its own id
// appended (`key#need-…`), so that no node is lost and a retry still finds the first.
MATCH (n:Need) WHERE n.clientId IS NOT NULL
WITH n ORDER BY n.createdAt, n.id
WITH n.clientId AS key, collect(n) AS nodes WHERE size(nodes) > 1
UNWIND nodes[1..] AS dup
SET dup.clientId = key + '#' + dup.id;
MATCH (n:Resource) WHERE n.clientId IS NOT NULL
WITH n ORDER BY n.createdAt, n.id
WITH n.clientId AS key, collect(n) AS nodes WHERE size(nodes) > 1
UNWIND nodes[1..] AS dup
SET dup.clientId = key + '#' + dup.id;
MATCH (n:Task) WHERE n.clientId IS NOT NULL
WITH n ORDER BY n.createdAt, n.id
WITH n.clientId AS key, collect(n) AS nodes WHERE size(nodes) > 1
UNWIND nodes[1..] AS dup
SET dup.clientId = key + '#' + dup.id;
DROP INDEX need_client_id IF EXISTS;
DROP INDEX resource_client_id IF EXISTS;
DROP INDEX task_client_id IF EXISTS;
CREATE CONSTRAINT need_client_id_unique IF NOT EXISTS FOR (n:Need) REQUIRE n.clientId IS UNIQUE;
CREATE CONSTRAINT resource_client_id_unique IF NOT EXISTS FOR (n:Resource) REQUIRE n.clientId IS UNIQUE;
CREATE CONSTRAINT task_client_id_unique IF NOT EXISTS FOR (n:Task) REQUIRE n.clientId IS UNIQUE;
