using ShortVideo.Ranking.Learning;

namespace ShortVideo.Ranking.Evaluation;

/// <summary>
/// A seeded world with a known ground truth: users have latent tastes over topics, videos a topic (mostly
/// their creator's) and a quality, and a user's expected watch ratio of a video is a logistic function of
/// taste, topic and quality. Impressions come from a logging policy that is partly random, partly popular
/// (preferential attachment) and partly the user's own topics, like a real app's mix of surfaces; reactions
/// are drawn with noise and turned into events.
/// </summary>
internal sealed class SimulatedWorld
{
    private const float TasteWeight = 2.5f;
    private const float Offset = 1f;
    private readonly SimulationOptions _options;
    private readonly Random _random;
    private readonly float[] _tastes; // users x topics
    private readonly int[] _videoTopic;
    private readonly float[] _videoQuality;
    private readonly int[] _videoCreator;
    private readonly string[][] _videoTags;
    private readonly List<int>[] _publishedByTopic;
    private readonly List<int> _engagedPool = [];
    private int _published;

    public SimulatedWorld(SimulationOptions options)
    {
        options.Validate();
        _options = options;
        _random = new Random(options.Seed);
        var topics = options.Topics;
        _tastes = new float[options.Users * topics];
        for (var u = 0; u < options.Users; u++)
        {
            // A primary and a secondary interest, plus a little of everything.
            var primary = _random.Next(topics);
            var secondary = _random.Next(topics);
            for (var t = 0; t < topics; t++)
            {
                _tastes[(u * topics) + t] = (float)(_random.NextDouble() * 0.15);
            }

            _tastes[(u * topics) + secondary] = 0.6f;
            _tastes[(u * topics) + primary] = 1f;
        }

        var creatorTopic = new int[options.Creators];
        for (var c = 0; c < creatorTopic.Length; c++)
        {
            creatorTopic[c] = _random.Next(topics);
        }

        _videoTopic = new int[options.Videos];
        _videoQuality = new float[options.Videos];
        _videoCreator = new int[options.Videos];
        _videoTags = new string[options.Videos][];
        for (var v = 0; v < options.Videos; v++)
        {
            var creator = _random.Next(options.Creators);
            var topic = _random.NextDouble() < 0.8 ? creatorTopic[creator] : _random.Next(topics);
            _videoCreator[v] = creator;
            _videoTopic[v] = topic;
            _videoQuality[v] = (float)(Gaussian() * 0.5);
            var tagCount = _random.Next(0, 4);
            var tags = new string[tagCount];
            for (var i = 0; i < tagCount; i++)
            {
                // Mostly on-topic tags; one in five is a generic tag any topic uses.
                tags[i] = _random.NextDouble() < 0.8
                    ? $"t{topic}-{_random.Next(options.HashtagsPerTopic)}"
                    : $"any-{_random.Next(options.HashtagsPerTopic)}";
            }

            _videoTags[v] = tags;
        }

        _publishedByTopic = new List<int>[topics];
        for (var t = 0; t < topics; t++)
        {
            _publishedByTopic[t] = [];
        }
    }

    public int Published => _published;

    public int Users => _options.Users;

    /// <summary>Video ids are their index plus one (0 is never an id).</summary>
    public static long VideoId(int video) => video + 1L;

    public static int VideoIndex(long videoId) => (int)(videoId - 1);

    /// <summary>User ids are offset so they never equal a video id by accident in a test.</summary>
    public static long UserId(int user) => 1_000_000L + user;

    /// <summary>Publishes the next video; false when all are out.</summary>
    public bool TryPublishNext(DateTimeOffset at, out VideoDescriptor video)
    {
        if (_published == _options.Videos)
        {
            video = null!;
            return false;
        }

        var v = _published++;
        _publishedByTopic[_videoTopic[v]].Add(v);
        video = new VideoDescriptor(VideoId(v), 10_000_000L + _videoCreator[v], _videoTags[v], at);
        return true;
    }

    /// <summary>The expected watch ratio: the ground truth every ranking is scored against.</summary>
    public float Relevance(int user, int video)
    {
        var affinity = (TasteWeight * _tastes[(user * _options.Topics) + _videoTopic[video]]) + _videoQuality[video] - Offset;
        return 1f / (1f + MathF.Exp(-affinity));
    }

    /// <summary>One impression for a random user, appended as events; returns the user and video shown.</summary>
    public (int User, int Video) Impress(List<InteractionEvent> events)
    {
        var user = _random.Next(_options.Users);
        var video = PickShown(user);
        var topic = _videoTopic[video];
        var affinity = (TasteWeight * _tastes[(user * _options.Topics) + topic]) + _videoQuality[video] - Offset;
        var ratio = 1.2f / (1f + MathF.Exp(-(affinity + (float)(Gaussian() * 0.7))));
        var userId = UserId(user);
        var videoId = VideoId(video);
        if (ratio < 0.2f)
        {
            events.Add(new InteractionEvent(userId, videoId, InteractionKind.Skip));
            return (user, video);
        }

        events.Add(new InteractionEvent(userId, videoId, InteractionKind.View, ratio));
        if (ratio >= 1f)
        {
            events.Add(new InteractionEvent(userId, videoId, InteractionKind.Complete));
        }

        var r = Math.Min(ratio, 1f);
        if (_random.NextDouble() < r * r * r * 0.5)
        {
            events.Add(new InteractionEvent(userId, videoId, InteractionKind.Like));
            _engagedPool.Add(video);
        }

        if (_random.NextDouble() < r * r * r * r * 0.1)
        {
            events.Add(new InteractionEvent(userId, videoId, InteractionKind.Share));
        }

        if (r > 0.8f && _random.NextDouble() < 0.02)
        {
            events.Add(new InteractionEvent(userId, videoId, InteractionKind.Follow));
        }

        if (r >= 0.5f)
        {
            _engagedPool.Add(video);
        }

        return (user, video);
    }

    /// <summary>The logging policy: 40% uniform, 30% popular (a past engagement's video), 30% from the user's topics.</summary>
    private int PickShown(int user)
    {
        var roll = _random.NextDouble();
        if (roll < 0.3 && _engagedPool.Count > 0)
        {
            return _engagedPool[_random.Next(_engagedPool.Count)];
        }

        if (roll < 0.6)
        {
            var topic = SampleTopic(user);
            var pool = _publishedByTopic[topic];
            if (pool.Count > 0)
            {
                return pool[_random.Next(pool.Count)];
            }
        }

        return _random.Next(_published);
    }

    private int SampleTopic(int user)
    {
        var topics = _options.Topics;
        var tastes = _tastes.AsSpan(user * topics, topics);
        var total = 0f;
        foreach (var t in tastes)
        {
            total += t * t;
        }

        var pick = (float)(_random.NextDouble() * total);
        for (var t = 0; t < topics; t++)
        {
            pick -= tastes[t] * tastes[t];
            if (pick <= 0)
            {
                return t;
            }
        }

        return topics - 1;
    }

    private double Gaussian()
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm away from zero.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
