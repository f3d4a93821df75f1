namespace ShortVideo.Ranking.Embeddings;

/// <summary>Shape, admission and expiry of an embedding table (configuration section "Ranking:Embeddings").</summary>
public sealed class EmbeddingTableOptions
{
    /// <summary>Configuration section bound to these options.</summary>
    public const string SectionName = "Ranking:Embeddings";

    /// <summary>Largest supported <see cref="Dimension"/>; a row must fit the 64 KiB snapshot buffer as fp32.</summary>
    public const int MaxDimension = 4096;

    /// <summary>Elements per row. Default 64.</summary>
    public int Dimension { get; set; } = 64;

    /// <summary>Element storage: <see cref="EmbeddingStorage.Fp32"/> (default) or half the bytes with <see cref="EmbeddingStorage.Fp16"/>.</summary>
    public EmbeddingStorage Storage { get; set; } = EmbeddingStorage.Fp32;

    /// <summary>
    /// How many sightings (calls to Observe) an id needs before it gets its own row. Default 3, at most 255.
    /// Until then lookups report no row and hand out the shared fallback row (all zeros, which scores
    /// neutrally in a dot product) and learner updates for the id are dropped: one-off ids (bots, a video
    /// seen once) never cost a row. Sightings of ids without a row are counted in a count-min sketch whose
    /// counters halve periodically, so the sightings must be recent.
    /// </summary>
    public int AdmissionThreshold { get; set; } = 3;

    /// <summary>Rows not touched (observed, set or updated) for this long are dropped by Sweep. Default 30 days.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A new row starts uniformly random in [-InitialScale, InitialScale]. Default 0.01.</summary>
    public float InitialScale { get; set; } = 0.01f;

    /// <summary>Seed of the initial values and of the admission sketch's hashes: same seed, same table.</summary>
    public int Seed { get; set; } = 1;

    internal void Validate()
    {
        if (Dimension is < 1 or > MaxDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(Dimension), Dimension, $"An embedding dimension must be between 1 and {MaxDimension}.");
        }

        if (Storage is not (EmbeddingStorage.Fp32 or EmbeddingStorage.Fp16))
        {
            throw new ArgumentOutOfRangeException(nameof(Storage), Storage, "Embedding storage must be Fp32 or Fp16.");
        }

        if (AdmissionThreshold is < 1 or > AdmissionSketch.MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(AdmissionThreshold), AdmissionThreshold, $"The admission threshold must be between 1 and {AdmissionSketch.MaxCount}.");
        }

        if (ExpireAfter <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpireAfter), ExpireAfter, "Rows must expire after a positive time.");
        }

        if (!float.IsFinite(InitialScale) || InitialScale < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialScale), InitialScale, "The initial scale must be a finite number of at least zero.");
        }
    }
}
