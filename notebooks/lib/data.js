// The bundled sample (datasets/guizhou-2019-sample) as assets of the site itself, and the
// user's own files from a file input. Nothing is fetched from another host.
import activities from "../../datasets/guizhou-2019-sample/activities.csv?url";
import facilities from "../../datasets/guizhou-2019-sample/facilities.csv?url";
import households from "../../datasets/guizhou-2019-sample/households.csv?url";
import managementUnits from "../../datasets/guizhou-2019-sample/management_units.csv?url";
import persons from "../../datasets/guizhou-2019-sample/persons.csv?url";
import sites from "../../datasets/guizhou-2019-sample/sites.csv?url";
import healthServices from "../../datasets/guizhou-2019-sample/health_services.csv?url";
import projects from "../../datasets/guizhou-2019-sample/projects.csv?url";
import demonstrationSites from "../../datasets/guizhou-2019-sample/demonstration_sites.csv?url";
import tasks from "../../datasets/guizhou-2019-sample/tasks.csv?url";
import dispatches from "../../datasets/guizhou-2019-sample/dispatches.csv?url";
import trainings from "../../datasets/guizhou-2019-sample/trainings.csv?url";
import inspections from "../../datasets/guizhou-2019-sample/inspections.csv?url";
import problems from "../../datasets/guizhou-2019-sample/problems.csv?url";
import { datasetFromFiles, tableFile } from "@houfu/core";

const SAMPLE = {
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

/** Files served with the site, given as {file name: asset URL}, as {name, bytes}. */
export async function assetFiles(urls) {
  return Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const res = await fetch(new URL(url, location.href));
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      return { name, bytes: new Uint8Array(await res.arrayBuffer()) };
    })
  );
}

/** The bundled sample's files, as {name, bytes}. */
export function sampleFiles() {
  return assetFiles(SAMPLE);
}

/**
 * A picker of the user's own files: an element whose `value` is the File[] chosen last
 * (a folder, or several files), empty until then. Use it with `view(filePicker())`.
 */
export function filePicker() {
  const form = document.createElement("form");
  form.className = "houfu-files";
  form.innerHTML = `<label>你的数据文件夹 · your folder of files <input name="folder" type="file" webkitdirectory multiple></label>
    <label>或文件 · or files <input name="files" type="file" multiple accept=".csv,.parquet,.arrow"></label>
    <button type="reset">用示例数据 · use the bundled sample</button>`;
  form.value = [];
  const set = (files) => {
    form.value = [...files].filter((f) => tableFile(f.name));
    form.dispatchEvent(new Event("input", { bubbles: true }));
  };
  form.addEventListener("change", (e) => { e.stopPropagation(); set(e.target.files ?? []); });
  form.addEventListener("input", (e) => { if (e.target !== form) e.stopPropagation(); });
  form.addEventListener("reset", () => setTimeout(() => set([])));
  form.addEventListener("submit", (e) => e.preventDefault());
  return form;
}

/** The dataset of the chosen files, or of the bundled sample when none are chosen. */
export async function loadData(files = []) {
  const own = files.length > 0;
  const input = own
    ? await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))
    : await sampleFiles();
  const dataset = await datasetFromFiles(input);
  return { dataset, files: input, source: own ? `${files.length} files of yours` : "the bundled sample (guizhou-2019-sample, synthetic)" };
}
