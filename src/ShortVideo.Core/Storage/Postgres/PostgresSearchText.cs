using Npgsql;
using ShortVideo.Search;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Search terms as PostgreSQL full-text values: documents are lexeme arrays (array_to_tsvector, so nothing re-parses
/// them) and queries are tsquery text built from quoted lexemes only, so no character a person typed is ever an
/// operator (<see cref="SearchQuery"/> has already reduced the text to words).
/// </summary>
internal static class PostgresSearchText
{
    /// <summary>The lexeme of a hashtag: '#' never occurs inside a term, so it cannot collide with a caption word.</summary>
    public static string Hashtag(string foldedTag) => "#" + foldedTag;

    /// <summary>tsquery syntax; <paramref name="hashtags"/>: a word typed after '#' matches hashtag lexemes only.</summary>
    public static SearchSyntax TsQuery(bool hashtags) => new(
        (term, hashtag) => Quote(hashtags && hashtag ? Hashtag(term) : term),
        " & ",
        " | ",
        " & !");

    /// <summary>A lexeme as tsquery text: always quoted, quotes and backslashes escaped.</summary>
    public static string Quote(string lexeme) =>
        "'" + lexeme.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Runs <paramref name="sql"/> ($1: the tier's tsquery text, $2: exclusive upper document key, $3: rows; column 0:
    /// the document key) tier after tier from <paramref name="after"/>.
    /// </summary>
    public static async Task<SearchPage<T>> PageAsync<T>(
        NpgsqlConnection connection, string sql, string?[] tiers, string scope, SearchCursor? after, int limit, Func<System.Data.Common.DbDataReader, T> read, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string>());
        command.Parameters.Add(new NpgsqlParameter<long>());
        command.Parameters.Add(new NpgsqlParameter<int>());
        return await SearchReads.TiersAsync(command, tiers, scope, after, limit, read, cancellationToken).ConfigureAwait(false);
    }
}
