-- The staff console's review of conversations (issue 11, ADR 0027). Version 0003 is the accounts and audit log's
-- (another branch); the migrator applies whatever is newer than the recorded version, so the gap is harmless.

-- Acknowledged (the tier it had then: a later, higher tier needs acknowledging again) and reviewed, on the
-- conversation's row so the inbox can order and filter by them through its indexes. The transcript writer's upsert
-- never touches these columns.
ALTER TABLE conversations ADD COLUMN acknowledged_tier INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN acknowledged_by   TEXT;
ALTER TABLE conversations ADD COLUMN acknowledged_at   INTEGER;
ALTER TABLE conversations ADD COLUMN reviewed_by       TEXT;
ALTER TABLE conversations ADD COLUMN reviewed_at       INTEGER;

-- A reviewer's labels on the bot's replies, every one kept (who and when), removed with their conversation.
CREATE TABLE turn_labels (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id       TEXT    NOT NULL,
    conversation_id  TEXT    NOT NULL,
    activity_id      TEXT    NOT NULL,
    label            TEXT    NOT NULL CHECK (label IN ('good-answer', 'wrong-answer', 'should-have-declined', 'missed-red-flag', 'over-cautious', 'unsafe-wording')),
    note             TEXT,
    labelled_by      TEXT    NOT NULL,
    labelled_at      INTEGER NOT NULL
);
CREATE INDEX turn_labels_conversation ON turn_labels (channel_id, conversation_id, seq);

-- The inbox's indexes, newest first within each (seq, the rowid, is in every index). Partial indexes hold only the
-- rows their filter keeps, so the writer pays for them only on those rows. conversations_last_activity serves
-- no filter, the date range, the channel and "not yet reviewed" (most rows); conversations_escalated the tier.
CREATE INDEX conversations_attention ON conversations (last_activity_at) WHERE escalated_tier >= 2 AND acknowledged_tier < escalated_tier;
CREATE INDEX conversations_urgent    ON conversations (last_activity_at) WHERE escalated_tier >= 2;
CREATE INDEX conversations_declined  ON conversations (last_activity_at) WHERE declined;
CREATE INDEX conversations_clarified ON conversations (last_activity_at) WHERE clarified;
CREATE INDEX conversations_handoff   ON conversations (last_activity_at) WHERE handoff_requested;
-- Negative feedback: the reactions that count as negative, by conversation.
CREATE INDEX conversation_reactions_negative ON conversation_reactions (channel_id, conversation_id)
    WHERE reaction_type IN ('sad', 'angry', 'dislike') AND added > removed;

-- Full-text search over the person's messages (their redacted text): an FTS5 index whose content is the
-- activities table itself (external content, nothing copied); words match by prefix, diacritics folded. The
-- transcript writer fills it once per batch, with one INSERT ... SELECT over the rows it has just added
-- (SqliteSearchIndex): an insert trigger would cost the writer 40 µs a row, since FTS5 writes a segment for each
-- statement a trigger runs. Triggers keep it right when rows are edited or deleted (rare: edits, forget me,
-- retention).
CREATE VIEW activity_texts AS
    SELECT seq, json_extract(json, '$.text') AS text FROM activities WHERE type = 'message' AND from_role = 'user';
CREATE VIRTUAL TABLE activity_search USING fts5(text, content = 'activity_texts', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER activity_search_delete AFTER DELETE ON activities WHEN old.type = 'message' AND old.from_role = 'user'
BEGIN
    INSERT INTO activity_search (activity_search, rowid, text) VALUES ('delete', old.seq, json_extract(old.json, '$.text'));
END;
CREATE TRIGGER activity_search_update AFTER UPDATE OF json ON activities WHEN old.type = 'message' AND old.from_role = 'user'
BEGIN
    INSERT INTO activity_search (activity_search, rowid, text) VALUES ('delete', old.seq, json_extract(old.json, '$.text'));
    INSERT INTO activity_search (rowid, text) VALUES (new.seq, json_extract(new.json, '$.text'));
END;
INSERT INTO activity_search (rowid, text)
    SELECT seq, json_extract(json, '$.text') FROM activities WHERE type = 'message' AND from_role = 'user';
