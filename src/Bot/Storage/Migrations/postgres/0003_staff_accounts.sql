-- Staff console (issue 11, ADR 0026): local staff accounts and the audit log of what staff did (PostgreSQL).
-- name_key is the name in lower case: names are unique whatever their case.
CREATE TABLE staff_accounts (
    name_key       text        NOT NULL PRIMARY KEY,
    name           text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('reviewer', 'editor')),
    password_hash  text        NOT NULL,
    failed_count   integer     NOT NULL DEFAULT 0,
    locked_until   timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Who did what, never message text; seq orders entries written in the same microsecond.
CREATE TABLE staff_audit (
    seq     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text        NOT NULL,
    action  text        NOT NULL,
    target  text,
    detail  text
);
CREATE INDEX staff_audit_at ON staff_audit (at);
