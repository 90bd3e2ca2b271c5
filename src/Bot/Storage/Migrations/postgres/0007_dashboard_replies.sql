-- The staff dashboard (ADR 0030): the bot's replies by kind and time, so counting a range's answers, clarifying
-- questions and declines (and finding its declines) reads this index alone rather than every activity's row of
-- JSON in the range (1.5 s on SQLite for 30 days of 100,000 conversations without it). Partial: only activities
-- with an outcome (the bot's replies, about half the rows) are in it. Version 0006 is another branch's; the
-- migrator applies whatever is newer than the recorded version, so the gap is harmless.
CREATE INDEX activities_outcomes ON activities (outcome_kind, timestamp) WHERE outcome_kind IS NOT NULL;
