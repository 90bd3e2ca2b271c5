-- Conversation state, transcripts and per-conversation flags (SQLite).
-- Times are INTEGER microseconds since the Unix epoch, UTC; booleans are 0/1.

-- Bot Builder IStorage: one JSON value per key, with its ETag for optimistic concurrency.
CREATE TABLE state (
    key         TEXT    NOT NULL PRIMARY KEY,
    value       TEXT    NOT NULL,
    etag        TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX state_updated_at ON state (updated_at);

-- One row per conversation: what staff tools query. seq orders ListTranscripts.
CREATE TABLE conversations (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id         TEXT    NOT NULL,
    conversation_id    TEXT    NOT NULL,
    first_activity_at  INTEGER NOT NULL,
    last_activity_at   INTEGER NOT NULL,
    activity_count     INTEGER NOT NULL DEFAULT 0,
    escalated_tier     INTEGER NOT NULL DEFAULT 0 CHECK (escalated_tier BETWEEN 0 AND 3), -- 0 none, 1 routine, 2 urgent, 3 emergency
    declined           INTEGER NOT NULL DEFAULT 0,
    clarified          INTEGER NOT NULL DEFAULT 0,
    handoff_requested  INTEGER NOT NULL DEFAULT 0,
    reactions_added    INTEGER NOT NULL DEFAULT 0,
    reactions_removed  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (channel_id, conversation_id)
);
CREATE INDEX conversations_escalated ON conversations (escalated_tier, last_activity_at);
CREATE INDEX conversations_last_activity ON conversations (last_activity_at);

-- Feedback: reactions per conversation and type (counts only).
CREATE TABLE conversation_reactions (
    channel_id       TEXT    NOT NULL,
    conversation_id  TEXT    NOT NULL,
    reaction_type    TEXT    NOT NULL,
    added            INTEGER NOT NULL DEFAULT 0,
    removed          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_id, conversation_id, reaction_type)
);

-- Every activity in and out, as Bot Framework JSON; seq (never reused) is the transcript order.
CREATE TABLE activities (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id       TEXT    NOT NULL,
    conversation_id  TEXT    NOT NULL,
    activity_id      TEXT    NOT NULL,
    timestamp        INTEGER NOT NULL,
    from_role        TEXT,
    type             TEXT    NOT NULL,
    outcome_kind     TEXT,
    triage_tier      INTEGER,
    json             TEXT    NOT NULL
);
-- Only the index the stores' queries use: every index is paid for on each insert, in the writer's time. Edits
-- (messageUpdate/messageDelete) find their activity within its conversation through it too.
CREATE INDEX activities_conversation ON activities (channel_id, conversation_id, seq);
