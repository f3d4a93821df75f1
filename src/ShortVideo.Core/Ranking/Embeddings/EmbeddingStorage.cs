namespace ShortVideo.Ranking.Embeddings;

/// <summary>How an embedding table stores the elements of its rows.</summary>
public enum EmbeddingStorage
{
    /// <summary>32-bit floats: exact, 4 bytes per element.</summary>
    Fp32 = 0,

    /// <summary>
    /// IEEE half precision: 2 bytes per element, about 3 significant digits, magnitudes up to 65504.
    /// Readers still receive 32-bit floats; the conversion happens on copy-out.
    /// </summary>
    Fp16 = 1,
}
