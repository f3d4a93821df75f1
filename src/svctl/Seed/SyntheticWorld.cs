using System.Globalization;

namespace ShortVideo.Cli.Seed;

/// <summary>
/// A synthetic, deterministic world for demos and benchmarks: users with a latent taste (one topic), creators whose
/// popularity follows a power law, videos whose captions carry their topic as a hashtag, and follows biased to taste
/// and popularity. The same arguments give the same world; it is generated lazily, so a million videos cost no
/// more memory than their creators' table.
/// </summary>
internal sealed class SyntheticWorld
{
    /// <summary>The topics, as hashtags; a user likes one of them.</summary>
    public static readonly string[] Topics =
    [
        "cooking", "travel", "gaming", "music", "dance", "comedy", "fitness", "pets", "fashion", "beauty", "diy", "science",
        "cars", "football", "basketball", "art", "books", "movies", "tech", "nature", "photography", "gardening", "yoga", "history",
    ];

    private static readonly string[] Words =
    [
        "morning", "quick", "secret", "best", "first", "tiny", "epic", "easy", "late", "golden", "wild", "simple", "new",
        "slow", "bright", "hidden", "weekend", "daily", "perfect", "crazy",
    ];

    /// <summary>One user in twenty posts videos.</summary>
    private const int CreatorEvery = 20;

    // Zipf exponent of creator popularity: a few creators get most views and followers, as on real platforms.
    private const double PopularityExponent = 1.1;

    private readonly double[] _creatorCumulative;

    public SyntheticWorld(int users, int videos, int seed, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(videos, 0);
        Users = users;
        Videos = videos;
        Seed = seed;
        Now = now;
        Creators = Math.Max(1, (users + CreatorEvery - 1) / CreatorEvery);
        _creatorCumulative = new double[Creators];
        var total = 0d;
        for (var rank = 0; rank < Creators; rank++)
        {
            total += 1 / Math.Pow(rank + 1, PopularityExponent);
            _creatorCumulative[rank] = total;
        }

        for (var rank = 0; rank < Creators; rank++)
        {
            _creatorCumulative[rank] /= total;
        }
    }

    public int Users { get; }

    public int Videos { get; }

    public int Creators { get; }

    public int Seed { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The id of user <paramref name="index"/> (a token subject).</summary>
    public static string UserId(int index) => string.Create(CultureInfo.InvariantCulture, $"user{index:D7}");

    /// <summary>The id of video <paramref name="index"/>; ids sort by creation time.</summary>
    public static string VideoId(int index) => string.Create(CultureInfo.InvariantCulture, $"seed{index:D8}");

    /// <summary>User index of creator <paramref name="rank"/> (rank 0 is the most popular).</summary>
    public static int CreatorUser(int rank) => rank * CreatorEvery;

    /// <summary>The topic user <paramref name="index"/> likes.</summary>
    public int TasteOf(int index) => (int)(Mix(Seed, index, 1) % (ulong)Topics.Length);

    /// <summary>A creator posts mostly about what they like.</summary>
    public int CreatorTopic(int rank) => TasteOf(CreatorUser(rank));

    /// <summary>Video <paramref name="index"/>: its creator's rank, topic, caption and creation time.</summary>
    public SeedVideo Video(int index)
    {
        var random = new Random(unchecked((int)Mix(Seed, index, 2)));
        var rank = PickCreator(random.NextDouble());
        var topic = random.NextDouble() < 0.8 ? CreatorTopic(rank) : random.Next(Topics.Length);
        var caption = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {Topics[topic]} #{Topics[topic]}";
        if (random.NextDouble() < 0.3)
        {
            caption += " #" + Words[random.Next(Words.Length)];
        }

        // Spread over the last 30 days in index order, so the newest videos have the highest indexes.
        var age = TimeSpan.FromDays(30) * (1 - ((index + 1d) / Math.Max(1, Videos)));
        return new SeedVideo(VideoId(index), UserId(CreatorUser(rank)), topic, caption, Now - age);
    }

    /// <summary>The creators user <paramref name="index"/> follows: a handful, mostly of their taste and mostly popular.</summary>
    public IEnumerable<int> FollowedCreators(int index)
    {
        var random = new Random(unchecked((int)Mix(Seed, index, 3)));
        var count = Math.Min(Creators, 3 + (int)(-Math.Log(1 - random.NextDouble()) * 12));
        var taste = TasteOf(index);
        var chosen = new HashSet<int>();
        for (var attempt = 0; chosen.Count < count && attempt < count * 8; attempt++)
        {
            var rank = PickCreator(random.NextDouble());
            if (CreatorTopic(rank) == taste || random.NextDouble() < 0.3)
            {
                if (CreatorUser(rank) != index)
                {
                    chosen.Add(rank);
                }
            }
        }

        return chosen;
    }

    private int PickCreator(double uniform)
    {
        var rank = Array.BinarySearch(_creatorCumulative, uniform);
        return Math.Min(Creators - 1, rank >= 0 ? rank : ~rank);
    }

    /// <summary>SplitMix64 of (seed, index, stream): independent, reproducible streams per entity.</summary>
    private static ulong Mix(int seed, int index, int stream)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ ((ulong)(uint)index * 0x9E3779B97F4A7C15UL) ^ ((ulong)stream << 56));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

/// <summary>A seeded video.</summary>
internal readonly record struct SeedVideo(string Id, string CreatorId, int Topic, string Caption, DateTimeOffset CreatedAt);
