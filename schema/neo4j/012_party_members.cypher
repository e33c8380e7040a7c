// In-service party members (双报到), 三亮 commitments, road sections, service records and campaigns with their
// temporary party branches and commando teams (issue #14, point 3).
CREATE CONSTRAINT commitment_id IF NOT EXISTS FOR (n:Commitment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT road_section_id IF NOT EXISTS FOR (n:RoadSection) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT service_record_id IF NOT EXISTS FOR (n:ServiceRecord) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT campaign_id IF NOT EXISTS FOR (n:Campaign) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT campaign_group_id IF NOT EXISTS FOR (n:CampaignGroup) REQUIRE n.id IS UNIQUE;
CREATE INDEX service_record_on IF NOT EXISTS FOR (n:ServiceRecord) ON (n.on);
