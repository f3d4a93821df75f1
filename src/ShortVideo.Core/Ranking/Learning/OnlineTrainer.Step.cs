using System.Numerics.Tensors;

namespace ShortVideo.Ranking.Learning;

// One training step: aggregate the events, score the batch, push gradients through both towers.
internal sealed partial class OnlineTrainer
{
    /// <summary>
    /// Trains on <paramref name="events"/> (validated first: a bad event rejects the batch and stores nothing),
    /// then records histories and popularity. Changed video vectors are published when <paramref name="publish"/>
    /// is set, otherwise left for <see cref="PublishVectors"/>.
    /// </summary>
    public TrainingStep Train(ReadOnlySpan<InteractionEvent> events, bool publish = true)
    {
        Validate(events);
        using (Enter())
        {
            var batch = Aggregate(events, out var ignored);
            var d = _model.Dimension;

            // Users observed first: a user crossing the admission threshold gets a row and learns from this step.
            foreach (var user in batch.Users)
            {
                _model.Users.Observe(user);
            }

            var userVectors = new float[batch.Users.Count * d];
            for (var i = 0; i < batch.Users.Count; i++)
            {
                _model.TryUserVector(batch.Users[i], userVectors.AsSpan(i * d, d));
            }

            var videoVectors = new float[batch.Videos.Count * d];
            for (var j = 0; j < batch.Videos.Count; j++)
            {
                _model.TryVideoVector(batch.Videos[j], videoVectors.AsSpan(j * d, d));
            }

            var userGradients = new float[userVectors.Length];
            var videoGradients = new float[videoVectors.Length];
            var loss = SoftmaxGradients(batch, userVectors, videoVectors, userGradients, videoGradients);
            SkipGradients(batch, userVectors, videoVectors, userGradients, videoGradients);
            ApplyUserGradients(batch, userGradients);
            ApplyVideoGradients(batch, videoGradients);

            // Histories after the step: the example's user vector must not already contain its own positive.
            foreach (var positive in batch.Positives)
            {
                var videoId = batch.Videos[positive.Video];
                _model.RecordWatched(batch.Users[positive.User], videoId);
                _popularity.Record(videoId, positive.Weight);
            }

            _popularity.Refresh();
            foreach (var video in batch.Videos)
            {
                _dirty.Add(video);
            }

            if (publish)
            {
                PublishDirty();
            }

            return new TrainingStep(batch.Positives.Count, batch.Negatives.Count, ignored, loss);
        }
    }

    // Far below anything Adagrad's step (learning rate / sqrt(accumulated squares)) could turn into a visible change.
    private const float NegligibleGradient = 1e-12f;

    private Batch Aggregate(ReadOnlySpan<InteractionEvent> events, out int ignored)
    {
        var batch = new Batch();
        var positives = new Dictionary<(int User, int Video), float>();
        var negatives = new Dictionary<(int User, int Video), float>();
        ignored = 0;
        foreach (var e in events)
        {
            if (!_model.TryGetFeatures(e.VideoId, out _))
            {
                ignored++;
                continue;
            }

            var (positive, negative) = Weights(e);
            if (e.Kind == InteractionKind.View)
            {
                _bandit?.RecordImpression(e.VideoId, completed: e.WatchRatio >= 1f);
            }
            else if (e.Kind is InteractionKind.Skip or InteractionKind.NotInterested)
            {
                _bandit?.RecordImpression(e.VideoId, completed: false);
            }

            if (positive <= 0 && negative <= 0)
            {
                continue;
            }

            var key = (batch.UserIndex(e.UserId), batch.VideoIndex(e.VideoId));
            var target = positive > 0 ? positives : negatives;
            target[key] = target.GetValueOrDefault(key) + Math.Max(positive, negative);
        }

        foreach (var ((user, video), weight) in positives)
        {
            batch.Positives.Add(new Pair(user, video, weight));
        }

        foreach (var ((user, video), weight) in negatives)
        {
            // A pair that is also positive in this batch (watched long, then a stray skip event) stays positive.
            if (!positives.ContainsKey((user, video)))
            {
                batch.Negatives.Add(new Pair(user, video, weight));
            }
        }

        return batch;
    }

