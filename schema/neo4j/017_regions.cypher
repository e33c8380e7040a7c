// Provinces above cities (issue #17), and the place of every unit, resource and need stored on it (cityId,
// provinceId), so that the matcher seeks its candidates by place instead of reading the whole graph: a
// CITY-wide resource reaches only its own city, a PROVINCE-wide one every city of its province.
// A composite index is used only when the query has a predicate on each of its properties, in order.
CREATE CONSTRAINT province_id IF NOT EXISTS FOR (n:Province) REQUIRE n.id IS UNIQUE;
CREATE INDEX resource_city_reach IF NOT EXISTS FOR (n:Resource) ON (n.cityId, n.serviceArea, n.supportType);
CREATE INDEX resource_province_reach IF NOT EXISTS FOR (n:Resource) ON (n.provinceId, n.serviceArea, n.supportType);
CREATE INDEX need_city_status IF NOT EXISTS FOR (n:Need) ON (n.cityId, n.status);
CREATE INDEX unit_city IF NOT EXISTS FOR (n:Unit) ON (n.cityId);
