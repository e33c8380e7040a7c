// One row of the needs list.
import { graphql } from 'relay-runtime';

export const needRowFragment = graphql`
  fragment NeedRow_need on Need {
    id
    title
    domain
    supportTypes
    quantity
    quantityUnit
    neededBy
    urgency
    status
    statusLabel
    overdue
    community {
      id
      name
    }
  }
`;
