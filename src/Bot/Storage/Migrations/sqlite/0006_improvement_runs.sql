-- Retrain runs of the editors' knowledge overlay (ADR 0029): who asked, when, the figures before and after and
-- whether the candidate replaced the model. No message text: figures are numbers, the reason names figures and
-- regression case ids. Times are INTEGER microseconds since the Unix epoch, UTC.
CREATE TABLE improvement_runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    requested_by  TEXT    NOT NULL,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    outcome       TEXT    CHECK (outcome IN ('accepted', 'rejected', 'failed')),
    reason        TEXT,
    before_json   TEXT,
    after_json    TEXT
);
CREATE INDEX improvement_runs_started ON improvement_runs (started_at);
