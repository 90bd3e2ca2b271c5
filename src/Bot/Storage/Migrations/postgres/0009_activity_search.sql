-- The staff inbox's search on a narrow table (issue 11, ADR 0027's addendum): one row per message of the person
-- with its words, beside its activity and its conversation's seq, so the conversations matching a search come from
-- a compact table as bigints (joined by the conversations' primary key) and not from the activities' wide rows.
-- Kept by statement triggers on activities (one INSERT ... SELECT per statement the writer runs, not one per row);
-- an activity's row goes with it whatever deletes it (retention, forget me). No foreign key: its check per row
-- more than doubled the trigger's cost to the writer (ADR 0027's addendum); the delete trigger does its work.
CREATE TABLE activity_search (
    activity      bigint   NOT NULL PRIMARY KEY,
    conversation  bigint   NOT NULL,
    search        tsvector NOT NULL
);
CREATE INDEX activity_search_search ON activity_search USING gin (search);

-- The person's words as 0004 computed them; the generated column and its index on activities are dropped.
CREATE FUNCTION activity_search_words(type text, from_role text, json text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN type = 'message' AND from_role = 'user'
        THEN to_tsvector('simple'::regconfig, COALESCE(replace(json, '\u0000', '')::json ->> 'text', '')) END;

CREATE FUNCTION activity_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO activity_search (activity, conversation, search)
    SELECT n.seq, c.seq, activity_search_words(n.type, n.from_role, n.json)
    FROM added n JOIN conversations c ON c.channel_id = n.channel_id AND c.conversation_id = n.conversation_id
    WHERE n.type = 'message' AND n.from_role = 'user';
    RETURN NULL;
END $$;

-- Edits (messageUpdate: the new text; messageDelete: the text emptied) replace the activity's words.
CREATE FUNCTION activity_search_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM activity_search s USING changed n WHERE s.activity = n.seq;
    INSERT INTO activity_search (activity, conversation, search)
    SELECT n.seq, c.seq, activity_search_words(n.type, n.from_role, n.json)
    FROM changed n JOIN conversations c ON c.channel_id = n.channel_id AND c.conversation_id = n.conversation_id
    WHERE n.type = 'message' AND n.from_role = 'user';
    RETURN NULL;
END $$;

CREATE FUNCTION activity_search_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM activity_search s USING removed o WHERE s.activity = o.seq;
    RETURN NULL;
END $$;

CREATE TRIGGER activity_search_insert AFTER INSERT ON activities
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION activity_search_inserted();
CREATE TRIGGER activity_search_update AFTER UPDATE ON activities
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION activity_search_updated();
CREATE TRIGGER activity_search_delete AFTER DELETE ON activities
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION activity_search_deleted();

INSERT INTO activity_search (activity, conversation, search)
SELECT a.seq, c.seq, a.search
FROM activities a JOIN conversations c ON c.channel_id = a.channel_id AND c.conversation_id = a.conversation_id
WHERE a.search IS NOT NULL;

DROP INDEX activities_search;
ALTER TABLE activities DROP COLUMN search;
