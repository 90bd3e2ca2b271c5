-- Retention purges activities by their time: index it so the daily sweep does not scan the whole table.
CREATE INDEX activities_timestamp ON activities (timestamp);
