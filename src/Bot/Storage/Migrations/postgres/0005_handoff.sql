-- The hand-off queue (ADR 0028): requests for a person, with what the bot needs to reach the conversation again.
-- No message text: the conversation reference holds ids and the channel's service URL only.
CREATE TABLE handoff_requests (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id       text        NOT NULL,
    conversation_id  text        NOT NULL,
    service_url      text        NOT NULL,
    reference        text        NOT NULL, -- Bot Framework ConversationReference as JSON
    state            text        NOT NULL CHECK (state IN ('waiting', 'answered', 'closed')),
    requested_at     timestamptz NOT NULL,
    answered_by      text,
    answered_at      timestamptz,
    closed_at        timestamptz
);
-- One open request per conversation: asking again keeps the place in the queue.
CREATE UNIQUE INDEX handoff_requests_open_conversation ON handoff_requests (channel_id, conversation_id) WHERE state <> 'closed';
-- The queue as staff read it: open requests, oldest first.
CREATE INDEX handoff_requests_queue ON handoff_requests (state, requested_at);
