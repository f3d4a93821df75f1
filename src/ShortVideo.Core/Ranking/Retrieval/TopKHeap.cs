using System.Buffers;
using System.Runtime.CompilerServices;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>
/// The best k (score desc, id asc) seen so far, as a min-heap whose root is the worst kept hit.
/// <see cref="Threshold"/> lets the scan reject a score with one compare, which is the common case once the
/// heap is full: for random data only about k·ln(N/k) of N scores ever enter.
/// </summary>
internal struct TopKHeap : IDisposable
{
    private float[] _scores;
    private long[] _ids;
    private int _count;

    public TopKHeap(int k)
    {
        K = k;
        _scores = ArrayPool<float>.Shared.Rent(k);
        _ids = ArrayPool<long>.Shared.Rent(k);
        Threshold = float.NegativeInfinity;
    }

    public int K { get; }

    public readonly int Count => _count;

    /// <summary>Scores below this cannot enter; a score equal to it enters only with a smaller id.</summary>
    public float Threshold { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(float score, long id)
    {
        if (score < Threshold)
        {
            return;
        }

        OfferSlow(score, id);
    }

    private void OfferSlow(float score, long id)
    {
        if (_count < K)
        {
            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!Worse(score, id, _scores[parent], _ids[parent]))
                {
                    break;
                }

                _scores[i] = _scores[parent];
                _ids[i] = _ids[parent];
                i = parent;
            }

            _scores[i] = score;
            _ids[i] = id;
        }
        else
        {
            if (!Worse(_scores[0], _ids[0], score, id))
            {
                return;
            }

            SiftDown(score, id, _count);
        }

        if (_count == K)
        {
            Threshold = _scores[0];
        }
    }

    /// <summary>Adds every hit of <paramref name="other"/> (a partition's heap) to this one.</summary>
    public void Merge(ref TopKHeap other)
    {
        for (var i = 0; i < other._count; i++)
        {
            Offer(other._scores[i], other._ids[i]);
        }
    }

    /// <summary>The hits sorted by score desc, id asc; empties the heap.</summary>
    public (long Id, float Score)[] Drain()
    {
        var result = new (long Id, float Score)[_count];
        for (var n = _count; n > 0; n--)
        {
            result[n - 1] = (_ids[0], _scores[0]);
            var lastScore = _scores[n - 1];
            var lastId = _ids[n - 1];
            SiftDown(lastScore, lastId, n - 1);
        }

        _count = 0;
        Threshold = float.NegativeInfinity;
        return result;
    }

    public void Dispose()
    {
        if (_scores is not null)
        {
            ArrayPool<float>.Shared.Return(_scores);
            ArrayPool<long>.Shared.Return(_ids);
            _scores = null!;
            _ids = null!;
        }
    }

    /// <summary>Puts (score, id) at the root of a heap of <paramref name="count"/> and sifts it down.</summary>
    private readonly void SiftDown(float score, long id, int count)
    {
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Worse(_scores[child + 1], _ids[child + 1], _scores[child], _ids[child]))
            {
                child++;
            }

            if (!Worse(_scores[child], _ids[child], score, id))
            {
                break;
            }

            _scores[i] = _scores[child];
            _ids[i] = _ids[child];
            i = child;
        }

        if (count > 0)
        {
            _scores[i] = score;
            _ids[i] = id;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Worse(float scoreA, long idA, float scoreB, long idB) =>
        scoreA < scoreB || (scoreA == scoreB && idA > idB);
}
