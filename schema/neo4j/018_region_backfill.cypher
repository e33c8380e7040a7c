// Graphs from before issue #17 hold one city and no place on their units, resources and needs: give them
// their city's (and its province's, when it has one), in batches so that a large graph commits as it goes.
// A graph with several cities was written after 017 and has them already; a unit or need whose place is set
// is left alone, so running this again changes nothing.
MATCH (city:City) WITH collect(city) AS cities WHERE size(cities) = 1
WITH cities[0] AS city
MATCH (u:Unit) WHERE u.cityId IS NULL AND u.provinceId IS NULL
CALL (u, city) { SET u.cityId = city.id, u.provinceId = city.provinceId } IN TRANSACTIONS OF 10000 ROWS;
MATCH (u:Unit)-[:OFFERS]->(r:Resource) WHERE r.cityId IS NULL AND r.provinceId IS NULL
CALL (u, r) { SET r.cityId = u.cityId, r.provinceId = u.provinceId } IN TRANSACTIONS OF 10000 ROWS;
MATCH (city:City)<-[:PART_OF]-(:Street)<-[:PART_OF]-(:Community)-[:RAISED]->(n:Need) WHERE n.cityId IS NULL
CALL (n, city) { SET n.cityId = city.id, n.provinceId = city.provinceId } IN TRANSACTIONS OF 10000 ROWS;
