"""The Cypher that gathers matching facts: for one need (matchNeed), for one resource (matchResource),
and in bulk for the city-wide plan (planMatches).

Candidates start from the index on Resource.supportType (one lookup per support type the need asks
for), never from a product of all needs and resources. Cheap filters (active, type, capacity, dates,
service area) trim the rows; the hard filters proper are orggraph.matching.filters. Every status and
service area comes as a parameter (orggraph.graph.matching_reads.RULES), built from
orggraph.domain.lifecycle and orggraph.matching.filters: no rule is written here a second time.

Rows are positional lists (much cheaper for the driver to decode than maps, with thousands of
candidates per need on a large city); orggraph.graph.matching_reads decodes them.
"""

from __future__ import annotations

# The statistics of the resources library's words (orggraph.matching.text): how many resources use each of
# the words asked about ($terms), the number of resources and their words in all.
CORPUS = "library"
TERM_STATS_PART = (
    """
CALL () {{
  OPTIONAL MATCH (cp:Corpus {{name: '"""
    + CORPUS
    + """'}})
  RETURN coalesce(cp.resources, 0) AS corpusResources, coalesce(cp.length, 0) AS corpusLength
}}
CALL ({node}) {{
  UNWIND {terms} AS t
  WITH DISTINCT t
  MATCH (x:Term {{text: t}})
  RETURN collect([t, x.resources]) AS df
}}
"""
)
TERM_STATS = TERM_STATS_PART.format(node="", terms="$terms") + "RETURN corpusResources, corpusLength, df\n"

# The city's mean rating of completed tasks (null when none is rated): reliability's prior. The tasks of the
# units of the city ({city}), so that it reads one city's tasks, not the province's.
MEAN_RATING_PART = """
CALL ({city}) {{
  OPTIONAL MATCH (:Unit {{cityId: {city}}})<-[:RESPONSIBLE]-(t:Task)
  WHERE t.status = $taskDone AND t.rating IS NOT NULL
  RETURN avg(t.rating) AS meanRating
}}
"""
MEAN_RATING = "WITH $cityId AS cityId\n" + MEAN_RATING_PART.format(city="cityId") + "RETURN meanRating\n"

# A unit's (u) record: completed and rated tasks, the sum of their ratings, tasks still open; and the
# communities' yearly evaluations of it (EVALUATED): the latest year evaluated and the mean score that year.
UNIT_RECORD_PART = """
CALL (u) {
  OPTIONAL MATCH (t:Task)-[:RESPONSIBLE]->(u)
  RETURN count(CASE WHEN t.status = $taskDone AND t.rating IS NOT NULL THEN 1 END) AS done,
         sum(CASE WHEN t.status = $taskDone AND t.rating IS NOT NULL THEN t.rating ELSE 0 END) AS ratingSum,
         count(CASE WHEN t.status IN $taskOpen THEN 1 END) AS openTasks
}
CALL (u) {
  OPTIONAL MATCH (:Community)-[ev:EVALUATED]->(u)
  WITH max(ev.year) AS evaluationYear, collect([ev.year, ev.score]) AS scores
  WITH evaluationYear, [x IN scores WHERE x[0] = evaluationYear | x[1]] AS latest
  RETURN evaluationYear,
         CASE WHEN size(latest) = 0 THEN null ELSE reduce(t = 0.0, x IN latest | t + x) / size(latest) END AS evaluation
}
"""

# How many needs a community (c) raised, and how many of them are open.
COMMUNITY_NEEDS_PART = """
CALL (c) {
  MATCH (c)-[:RAISED]->(x:Need)
  RETURN count(x) AS needsTotal, count(CASE WHEN x.status IN $open THEN 1 END) AS needsOpen
}
"""

# Who is close to a community (c, its street s, its committee k), gathered once per community (a street
# has some dozens of such units).
CLOSE_UNITS_PART = """
CALL (k) {
  OPTIONAL MATCH (k)<-[:MEMBER_OF]-(mu:Unit)
  RETURN collect(DISTINCT mu.id) AS hereIds
}
CALL (s) {
  OPTIONAL MATCH (s)<-[:PART_OF]-(:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)<-[:MEMBER_OF]-(su:Unit)
  RETURN collect(DISTINCT su.id) AS streetIds
}
CALL (c) {
  OPTIONAL MATCH (c)<-[:CONTACTS]-(:Leader)-[:WORKS_AT]->(lu:Unit)
  RETURN collect(DISTINCT lu.id) AS leaderIds
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_COMMITTEE]->(:StreetWorkingCommittee)<-[:PART_TIME_MEMBER_OF]-(wu:Unit)
  RETURN collect(DISTINCT wu.id) AS workingIds
}
"""

