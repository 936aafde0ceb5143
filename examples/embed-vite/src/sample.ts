/** The bundled sample (datasets/guizhou-2019-sample), served by this page itself as assets. */
import activities from '../../../datasets/guizhou-2019-sample/activities.csv?url';
import facilities from '../../../datasets/guizhou-2019-sample/facilities.csv?url';
import households from '../../../datasets/guizhou-2019-sample/households.csv?url';
import managementUnits from '../../../datasets/guizhou-2019-sample/management_units.csv?url';
import persons from '../../../datasets/guizhou-2019-sample/persons.csv?url';
import sites from '../../../datasets/guizhou-2019-sample/sites.csv?url';
import healthServices from '../../../datasets/guizhou-2019-sample/health_services.csv?url';
import projects from '../../../datasets/guizhou-2019-sample/projects.csv?url';
import demonstrationSites from '../../../datasets/guizhou-2019-sample/demonstration_sites.csv?url';
import tasks from '../../../datasets/guizhou-2019-sample/tasks.csv?url';
import dispatches from '../../../datasets/guizhou-2019-sample/dispatches.csv?url';
import trainings from '../../../datasets/guizhou-2019-sample/trainings.csv?url';
import inspections from '../../../datasets/guizhou-2019-sample/inspections.csv?url';
import problems from '../../../datasets/guizhou-2019-sample/problems.csv?url';
import type { InputFile } from '@houfu/core';

const FILES: Record<string, string> = {
  'sites.csv': sites,
  'households.csv': households,
  'persons.csv': persons,
  'facilities.csv': facilities,
  'management_units.csv': managementUnits,
  'activities.csv': activities,
  'health_services.csv': healthServices,
  'projects.csv': projects,
  'demonstration_sites.csv': demonstrationSites,
  'tasks.csv': tasks,
  'dispatches.csv': dispatches,
  'trainings.csv': trainings,
  'inspections.csv': inspections,
  'problems.csv': problems,
};

/** Fetch the sample's files from this page's own origin. */
export async function sampleFiles(): Promise<InputFile[]> {
  return Promise.all(
    Object.entries(FILES).map(async ([name, url]) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      return { name, bytes: new Uint8Array(await res.arrayBuffer()) };
    }),
  );
}
