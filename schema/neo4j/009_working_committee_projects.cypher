// The street working committee's party-building projects and their progress notes (issue #13, point 4).
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_note_id IF NOT EXISTS FOR (n:ProjectNote) REQUIRE n.id IS UNIQUE;
CREATE INDEX project_year IF NOT EXISTS FOR (n:Project) ON (n.year);
