// Usage: node apollo_paging.mjs <graphql url> [page size] [bearer token]
// Apollo Client 3 pages through `communities` as a front end would: forward with first/after to the
// end, then backward with last/before from the end to the start. Prints JSON on stdout:
// {"forward": [page, ...], "backward": [page, ...], "cachedCommunities": n}, each page
// {"ids": [...], "cursors": [...], "pageInfo": {...}, "totalCount": n} in the order it was fetched.
// A GraphQL or network error is printed on stderr and exits with 1.
// (Apollo Client 3 has no package exports map: Node's ES modules import its files by path.)
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core/index.js';

const [url, size = '5', token] = process.argv.slice(2);
if (!url) {
  console.error('usage: node apollo_paging.mjs <graphql url> [page size] [bearer token]');
  process.exit(2);
}
const pageSize = Number(size);
// more requests than this means the walk does not end (a cursor that never reaches the end)
const MAX_PAGES = 1000;

const PAGE = gql`
  fragment CommunityPage on CommunityConnection {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    edges {
      cursor
      node {
        ...CommunityItem
      }
    }
  }

  fragment CommunityItem on Community {
    id
    name
  }
`;

const FORWARD = gql`
  query CommunitiesForward($first: Int!, $after: String) {
    communities(first: $first, after: $after) {
      ...CommunityPage
    }
  }
  ${PAGE}
`;

const BACKWARD = gql`
  query CommunitiesBackward($last: Int!, $before: String) {
    communities(last: $last, before: $before) {
      ...CommunityPage
    }
  }
  ${PAGE}
`;

const client = new ApolloClient({
  link: new HttpLink({ uri: url, headers: token ? { authorization: `Bearer ${token}` } : {} }),
  cache: new InMemoryCache(),
});

function summary(connection) {
  return {
    ids: connection.edges.map((e) => e.node.id),
    cursors: connection.edges.map((e) => e.cursor),
    pageInfo: {
      hasNextPage: connection.pageInfo.hasNextPage,
      hasPreviousPage: connection.pageInfo.hasPreviousPage,
      startCursor: connection.pageInfo.startCursor,
      endCursor: connection.pageInfo.endCursor,
    },
    totalCount: connection.totalCount,
  };
}

async function walk(query, variables, next) {
  const pages = [];
  let cursor = null;
  for (;;) {
    if (pages.length >= MAX_PAGES) throw new Error(`no end after ${MAX_PAGES} pages`);
    const { data } = await client.query({ query, variables: variables(cursor), fetchPolicy: 'network-only' });
    const page = summary(data.communities);
    pages.push(page);
    cursor = next(page);
    if (cursor === null) return pages;
  }
}

try {
  const forward = await walk(
    FORWARD,
    (after) => ({ first: pageSize, after }),
    (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
  );
  const backward = await walk(
    BACKWARD,
    (before) => ({ last: pageSize, before }),
    (page) => (page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null),
  );
  // each community is normalized once in Apollo's cache, by its __typename and id
  const cachedCommunities = Object.keys(client.cache.extract()).filter((k) => k.startsWith('Community:')).length;
  console.log(JSON.stringify({ forward, backward, cachedCommunities }));
} catch (error) {
  console.error(error.stack ?? String(error));
  if (error.graphQLErrors?.length) console.error(JSON.stringify(error.graphQLErrors));
  if (error.networkError?.result) console.error(JSON.stringify(error.networkError.result));
  process.exit(1);
}
