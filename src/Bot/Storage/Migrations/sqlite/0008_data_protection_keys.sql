-- The ASP.NET Core Data Protection key ring (ADR 0032): the keys that sign the staff console's cookies and
-- anti-forgery tokens, kept in the store so that every instance reads the same ring and a restart keeps sessions.
-- One row per key, as the XML the key manager writes. Times are INTEGER microseconds since the Unix epoch, UTC.
CREATE TABLE data_protection_keys (
    name        TEXT    PRIMARY KEY,
    xml         TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
