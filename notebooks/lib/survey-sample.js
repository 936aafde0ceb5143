// A stratified, clustered sample survey with a finite population correction (strata = county,
// 6 of N clusters per stratum, 9 households per cluster), and R survey's estimates for it — the
// fixture test/fixtures/survey/stratified-clustered-fpc, made by its R script. Assets of the site.
import households from "../../test/fixtures/survey/stratified-clustered-fpc/households.csv?url";
import persons from "../../test/fixtures/survey/stratified-clustered-fpc/persons.csv?url";
import sites from "../../test/fixtures/survey/stratified-clustered-fpc/sites.csv?url";
import expected from "../../test/fixtures/survey/stratified-clustered-fpc/expected.json?url";

const FILES = { "sites.csv": sites, "households.csv": households, "persons.csv": persons };

async function bytes(url) {
  const res = await fetch(new URL(url, location.href));
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The survey sample's files, as {name, bytes}. */
export async function surveyFiles() {
  return Promise.all(Object.entries(FILES).map(async ([name, url]) => ({ name, bytes: await bytes(url) })));
}

/** R survey's results for the sample: { design, results: [{ indicator, level, breakdown, rows }] }. */
export async function rResults() {
  return JSON.parse(new TextDecoder().decode(await bytes(expected)));
}
