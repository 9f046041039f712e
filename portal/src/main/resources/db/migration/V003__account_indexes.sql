-- Indexes for a region's ten thousand organization accounts (bench/portal.sh, BENCHMARKS.md).

-- An import that drops organizations blocks their accounts one organization at a time (RegistryImport); without an
-- index each of those updates read the whole accounts table (3 ms at 10,000 accounts), so dropping 10,000
-- organizations took half a minute. It also serves the foreign key to organizations.
CREATE INDEX accounts_by_organization ON accounts (organization_id);

-- The operator's accounts page lists them by role and login: read in that order from the index instead of sorted
-- anew (at 10,000 accounts the sort spilled to disk, 47 ms against 14 ms).
CREATE INDEX accounts_by_role ON accounts (role, login);
