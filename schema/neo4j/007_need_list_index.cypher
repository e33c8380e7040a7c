// The needs list (filters status and domain, ordered by neededBy then id): one composite range index
// answers the filters and holds the order and the cursor's values, so neither the page nor the count
// reads the needs' properties. A composite index is used only when the query has a predicate on each of
// its properties: the needs' page queries say `n.neededBy IS NOT NULL AND n.id IS NOT NULL` (true of
// every need) for that.
CREATE INDEX need_status_domain_neededby IF NOT EXISTS FOR (n:Need) ON (n.status, n.domain, n.neededBy, n.id);
