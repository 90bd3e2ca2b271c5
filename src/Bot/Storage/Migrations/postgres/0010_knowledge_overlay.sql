-- The editors' knowledge overlay (ADR 0029, addendum): one JSON document shared by every instance on this store,
-- with a version number that each write raises by one. Writers update only the version they read (optimistic
-- concurrency), so two editors never lose each other's additions.
CREATE TABLE knowledge_overlay (
    id          integer NOT NULL PRIMARY KEY CHECK (id = 1),
    version     bigint NOT NULL,
    document    text NOT NULL,
    updated_at  timestamptz NOT NULL
);