    private (float Positive, float Negative) Weights(InteractionEvent e) => e.Kind switch
    {
        InteractionKind.View when e.WatchRatio >= _options.PositiveWatchRatio => (Math.Min(e.WatchRatio, 1f), 0f),
        InteractionKind.View when e.WatchRatio < _options.NegativeWatchRatio => (0f, _options.SkipWeight),
        InteractionKind.View => (0f, 0f),
        InteractionKind.Complete => (_options.CompleteWeight, 0f),
        InteractionKind.Like => (_options.LikeWeight, 0f),
        InteractionKind.Share => (_options.ShareWeight, 0f),
        InteractionKind.Follow => (_options.FollowWeight, 0f),
        InteractionKind.Skip => (0f, _options.SkipWeight),
        InteractionKind.NotInterested => (0f, _options.NotInterestedWeight),
        _ => (0f, 0f),
    };

    /// <summary>
    /// In-batch softmax: user i's positive is its video; every other video of the batch is a negative. The logit
    /// of video j is u·v_j / τ − log q_j, q_j being how often j shows up as a positive, so popular videos are not
    /// punished for being everyone's negative (the logQ correction). Returns the mean weighted loss.
    /// </summary>
    private double SoftmaxGradients(Batch batch, float[] users, float[] videos, float[] userGradients, float[] videoGradients)
    {
        if (batch.Positives.Count == 0)
        {
            return double.NaN;
        }

        var d = _model.Dimension;
        var columns = batch.Videos.Count;
        var logQ = new float[columns];
        if (_options.LogQCorrection)
        {
            // Once per step: ConcurrentDictionary.Count takes every lock of the table (LearnerBenchmarks: asking
            // it per column doubled the step).
            var catalog = _model.VideoCount;
            for (var j = 0; j < columns; j++)
            {
                logQ[j] = (float)Math.Log(_popularity.Frequency(batch.Videos[j], catalog));
            }
        }

        var ownPositives = new HashSet<(int User, int Video)>();
        foreach (var positive in batch.Positives)
        {
            ownPositives.Add((positive.User, positive.Video));
        }

        var logits = new float[columns];
        var inverseTemperature = 1f / _options.Temperature;
        double loss = 0, weights = 0;
        foreach (var positive in batch.Positives)
        {
            var u = users.AsSpan(positive.User * d, d);
            for (var j = 0; j < columns; j++)
            {
                // The user's other positives in this batch are not negatives for this one.
                logits[j] = j != positive.Video && ownPositives.Contains((positive.User, j))
                    ? float.NegativeInfinity
                    : (TensorPrimitives.Dot(u, videos.AsSpan(j * d, d)) * inverseTemperature) - logQ[j];
            }

            // Softmax in place; the label's probability gives the loss.
            var max = TensorPrimitives.Max(logits);
            TensorPrimitives.Subtract(logits, max, logits);
            // exp below -87 is denormal or zero, and out-of-range lanes send the vectorized Exp down a slow
            // path; e^-80 is already nothing next to the label's share (masked columns land here too).
            TensorPrimitives.Max(logits, -80f, logits);
            TensorPrimitives.Exp(logits, logits);
            TensorPrimitives.Divide(logits, TensorPrimitives.Sum(logits), logits);
            loss -= positive.Weight * Math.Log(Math.Max(logits[positive.Video], 1e-30f));
            weights += positive.Weight;

            // dL/dlogit_j = w (p_j - [j is the label]); the chain rule through u·v_j/τ.
            logits[positive.Video] -= 1f;
            var scale = positive.Weight * inverseTemperature;
            var userGradient = userGradients.AsSpan(positive.User * d, d);
            for (var j = 0; j < columns; j++)
            {
                var g = logits[j] * scale;
                // With logQ, far-off columns get probabilities near zero; multiplying by denormal floats costs
                // microcode assists (LearnerBenchmarks: the step took twice as long), for no visible change.
                if (MathF.Abs(g) < NegligibleGradient)
                {
                    continue;
                }

                TensorPrimitives.MultiplyAdd(videos.AsSpan(j * d, d), g, userGradient, userGradient);
                var videoGradient = videoGradients.AsSpan(j * d, d);
                TensorPrimitives.MultiplyAdd(u, g, videoGradient, videoGradient);
            }
        }

        return loss / weights;
    }

