// Ordinary needs leave the six-step method (issue #14): it belongs to the property issues of a compound's
// 三联办. A need is now registered (COLLECTED), published, claimed, in progress, done, rated or rejected.
// The needs in the method's middle steps go back to registered (proposed, deliberated) or on to published
// (resolved, published); their history steps are renamed the same way, and a step that no longer changes
// anything (registered -> registered) is dropped. Every statement is idempotent.
MATCH (n:Need) WHERE n.status IN ['PROPOSED', 'DELIBERATED'] SET n.status = 'COLLECTED';
MATCH (n:Need) WHERE n.status = 'RESOLVED' SET n.status = 'PUBLISHED';
MATCH (e:NeedEvent) WHERE e.from IN ['PROPOSED', 'DELIBERATED'] SET e.from = 'COLLECTED';
MATCH (e:NeedEvent) WHERE e.from = 'RESOLVED' SET e.from = 'PUBLISHED';
MATCH (e:NeedEvent) WHERE e.to IN ['PROPOSED', 'DELIBERATED'] SET e.to = 'COLLECTED';
MATCH (e:NeedEvent) WHERE e.to = 'RESOLVED' SET e.to = 'PUBLISHED';
MATCH (e:NeedEvent) WHERE e.from = e.to DETACH DELETE e;
