using System.Globalization;

namespace ShortVideo.Ranking.Onnx;

/// <summary>
/// The learned tables of the two-tower model, as the learner hands them to the exporter:
/// video tower v = E_video[video] + E_creator[creator] + mean of E_tag over the video's hashtags;
/// user tower u = E_user[user] + mean of the tower vectors of the user's recent videos.
/// An id without a row contributes zeros.
/// </summary>
internal sealed class TwoTowerWeights
{
    public TwoTowerWeights(int dimension, EmbeddingRows users, EmbeddingRows videos, EmbeddingRows creators, EmbeddingRows tags)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        Users = Check(users, dimension, "user");
        Videos = Check(videos, dimension, "video");
        Creators = Check(creators, dimension, "creator");
        Tags = Check(tags, dimension, "hashtag");
    }

    public int Dimension { get; }

    public EmbeddingRows Users { get; }

    public EmbeddingRows Videos { get; }

    public EmbeddingRows Creators { get; }

    public EmbeddingRows Tags { get; }

    private static EmbeddingRows Check(EmbeddingRows rows, int dimension, string what)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Values.Length != (long)rows.Ids.Length * dimension)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {what} table has {rows.Ids.Length} ids and {rows.Values.Length} values; dimension {dimension} needs {(long)rows.Ids.Length * dimension}."),
                nameof(rows));
        }

        var seen = new HashSet<long>(rows.Ids.Length);
        foreach (var id in rows.Ids)
        {
            if (!seen.Add(id))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The {what} table lists id {id} twice."), nameof(rows));
            }
        }

        var values = rows.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The {what} table has {values[i]} in the row of id {rows.Ids[i / dimension]}; only finite numbers can be exported."),
                    nameof(rows));
            }
        }

        return rows;
    }
}
