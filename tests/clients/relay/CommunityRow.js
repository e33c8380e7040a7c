// One row of the communities list.
import { graphql } from 'relay-runtime';

export const communityRowFragment = graphql`
  fragment CommunityRow_community on Community {
    id
    name
    households
    street {
      id
      name
    }
    committee {
      id
      name
    }
  }
`;
