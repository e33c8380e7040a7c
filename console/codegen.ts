// Types for every operation of the console, generated from the GraphQL contract: a change of
// schema/orggraph.graphql that breaks an operation breaks `npm run build`.
import type { CodegenConfig } from '@graphql-codegen/cli'

const config: CodegenConfig = {
  schema: '../schema/orggraph.graphql',
  documents: ['src/**/*.ts', 'src/**/*.vue', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Date: 'string', DateTime: 'string' },
      },
    },
    // each enum value's Chinese label, from its description in the contract
    './src/gql/labels.ts': { plugins: ['./codegen-labels.cjs'] },
  },
}

export default config
