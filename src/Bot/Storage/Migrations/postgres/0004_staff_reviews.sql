-- The staff console's review of conversations (issue 11, ADR 0027). Version 0003 is the accounts and audit log's
-- (another branch); the migrator applies whatever is newer than the recorded version, so the gap is harmless.

-- Acknowledged (the tier it had then: a later, higher tier needs acknowledging again) and reviewed, on the
-- conversation's row so the inbox can order and filter by them through its indexes. The transcript writer's upsert
-- never touches these columns.
ALTER TABLE conversations
    ADD COLUMN acknowledged_tier smallint    NOT NULL DEFAULT 0,
    ADD COLUMN acknowledged_by   text,
    ADD COLUMN acknowledged_at   timestamptz,
    ADD COLUMN reviewed_by       text,
    ADD COLUMN reviewed_at       timestamptz;

-- A reviewer's labels on the bot's replies, every one kept (who and when), removed with their conversation.
CREATE TABLE turn_labels (
    seq              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id       text        NOT NULL,
    conversation_id  text        NOT NULL,
    activity_id      text        NOT NULL,
    label            text        NOT NULL CHECK (label IN ('good-answer', 'wrong-answer', 'should-have-declined', 'missed-red-flag', 'over-cautious', 'unsafe-wording')),
    note             text,
    labelled_by      text        NOT NULL,
    labelled_at      timestamptz NOT NULL
);
CREATE INDEX turn_labels_conversation ON turn_labels (channel_id, conversation_id, seq);

-- The inbox's indexes, newest first within each: (last_activity_at, seq) is the inbox's order and keyset. The
-- unfiltered one replaces conversations_last_activity (retention's range reads it as well), so the writer pays
-- for no extra full index; partial indexes hold only the rows their filter keeps. The unfiltered index also
-- serves the date range, the channel and "not yet reviewed" (most rows).
DROP INDEX conversations_last_activity;
CREATE INDEX conversations_last_activity ON conversations (last_activity_at, seq);
CREATE INDEX conversations_attention ON conversations (last_activity_at, seq) WHERE escalated_tier >= 2 AND acknowledged_tier < escalated_tier;
CREATE INDEX conversations_urgent    ON conversations (last_activity_at, seq) WHERE escalated_tier >= 2;
CREATE INDEX conversations_declined  ON conversations (last_activity_at, seq) WHERE declined;
CREATE INDEX conversations_clarified ON conversations (last_activity_at, seq) WHERE clarified;
CREATE INDEX conversations_handoff   ON conversations (last_activity_at, seq) WHERE handoff_requested;
-- Negative feedback: the reactions that count as negative, by conversation.
CREATE INDEX conversation_reactions_negative ON conversation_reactions (channel_id, conversation_id)
    WHERE reaction_type IN ('sad', 'angry', 'dislike') AND added > removed;

-- Full-text search over the person's messages (their redacted text), with no extension: a tsvector computed by
-- PostgreSQL as each row is written (the 'simple' configuration: no language's stemming, words match by prefix)
-- and a GIN index over the rows that have one. The JSON is text (0001); the \u0000 escape is dropped before
-- it is read as json, since json cannot turn it into text.
ALTER TABLE activities ADD COLUMN search tsvector GENERATED ALWAYS AS (
    CASE WHEN type = 'message' AND from_role = 'user'
        THEN to_tsvector('simple'::regconfig, COALESCE(replace(json, '\u0000', '')::json ->> 'text', ''))
    END) STORED;
CREATE INDEX activities_search ON activities USING gin (search) WHERE search IS NOT NULL;
