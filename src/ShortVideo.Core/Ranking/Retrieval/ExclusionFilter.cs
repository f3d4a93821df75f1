using System.Numerics;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// Rows of one <see cref="ItemMatrixSnapshot"/> a query must not return (already seen, blocked creators,
/// private videos): one bit per row, checked inside the scan; a 64-row word with every bit set is skipped
/// without scoring a row of it.
/// </summary>
public sealed class ExclusionFilter
{
    private readonly ulong[] _words;

    /// <summary>A filter of <paramref name="rows"/> rows (a snapshot's <see cref="ItemMatrixSnapshot.Count"/>), none excluded.</summary>
    public ExclusionFilter(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        Rows = rows;
        _words = new ulong[(rows + 63) / 64];
    }

    /// <summary>Rows the filter covers; it fits only a snapshot of exactly this many rows.</summary>
    public int Rows { get; }

    /// <summary>Rows flagged.</summary>
    public int ExcludedCount
    {
        get
        {
            var count = 0;
            foreach (var word in _words)
            {
                count += BitOperations.PopCount(word);
            }

            return count;
        }
    }

    /// <summary>Flags <paramref name="row"/>.</summary>
    public void Exclude(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        _words[row >> 6] |= 1UL << row;
    }

    /// <summary>Whether <paramref name="row"/> is flagged; rows outside the filter are not.</summary>
    public bool IsExcluded(int row) => (uint)row < (uint)Rows && (_words[row >> 6] & (1UL << row)) != 0;

    /// <summary>Bits of rows 64*index .. 64*index+63; rows past <see cref="Rows"/> read as not excluded.</summary>
    public ulong Word(int index) => (uint)index < (uint)_words.Length ? _words[index] : 0;

    /// <summary>All words, row 64 x i + b at bit b of word i (for copying to a GPU).</summary>
    public ReadOnlySpan<ulong> Words => _words;

    /// <summary>A filter over <paramref name="snapshot"/> flagging the rows whose ids are in <paramref name="ids"/>.</summary>
    public static ExclusionFilter ForIds(ItemMatrixSnapshot snapshot, IReadOnlySet<long> ids)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ids);
        var filter = new ExclusionFilter(snapshot.Count);
        for (var s = 0; s < snapshot.Segments.Length; s++)
        {
            var segmentIds = snapshot.Segments[s].Ids;
            var rows = snapshot.RowsIn(s);
            var first = s << snapshot.Layout.SegmentShift;
            for (var r = 0; r < rows; r++)
            {
                if (ids.Contains(segmentIds[r]))
                {
                    filter.Exclude(first + r);
                }
            }
        }

        return filter;
    }
}
