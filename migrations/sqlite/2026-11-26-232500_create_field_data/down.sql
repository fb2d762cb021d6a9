DROP TRIGGER analyses_immutable;
DROP TABLE analyses;
DROP TABLE survey_stations;
DROP TABLE surveys;
DROP TABLE wells;
DROP TABLE operators;
