/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** taskql's GraphQL endpoint (default http://localhost:4000/graphql). */
  readonly VITE_TASKQL_URL?: string;
  /** A `run` token when the API has tokens (a real app gets its user's from its own login). */
  readonly VITE_TASKQL_TOKEN?: string;
}
