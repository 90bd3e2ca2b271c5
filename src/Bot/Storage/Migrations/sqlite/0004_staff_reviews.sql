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

-- Full-text search over the person's messages (their redacted text): an FTS5 table holding each message's text
-- and its conversation's seq, so a search yields conversations without reading the activities' JSON pages (with
-- the activities table as external content, looking each match up there cost most of a search). Words match by
-- prefix, diacritics folded; secure-delete removes a deleted message's words from the index at once ("forget me").
-- The transcript writer fills it once per batch, with one INSERT ... SELECT over the rows it has just added
-- (SqliteSearchIndex): an insert trigger cost the writer 40 µs a row, since FTS5 writes a segment for each
-- statement a trigger runs. Triggers follow edits and deletes (rare: edits, forget me, retention).
CREATE VIRTUAL TABLE activity_search USING fts5(text, conversation UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO activity_search (activity_search, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER activity_search_delete AFTER DELETE ON activities WHEN old.type = 'message' AND old.from_role = 'user'
BEGIN
    DELETE FROM activity_search WHERE rowid = old.seq;
END;
CREATE TRIGGER activity_search_update AFTER UPDATE OF json ON activities WHEN old.type = 'message' AND old.from_role = 'user'
BEGIN
    UPDATE activity_search SET text = json_extract(new.json, '$.text') WHERE rowid = new.seq;
END;
INSERT INTO activity_search (rowid, text, conversation)
    SELECT a.seq, json_extract(a.json, '$.text'), c.seq FROM activities a
    JOIN conversations c ON c.channel_id = a.channel_id AND c.conversation_id = a.conversation_id
    WHERE a.type = 'message' AND a.from_role = 'user';
