-- Times are epoch milliseconds (UTC); text enums are checked so that a bad write fails instead of lingering.

CREATE TABLE paired_device (
    id           TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL,
    token_sha256 BLOB    NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER,
    revoked_at   INTEGER
);

CREATE TABLE call_record (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    caller           TEXT    NOT NULL,
    agent_id         TEXT    NOT NULL,
    mode             TEXT    NOT NULL CHECK (mode IN ('room', 'byok')),
    room             TEXT,
    started_at       INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    ended_at         INTEGER,
    duration_ms      INTEGER,
    end_reason       TEXT,
    tool_calls       INTEGER NOT NULL DEFAULT 0,
    error            TEXT
);

CREATE INDEX call_record_by_start ON call_record (started_at DESC, id DESC);
CREATE INDEX call_record_open ON call_record (id) WHERE ended_at IS NULL;
