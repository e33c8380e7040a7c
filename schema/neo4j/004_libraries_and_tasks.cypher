// The two libraries and the four lists: events of a need's life, idempotency keys, task lookups.
CREATE CONSTRAINT need_event_id IF NOT EXISTS FOR (n:NeedEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX need_client_id IF NOT EXISTS FOR (n:Need) ON (n.clientId);
CREATE INDEX resource_client_id IF NOT EXISTS FOR (n:Resource) ON (n.clientId);
CREATE INDEX task_client_id IF NOT EXISTS FOR (n:Task) ON (n.clientId);
CREATE INDEX resource_title IF NOT EXISTS FOR (n:Resource) ON (n.title);
