namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of search indexes and trending (versions 500-599).</summary>
internal static class PostgresSearchSchema
{
    public static readonly PostgresMigration[] Migrations =
    [
        new(500, "search indexes", """
            -- Search (issue 11): videos by caption words and hashtags, users by handle and name, hashtags by prefix.
            -- Not keyed by user: a search reads across all users, so these tables stay whole (or move to a search node).
            -- Terms are made in .NET by the one rule SQLite uses too (SearchText) and stored as lexemes with
            -- array_to_tsvector, so no text search configuration rewrites or splits them; a hashtag is the lexeme
            -- '#' || tag next to its plain word. Query words are expanded through the vocabularies (*_terms, C
            -- collation: completions are B-tree ranges; typo candidates come from a pg_trgm index) before the GIN
            -- index of the documents is read. pg_trgm ships with Debian's postgresql-15 and is a trusted extension.
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE TABLE search_videos (
                doc        bigint PRIMARY KEY,
                video_id   text NOT NULL UNIQUE,
                creator_id text NOT NULL,
                terms      text NOT NULL,
                tags       text NOT NULL,
                words      tsvector NOT NULL
            );
            CREATE INDEX search_videos_words ON search_videos USING gin (words);
            CREATE TABLE search_video_terms (
                term     text COLLATE "C" PRIMARY KEY,
                docs     bigint NOT NULL,
                trigrams text NOT NULL
            );
            CREATE INDEX search_video_terms_trigrams ON search_video_terms USING gin (trigrams gin_trgm_ops);
            CREATE TABLE search_video_tags (
                tag text COLLATE "C" NOT NULL,
                doc bigint NOT NULL,
                PRIMARY KEY (tag, doc)
            );
            CREATE TABLE search_hashtags (
                tag    text COLLATE "C" PRIMARY KEY,
                folded text COLLATE "C" NOT NULL,
                videos bigint NOT NULL
            );
            CREATE INDEX search_hashtags_by_folded ON search_hashtags (folded);
            CREATE SEQUENCE search_user_docs;
            CREATE TABLE search_users (
                doc          bigint PRIMARY KEY,
                user_id      text NOT NULL UNIQUE,
                handle       text NOT NULL,
                display_name text NOT NULL,
                terms        text NOT NULL,
                words        tsvector NOT NULL
            );
            CREATE INDEX search_users_words ON search_users USING gin (words);
            CREATE TABLE search_user_terms (
                term     text COLLATE "C" PRIMARY KEY,
                docs     bigint NOT NULL,
                trigrams text NOT NULL
            );
            CREATE INDEX search_user_terms_trigrams ON search_user_terms USING gin (trigrams gin_trgm_ops);
            """),
    ];
}
