/**
 * The canonical data schema, v1: six tables, their columns, types, keys and links.
 * Everything that reads, validates or computes takes its column facts from here.
 */

/** The six canonical tables of a dataset. */
export type TableName =
  | 'sites'
  | 'households'
  | 'persons'
  | 'facilities'
  | 'management_units'
  | 'activities';

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

const period: ColumnSpec = { name: 'period', type: 'period', required: true, optional: true };

/** Schema v1: every canonical table, keyed by name. */
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
};

/** Canonical tables in load and validation order (parents before children). */
export const TABLE_NAMES: readonly TableName[] = [
  'sites',
  'households',
  'persons',
  'facilities',
  'management_units',
  'activities',
];

/** Look up a column of a table, or undefined. */
export function columnSpec(table: TableName, column: string): ColumnSpec | undefined {
  return SCHEMA[table].columns.find((c) => c.name === column);
}
