namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of trending minutes (versions 600-699).</summary>
internal static class PostgresTrendingSchema
{
    public static readonly PostgresMigration[] Migrations =
    [
        // Interaction weight per minute and video, so a restart keeps the sliding windows. Not user data: at most a
        // day of minutes is kept. The video index serves forgetting a deleted video.
        new(600, "trending minutes", """
            CREATE TABLE trending_minutes (
                minute       bigint NOT NULL,
                video_id     text NOT NULL,
                interactions double precision NOT NULL,
                uploads      double precision NOT NULL,
                PRIMARY KEY (minute, video_id));
            CREATE INDEX trending_minutes_by_video ON trending_minutes (video_id);
            """),
    ];
}
