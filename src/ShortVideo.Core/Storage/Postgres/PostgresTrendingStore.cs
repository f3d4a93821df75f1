using Npgsql;
using NpgsqlTypes;
using ShortVideo.Trending;

namespace ShortVideo.Storage.Postgres;

/// <summary>Trending's minute buckets in trending_minutes: a save is one batch in one transaction, whatever its size.</summary>
internal sealed class PostgresTrendingStore(PostgresDatabase database) : ITrendingStore
{
    public async Task SaveAsync(IReadOnlyList<(long Minute, Dictionary<string, TrendingWeight> Bucket)> minutes, long oldestKept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        var rows = minutes.SelectMany(m => m.Bucket.Select(b => (m.Minute, VideoId: b.Key, b.Value))).ToArray();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // A multi-statement batch runs in one implicit transaction: readers see the old buckets or the new ones.
            using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(Command("DELETE FROM trending_minutes WHERE minute < $1", Parameter(oldestKept, NpgsqlDbType.Bigint)));
            batch.BatchCommands.Add(Command(
                "DELETE FROM trending_minutes WHERE minute = ANY($1)",
                Parameter(minutes.Select(m => m.Minute).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint)));
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO trending_minutes (minute, video_id, interactions, uploads)
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::double precision[], $4::double precision[])
                """,
                Parameter(rows.Select(r => r.Minute).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                Parameter(rows.Select(r => r.VideoId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                Parameter(rows.Select(r => r.Value.Interactions).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
                Parameter(rows.Select(r => r.Value.Uploads).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double)));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RemoveAsync(string videoId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("DELETE FROM trending_minutes WHERE video_id = $1", connection);
            command.Parameters.Add(Parameter(videoId, NpgsqlDbType.Text));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<List<(long Minute, string VideoId, TrendingWeight Weight)>> LoadAsync(long oldestKept, CancellationToken cancellationToken)
    {
        var rows = new List<(long, string, TrendingWeight)>();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT minute, video_id, interactions, uploads FROM trending_minutes WHERE minute >= $1", connection);
            command.Parameters.Add(Parameter(oldestKept, NpgsqlDbType.Bigint));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), new TrendingWeight(reader.GetDouble(2), reader.GetDouble(3))));
            }
        }

        return rows;
    }

    private static NpgsqlParameter Parameter(object value, NpgsqlDbType type) => new() { Value = value, NpgsqlDbType = type };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
