DROP TABLE analyses;
DROP FUNCTION analyses_immutable();
DROP TABLE survey_stations;
DROP TABLE surveys;
DROP TABLE wells;
DROP TABLE operators;
