namespace ShortVideo.Storage.Postgres;

/// <summary>One step of the PostgreSQL schema: applied once, in version order, inside its own transaction.</summary>
/// <param name="Version">Unique and never reused; each store family owns a range (see <see cref="PostgresSchema"/>).</param>
/// <param name="Name">What the step adds, for the migrations table and logs.</param>
/// <param name="Sql">The statements, run as one batch.</param>
internal sealed record PostgresMigration(int Version, string Name, string Sql);
