// One city's libraries (needs and resources lists filtered by cityId), read from the city's entries of an index
// in the list's order rather than by filtering every need or resource of the province: the queries name
// these indexes in a hint (graph/library_reads.py), so the plan does not depend on the graph's statistics.
CREATE INDEX need_city_list IF NOT EXISTS FOR (n:Need) ON (n.cityId, n.neededBy, n.id);
CREATE INDEX resource_city_title IF NOT EXISTS FOR (n:Resource) ON (n.cityId, n.title);
