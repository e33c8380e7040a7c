// A list of communities as a Relay front end pages it: the query, and a pagination fragment on Query
// (@refetchable makes Relay generate the query that fetches the next or the previous page).
import { graphql } from 'relay-runtime';

export const communitiesListQuery = graphql`
  query CommunitiesListQuery($count: Int, $streetId: ID, $search: String) {
    ...CommunitiesList_query @arguments(count: $count, streetId: $streetId, search: $search)
  }
`;

export const communitiesListFragment = graphql`
  fragment CommunitiesList_query on Query
  @refetchable(queryName: "CommunitiesListPaginationQuery")
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 20 }
    cursor: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
    streetId: { type: "ID" }
    search: { type: "String" }
  ) {
    communities(streetId: $streetId, search: $search, first: $count, after: $cursor, last: $last, before: $before)
      @connection(key: "CommunitiesList_communities", filters: ["streetId", "search"]) {
      totalCount
      edges {
        node {
          id
          ...CommunityRow_community
        }
      }
    }
  }
`;
