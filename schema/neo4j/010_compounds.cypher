// Compounds and 红色物业 (issue #14, point 1): the compound party organisations (core and two wings),
// the 三联办 of a community, their meetings and the property issues they handle through the six steps.
CREATE CONSTRAINT party_organization_id IF NOT EXISTS FOR (n:PartyOrganization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tripartite_office_id IF NOT EXISTS FOR (n:TripartiteOffice) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tripartite_meeting_id IF NOT EXISTS FOR (n:TripartiteMeeting) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT property_issue_id IF NOT EXISTS FOR (n:PropertyIssue) REQUIRE n.id IS UNIQUE;
CREATE INDEX property_issue_step IF NOT EXISTS FOR (n:PropertyIssue) ON (n.step);
CREATE INDEX compound_kind IF NOT EXISTS FOR (n:Compound) ON (n.kind);