# The service-area filter on a resource r whose unit's ties are memberHere and memberInStreet, and which is of
# another city than the need (otherCity): the areas served come as a table indexed by those three flags
# (orggraph.matching.filters.areas_served).
IN_SERVICE_AREA = """
r.serviceArea IN $areasServed[(CASE WHEN otherCity THEN 4 ELSE 0 END) + (CASE WHEN memberHere THEN 2 ELSE 0 END)
                              + (CASE WHEN memberInStreet THEN 1 ELSE 0 END)]
"""

# A resource (r) and its unit (u); a need (n) with its community (c) and street (s).
# ... its words and their number, and the concepts it is about. matchNeed reads all the words and
# keeps the need's in Python (orggraph.graph.matching_reads): a filter in Cypher cost more than the transfer.
RESOURCE_COLUMNS = """
r.id, r.title, u.id, u.name, r.supportType, r.domains, r.populations, r.capacity, r.capacityUnit,
coalesce(r.allocated, 0), toString(r.availableFrom), toString(r.availableUntil), r.serviceArea, r.status,
coalesce(r.terms, []), size(coalesce(r.terms, [])), [(r)-[:ABOUT]->(about:Concept) | about.id], u.cityId
"""
NEED_COLUMNS = """
n.id, n.title, c.id, c.name, s.name, n.supportTypes, n.domain, n.populations, n.quantity,
toString(n.neededBy), n.status, n.quantityUnit, coalesce(n.terms, []), [(n)-[:ABOUT]->(about:Concept) | about.id]
"""

# A need's candidates are read from its place only (issue #17), each reach through its index: the resources
# of the units on its street's committees offered to their communities or streets ($localAreas; the units
# on the need's own committee are among them), the CITY- and PROVINCE-wide resources of its city
# (resource_city_reach), and the PROVINCE-wide ones of its province (resource_province_reach). Whatever
# the size of the province, a need reads what can reach it and nothing else.
CANDIDATES_FOR_NEED = (
    """
MATCH (n:Need {id: $needId})<-[:RAISED]-(c:Community)-[:PART_OF]->(s:Street)
WITH n, c, s, n.cityId AS cityId, n.provinceId AS provinceId
"""
    + MEAN_RATING_PART.format(city="cityId")
    + """
OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
"""
    + COMMUNITY_NEEDS_PART
    + TERM_STATS_PART.format(node="n", terms="coalesce(n.terms, [])")
    + CLOSE_UNITS_PART
    + """
CALL (n, cityId, provinceId, hereIds, streetIds) {
  UNWIND n.supportTypes AS wanted
  CALL (wanted, cityId, provinceId, streetIds) {
    UNWIND streetIds AS uid
    MATCH (:Unit {id: uid})-[:OFFERS]->(r:Resource)
    WHERE r.supportType = wanted AND r.serviceArea IN $localAreas
    RETURN r
    UNION
    MATCH (r:Resource)
    WHERE r.cityId = cityId AND r.serviceArea IN $wideAreas AND r.supportType = wanted
    RETURN r
    UNION
    MATCH (r:Resource)
    WHERE r.provinceId = provinceId AND r.serviceArea = $provinceArea AND r.supportType = wanted
    RETURN r
  }
  WITH r WHERE r.status = $active AND coalesce(r.allocated, 0) < r.capacity
    AND r.availableFrom <= n.neededBy AND r.availableUntil >= $today
  MATCH (u:Unit)-[:OFFERS]->(r)
  WITH DISTINCT u, r
  // the unit's place in the network and its record, once per unit rather than once per resource
  WITH u, collect(r) AS rs
  WITH u, rs, u.id IN hereIds AS memberHere, u.id IN streetIds AS memberInStreet,
       cityId IS NOT NULL AND coalesce(u.cityId, '') <> cityId AS otherCity
  // only the resources whose service area reaches the need, and only their units' records read
  WITH u, memberHere, memberInStreet, otherCity, [r IN rs WHERE """
    + IN_SERVICE_AREA.strip()
    + """] AS rs
  WHERE size(rs) > 0
"""
    + UNIT_RECORD_PART
    + """
  UNWIND rs AS r
  RETURN collect([["""
    + RESOURCE_COLUMNS
    + """], done, ratingSum, openTasks, evaluation, evaluationYear, coalesce(r.description, '')]) AS candidates
}
RETURN meanRating, ["""
    + NEED_COLUMNS
    + """] AS need, needsTotal, needsOpen, hereIds, streetIds, leaderIds, workingIds, cityId, corpusResources,
       corpusLength, df, candidates
"""
)

