using ShortVideo.Ranking.Onnx;

namespace ShortVideo.Core.Tests.Ranking.Onnx;

public sealed class TowerExportInputTests
{
    [Fact]
    public void A_row_map_gives_each_id_its_position_plus_one_and_unknown_ids_row_zero()
    {
        var map = TowerRowMap.Decode(TowerRowMap.Encode([42, -7, long.MaxValue]));

        Assert.Equal(3, map.Count);
        Assert.Equal([1L, 2, 3, 0], new[] { map.RowOf(42), map.RowOf(-7), map.RowOf(long.MaxValue), map.RowOf(5) });
    }

    [Fact]
    public void A_row_map_of_no_ids_is_empty_text()
    {
        Assert.Equal(string.Empty, TowerRowMap.Encode([]));
        Assert.Equal(0, TowerRowMap.Decode(string.Empty).Count);
    }

    [Fact]
    public void A_row_map_that_is_not_whole_int64s_is_a_format_exception()
    {
        Assert.Throws<FormatException>(() => TowerRowMap.Decode(Convert.ToBase64String(new byte[12])));
    }

    [Fact]
    public void A_table_whose_values_do_not_fill_its_rows_is_an_argument_exception()
    {
        var error = Assert.Throws<ArgumentException>(() => Weights(tags: new EmbeddingRows([1, 2], new float[5])));

        Assert.StartsWith("The hashtag table has 2 ids and 5 values; dimension 3 needs 6.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_listing_an_id_twice_is_an_argument_exception()
    {
        var error = Assert.Throws<ArgumentException>(() => Weights(tags: new EmbeddingRows([4, 4], new float[6])));

        Assert.StartsWith("The hashtag table lists id 4 twice.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_with_nan_is_an_argument_exception_naming_the_id()
    {
        var values = new float[6];
        values[4] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => Weights(tags: new EmbeddingRows([4, 9], values)));

        Assert.StartsWith("The hashtag table has NaN in the row of id 9; only finite numbers can be exported.", error.Message, StringComparison.Ordinal);
    }

    private static TwoTowerWeights Weights(EmbeddingRows tags) =>
        new(3, EmbeddingRows.Empty, EmbeddingRows.Empty, EmbeddingRows.Empty, tags);
}
