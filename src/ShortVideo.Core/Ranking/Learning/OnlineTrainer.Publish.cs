namespace ShortVideo.Ranking.Learning;

// Publication of learned video vectors into the retrieval matrix.
internal sealed partial class OnlineTrainer
{
    /// <summary>
    /// Recomputes the touched videos' tower output, plus a round-robin slice of the catalog (a creator's or
    /// hashtag's change also moves that creator's other videos), and writes them with one matrix publication.
    /// Caller holds the gate.
    /// </summary>
    private int PublishDirty()
    {
        var snapshot = _matrix.Snapshot;
        var refresh = Math.Min(_options.RefreshPerStep, snapshot.Count);
        for (var i = 0; i < refresh; i++)
        {
            _refreshCursor = _refreshCursor >= snapshot.Count - 1 ? 0 : _refreshCursor + 1;
            _dirty.Add(snapshot.IdAt(_refreshCursor));
        }

        if (_dirty.Count == 0)
        {
            return 0;
        }

        var d = _model.Dimension;
        var ids = new long[_dirty.Count];
        var vectors = new float[ids.Length * d];
        var count = 0;
        foreach (var videoId in _dirty)
        {
            if (_model.TryVideoVector(videoId, vectors.AsSpan(count * d, d)))
            {
                ids[count++] = videoId;
            }
        }

        _dirty.Clear();
        return _matrix.UpdateRange(ids.AsSpan(0, count), vectors.AsSpan(0, count * d));
    }
}
