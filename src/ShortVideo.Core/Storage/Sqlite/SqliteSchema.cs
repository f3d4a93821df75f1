namespace ShortVideo.Storage.Sqlite;

/// <summary>Schema migrations, applied in order; PRAGMA user_version records how many ran.</summary>
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE uploads (
            id            TEXT PRIMARY KEY,
            owner_id      TEXT NOT NULL,
            length        INTEGER NULL,
            offset        INTEGER NOT NULL,
            kind          INTEGER NOT NULL,
            raw_metadata  TEXT NULL,
            metadata_json TEXT NOT NULL,
            partial_ids   TEXT NOT NULL,
            created_at    INTEGER NOT NULL,
            expires_at    INTEGER NOT NULL,
            hash_state    BLOB NULL,
            store_state   TEXT NULL,
            sha256        TEXT NULL,
            video_id      TEXT NULL,
            completed_at  INTEGER NULL
        );
        CREATE INDEX uploads_by_expiry ON uploads (expires_at) WHERE completed_at IS NULL OR kind = 1;
        CREATE TABLE upload_tombstones (
            id         TEXT PRIMARY KEY,
            owner_id   TEXT NOT NULL,
            expired_at INTEGER NOT NULL
        );
        CREATE TABLE videos (
            id            TEXT PRIMARY KEY,
            creator_id    TEXT NOT NULL,
            status        INTEGER NOT NULL,
            sha256        TEXT NOT NULL,
            size_bytes    INTEGER NOT NULL,
            deduplicated  INTEGER NOT NULL,
            caption       TEXT NULL,
            file_name     TEXT NULL,
            content_type  TEXT NULL,
            error         TEXT NULL,
            duration_ms   INTEGER NULL,
            upload_id     TEXT NULL,
            created_at    INTEGER NOT NULL
        );
        CREATE INDEX videos_by_creator ON videos (creator_id, created_at);
        CREATE INDEX videos_by_sha256 ON videos (sha256);
        """,
        """
        ALTER TABLE uploads ADD COLUMN deduplicated INTEGER NULL;
        """,
        """
        CREATE TABLE jobs (
            id               INTEGER PRIMARY KEY,
            kind             TEXT NOT NULL,
            key              TEXT NOT NULL,
            payload          TEXT NULL,
            status           INTEGER NOT NULL,
            attempts         INTEGER NOT NULL,
            not_before       INTEGER NOT NULL,
            lease_owner      TEXT NULL,
            lease_token      TEXT NULL,
            lease_expires_at INTEGER NULL,
            last_error       TEXT NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            UNIQUE (kind, key)
        );
        CREATE INDEX jobs_runnable ON jobs (kind, status, not_before);
        CREATE INDEX jobs_by_lease_expiry ON jobs (kind, lease_expires_at) WHERE status = 1;
        """,
        """
        ALTER TABLE videos ADD COLUMN visibility INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE videos ADD COLUMN media_version TEXT NULL;
        ALTER TABLE videos ADD COLUMN thumbnails TEXT NULL;
        ALTER TABLE videos ADD COLUMN near_duplicate_of TEXT NULL;
        CREATE INDEX videos_by_status ON videos (status, created_at);
        """,
        """
        CREATE TABLE video_fingerprints (
            video_id TEXT PRIMARY KEY,
            frames   BLOB NOT NULL
        );
        -- One row per distinct LSH key of a video: band = (band number << 16) | 16-bit band of a frame hash.
        CREATE TABLE fingerprint_bands (
            band     INTEGER NOT NULL,
            video_id TEXT NOT NULL,
            PRIMARY KEY (band, video_id)
        ) WITHOUT ROWID;
        CREATE INDEX fingerprint_bands_by_video ON fingerprint_bands (video_id);
        """,
        """
        ALTER TABLE videos ADD COLUMN media_source_id TEXT NULL;
        """,
        """
        -- The uploads a user holds (unfinished, or finished partials), measured at every creation for the quotas.
        CREATE INDEX uploads_held_by_owner ON uploads (owner_id, expires_at) WHERE completed_at IS NULL OR kind = 1;
        """,
        """
        -- A creator's videos, newest first, paged by (created_at, id): the id makes the order total, so a page
        -- boundary inside one millisecond skips and repeats nothing. It covers what videos_by_creator did.
        CREATE INDEX videos_by_creator_newest ON videos (creator_id, created_at, id);
        DROP INDEX videos_by_creator;
        """,
        """
        -- Ready public videos, newest first, paged by (created_at, id): what the ranking engine loads at start and the
        -- feeds' "latest" source. (A partial index on (created_at, id) loses to videos_by_status in SQLite's planner.)
        CREATE INDEX videos_by_status_visibility_newest ON videos (status, visibility, created_at, id);
        """,
        """
        -- The Following feed's push side: a follower's inbox, newest first by (created_at, video_id) like a creator's list.
        CREATE TABLE following_inbox (
            user_id    TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            video_id   TEXT NOT NULL,
            creator_id TEXT NOT NULL,
            PRIMARY KEY (user_id, created_at, video_id)
        ) WITHOUT ROWID;
        CREATE INDEX following_inbox_by_video ON following_inbox (video_id);
        CREATE INDEX following_inbox_by_creator ON following_inbox (user_id, creator_id);
        -- When a follower's inbox was last known complete: one inactive past the active window missed pushes.
        CREATE TABLE following_inbox_state (
            user_id    TEXT PRIMARY KEY,
            checked_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- Creators whose videos followers pull at read time instead of receiving them.
        CREATE TABLE following_large_creators (
            creator_id TEXT PRIMARY KEY
        ) WITHOUT ROWID;
        """,
    ];
}
