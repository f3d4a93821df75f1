using ShortVideo.Trending;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Trending's minute buckets in trending_minutes of the metadata database.</summary>
internal sealed class SqliteTrendingStore(SqliteDatabase database) : ITrendingStore
{
    public async Task SaveAsync(IReadOnlyList<(long Minute, Dictionary<string, TrendingWeight> Bucket)> minutes, long oldestKept, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(transaction, "DELETE FROM trending_minutes WHERE minute < $1", cancellationToken, oldestKept).ConfigureAwait(false);
                foreach (var (minute, bucket) in minutes)
                {
                    await connection.ExecuteAsync(transaction, "DELETE FROM trending_minutes WHERE minute = $1", cancellationToken, minute).ConfigureAwait(false);
                    foreach (var (videoId, weight) in bucket)
                    {
                        await connection.ExecuteAsync(
                            transaction,
                            "INSERT INTO trending_minutes (minute, video_id, interactions, uploads) VALUES ($1, $2, $3, $4)",
                            cancellationToken,
                            minute,
                            videoId,
                            weight.Interactions,
                            weight.Uploads).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task RemoveAsync(string videoId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(null, "DELETE FROM trending_minutes WHERE video_id = $1", cancellationToken, videoId).ConfigureAwait(false);
        }
    }

    public async Task<List<(long Minute, string VideoId, TrendingWeight Weight)>> LoadAsync(long oldestKept, CancellationToken cancellationToken)
    {
        var rows = new List<(long, string, TrendingWeight)>();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT minute, video_id, interactions, uploads FROM trending_minutes WHERE minute >= $oldest";
            command.Parameters.AddWithValue("$oldest", oldestKept);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), new TrendingWeight(reader.GetDouble(2), reader.GetDouble(3))));
            }
        }

        return rows;
    }
}
