-- Extensions the schema needs. q3c: spherical indexing and cone searches (crossmatch).
-- pg_cron is not created here: it works only in the database named by cron.database_name with
-- shared_preload_libraries = 'pg_cron' (the embedded server creates it in database slam).
CREATE EXTENSION IF NOT EXISTS q3c;
