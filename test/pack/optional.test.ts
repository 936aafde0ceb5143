// The loader of optional dependencies: "not installed" becomes an error naming what to install;
// any other failure passes through unchanged.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HoufuError } from '@houfu/core';
import { isMissingPackage, loadOptional, SURVEY_PACKAGES } from '../../packages/core/src/optional.js';

// A folder with no node_modules above it that holds pg or arquero.
const requireFromNowhere = createRequire(join(mkdtempSync(join(tmpdir(), 'houfu-optional-')), 'x.js'));

describe('optional dependencies', () => {
  it('names the package to install when Node cannot find it', async () => {
    const error = await loadOptional(['pg'], () => requireFromNowhere('pg')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HoufuError);
    expect((error as HoufuError).code).toBe('missing_dependency');
    expect((error as HoufuError).message).toBe('the PostgreSQL engine needs optional packages that are not installed: npm install pg@8');
    expect((error as HoufuError).messageZh).toBe('PostgreSQL 引擎需要安装可选依赖：npm install pg@8');
  });

  it('names every package of the feature, and reads the stub a bundler puts in place of an absent optional peer', async () => {
    const stub = new Error('Could not resolve "@stdlib/stats-base-dists-t-quantile" imported by "@houfu/core". Is it installed?');
    const error = (await loadOptional(SURVEY_PACKAGES, () => Promise.reject(stub)).catch((e: unknown) => e)) as HoufuError;
    expect(error.code).toBe('missing_dependency');
    expect(error.message).toBe(
      'survey estimates needs optional packages that are not installed: npm install @stdlib/stats-base-dists-beta-quantile@0.2 @stdlib/stats-base-dists-normal-quantile@0.3 @stdlib/stats-base-dists-t-quantile@0.2',
    );
  });

  it('passes other errors through, including a missing package it was not asked about', async () => {
    const other = new Error('connection refused');
    await expect(loadOptional(['pg'], () => Promise.reject(other))).rejects.toBe(other);
    const error = await loadOptional(['arquero'], () => requireFromNowhere('arquero-extra')).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(HoufuError);
    expect(isMissingPackage(error, 'arquero-extra')).toBe(true);
    expect(isMissingPackage(error, 'arquero')).toBe(false);
  });

  it('returns what the loader gives when the package is there', async () => {
    const fromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url));
    const m = await loadOptional(['arquero'], () => fromCore('arquero') as { table: unknown });
    expect(typeof m.table).toBe('function');
  });
});
