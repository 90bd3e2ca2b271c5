-- The hand-off queue (ADR 0028): requests for a person, with what the bot needs to reach the conversation again.
-- No message text: the conversation reference holds ids and the channel's service URL only.
-- Times are INTEGER microseconds since the Unix epoch, UTC.
CREATE TABLE handoff_requests (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id       TEXT    NOT NULL,
    conversation_id  TEXT    NOT NULL,
    service_url      TEXT    NOT NULL,
    reference        TEXT    NOT NULL, -- Bot Framework ConversationReference as JSON
    state            TEXT    NOT NULL CHECK (state IN ('waiting', 'answered', 'closed')),
    requested_at     INTEGER NOT NULL,
    answered_by      TEXT,
    answered_at      INTEGER,
    closed_at        INTEGER
);
-- One open request per conversation: asking again keeps the place in the queue.
CREATE UNIQUE INDEX handoff_requests_open_conversation ON handoff_requests (channel_id, conversation_id) WHERE state <> 'closed';
-- The queue as staff read it: open requests, oldest first.
CREATE INDEX handoff_requests_queue ON handoff_requests (state, requested_at);
