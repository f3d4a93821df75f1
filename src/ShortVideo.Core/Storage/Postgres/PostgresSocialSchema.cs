namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of users, the social graph and comments (versions 300-399).</summary>
internal static class PostgresSocialSchema
{
    public static readonly PostgresMigration[] Migrations = [];
}
