// Range indexes on the fields that queries filter and sort on.
CREATE INDEX community_name IF NOT EXISTS FOR (n:Community) ON (n.name);
CREATE INDEX unit_kind IF NOT EXISTS FOR (n:Unit) ON (n.kind);
CREATE INDEX unit_name IF NOT EXISTS FOR (n:Unit) ON (n.name);
CREATE INDEX need_status IF NOT EXISTS FOR (n:Need) ON (n.status);
CREATE INDEX need_domain IF NOT EXISTS FOR (n:Need) ON (n.domain);
CREATE INDEX need_needed_by IF NOT EXISTS FOR (n:Need) ON (n.neededBy);
CREATE INDEX resource_status IF NOT EXISTS FOR (n:Resource) ON (n.status);
CREATE INDEX resource_support_type IF NOT EXISTS FOR (n:Resource) ON (n.supportType);
CREATE INDEX task_status IF NOT EXISTS FOR (n:Task) ON (n.status);
CREATE INDEX task_deadline IF NOT EXISTS FOR (n:Task) ON (n.deadline);
CREATE INDEX joint_meeting_held_on IF NOT EXISTS FOR (n:JointMeeting) ON (n.heldOn);
