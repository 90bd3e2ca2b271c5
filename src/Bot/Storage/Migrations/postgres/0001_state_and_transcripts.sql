-- Conversation state, transcripts and per-conversation flags (PostgreSQL).
-- JSON is kept as text, exactly as written: state relies on "$type" coming first, and jsonb would reject a
-- message containing U+0000 and so block the transcript queue. Cast to jsonb to query it.

-- Bot Builder IStorage: one JSON value per key, with its ETag for optimistic concurrency.
CREATE TABLE state (
    key         text        NOT NULL PRIMARY KEY,
    value       text        NOT NULL,
    etag        text        NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX state_updated_at ON state (updated_at);

-- One row per conversation: what staff tools query. seq orders ListTranscripts.
CREATE TABLE conversations (
    seq                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id         text        NOT NULL,
    conversation_id    text        NOT NULL,
    first_activity_at  timestamptz NOT NULL,
    last_activity_at   timestamptz NOT NULL,
    activity_count     integer     NOT NULL DEFAULT 0,
    escalated_tier     smallint    NOT NULL DEFAULT 0 CHECK (escalated_tier BETWEEN 0 AND 3), -- 0 none, 1 routine, 2 urgent, 3 emergency
    declined           boolean     NOT NULL DEFAULT false,
    clarified          boolean     NOT NULL DEFAULT false,
    handoff_requested  boolean     NOT NULL DEFAULT false,
    reactions_added    integer     NOT NULL DEFAULT 0,
    reactions_removed  integer     NOT NULL DEFAULT 0,
    UNIQUE (channel_id, conversation_id)
);
CREATE INDEX conversations_escalated ON conversations (escalated_tier, last_activity_at);
CREATE INDEX conversations_last_activity ON conversations (last_activity_at);

-- Feedback: reactions per conversation and type (counts only).
CREATE TABLE conversation_reactions (
    channel_id       text    NOT NULL,
    conversation_id  text    NOT NULL,
    reaction_type    text    NOT NULL,
    added            integer NOT NULL DEFAULT 0,
    removed          integer NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_id, conversation_id, reaction_type)
);

-- Every activity in and out, as Bot Framework JSON; seq is the transcript order. Writers upsert the
-- conversation row first, which locks it, so one conversation's activities get their seq in commit order.
CREATE TABLE activities (
    seq              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id       text        NOT NULL,
    conversation_id  text        NOT NULL,
    activity_id      text        NOT NULL,
    timestamp        timestamptz NOT NULL,
    from_role        text,
    type             text        NOT NULL,
    outcome_kind     text,
    triage_tier      smallint,
    json             text        NOT NULL
);
-- Only the index the stores' queries use: every index is paid for on each insert, in the writer's time. Edits
-- (messageUpdate/messageDelete) find their activity within its conversation through it too.
CREATE INDEX activities_conversation ON activities (channel_id, conversation_id, seq);
