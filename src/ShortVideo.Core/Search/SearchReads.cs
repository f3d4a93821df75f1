using System.Data.Common;

namespace ShortVideo.Search;

/// <summary>
/// The reads every search engine shares once its statement is prepared (SQLite or PostgreSQL, through ADO.NET's
/// common types): tiers of document keys, a hashtag's videos, hashtags by use.
/// </summary>
internal static class SearchReads
{
    /// <summary>
    /// Pages through <paramref name="tiers"/> with <paramref name="command"/>, whose first three parameters are the
    /// tier's expression, the exclusive upper document key and the rows wanted (column 0: the document key).
    /// </summary>
    public static Task<SearchPage<T>> TiersAsync<T>(
        DbCommand command, string?[] tiers, string scope, SearchCursor? after, int limit, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        SearchPlan.PageAsync(tiers, scope, after, limit, (expression, before, rows) =>
        {
            command.Parameters[0].Value = expression;
            command.Parameters[1].Value = before;
            command.Parameters[2].Value = rows;
            return DocsAsync(command, read, cancellationToken);
        });

    /// <summary>(document key in column 0, item) of every row of <paramref name="command"/>.</summary>
    public static async Task<List<(long Doc, T Item)>> DocsAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var found = new List<(long, T)>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add((reader.GetInt64(0), read(reader)));
            }
        }

        return found;
    }

    /// <summary>A page of a hashtag's videos from <paramref name="command"/> (doc, video id; <paramref name="size"/> + 1 rows asked).</summary>
    public static async Task<SearchPage<string>> TaggedAsync(DbCommand command, string tag, int size, CancellationToken cancellationToken)
    {
        var docs = await DocsAsync(command, static r => r.GetString(1), cancellationToken).ConfigureAwait(false);
        return SearchPlan.Page([.. docs.Select(d => (0, d.Doc, d.Item))], SearchCursor.ScopeOf("tag\n" + tag), size);
    }

    /// <summary>A page of hashtags from <paramref name="command"/> (tag, videos; <paramref name="size"/> + 1 rows asked), the cursor on the last.</summary>
    public static async Task<SearchPage<HashtagHit>> HashtagsAsync(DbCommand command, SearchQuery query, int size, CancellationToken cancellationToken)
    {
        var hits = new List<HashtagHit>(size + 1);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                hits.Add(new HashtagHit(reader.GetString(0), reader.GetInt64(1)));
            }
        }

        if (hits.Count <= size)
        {
            return new SearchPage<HashtagHit>(hits, null);
        }

        var last = hits[size - 1];
        return new SearchPage<HashtagHit>(hits[..size], new SearchCursor(query.Scope("hashtags"), 0, last.Videos, last.Tag));
    }
}
