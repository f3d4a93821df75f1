using Microsoft.Extensions.Options;
using Npgsql;
using ShortVideo.Storage.Postgres;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Storage;

/// <summary>The PostgreSQL schema on a real server: every step applied once when nodes start together, versions unique, a newer database refused.</summary>
public sealed class PostgresSchemaTests : IAsyncLifetime
{
    private MetadataEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await MetadataEngine.CreateAsync(MetadataEngineKind.Postgres);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public void Every_store_family_has_steps_and_no_two_steps_share_a_version()
    {
        Assert.NotEmpty(PostgresSchema.All);
        Assert.Equal(PostgresSchema.All.Count, PostgresSchema.All.Select(m => m.Version).Distinct().Count());
        foreach (var range in new[] { 100, 200, 300, 400, 500, 600 })
        {
            Assert.Contains(PostgresSchema.All, m => m.Version >= range && m.Version < range + 100);
        }
    }

    [Fact]
    public async Task Six_nodes_starting_at_once_apply_each_step_exactly_once()
    {
        var nodes = Enumerable.Range(0, 6).Select(_ => Open()).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.EnsureSchemaAsync(CancellationToken.None)));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }

        await using var connection = new NpgsqlConnection(_engine.ConnectionString);
        await connection.OpenAsync();
        await using var rows = new NpgsqlCommand("SELECT count(*), count(DISTINCT version) FROM schema_migrations", connection);
        await using var reader = await rows.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(PostgresSchema.All.Count, reader.GetInt64(0));
        Assert.Equal(PostgresSchema.All.Count, reader.GetInt64(1));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_node_is_refused_with_a_sentence_naming_the_unknown_step()
    {
        await using (var first = Open())
        {
            await first.EnsureSchemaAsync(CancellationToken.None);
        }

        await using (var connection = new NpgsqlConnection(_engine.ConnectionString))
        {
            await connection.OpenAsync();
            await using var newer = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (99001, 'from the future')", connection);
            await newer.ExecuteNonQueryAsync();
        }

        await using var older = Open();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => older.EnsureSchemaAsync(CancellationToken.None));
        Assert.Contains("99001", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer version", error.Message, StringComparison.Ordinal);
    }

    private PostgresDatabase Open() =>
        new(Options.Create(new PostgresMetadataOptions { ConnectionString = _engine.ConnectionString }));
}
