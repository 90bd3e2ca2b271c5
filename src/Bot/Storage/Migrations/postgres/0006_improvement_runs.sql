-- Retrain runs of the editors' knowledge overlay (ADR 0029): who asked, when, the figures before and after and
-- whether the candidate replaced the model. No message text: figures are numbers, the reason names figures and
-- regression case ids.
CREATE TABLE improvement_runs (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requested_by  text        NOT NULL,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    outcome       text        CHECK (outcome IN ('accepted', 'rejected', 'failed')),
    reason        text,
    before_json   text,
    after_json    text
);
CREATE INDEX improvement_runs_started ON improvement_runs (started_at);
