// The peer in orggraph's benchmarks: the Neo4j GraphQL Library (@neo4j/graphql) on graphql-yoga,
// over the same Neo4j and data as orggraph, with type definitions for the part of the model both share.
//
//   NEO4J_URI=bolt://127.0.0.1:27687 NEO4J_USER=neo4j NEO4J_PASSWORD=... PORT=4100 node server.mjs
//
// With CAPTURE=1, GET /capture/start begins recording every Cypher statement the library sends, with
// its parameters, and GET /captured returns them and stops: through the driver's public API, so that
// the benchmark can PROFILE them. Nothing is recorded otherwise.
import { createServer } from "node:http";
import net from "node:net";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  type Street @node {
    id: ID!
    name: String!
    communities: [Community!]! @relationship(type: "PART_OF", direction: IN)
  }

  type Community @node {
    id: ID!
    name: String!
    households: Int
    street: [Street!]! @relationship(type: "PART_OF", direction: OUT)
    committee: [CommunityCommittee!]! @relationship(type: "HAS_COMMITTEE", direction: OUT)
    contactLeaders: [Leader!]! @relationship(type: "CONTACTS", direction: IN)
    needs: [Need!]! @relationship(type: "RAISED", direction: OUT)
    "The co-building network at depth 2. The library has no generic neighbourhood query: custom Cypher."
    network: [NetworkEdge!]!
      @cypher(
        statement: """
        MATCH p = (this)-[:PART_OF|HAS_COMMITTEE|MEMBER_OF|PART_TIME_MEMBER_OF|SECRETARY_OF|FIRST_SECRETARY_OF|CONTACTS|WORKS_AT*1..2]-(n)
        WHERE NONE(x IN nodes(p) WHERE x:City)
        UNWIND relationships(p) AS r
        WITH DISTINCT r
        RETURN {source: startNode(r).id, sourceLabel: labels(startNode(r))[0], target: endNode(r).id,
                targetLabel: labels(endNode(r))[0], type: type(r)} AS edge
        """
        columnName: "edge"
      )
  }

  type NetworkEdge {
    source: ID!
    sourceLabel: String!
    target: ID!
    targetLabel: String!
    type: String!
  }

  type CommunityCommittee @node {
    id: ID!
    name: String!
    community: [Community!]! @relationship(type: "HAS_COMMITTEE", direction: IN)
    secretary: [Person!]! @relationship(type: "SECRETARY_OF", direction: IN)
    firstSecretary: [Leader!]! @relationship(type: "FIRST_SECRETARY_OF", direction: IN)
    members: [Unit!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "Membership")
  }

  type Membership @relationshipProperties {
    seat: String!
    since: Date
  }

  type Person @node {
    id: ID!
    name: String!
  }

  type Leader @node {
    id: ID!
    name: String!
    title: String
  }

  type Unit @node {
    id: ID!
    name: String!
    kind: String!
    memberships: [CommunityCommittee!]! @relationship(type: "MEMBER_OF", direction: OUT, properties: "Membership")
    resources: [Resource!]! @relationship(type: "OFFERS", direction: OUT)
  }

  type Resource @node {
    id: ID!
    title: String!
    capacity: Float
  }

  type Need @node {
    id: ID!
    title: String!
    description: String
    supportTypes: [String!]!
    domain: String!
    populations: [String!]!
    quantity: Float
    quantityUnit: String
    neededBy: Date
    urgency: String
    status: String!
    source: String
    community: [Community!]! @relationship(type: "RAISED", direction: IN)
  }

  # Equal work in the write: what orggraph's createNeed and the limit's statement store and check, in one
  # @cypher mutation (the statement is the limit's, benchmarks/compare/queries.py: the idempotency key
  # looked up, the need with its words, its city and province, its first lifecycle event, its links to
  # its text's concepts, and its audit record numbered from the audit sequence); the generated createNeeds
  # would store the need alone. The words and concepts come from the client, computed by orggraph's tokenizer.
  input BenchNeedProps {
    title: String!
    description: String
    supportTypes: [String!]!
    domain: String!
    populations: [String!]!
    quantity: Float
    quantityUnit: String
    neededBy: String
    urgency: String
    terms: [String!]!
  }

  input BenchNeedInput {
    communityId: ID!
    clientId: ID
    props: BenchNeedProps!
    concepts: [ID!]!
    id: ID!
    eventId: ID!
    auditId: ID!
    actor: String!
    detail: String!
  }

  type Mutation {
    createNeedWithEventAndAudit(need: BenchNeedInput!): Need
      @cypher(
        statement: """
        MATCH (c:Community {id: $need.communityId})
        OPTIONAL MATCH (first:Need {clientId: $need.clientId})
        WITH c WHERE first IS NULL
        CREATE (c)-[:RAISED]->(n:Need)
        SET n = $need.props, n.neededBy = date($need.props.neededBy), n.id = $need.id, n.status = 'COLLECTED',
            n.source = 'user', n.createdAt = datetime()
        WITH c, n
        CALL (c, n) {
          MATCH (c)-[:PART_OF]->(:Street)-[:PART_OF]->(city:City)
          SET n.cityId = city.id, n.provinceId = city.provinceId
        }
        CREATE (n)-[:HAS_EVENT]->(:NeedEvent {id: $need.eventId, to: 'COLLECTED', at: datetime(), by: $need.actor,
                                              note: '登记需求'})
        WITH n
        CALL (n) {
          UNWIND $need.concepts AS cid
          MATCH (k:Concept {id: cid})
          CREATE (n)-[:ABOUT {source: 'auto', at: datetime()}]->(k)
        }
        CALL () {
          OPTIONAL MATCH (a:AuditRecord) WHERE a.seq IS NOT NULL
          WITH a ORDER BY a.seq DESC LIMIT 1
          RETURN coalesce(a.seq, 0) AS top
        }
        MERGE (s:EventSequence {name: 'audit'}) ON CREATE SET s.last = top
        SET s.last = s.last + 1
        CREATE (:AuditRecord {id: $need.auditId, seq: s.last, at: datetime(), actor: $need.actor, role: 'ORG_ADMIN',
                              action: 'createNeed', target: $need.id, detail: $need.detail, needs: [n.id], tasks: [],
                              meetings: []})
        RETURN n
        """
        columnName: "n"
      )
  }
