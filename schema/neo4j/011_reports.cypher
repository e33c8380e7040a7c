// Reports and dispatch (智慧管家, issue #14, point 2): reports, their history, the dispatch table
// (a DispatchRule's id is its category code).
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (n:Report) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT report_client_id IF NOT EXISTS FOR (n:Report) REQUIRE n.clientId IS UNIQUE;
CREATE CONSTRAINT report_event_id IF NOT EXISTS FOR (n:ReportEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dispatch_rule_id IF NOT EXISTS FOR (n:DispatchRule) REQUIRE n.id IS UNIQUE;
CREATE INDEX report_reported_at IF NOT EXISTS FOR (n:Report) ON (n.reportedAt);
CREATE INDEX report_status IF NOT EXISTS FOR (n:Report) ON (n.status);
