// What needs and resources are about (issue #16): the concept vocabulary (seeds/concepts.yaml, synced by
// `orggraph text rebuild` and the seed loader), (:Need|Resource)-[:ABOUT]->(:Concept), and the resources
// library's word statistics for BM25: (:Term {text, resources}) and one (:Corpus {name: 'library'}).
CREATE CONSTRAINT concept_id IF NOT EXISTS FOR (n:Concept) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT term_text IF NOT EXISTS FOR (n:Term) REQUIRE n.text IS UNIQUE;
CREATE CONSTRAINT corpus_name IF NOT EXISTS FOR (n:Corpus) REQUIRE n.name IS UNIQUE;
CREATE FULLTEXT INDEX concept_text IF NOT EXISTS FOR (n:Concept) ON EACH [n.name, n.synonyms]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
