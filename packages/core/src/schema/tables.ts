/**
 * The canonical data schema, v2: the six tables of v1, health services linking sites to the
 * institutions that serve them, and the registers of the "six measures" (六项措施) —
 * projects, demonstration sites, responsibility tasks, monthly dispatches, cadre training,
 * inspections and the problems they found. Everything that reads, validates or computes
 * takes its column facts from here. v1 files stay readable: every v2 table and column is
 * optional.
 */

/** Version of the canonical schema (2: the six measures; every v1 dataset is a v2 dataset). */
export const SCHEMA_VERSION = 2;

/** The canonical tables of a dataset. */
export type TableName =
  | 'sites'
  | 'households'
  | 'persons'
  | 'facilities'
  | 'management_units'
  | 'activities'
  | 'health_services'
  | 'projects'
  | 'demonstration_sites'
  | 'tasks'
  | 'dispatches'
  | 'trainings'
  | 'inspections'
  | 'problems';

/** The value type of a canonical column. Dates are ISO `YYYY-MM-DD` text; periods `YYYY-MM`. */
export type ColumnType = 'string' | 'code' | 'boolean' | 'integer' | 'number' | 'date' | 'period';

/** One canonical column. */
export interface ColumnSpec {
  /** snake_case canonical name. */
  readonly name: string;
  /** Value type; values are coerced to it on load. */
  readonly type: ColumnType;
  /** A null (empty) value is an error when true; otherwise null means unknown. */
  readonly required: boolean;
  /** The table may omit the column entirely. */
  readonly optional?: boolean;
  /** A table without the column holds it as unknown (null) in every row: the columns schema v2 added to v1 tables. */
  readonly absentIsUnknown?: boolean;
  /** Allowed values, for enumerations. */
  readonly values?: readonly string[];
  /** Smallest allowed value, for numbers. */
  readonly min?: number;
  /** The table (by its primary key) this column refers to. */
  readonly references?: TableName;
}

/** One canonical table. */
export interface TableSpec {
  /** Table name, also the file stem (`persons.csv`). */
  readonly name: TableName;
  /** Primary-key column (unique per period when the table has a `period`). */
  readonly key: string;
  /** Whether a dataset must contain the table. */
  readonly required: boolean;
  /** Whether the table may carry a `period` column (monthly snapshots). */
  readonly periodic: boolean;
  /** Columns in canonical order. */
  readonly columns: readonly ColumnSpec[];
}

/** Land status of one of the origin's "three lands" (三块地). */
export const LAND_STATUS = ['revitalized', 'pending', 'none'] as const;
/** Types of employment of a relocated worker. */
export const EMPLOYMENT_TYPES = [
  'local',
  'outside_county',
  'outside_province',
  'workshop',
  'public_welfare',
  'self_employed',
] as const;
/** Types of facility at a resettlement site. */
export const FACILITY_TYPES = [
  'school',
  'kindergarten',
  'health_facility',
  'police_room',
  'mediation_room',
  'governance_center',
  'community_committee',
  'street_office',
  'party_committee',
  'party_branch',
  'workshop',
] as const;
/** Types of cultural-service activity. */
export const ACTIVITY_TYPES = [
  'gratitude_education',
  'civic_awareness',
  'civilized_family',
  'house_comparison',
  'other',
] as const;

/** The five systems (五个体系) a post-relocation project belongs to. */
export const SYSTEMS = ['public_services', 'employment', 'culture', 'governance', 'party_building'] as const;
/** Funding channels of projects: east–west cooperation (东西部扶贫协作), fiscal special funds (财政专项), social assistance (社会帮扶), other. */
export const FUNDING_CHANNELS = ['east_west', 'fiscal', 'social', 'other'] as const;
/** Status of a project. */
export const PROJECT_STATUS = ['planned', 'in_progress', 'completed'] as const;
/** What a project supplies to its site ("缺什么补什么"): a facility type, or something else. */
export const PROJECT_SUPPLIES = [...FACILITY_TYPES, 'other'] as const;
/** Dispatch scopes: horizontal (横向, the responsible units province-wide) or vertical (纵向, within one system). */
export const DISPATCH_SCOPES = ['horizontal', 'vertical'] as const;

