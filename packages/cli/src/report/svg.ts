/** Vega-Lite → SVG in Node (no browser, no network). */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from '@houfu/core/charts';

/** Render a Vega-Lite spec to an SVG string. */
export async function toSVG(spec: VegaLiteSpec): Promise<string> {
  const vg = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vg), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
