-- "Not applicable" as a value: a result's criterion may carry notApplicable (how many of its indicators are not
-- applicable) and excluded (how many of those left the denominator), present only when some are. The dashboards'
-- compact cell keeps both as two more elements, [number, met, indicatorsMet, indicatorsTotal, missing, notApplicable,
-- excluded], only then, so every cell without them stays as it was and no stored row needs rebuilding.
CREATE OR REPLACE FUNCTION "verified_result_cells"("criteria" jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_agg(
           CASE WHEN coalesce((c->>'notApplicable')::integer, 0) > 0
                THEN jsonb_build_array(c->'number', CASE WHEN (c->'met')::boolean THEN 1 ELSE 0 END,
                                       c->'indicatorsMet', c->'indicatorsTotal', c->'missing',
                                       c->'notApplicable', coalesce(c->'excluded', '0'::jsonb))
                ELSE jsonb_build_array(c->'number', CASE WHEN (c->'met')::boolean THEN 1 ELSE 0 END,
                                       c->'indicatorsMet', c->'indicatorsTotal', c->'missing')
           END ORDER BY o)::text, '[]')
    FROM jsonb_array_elements("criteria") WITH ORDINALITY AS e(c, o)
$$;