# A resource's needs are those of one city ($cityId: the resource's own unless the caller names another of
# its province): the open needs of the communities on its unit's streets for a resource offered to its
# communities or streets, else every open need of the city (need_city_status). Never the province's.
NEEDS_FOR_RESOURCE = (
    """
MATCH (r:Resource {id: $resourceId})<-[:OFFERS]-(u:Unit)
WITH r, u, coalesce($cityId, r.cityId) AS cityId
"""
    + MEAN_RATING_PART.format(city="cityId")
    + UNIT_RECORD_PART
    + """
// where the unit stands, gathered once from its side
CALL (u) {
  OPTIONAL MATCH (u)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(hc:Community)-[:PART_OF]->(hs:Street)
  RETURN collect(DISTINCT hc.id) AS hereCommunities, collect(DISTINCT hs.id) AS memberStreets
}
CALL (u) {
  OPTIONAL MATCH (u)<-[:WORKS_AT]-(:Leader)-[:CONTACTS]->(lc:Community)
  RETURN collect(DISTINCT lc.id) AS leaderCommunities
}
CALL (u) {
  OPTIONAL MATCH (u)-[:PART_TIME_MEMBER_OF]->(:StreetWorkingCommittee)<-[:HAS_COMMITTEE]-(ws:Street)
  RETURN collect(DISTINCT ws.id) AS workingStreets
}
CALL (r, cityId, memberStreets) {
  WITH r WHERE r.serviceArea IN $localAreas
  UNWIND memberStreets AS sid
  MATCH (:Street {id: sid})<-[:PART_OF]-(:Community)-[:RAISED]->(n:Need)
  WHERE n.cityId = cityId AND n.status IN $open
  RETURN n
  UNION
  WITH r WHERE NOT r.serviceArea IN $localAreas
  MATCH (n:Need) USING INDEX n:Need(cityId, status) WHERE n.cityId = cityId AND n.status IN $open
    AND coalesce(n.provinceId, '') = coalesce(r.provinceId, '')
  RETURN n
}
WITH * WHERE r.supportType IN n.supportTypes AND n.neededBy >= r.availableFrom
MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:RAISED]->(n)
WITH meanRating, r, u, done, ratingSum, openTasks, evaluation, evaluationYear, n, c, s,
     c.id IN hereCommunities AS memberHere, s.id IN memberStreets AS memberInStreet,
     c.id IN leaderCommunities AS leaderUnit, s.id IN workingStreets AS workingCommittee,
     coalesce(u.cityId, '') <> cityId AS otherCity
WHERE """
    + IN_SERVICE_AREA
    + COMMUNITY_NEEDS_PART
    + """
WITH meanRating, r, u, done, ratingSum, openTasks, evaluation, evaluationYear, n, c, s,
     needsTotal, needsOpen, memberHere, memberInStreet, leaderUnit, workingCommittee, otherCity
ORDER BY n.id
RETURN meanRating, ["""
    + RESOURCE_COLUMNS
    + """] AS resource, done, ratingSum, openTasks, evaluation, evaluationYear,
       collect([["""
    + NEED_COLUMNS
    + """], needsTotal, needsOpen, memberHere, memberInStreet, leaderUnit, workingCommittee, otherCity]) AS needs
"""
)

RESOURCE_PLACE = """
MATCH (r:Resource {id: $id}) RETURN r.status AS status, r.cityId AS cityId
"""

