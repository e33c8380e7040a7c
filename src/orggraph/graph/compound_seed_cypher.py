"""The seed loader's Cypher for compounds and 红色物业 (issue #14): owners' committees (Units of kind
OWNERS_COMMITTEE), compound party organisations, governance properties of the compound, 三联办, their
meetings and the property issues. Every statement is an UNWIND over $rows and a MERGE, so that a load
can be re-run."""

from __future__ import annotations

OWNERS_COMMITTEES = """
UNWIND $rows AS row
MATCH (c:Compound {id: row.compoundId})
MERGE (u:Unit {id: row.id}) SET u += row.props, u.kind = 'OWNERS_COMMITTEE'
MERGE (c)-[:GOVERNED_BY]->(u)
"""

PARTY_ORGANIZATIONS = """
UNWIND $rows AS row
MATCH (c:Compound {id: row.compoundId})
MERGE (o:PartyOrganization {id: row.id}) SET o += row.props
MERGE (o)-[:ORGANIZED_IN]->(c)
"""

GOVERNANCE = """
UNWIND $rows AS row
MATCH (c:Compound {id: row.compoundId})
SET c += row.props
"""

OFFICES = """
UNWIND $rows AS row
MATCH (k:Community {id: row.communityId})
MERGE (o:TripartiteOffice {id: row.id}) SET o += row.props
MERGE (k)-[:HAS_OFFICE]->(o)
WITH o, row
UNWIND row.compoundIds AS compoundId
MATCH (c:Compound {id: compoundId})
MERGE (o)-[:SERVES]->(c)
"""

MEETINGS = """
UNWIND $rows AS row
MATCH (o:TripartiteOffice {id: row.officeId})
MERGE (m:TripartiteMeeting {id: row.id}) SET m += row.props
MERGE (m)-[:HELD_BY]->(o)
"""

ISSUES = """
UNWIND $rows AS row
MATCH (o:TripartiteOffice {id: row.officeId})
MERGE (i:PropertyIssue {id: row.id}) SET i += row.props
MERGE (i)-[:HANDLED_BY]->(o)
WITH i, row
CALL (i, row) {
  MATCH (c:Compound {id: row.compoundId})
  MERGE (i)-[:ABOUT]->(c)
}
"""

DISCUSSED = """
UNWIND $rows AS row
MATCH (m:TripartiteMeeting {id: row.meetingId})
UNWIND row.issueIds AS issueId
MATCH (i:PropertyIssue {id: issueId})
MERGE (m)-[:DISCUSSED]->(i)
"""
