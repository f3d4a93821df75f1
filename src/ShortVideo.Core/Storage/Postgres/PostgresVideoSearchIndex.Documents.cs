using ShortVideo.Search;

namespace ShortVideo.Storage.Postgres;

/// <summary>Writing one video's document: its row and lexemes, its hashtags, and what the vocabulary gains or loses.</summary>
internal sealed partial class PostgresVideoSearchIndex
{
    // The advisory lock space of search document keys ("SVSD"); the second key is the millisecond.
    private const int DocLockSpace = 0x5356_5344;

    private sealed record Indexed(long Doc, string CreatorId, string Terms, string Tags);

    private static async Task IndexOneAsync(
        Statements statements, SearchableVideo video, Dictionary<string, int> deltas, Dictionary<string, int> tagDeltas, CancellationToken cancellationToken)
    {
        var document = SearchDocument.Of(video);
        var existing = await FindAsync(statements, video.VideoId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (document.Matches(video, existing.CreatorId, existing.Terms, existing.Tags))
            {
                return;
            }

            await RemoveDocAsync(statements, existing, deltas, tagDeltas, cancellationToken).ConfigureAwait(false);
        }

        var doc = await NextDocAsync(statements, video.CreatedAt, cancellationToken).ConfigureAwait(false);
        string[] lexemes = [.. document.Terms, .. document.FoldedTags.Select(PostgresSearchText.Hashtag)];
        await statements.ExecuteAsync(
            "INSERT INTO search_videos (doc, video_id, creator_id, terms, tags, words) VALUES ($1, $2, $3, $4, $5, array_to_tsvector($6::text[]))",
            cancellationToken,
            doc,
            video.VideoId,
            video.CreatorId,
            document.TermText,
            document.TagText,
            lexemes).ConfigureAwait(false);
        if (document.Tags.Count > 0)
        {
            await statements.ExecuteAsync("INSERT INTO search_video_tags (tag, doc) SELECT unnest($1::text[]), $2", cancellationToken, document.Tags.ToArray(), doc).ConfigureAwait(false);
        }

        SearchDocument.Count(tagDeltas, document.TagText, 1);
        SearchDocument.Count(deltas, document.TermText, 1);
    }

    private static async Task<Indexed?> FindAsync(Statements statements, string videoId, CancellationToken cancellationToken)
    {
        using var command = statements.Bind("SELECT doc, creator_id, terms, tags FROM search_videos WHERE video_id = $1", videoId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new Indexed(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    private static async Task RemoveDocAsync(
        Statements statements, Indexed indexed, Dictionary<string, int> deltas, Dictionary<string, int> tagDeltas, CancellationToken cancellationToken)
    {
        var tags = indexed.Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await statements.ExecuteAsync("DELETE FROM search_videos WHERE doc = $1", cancellationToken, indexed.Doc).ConfigureAwait(false);
        await statements.ExecuteAsync("DELETE FROM search_video_tags WHERE tag = ANY($1) AND doc = $2", cancellationToken, tags, indexed.Doc).ConfigureAwait(false);
        SearchDocument.Count(tagDeltas, indexed.Tags, -1);
        SearchDocument.Count(deltas, indexed.Terms, -1);
    }

    /// <summary>
    /// The first free key of the video's millisecond. Nodes indexing videos of the same millisecond take turns (a
    /// lock on the millisecond until commit), so they never pick the same key.
    /// </summary>
    private static async Task<long> NextDocAsync(Statements statements, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var millisecond = Math.Max(0, createdAt.ToUnixTimeMilliseconds());
        await statements.ExecuteAsync("SELECT pg_advisory_xact_lock($1, $2)", cancellationToken, DocLockSpace, (int)(millisecond ^ (millisecond >> 32))).ConfigureAwait(false);
        var first = millisecond << SlotBits;
        using var command = statements.Bind("SELECT max(doc) FROM search_videos WHERE doc >= $1 AND doc < $2", first, first + (1L << SlotBits));
        var last = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return last is long taken ? taken + 1 : first;
    }

    private static async Task AdjustHashtagsAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, Dictionary<string, int> tagDeltas, CancellationToken cancellationToken)
    {
        var changed = tagDeltas.Where(d => d.Value != 0).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        string[] tags = [.. changed.Select(d => d.Key)];
        await PostgresSearchCommands.ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO search_hashtags (tag, folded, videos) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ORDER BY 1
            ON CONFLICT (tag) DO UPDATE SET videos = search_hashtags.videos + excluded.videos
            """,
            cancellationToken,
            tags,
            tags.Select(t => SearchText.Fold(t) ?? t).ToArray(),
            changed.Select(d => (long)d.Value).ToArray()).ConfigureAwait(false);
        await PostgresSearchCommands.ExecuteAsync(connection, transaction, "DELETE FROM search_hashtags WHERE tag = ANY($1) AND videos <= 0", cancellationToken, (object)tags).ConfigureAwait(false);
    }
}
