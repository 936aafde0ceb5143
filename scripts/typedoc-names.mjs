// TypeDoc plugin: names each entry point's module by its import specifier (`@houfu/core/duckdb`)
// instead of its source path.
import { Converter, ReflectionKind } from 'typedoc';

const NAMES = {
  'packages/core/src': '@houfu/core',
  'packages/core/src/node': '@houfu/core/node',
  'packages/core/src/engines/kernel': '@houfu/core/kernel',
  'packages/core/src/engines/arquero': '@houfu/core/arquero',
  'packages/core/src/survey': '@houfu/core/survey',
  'packages/core/src/charts': '@houfu/core/charts',
  'packages/core/src/engines/duckdb/node': '@houfu/core/duckdb',
  'packages/core/src/engines/postgres': '@houfu/core/postgres',
  'packages/core/src/engines/clickhouse': '@houfu/core/clickhouse',
  'packages/indicators/src': '@houfu/indicators',
  'datasets/src': '@houfu/datasets',
  'datasets/src/sample': '@houfu/datasets/sample',
  'packages/cli/src': '@houfu/cli',
};

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const m of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const name = NAMES[m.name];
      if (name === undefined) throw new Error(`typedoc-names: no import name for entry ${m.name}`);
      m.name = name;
    }
  });
}
