/**
 * Under CI (`CI` set) the browser and PostgreSQL tests must run: their prerequisites are
 * checked here, so a machine without them fails instead of skipping those suites silently.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ci = Boolean(process.env['CI']);

describe.runIf(ci)('what CI needs', () => {
  it('headless Chromium at /usr/bin/chromium (the browser tests skip without it)', () => {
    expect(existsSync('/usr/bin/chromium'), 'apt-get install chromium').toBe(true);
  });

  it('PostgreSQL server binaries or HOUFU_PG_URL (the PostgreSQL tests skip without them)', () => {
    const root = '/usr/lib/postgresql';
    const bins = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
    expect(bins.length > 0 || Boolean(process.env['HOUFU_PG_URL']), 'apt-get install postgresql').toBe(true);
  });
});
