using System.Buffers.Binary;
using System.Globalization;

namespace ShortVideo.Ranking.Onnx;

/// <summary>
/// Which row of an exported tower table holds which id. The tower models take row numbers, not ids (ONNX
/// Gather indexes rows), so each table's ids travel in the model's metadata_props as compact text:
/// base64 of the ids as little-endian int64, in table order. Row 0 is the all-zero row of unknown ids, so
/// the id at position i has row i + 1.
/// </summary>
internal sealed class TowerRowMap
{
    /// <summary>What the metadata entry "shortvideo.rows.format" says, for a reader without this class.</summary>
    public const string FormatDescription = "base64 of little-endian int64 ids; the id at position i is row i + 1; row 0 is zeros for unknown ids";

    private readonly Dictionary<long, long> _rows;

    private TowerRowMap(Dictionary<long, long> rows) => _rows = rows;

    /// <summary>Ids with a row of their own.</summary>
    public int Count => _rows.Count;

    public static string Encode(ReadOnlySpan<long> ids)
    {
        var bytes = new byte[ids.Length * sizeof(long)];
        for (var i = 0; i < ids.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), ids[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    public static TowerRowMap Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Convert.FromBase64String(text);
        if (bytes.Length % sizeof(long) != 0)
        {
            throw new FormatException(
                string.Create(CultureInfo.InvariantCulture, $"A tower row map decodes to {bytes.Length} bytes, not a whole number of int64 ids."));
        }

        var rows = new Dictionary<long, long>(bytes.Length / sizeof(long));
        for (var i = 0; i < bytes.Length / sizeof(long); i++)
        {
            rows[BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * sizeof(long)))] = i + 1;
        }

        return new TowerRowMap(rows);
    }

    /// <summary>The row to feed for <paramref name="id"/>: its own, or 0 (zeros) for an id the table lacks.</summary>
    public long RowOf(long id) => _rows.TryGetValue(id, out var row) ? row : 0;
}
