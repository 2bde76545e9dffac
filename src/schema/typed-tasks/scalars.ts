import { GraphQLScalarType, Kind, type GraphQLScalarTypeConfig } from 'graphql';
import { EmailAddressResolver, URLResolver, UUIDResolver } from 'graphql-scalars';

/**
 * graphql-scalars' check, but the value stays the string the client sent: zod checks it next and
 * the handler gets it as JSON, exactly as through `runTask` (graphql-scalars' URL would hand
 * zod a URL object).
 */
function keepingString(scalar: GraphQLScalarType): GraphQLScalarType {
  const config: GraphQLScalarTypeConfig<unknown, unknown> = scalar.toConfig();
  return new GraphQLScalarType({
    ...config,
    serialize: (value) => {
      scalar.serialize(value);
      return String(value);
    },
    parseValue: (value) => {
      scalar.parseValue(value);
      return value;
    },
    parseLiteral: (ast, variables) => {
      scalar.parseLiteral(ast, variables);
      return ast.kind === Kind.STRING ? ast.value : undefined;
    },
  });
}

/**
 * The format scalars typed fields use, made once (a schema holds each by name). DateTime is the
 * schema's own (createdAt and the rest): input-values.ts turns its Date back into an ISO string.
 */
export const formatScalars = {
  EmailAddress: keepingString(EmailAddressResolver),
  URL: keepingString(URLResolver),
  UUID: keepingString(UUIDResolver),
} as const;
