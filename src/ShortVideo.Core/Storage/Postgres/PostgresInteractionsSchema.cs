namespace ShortVideo.Storage.Postgres;

/// <summary>The PostgreSQL tables of interaction events, their effects and following inboxes (versions 400-499).</summary>
internal static class PostgresInteractionsSchema
{
    public static readonly PostgresMigration[] Migrations = [];
}
