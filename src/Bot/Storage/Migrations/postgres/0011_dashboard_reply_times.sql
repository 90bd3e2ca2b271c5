-- The staff dashboard's reply counts on a narrow table (ADR 0030's addendum): one row per bot reply (an activity
-- with an outcome_kind) with its time and kind, so counting a range's answers, clarifying questions and declines
-- reads about forty bytes a reply rather than the activities' wide rows. activities_outcomes (0007) is an
-- index-only scan only once VACUUM has set the visibility map; without it the benchmark's 30 days visited 22,544
-- heap pages of JSON (about 0.2 s warm). This table's heap (13 MB there) is small enough that a visit costs little.
-- Kept by statement triggers on activities like activity_search (0009); SQLite's covering index needs none of it.
CREATE TABLE activity_replies (
    activity  bigint      NOT NULL PRIMARY KEY,
    at        timestamptz NOT NULL,
    kind      text        NOT NULL
);
CREATE INDEX activity_replies_at ON activity_replies (at);

CREATE FUNCTION activity_replies_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO activity_replies (activity, at, kind)
    SELECT n.seq, n.timestamp, n.outcome_kind FROM added n WHERE n.outcome_kind IS NOT NULL;
    RETURN NULL;
END $$;

-- messageDelete empties an activity's outcome_kind: its reply goes; an edit that keeps it keeps its row.
CREATE FUNCTION activity_replies_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM activity_replies r USING changed n WHERE r.activity = n.seq;
    INSERT INTO activity_replies (activity, at, kind)
    SELECT n.seq, n.timestamp, n.outcome_kind FROM changed n WHERE n.outcome_kind IS NOT NULL;
    RETURN NULL;
END $$;

CREATE FUNCTION activity_replies_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM activity_replies r USING removed o WHERE r.activity = o.seq;
    RETURN NULL;
END $$;

CREATE TRIGGER activity_replies_insert AFTER INSERT ON activities
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION activity_replies_inserted();
CREATE TRIGGER activity_replies_update AFTER UPDATE ON activities
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION activity_replies_updated();
CREATE TRIGGER activity_replies_delete AFTER DELETE ON activities
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION activity_replies_deleted();

INSERT INTO activity_replies (activity, at, kind)
SELECT seq, timestamp, outcome_kind FROM activities WHERE outcome_kind IS NOT NULL;
