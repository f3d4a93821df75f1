using ShortVideo.Search;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Writing one video's document: its row, its full-text entry, its hashtags, and what the vocabulary gains or loses.</summary>
internal sealed partial class SqliteVideoSearchIndex
{
    private sealed record Indexed(long Doc, string CreatorId, string Terms, string Tags);

    private static async Task IndexOneAsync(
        SqliteStatements statements, SearchableVideo video, Dictionary<string, int> deltas, Dictionary<string, int> tagDeltas, CancellationToken cancellationToken)
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
        await statements.ExecuteAsync("INSERT INTO search_videos (doc, video_id, creator_id, terms, tags) VALUES ($1, $2, $3, $4, $5)", cancellationToken, doc, video.VideoId, video.CreatorId, document.TermText, document.TagText).ConfigureAwait(false);
        await statements.ExecuteAsync("INSERT INTO search_video_text (rowid, caption, tags) VALUES ($1, $2, $3)", cancellationToken, doc, string.Join(' ', document.CaptionTerms), string.Join(' ', document.FoldedTags)).ConfigureAwait(false);
        foreach (var tag in document.Tags)
        {
            await statements.ExecuteAsync("INSERT INTO search_video_tags (tag, doc) VALUES ($1, $2)", cancellationToken, tag, doc).ConfigureAwait(false);
        }

        SearchDocument.Count(tagDeltas, document.TagText, 1);
        SearchDocument.Count(deltas, document.TermText, 1);
    }

    private static async Task<Indexed?> FindAsync(SqliteStatements statements, string videoId, CancellationToken cancellationToken)
    {
        var command = statements.Bind("SELECT doc, creator_id, terms, tags FROM search_videos WHERE video_id = $1", videoId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new Indexed(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    private static async Task RemoveDocAsync(
        SqliteStatements statements, Indexed indexed, Dictionary<string, int> deltas, Dictionary<string, int> tagDeltas, CancellationToken cancellationToken)
    {
        await statements.ExecuteAsync("DELETE FROM search_video_text WHERE rowid = $1", cancellationToken, indexed.Doc).ConfigureAwait(false);
        await statements.ExecuteAsync("DELETE FROM search_videos WHERE doc = $1", cancellationToken, indexed.Doc).ConfigureAwait(false);
        foreach (var tag in indexed.Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            await statements.ExecuteAsync("DELETE FROM search_video_tags WHERE tag = $1 AND doc = $2", cancellationToken, tag, indexed.Doc).ConfigureAwait(false);
        }

        SearchDocument.Count(tagDeltas, indexed.Tags, -1);
        SearchDocument.Count(deltas, indexed.Terms, -1);
    }

    /// <summary>The first free key of the video's millisecond.</summary>
    private static async Task<long> NextDocAsync(SqliteStatements statements, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var first = Math.Max(0, createdAt.ToUnixTimeMilliseconds()) << SlotBits;
        var command = statements.Bind("SELECT max(doc) FROM search_videos WHERE doc >= $1 AND doc < $2", first, first + (1L << SlotBits));
        var last = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return last is long taken ? taken + 1 : first;
    }

    private static async Task AdjustHashtagsAsync(SqliteStatements statements, Dictionary<string, int> tagDeltas, CancellationToken cancellationToken)
    {
        foreach (var (tag, delta) in tagDeltas)
        {
            if (delta == 0)
            {
                continue;
            }

            await statements.ExecuteAsync(
                "INSERT INTO search_hashtags (tag, folded, videos) VALUES ($1, $2, $3) ON CONFLICT (tag) DO UPDATE SET videos = videos + $3",
                cancellationToken,
                tag,
                SearchText.Fold(tag) ?? tag,
                delta).ConfigureAwait(false);
            if (delta < 0)
            {
                await statements.ExecuteAsync("DELETE FROM search_hashtags WHERE tag = $1 AND videos <= 0", cancellationToken, tag).ConfigureAwait(false);
            }
        }
    }
}
