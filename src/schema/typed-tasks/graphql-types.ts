import {
  astFromValue,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLInputFieldConfig,
  type GraphQLInputType,
  type GraphQLNullableType,
  type GraphQLOutputType,
  type GraphQLScalarType,
  type GraphQLType,
} from 'graphql';
import { pascalCase, type NameClaims } from './names.ts';
import { formatScalars } from './scalars.ts';
import type { FieldShape, ScalarName, Shape } from './shape.ts';

/**
 * Shapes → GraphQL types, for one schema. Named types are named by where they are (`DivideInput`,
 * its field `options` → `DivideInputOptions`), so the names stay put as long as the schema does;
 * each name is claimed (a clash fails start-up). An enum is one type for input and output.
 */
export class GraphqlTypes {
  readonly #enums = new Map<string, GraphQLEnumType>();
  readonly #scalars: Record<ScalarName, GraphQLScalarType>;

  constructor(
    private readonly claims: NameClaims,
    /** The schema's own JSON and DateTime. */
    own: { JSON: GraphQLScalarType; DateTime: GraphQLScalarType },
  ) {
    this.#scalars = { Int: GraphQLInt, Float: GraphQLFloat, String: GraphQLString, Boolean: GraphQLBoolean, ...own, ...formatScalars };
  }

  /** The input type of `shape`, named `name` (or after it) where it needs a name; non-null unless it takes null. */
  input(shape: Shape, name: string, owner: string): GraphQLInputType {
    return this.#wrap(shape, this.#input(shape, name, owner)) as GraphQLInputType;
  }

  /** The output type of `shape`; non-null unless it may be null. */
  output(shape: Shape, name: string, owner: string): GraphQLOutputType {
    return this.#wrap(shape, this.#output(shape, name, owner)) as GraphQLOutputType;
  }

  /** The named or list type, without the outer non-null. */
  #input(shape: Shape, name: string, owner: string): GraphQLNullableType & GraphQLInputType {
    switch (shape.kind) {
      case 'scalar':
        return this.#scalars[shape.scalar];
      case 'enum':
        return this.#enum(shape, name, owner);
      case 'list':
        return new GraphQLList(this.input(shape.of, name, owner));
      case 'object':
        return new GraphQLInputObjectType({
          name: this.claims.claim(name, owner),
          description: shape.description,
          fields: () => Object.fromEntries(shape.fields.map((field) => [field.name, this.#inputField(field, name, owner)])),
        });
    }
  }

  #inputField(field: FieldShape, parent: string, owner: string): GraphQLInputFieldConfig {
    const named = `${parent}${pascalCase(field.name)}`;
    const where = `${owner}.${field.name}`;
    // Optional or defaulted: nullable in GraphQL (an explicit null means "not given" where zod takes no null).
    const type = field.required && !field.default ? this.input(field.shape, named, where) : this.#input(field.shape, named, where);
    const config: GraphQLInputFieldConfig = { type, description: field.shape.description };
    if (field.default && astFromValueSafe(field.default.value, type)) config.defaultValue = field.default.value;
    else if (field.default) config.description = [field.shape.description, `Default: ${JSON.stringify(field.default.value)}.`].filter(Boolean).join(' ');
    return config;
  }

  #output(shape: Shape, name: string, owner: string): GraphQLNullableType & GraphQLOutputType {
    switch (shape.kind) {
      case 'scalar':
        return this.#scalars[shape.scalar];
      case 'enum':
        return this.#enum(shape, name, owner);
      case 'list':
        return new GraphQLList(this.output(shape.of, name, owner));
      case 'object':
        return new GraphQLObjectType({
          name: this.claims.claim(name, owner),
          description: shape.description,
          fields: () =>
            Object.fromEntries(
              shape.fields.map((field) => {
                const named = `${name}${pascalCase(field.name)}`;
                const where = `${owner}.${field.name}`;
                const type = field.required ? this.output(field.shape, named, where) : this.#output(field.shape, named, where);
                return [field.name, { type, description: field.shape.description }];
              }),
            ),
        });
    }
  }

  #enum(shape: Shape & { kind: 'enum' }, name: string, owner: string): GraphQLEnumType {
    let type = this.#enums.get(name);
    if (!type) {
      type = new GraphQLEnumType({
        name: this.claims.claim(name, owner),
        description: shape.description,
        // The value is the string itself: the handler sees what it would through runTask.
        values: Object.fromEntries(shape.values.map((value) => [value, { value }])),
      });
      this.#enums.set(name, type);
    }
    return type;
  }

  #wrap(shape: Shape, type: GraphQLType): GraphQLType {
    return shape.nullable ? type : new GraphQLNonNull(type as GraphQLNullableType);
  }
}

/** Whether GraphQL can print `value` as a default of `type` (SDL, introspection). */
function astFromValueSafe(value: unknown, type: GraphQLInputType): boolean {
  try {
    return astFromValue(value, type) !== null;
  } catch {
    return false;
  }
}
