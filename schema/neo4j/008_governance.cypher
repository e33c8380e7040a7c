// The governance loops (issue #13): problems, found by id and listed by level (the city secretary's
// "1+N" list reads the problems at the city level).
CREATE CONSTRAINT problem_id IF NOT EXISTS FOR (n:Problem) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT escalation_id IF NOT EXISTS FOR (n:Escalation) REQUIRE n.id IS UNIQUE;
CREATE INDEX problem_level IF NOT EXISTS FOR (n:Problem) ON (n.level);
