// graphql-schema-linter's configuration for schema/orggraph.graphql (`make lint`). `rules` lists the
// rules that run: every built-in rule of graphql-schema-linter 3.0.1 is listed, and the ones switched
// off are commented out with the reason.
module.exports = {
  schemaPaths: ['../../schema/orggraph.graphql'],
  rules: [
    // Every element says what it is: front-end developers read the schema, not the Python.
    'types-have-descriptions',
    'fields-have-descriptions',
    'arguments-have-descriptions',
    'input-object-values-have-descriptions',
    'enum-values-have-descriptions',
    'descriptions-are-capitalized',
    'deprecations-have-a-reason',

    // Naming.
    'types-are-capitalized',
    'fields-are-camel-cased',
    'input-object-values-are-camel-cased',
    'enum-values-all-caps',

    'defined-types-are-used',

    // The lists are Relay connections, usable by Relay's @connection and Apollo's relayStylePagination.
    'relay-connection-types-spec',
    'relay-connection-arguments-spec',
    'relay-page-info-spec',

    // Off: alphabetical order is a matter of taste. The schema keeps the order in which the code
    // declares fields, arguments and enum values, which puts id and name first and enum values in
    // their order of use (the six-step method's statuses in step order, LOW before URGENT).
    // 'type-fields-sorted-alphabetically',
    // 'input-object-fields-sorted-alphabetically',
    // 'interface-fields-sorted-alphabetically',
    // 'enum-values-sorted-alphabetically',
  ],
  ignore: {
    // This description lists the lowercase codes that ScoreComponent.name returns, as they are.
    'descriptions-are-capitalized': ['ScoreComponent.name'],
  },
};
