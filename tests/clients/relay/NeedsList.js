// The needs library (需求库) as a Relay front end pages it, filtered: the query and its pagination
// fragment on Query.
import { graphql } from 'relay-runtime';

export const needsListQuery = graphql`
  query NeedsListQuery($count: Int, $filter: NeedFilter) {
    ...NeedsList_query @arguments(count: $count, filter: $filter)
  }
`;

export const needsListFragment = graphql`
  fragment NeedsList_query on Query
  @refetchable(queryName: "NeedsListPaginationQuery")
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 20 }
    cursor: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
    filter: { type: "NeedFilter" }
  ) {
    needs(filter: $filter, first: $count, after: $cursor, last: $last, before: $before)
      @connection(key: "NeedsList_needs", filters: ["filter"]) {
      totalCount
      edges {
        node {
          id
          ...NeedRow_need
        }
      }
    }
  }
`;