    /// <summary>Skips: logistic loss towards "not engaged", gradient σ(u·v) on each side.</summary>
    private void SkipGradients(Batch batch, float[] users, float[] videos, float[] userGradients, float[] videoGradients)
    {
        var d = _model.Dimension;
        foreach (var negative in batch.Negatives)
        {
            var u = users.AsSpan(negative.User * d, d);
            var v = videos.AsSpan(negative.Video * d, d);
            var g = negative.Weight / (1f + MathF.Exp(-TensorPrimitives.Dot(u, v)));
            var userGradient = userGradients.AsSpan(negative.User * d, d);
            TensorPrimitives.MultiplyAdd(v, g, userGradient, userGradient);
            var videoGradient = videoGradients.AsSpan(negative.Video * d, d);
            TensorPrimitives.MultiplyAdd(u, g, videoGradient, videoGradient);
        }
    }

    /// <summary>u = E_user + pooled history: the history is a feature, so the whole gradient goes to E_user.</summary>
    private void ApplyUserGradients(Batch batch, float[] userGradients)
    {
        var d = _model.Dimension;
        for (var i = 0; i < batch.Users.Count; i++)
        {
            _users.Step(batch.Users[i], userGradients.AsSpan(i * d, d));
        }
    }

    /// <summary>v = E_video + E_creator + mean E_tag: each part gets the gradient, hashtags a 1/T share.</summary>
    private void ApplyVideoGradients(Batch batch, float[] videoGradients)
    {
        var d = _model.Dimension;
        var creators = new Dictionary<long, float[]>();
        var tags = new Dictionary<long, float[]>();
        for (var j = 0; j < batch.Videos.Count; j++)
        {
            var gradient = videoGradients.AsSpan(j * d, d);
            if (!_model.TryGetFeatures(batch.Videos[j], out var features))
            {
                continue;
            }

            Accumulate(creators, features.CreatorId, gradient, 1f, d);
            foreach (var tag in features.Tags)
            {
                Accumulate(tags, tag, gradient, 1f / features.Tags.Length, d);
            }

            // An expired video row comes back through admission like any id.
            if (!_videos.Step(features.VideoId, gradient))
            {
                _videos.Table.Observe(features.VideoId);
            }
        }

        foreach (var (creator, gradient) in creators)
        {
            _creators.Step(creator, gradient);
        }

        foreach (var (tag, gradient) in tags)
        {
            _tags.Step(tag, gradient);
        }
    }

    private static void Accumulate(Dictionary<long, float[]> sums, long id, ReadOnlySpan<float> gradient, float scale, int d)
    {
        if (!sums.TryGetValue(id, out var sum))
        {
            sums[id] = sum = new float[d];
        }

        TensorPrimitives.MultiplyAdd(gradient, scale, sum, sum);
    }

    private readonly record struct Pair(int User, int Video, float Weight);

    /// <summary>The step's distinct users and videos (by index) and its aggregated pairs.</summary>
    private sealed class Batch
    {
        private readonly Dictionary<long, int> _users = [];
        private readonly Dictionary<long, int> _videos = [];

        public List<long> Users { get; } = [];

        public List<long> Videos { get; } = [];

        public List<Pair> Positives { get; } = [];

        public List<Pair> Negatives { get; } = [];

        public int UserIndex(long id) => Index(_users, Users, id);

        public int VideoIndex(long id) => Index(_videos, Videos, id);

        private static int Index(Dictionary<long, int> map, List<long> list, long id)
        {
            if (!map.TryGetValue(id, out var index))
            {
                map[id] = index = list.Count;
                list.Add(id);
            }

            return index;
        }
    }
}
