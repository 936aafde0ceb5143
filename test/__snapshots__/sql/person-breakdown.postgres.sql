-- params: [true,true,true,true]
SELECT s."site_id" AS "g", r."period" AS "p", r."sex" AS "b0", s."is_demo" AS "b1", CAST(COALESCE(SUM(CASE WHEN (r."is_labor" AND r."employed") THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m0", CAST(COALESCE(SUM(CASE WHEN (r."is_labor" AND (NOT (r."employed" IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m1", CAST(COALESCE(SUM(CASE WHEN ((r."is_labor" IS NULL) OR (r."is_labor" AND (r."employed" IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m2", CAST(COALESCE(SUM(CASE WHEN (CAST($1 AS BOOLEAN) AND r."employed") THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m3", CAST(COALESCE(SUM(CASE WHEN (CAST($2 AS BOOLEAN) AND (NOT (r."employed" IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m4", CAST(COALESCE(SUM(CASE WHEN ((CAST($3 AS BOOLEAN) IS NULL) OR (CAST($4 AS BOOLEAN) AND (r."employed" IS NULL))) THEN 1 ELSE 0 END), 0) AS DOUBLE PRECISION) AS "m5"
FROM "persons" AS r
LEFT JOIN "households" AS h ON h."household_id" = r."household_id" AND h."period" = r."period"
LEFT JOIN "sites" AS s ON s."site_id" = h."site_id"
WHERE s."site_id" IS NOT NULL
GROUP BY 1, 2, 3, 4
