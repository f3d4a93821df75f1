namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of uploads, the video catalog and the fingerprint index (versions 100-199).</summary>
/// <remarks>
/// Mirrors the SQLite tables (<c>SqliteSchema</c>): times are unix milliseconds (bigint), keys and ids are text in the
/// "C" collation so that ordering by id (page cursors, ties) is byte order, as in SQLite, whatever the server's locale.
/// </remarks>
internal static class PostgresCatalogSchema
{
    public static readonly PostgresMigration[] Migrations =
    [
        new(
            100,
            "uploads, upload tombstones and videos",
            """
            -- Rows carry their user (owner_id, creator_id), and every per-user read is an index leading with it: the
            -- shard key when these tables are split by user id.
            CREATE TABLE uploads (
                id            text COLLATE "C" PRIMARY KEY,
                owner_id      text COLLATE "C" NOT NULL,
                length        bigint NULL,
                "offset"      bigint NOT NULL,
                kind          integer NOT NULL,
                raw_metadata  text NULL,
                metadata_json text NOT NULL,
                partial_ids   text NOT NULL,
                created_at    bigint NOT NULL,
                expires_at    bigint NOT NULL,
                hash_state    bytea NULL,
                store_state   text NULL,
                sha256        text COLLATE "C" NULL,
                video_id      text COLLATE "C" NULL,
                completed_at  bigint NULL,
                deduplicated  boolean NULL);
            -- Uploads held (unfinished, or finished partials): the expiry sweep and the quotas' measure.
            CREATE INDEX uploads_by_expiry ON uploads (expires_at) WHERE completed_at IS NULL OR kind = 1;
            CREATE INDEX uploads_held_by_owner ON uploads (owner_id, expires_at) WHERE completed_at IS NULL OR kind = 1;
            CREATE TABLE upload_tombstones (
                id         text COLLATE "C" PRIMARY KEY,
                owner_id   text COLLATE "C" NOT NULL,
                expired_at bigint NOT NULL);
            CREATE INDEX upload_tombstones_by_time ON upload_tombstones (expired_at);
            CREATE TABLE videos (
                id                text COLLATE "C" PRIMARY KEY,
                creator_id        text COLLATE "C" NOT NULL,
                status            integer NOT NULL,
                sha256            text COLLATE "C" NOT NULL,
                size_bytes        bigint NOT NULL,
                deduplicated      boolean NOT NULL,
                caption           text NULL,
                file_name         text NULL,
                content_type      text NULL,
                error             text NULL,
                duration_ms       bigint NULL,
                upload_id         text NULL,
                created_at        bigint NOT NULL,
                visibility        integer NOT NULL DEFAULT 0,
                media_version     text NULL,
                thumbnails        text[] NOT NULL DEFAULT '{}',
                near_duplicate_of text COLLATE "C" NULL,
                media_source_id   text NULL);
            -- A creator's videos newest first, paged by (created_at, id): the id makes the order total.
            CREATE INDEX videos_by_creator_newest ON videos (creator_id, created_at, id);
            -- Videos of a status oldest or newest first (crash recovery, the search backfill's scan).
            CREATE INDEX videos_by_status_newest ON videos (status, created_at, id);
            -- Ready public videos newest first: the ranking engine's load and the feeds' "latest".
            CREATE INDEX videos_public_ready_newest ON videos (created_at, id) WHERE status = 2 AND visibility = 0;
            -- Copies of the same bytes in upload order without sorting them all (svctl seed shares one clip's address).
            CREATE INDEX videos_by_sha256_created ON videos (sha256, created_at, id);
            """),
        new(
            101,
            "video fingerprints and their LSH bands",
            """
            CREATE TABLE video_fingerprints (
                video_id text COLLATE "C" PRIMARY KEY,
                frames   bytea NOT NULL);
            -- One row per distinct LSH key of a video: band = (band number << 16) | 16-bit band of a frame hash.
            CREATE TABLE fingerprint_bands (
                band     bigint NOT NULL,
                video_id text COLLATE "C" NOT NULL,
                PRIMARY KEY (band, video_id));
            CREATE INDEX fingerprint_bands_by_video ON fingerprint_bands (video_id);
            """),
    ];
}
