// Registering a community's need (登记社区需求), with the idempotency key a front end sends so that a
// retried request does not register it twice.
import { graphql } from 'relay-runtime';

export const createNeedMutation = graphql`
  mutation CreateNeedMutation($input: CreateNeedInput!) {
    createNeed(input: $input) {
      id
      ...NeedRow_need
    }
  }
`;
