using ShortVideo.Catalog;
using ShortVideo.Search;

namespace ShortVideo.Storage.Postgres;

/// <summary>Hashtags by prefix, most used first (search_hashtags keeps each tag's count of indexed videos; C collation: a prefix is a B-tree range).</summary>
internal sealed partial class PostgresVideoSearchIndex
{
    private static readonly string LastCharacter = char.ConvertFromUtf32(0x10FFFF);

    public async ValueTask<SearchPage<HashtagHit>> SearchHashtagsAsync(SearchQuery query, SearchCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = VideoPage.Cap(limit);
        if (query.IsEmpty)
        {
            return new SearchPage<HashtagHit>([], null);
        }

        var prefix = query.Words[0].Term;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = PostgresSearchCommands.Bind(
                connection,
                null,
                """
                SELECT tag, videos FROM search_hashtags
                WHERE folded >= $1 AND folded < $2 AND (videos < $3 OR (videos = $3 AND tag > $4))
                ORDER BY videos DESC, tag LIMIT $5
                """,
                prefix,
                prefix + LastCharacter,
                after?.Position ?? long.MaxValue,
                after?.Key ?? string.Empty,
                size + 1);
            return await SearchReads.HashtagsAsync(command, query, size, cancellationToken).ConfigureAwait(false);
        }
    }
}
