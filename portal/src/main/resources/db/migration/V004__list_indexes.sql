-- The operator's and the ministry's lists of a region's ten thousand organizations and accounts, a page at a time
-- (RegisteredOrganizations.page, Accounts.page; bench/portal.sh, BENCHMARKS.md).

-- A page of the organization list in its order, read from the index alone (the list shows these columns only),
-- instead of the whole registry sorted for every page. Also serves one municipality's organizations by name.
DROP INDEX organizations_by_municipality;
CREATE INDEX organizations_listed ON organizations (municipality, name, id) INCLUDE (type, inn) WHERE active;

-- A search types part of a name, id, INN or municipality: "contains", which only a trigram index answers without
-- reading every row. pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX organizations_searched ON organizations
    USING gin (lower(name || ' ' || id || ' ' || inn || ' ' || municipality) gin_trgm_ops) WHERE active;
-- Not for the accounts: a trigram index costs every insert (an import makes ten thousand accounts), and the accounts
-- page is searched rarely; a search there reads the table (a few milliseconds at ten thousand accounts).
