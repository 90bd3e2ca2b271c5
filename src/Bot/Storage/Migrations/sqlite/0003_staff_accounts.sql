-- Staff console (issue 11, ADR 0026): local staff accounts and the audit log of what staff did (SQLite).
-- name_key is the name in lower case: names are unique whatever their case. Times are INTEGER microseconds since
-- the Unix epoch, UTC.
CREATE TABLE staff_accounts (
    name_key       TEXT    NOT NULL PRIMARY KEY,
    name           TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('reviewer', 'editor')),
    password_hash  TEXT    NOT NULL,
    failed_count   INTEGER NOT NULL DEFAULT 0,
    locked_until   INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- Who did what, never message text; seq orders entries written in the same microsecond.
CREATE TABLE staff_audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    target  TEXT,
    detail  TEXT
);
CREATE INDEX staff_audit_at ON staff_audit (at);