`;

// neo4j-driver leaves Nagle's algorithm on for its Bolt socket; with the server's delayed ACKs some
// requests then stall for 40 ms. The peer is measured with TCP_NODELAY, as orggraph's driver sets it.
if (process.env.PEER_NAGLE !== "1") {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    this.setNoDelay(true);
    return connect.apply(this, args);
  };
}

const driver = neo4j.driver(
  process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
  neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? "neo4j"),
);

// Capture: the statements sent through transactions, as plain JSON (neo4j integers and dates as text).
const captured = [];
let capturing = false;
const plain = (v) =>
  neo4j.isInt(v) ? v.toNumber()
  : Array.isArray(v) ? v.map(plain)
  : v && typeof v === "object" && v.constructor === Object ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
  : v && typeof v === "object" ? v.toString()
  : v;
const recordingTx = (tx) =>
  new Proxy(tx, {
    get(target, prop) {
      if (prop === "run") {
        return (query, params) => {
          if (capturing) captured.push({ query, params: plain(params ?? {}) });
          return target.run(query, params);
        };
      }
      const value = target[prop];
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
const recordingSession = (session) =>
  new Proxy(session, {
    get(target, prop) {
      if (prop === "executeRead" || prop === "executeWrite") {
        return (work, config) => target[prop]((tx) => work(recordingTx(tx)), config);
      }
      const value = target[prop];
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
const executionDriver =
  process.env.CAPTURE === "1"
    ? new Proxy(driver, {
        get(target, prop) {
          if (prop === "session") return (config) => recordingSession(target.session(config));
          const value = target[prop];
          return typeof value === "function" ? value.bind(target) : value;
        },
      })
    : driver;

const schema = await new Neo4jGraphQL({ typeDefs, driver: executionDriver }).getSchema();
const yoga = createYoga({ schema, graphiql: false, logging: "warn", landingPage: false });

const server = createServer((req, res) => {
  if (req.url === "/capture/start") {
    captured.splice(0);
    capturing = true;
    res.end("ok");
    return;
  }
  if (req.url === "/captured") {
    capturing = false;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(captured.splice(0)));
    return;
  }
  if (req.url === "/healthz") {
    res.end("ok");
    return;
  }
  return yoga(req, res);
});
const port = Number(process.env.PORT ?? 4100);
server.listen(port, "127.0.0.1", () => console.log(`peer ready on http://127.0.0.1:${port}/graphql`));
