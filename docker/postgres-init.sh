#!/bin/sh
# Runs once when the database volume is created: an ordinary login role that owns the app's
# database. It is neither superuser nor BYPASSRLS, so Masar's row-level security applies to it.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE masar LOGIN PASSWORD '${MASAR_DB_PASSWORD:-masar}' NOSUPERUSER NOBYPASSRLS;
ALTER DATABASE masar OWNER TO masar;
ALTER SCHEMA public OWNER TO masar;
SQL
