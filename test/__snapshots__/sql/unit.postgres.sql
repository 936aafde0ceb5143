-- params: []
SELECT u."unit_id" AS "g", CAST(COALESCE(SUM(CASE WHEN (r."is_labor" AND r."trained") THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m0", CAST(COALESCE(SUM(CASE WHEN (r."is_labor" AND (NOT (r."trained" IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m1", CAST(COALESCE(SUM(CASE WHEN ((r."is_labor" IS NULL) OR (r."is_labor" AND (r."trained" IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m2"
FROM "persons" AS r
LEFT JOIN "households" AS h ON h."household_id" = r."household_id"
LEFT JOIN "sites" AS s ON s."site_id" = h."site_id"
LEFT JOIN "management_units" AS u ON u."unit_id" = h."unit_id"
WHERE u."unit_id" IS NOT NULL
GROUP BY 1

-- params: []
SELECT u."unit_id" AS "g", CAST(COALESCE(SUM(CASE WHEN ((CASE WHEN COALESCE("q_persons"."q0_t", 0) > 0 THEN TRUE WHEN COALESCE("q_persons"."q0_u", 0) > 0 THEN NULL ELSE FALSE END) AND (CASE WHEN COALESCE("q_persons"."q1_t", 0) > 0 THEN TRUE WHEN COALESCE("q_persons"."q1_u", 0) > 0 THEN NULL ELSE FALSE END)) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m0", CAST(COALESCE(SUM(CASE WHEN ((CASE WHEN COALESCE("q_persons"."q0_t", 0) > 0 THEN TRUE WHEN COALESCE("q_persons"."q0_u", 0) > 0 THEN NULL ELSE FALSE END) AND (NOT ((CASE WHEN COALESCE("q_persons"."q1_t", 0) > 0 THEN TRUE WHEN COALESCE("q_persons"."q1_u", 0) > 0 THEN NULL ELSE FALSE END) IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m1", CAST(COALESCE(SUM(CASE WHEN (((CASE WHEN COALESCE("q_persons"."q0_t", 0) > 0 THEN TRUE WHEN COALESCE("q_persons"."q0_u", 0) > 0 THEN NULL ELSE FALSE END) IS NULL) OR ((CASE WHEN COALESCE("q_persons"."q0_t", 0) > 0 THEN TRUE WHEN COALESCE("q_persons"."q0_u", 0) > 0 THEN NULL ELSE FALSE END) AND ((CASE WHEN COALESCE("q_persons"."q1_t", 0) > 0 THEN TRUE WHEN COALESCE("q_persons"."q1_u", 0) > 0 THEN NULL ELSE FALSE END) IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m2"
FROM "households" AS r
LEFT JOIN "sites" AS s ON s."site_id" = r."site_id"
LEFT JOIN "management_units" AS u ON u."unit_id" = r."unit_id"
LEFT JOIN (SELECT c."household_id" AS "k", SUM(CASE WHEN c."is_labor" THEN 1 ELSE 0 END) AS "q0_t", SUM(CASE WHEN NOT c."is_labor" THEN 1 ELSE 0 END) AS "q0_f", SUM(CASE WHEN c."is_labor" IS NULL THEN 1 ELSE 0 END) AS "q0_u", SUM(CASE WHEN (c."is_labor" AND c."employed") THEN 1 ELSE 0 END) AS "q1_t", SUM(CASE WHEN NOT (c."is_labor" AND c."employed") THEN 1 ELSE 0 END) AS "q1_f", SUM(CASE WHEN (c."is_labor" AND c."employed") IS NULL THEN 1 ELSE 0 END) AS "q1_u" FROM "persons" AS c GROUP BY 1) AS "q_persons" ON "q_persons"."k" = r."household_id"
WHERE u."unit_id" IS NOT NULL
GROUP BY 1

-- params: [3000,3000,3000,3000,true,0,true,0,true,true,0]
SELECT r."unit_id" AS "g", CAST(COALESCE(SUM(CASE WHEN ((r."population" >= CAST($1 AS DOUBLE PRECISION)) AND r."has_police_room") THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m0", CAST(COALESCE(SUM(CASE WHEN ((r."population" >= CAST($2 AS DOUBLE PRECISION)) AND (NOT (r."has_police_room" IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m1", CAST(COALESCE(SUM(CASE WHEN (((r."population" >= CAST($3 AS DOUBLE PRECISION)) IS NULL) OR ((r."population" >= CAST($4 AS DOUBLE PRECISION)) AND (r."has_police_room" IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m2", CAST(COALESCE(SUM(CASE WHEN (NOT (r."party_members_elected" IS NULL)) THEN r."party_members_elected" ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m3", CAST(COALESCE(SUM(CASE WHEN (NOT (r."party_members_elected" IS NULL)) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m4", CAST(COALESCE(SUM(CASE WHEN (r."party_members_elected" IS NULL) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m5", CAST(COALESCE(SUM(CASE WHEN (CAST($5 AS BOOLEAN) AND (r."party_members_elected" > CAST($6 AS DOUBLE PRECISION))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m6", CAST(COALESCE(SUM(CASE WHEN (CAST($7 AS BOOLEAN) AND (NOT ((r."party_members_elected" > CAST($8 AS DOUBLE PRECISION)) IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m7", CAST(COALESCE(SUM(CASE WHEN ((CAST($9 AS BOOLEAN) IS NULL) OR (CAST($10 AS BOOLEAN) AND ((r."party_members_elected" > CAST($11 AS DOUBLE PRECISION)) IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m8"
FROM "management_units" AS r
LEFT JOIN "sites" AS s ON s."site_id" = r."site_id"
WHERE r."unit_id" IS NOT NULL
GROUP BY 1
