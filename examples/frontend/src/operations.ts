import { graphql } from './gql/index.ts';

// The typed root fields taskql serves for the divide task type: its input (DivideInput) and
// its result (Float) come from the task type's zod schemas, so a wrong field fails to compile.
export const RunDivide = graphql(`
  mutation RunDivide($input: DivideInput!) {
    runDivide(input: $input) {
      id
      state
    }
  }
`);

export const FollowDivide = graphql(`
  subscription FollowDivide($id: ID!) {
    divideUpdated(id: $id) {
      id
      state
      progress {
        percent
        message
      }
      result
      error {
        message
      }
    }
  }
`);