const period: ColumnSpec = { name: 'period', type: 'period', required: true, optional: true };

/** Schema v2: every canonical table, keyed by name. */
export const SCHEMA: Readonly<Record<TableName, TableSpec>> = {
  sites: {
    name: 'sites',
    key: 'site_id',
    required: true,
    periodic: false,
    columns: [
      { name: 'site_id', type: 'string', required: true },
      { name: 'site_name', type: 'string', required: false },
      { name: 'prefecture_code', type: 'code', required: true },
      { name: 'county_code', type: 'code', required: true },
      { name: 'site_type', type: 'string', required: true, values: ['urban', 'rural'] },
      { name: 'cross_county', type: 'boolean', required: false },
      { name: 'is_demo', type: 'boolean', required: false },
      { name: 'opened_on', type: 'date', required: false },
    ],
  },
  households: {
    name: 'households',
    key: 'household_id',
    required: true,
    periodic: true,
    columns: [
      { name: 'household_id', type: 'string', required: true },
      { name: 'site_id', type: 'string', required: true, references: 'sites' },
      { name: 'origin_county_code', type: 'code', required: false },
      { name: 'moved_in_on', type: 'date', required: false },
      { name: 'land_contract', type: 'string', required: false, values: LAND_STATUS },
      { name: 'land_forest', type: 'string', required: false, values: LAND_STATUS },
      { name: 'land_homestead', type: 'string', required: false, values: LAND_STATUS },
      { name: 'stable_income', type: 'boolean', required: false },
      { name: 'income_per_capita', type: 'number', required: false, min: 0 },
      { name: 'unit_id', type: 'string', required: false, optional: true, references: 'management_units' },
      { name: 'origin_village', type: 'string', required: false, optional: true, absentIsUnknown: true },
      { name: 'whole_village', type: 'boolean', required: false, optional: true, absentIsUnknown: true },
      { name: 'house_photos', type: 'boolean', required: false, optional: true, absentIsUnknown: true },
      { name: 'civilized_family', type: 'boolean', required: false, optional: true, absentIsUnknown: true },
      period,
    ],
  },
  persons: {
    name: 'persons',
    key: 'person_id',
    required: true,
    periodic: true,
    columns: [
      { name: 'person_id', type: 'string', required: true },
      { name: 'household_id', type: 'string', required: true, references: 'households' },
      { name: 'sex', type: 'string', required: false, values: ['male', 'female'] },
      { name: 'birth_year', type: 'integer', required: false, min: 1900 },
      { name: 'ethnicity', type: 'string', required: false },
      { name: 'is_labor', type: 'boolean', required: false },
      { name: 'trained', type: 'boolean', required: false },
      { name: 'employed', type: 'boolean', required: false },
      { name: 'employment_type', type: 'string', required: false, values: EMPLOYMENT_TYPES },
      { name: 'med_insurance_transferred', type: 'boolean', required: false },
      period,
    ],
  },
  facilities: {
    name: 'facilities',
    key: 'facility_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'facility_id', type: 'string', required: true },
      { name: 'site_id', type: 'string', required: true, references: 'sites' },
      { name: 'facility_type', type: 'string', required: true, values: FACILITY_TYPES },
      { name: 'capacity', type: 'integer', required: false, optional: true, min: 0 },
      { name: 'built_for_sites', type: 'boolean', required: false, optional: true, absentIsUnknown: true },
    ],
  },
  management_units: {
    name: 'management_units',
    key: 'unit_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'unit_id', type: 'string', required: true },
      { name: 'site_id', type: 'string', required: true, references: 'sites' },
      { name: 'population', type: 'integer', required: false, min: 0 },
      { name: 'has_police_room', type: 'boolean', required: false },
      { name: 'party_members_elected', type: 'integer', required: false, min: 0 },
    ],
  },
  activities: {
    name: 'activities',
    key: 'activity_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'activity_id', type: 'string', required: true },
      { name: 'site_id', type: 'string', required: true, references: 'sites' },
      { name: 'activity_type', type: 'string', required: true },
      { name: 'held_on', type: 'date', required: false },
      { name: 'participants', type: 'integer', required: false, min: 0 },
    ],
  },
  health_services: {
    name: 'health_services',
    key: 'service_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'service_id', type: 'string', required: true },
      // The served site comes first: a service rolls up to the site it serves, not to the
      // site where the institution stands.
      { name: 'site_id', type: 'string', required: true, references: 'sites' },
      { name: 'facility_id', type: 'string', required: true, references: 'facilities' },
    ],
  },
  projects: {
    name: 'projects',
    key: 'project_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'project_id', type: 'string', required: true },
      { name: 'site_id', type: 'string', required: true, references: 'sites' },
      { name: 'system', type: 'string', required: true, values: SYSTEMS },
      { name: 'supplies', type: 'string', required: false, values: PROJECT_SUPPLIES },
      { name: 'channel', type: 'string', required: false, values: FUNDING_CHANNELS },
      { name: 'amount', type: 'number', required: false, min: 0 },
      { name: 'status', type: 'string', required: true, values: PROJECT_STATUS },
      { name: 'started_on', type: 'date', required: false },
      { name: 'due_on', type: 'date', required: false },
      { name: 'completed_on', type: 'date', required: false },
    ],
  },
  demonstration_sites: {
    name: 'demonstration_sites',
    key: 'site_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'site_id', type: 'string', required: true, references: 'sites' },
      { name: 'designated_on', type: 'date', required: false },
      { name: 'standard', type: 'string', required: false },
    ],
  },
  tasks: {
    name: 'tasks',
    key: 'task_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'task_id', type: 'string', required: true },
      { name: 'department', type: 'string', required: true },
      { name: 'task', type: 'string', required: false },
      { name: 'due_on', type: 'date', required: false },
      { name: 'completed_on', type: 'date', required: false },
    ],
  },
  dispatches: {
    name: 'dispatches',
    key: 'dispatch_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'dispatch_id', type: 'string', required: true },
      { name: 'held_on', type: 'date', required: true },
      { name: 'scope', type: 'string', required: true, values: DISPATCH_SCOPES },
      { name: 'department', type: 'string', required: false },
    ],
  },
  trainings: {
    name: 'trainings',
    key: 'session_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'session_id', type: 'string', required: true },
      { name: 'title', type: 'string', required: false },
      { name: 'held_on', type: 'date', required: false },
      { name: 'cadres_province', type: 'integer', required: false, min: 0 },
      { name: 'cadres_prefecture', type: 'integer', required: false, min: 0 },
      { name: 'cadres_county', type: 'integer', required: false, min: 0 },
      { name: 'cadres_township', type: 'integer', required: false, min: 0 },
    ],
  },
  inspections: {
    name: 'inspections',
    key: 'round_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'round_id', type: 'string', required: true },
      { name: 'title', type: 'string', required: false },
      { name: 'started_on', type: 'date', required: false },
      { name: 'ended_on', type: 'date', required: false },
    ],
  },
  problems: {
    name: 'problems',
    key: 'problem_id',
    required: false,
    periodic: false,
    columns: [
      { name: 'problem_id', type: 'string', required: true },
      { name: 'site_id', type: 'string', required: true, references: 'sites' },
      { name: 'round_id', type: 'string', required: false, references: 'inspections' },
      { name: 'category', type: 'string', required: true },
      { name: 'aspect', type: 'string', required: false },
      { name: 'found_on', type: 'date', required: false },
      { name: 'due_on', type: 'date', required: false },
      { name: 'rectified_on', type: 'date', required: false },
    ],
  },
};

/** Canonical tables in load and validation order (parents before children). */
export const TABLE_NAMES: readonly TableName[] = [
  'sites',
  'households',
  'persons',
  'facilities',
  'management_units',
  'activities',
  'health_services',
  'projects',
  'demonstration_sites',
  'tasks',
  'dispatches',
  'trainings',
  'inspections',
  'problems',
];

/** The tables of schema v1 (a dataset with only these is a v1 dataset). */
export const V1_TABLES: readonly TableName[] = TABLE_NAMES.slice(0, 6);

/** Look up a column of a table, or undefined. */
export function columnSpec(table: TableName, column: string): ColumnSpec | undefined {
  return SCHEMA[table].columns.find((c) => c.name === column);
}

/** Columns to read per table (tables not listed are not read). */
export type TableColumns = Partial<Record<TableName, readonly string[]>>;
