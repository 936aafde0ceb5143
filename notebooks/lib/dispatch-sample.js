// The two-month sample of the dispatch notebook (notebooks/data/dispatch-sample: 2019-11 and
// 2019-12, synthetic, made by `houfu generate --preset guizhou-2019 --scale 0.003 --seed 2019
// --months 2 --format csv`), as assets of the site. Nothing is fetched from another host.
import sites from "../data/dispatch-sample/sites.csv?url";
import households from "../data/dispatch-sample/households.csv?url";
import persons from "../data/dispatch-sample/persons.csv?url";
import facilities from "../data/dispatch-sample/facilities.csv?url";
import managementUnits from "../data/dispatch-sample/management_units.csv?url";
import activities from "../data/dispatch-sample/activities.csv?url";
import healthServices from "../data/dispatch-sample/health_services.csv?url";
import projects from "../data/dispatch-sample/projects.csv?url";
import demonstrationSites from "../data/dispatch-sample/demonstration_sites.csv?url";
import tasks from "../data/dispatch-sample/tasks.csv?url";
import dispatches from "../data/dispatch-sample/dispatches.csv?url";
import trainings from "../data/dispatch-sample/trainings.csv?url";
import inspections from "../data/dispatch-sample/inspections.csv?url";
import problems from "../data/dispatch-sample/problems.csv?url";
import { assetFiles } from "./data.js";

const FILES = {
  "sites.csv": sites,
  "households.csv": households,
  "persons.csv": persons,
  "facilities.csv": facilities,
  "management_units.csv": managementUnits,
  "activities.csv": activities,
  "health_services.csv": healthServices,
  "projects.csv": projects,
  "demonstration_sites.csv": demonstrationSites,
  "tasks.csv": tasks,
  "dispatches.csv": dispatches,
  "trainings.csv": trainings,
  "inspections.csv": inspections,
  "problems.csv": problems
};

/** The two-month sample's files, as {name, bytes}. */
export function dispatchSampleFiles() {
  return assetFiles(FILES);
}

/** A short note of where the sample comes from. */
export const DISPATCH_SAMPLE = "the two-month sample (2019-11, 2019-12; synthetic, scale 0.003)";