# ---------------------------------------------------------------- the plan of a place, in bulk
# Where a plan's scope lies: the street of a community, the city of a street, the province of a city; with
# neither community nor street nor city given, the graph's only city (null when it has several).
SCOPE_PLACE = """
CALL () {
  OPTIONAL MATCH (:Community {id: $communityId})-[:PART_OF]->(cs:Street)
  RETURN cs.id AS communityStreet
}
CALL () {
  MATCH (x:City) WITH x ORDER BY x.id LIMIT 2
  RETURN collect(x.id) AS someCities
}
OPTIONAL MATCH (st:Street {id: coalesce(communityStreet, $streetId)})-[:PART_OF]->(sc:City)
OPTIONAL MATCH (ci:City {id: coalesce(sc.id, $cityId, CASE WHEN size(someCities) = 1 THEN someCities[0] END)})
RETURN communityStreet, st.id AS streetId, ci.id AS cityId, ci.provinceId AS provinceId,
       size(someCities) AS cities
"""
# The open needs of a community, a street or a city, each from its anchor.
_OPEN_NEEDS_RETURN = (
    """
RETURN ["""
    + NEED_COLUMNS
    + """] AS need, c.id AS communityId
ORDER BY n.id
"""
)
OPEN_NEEDS_OF_COMMUNITY = (
    """
MATCH (s:Street)<-[:PART_OF]-(c:Community {id: $communityId})-[:RAISED]->(n:Need) WHERE n.status IN $open"""
    + _OPEN_NEEDS_RETURN
)
OPEN_NEEDS_OF_STREET = (
    """
MATCH (s:Street {id: $streetId})<-[:PART_OF]-(c:Community)-[:RAISED]->(n:Need) WHERE n.status IN $open"""
    + _OPEN_NEEDS_RETURN
)
OPEN_NEEDS_OF_CITY = (
    """
MATCH (n:Need) USING INDEX n:Need(cityId, status) WHERE n.cityId = $cityId AND n.status IN $open
MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:RAISED]->(n)"""
    + _OPEN_NEEDS_RETURN
)
COMMUNITIES_NEEDS = (
    """
UNWIND $communityIds AS cid
MATCH (c:Community {id: cid})
"""
    + COMMUNITY_NEEDS_PART
    + """
RETURN cid, needsTotal, needsOpen
"""
)
CLOSE_UNITS = (
    """
UNWIND $communityIds AS cid
MATCH (c:Community {id: cid})-[:PART_OF]->(s:Street)
OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
"""
    + CLOSE_UNITS_PART
    + """
RETURN cid, hereIds, streetIds, leaderIds, workingIds, [(s)-[:PART_OF]->(ci:City) | ci.id][0] AS cityId
"""
)
# The usable resources that can reach a plan's needs, as for one need (CANDIDATES_FOR_NEED): those its
# street's committees' units offer locally ($streetId; for a city, every local one of the city), the CITY-
# and PROVINCE-wide ones of its city, the PROVINCE-wide ones of its province.
RESOURCES = (
    """
CALL () {
  MATCH (:Street {id: $streetId})<-[:PART_OF]-(:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)
        <-[:MEMBER_OF]-(:Unit)-[:OFFERS]->(r:Resource)
  WHERE r.serviceArea IN $localAreas
  RETURN r
  UNION
  MATCH (r:Resource) USING INDEX r:Resource(cityId, serviceArea, supportType)
  WHERE $streetId IS NULL AND r.cityId = $cityId AND r.serviceArea IN $localAreas AND r.supportType IS NOT NULL
  RETURN r
  UNION
  MATCH (r:Resource) USING INDEX r:Resource(cityId, serviceArea, supportType)
  WHERE r.cityId = $cityId AND r.serviceArea IN $wideAreas AND r.supportType IS NOT NULL
  RETURN r
  UNION
  MATCH (r:Resource) USING INDEX r:Resource(provinceId, serviceArea, supportType)
  WHERE r.provinceId = $provinceId AND r.serviceArea = $provinceArea AND r.supportType IS NOT NULL
  RETURN r
}
WITH r WHERE r.status = $active AND coalesce(r.allocated, 0) < r.capacity AND r.availableUntil >= $today
MATCH (u:Unit)-[:OFFERS]->(r)
RETURN ["""
    + RESOURCE_COLUMNS
    + """] AS row, u.id AS unitId
ORDER BY r.id
"""
)
UNIT_RECORDS = (
    """
UNWIND $unitIds AS uid
MATCH (u:Unit {id: uid})
"""
    + UNIT_RECORD_PART
    + """
RETURN u.id AS unit, done, ratingSum, openTasks, evaluation, evaluationYear
"""
)
