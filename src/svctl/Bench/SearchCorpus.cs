using System.Text;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// A seeded synthetic caption world for <c>svctl bench search</c>: a vocabulary of pronounceable words and one of
/// hashtags, both drawn Zipf-like (s = 1: the r-th word is used about 1/r as often as the first, as in real text),
/// captions of 4 to 14 words with 0 to 3 hashtags, and creators with handles and display names.
/// </summary>
internal sealed class SearchCorpus
{
    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "ch", "sh", "pl"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ea"];
    private static readonly string[] Codas = ["", "", "n", "r", "s", "l", "t", "m", "ck"];

    private readonly double[] _wordCdf;
    private readonly double[] _tagCdf;

    public SearchCorpus(int vocabulary, int hashtags, int users, int seed)
    {
        var random = new Random(seed);
        Words = Distinct(random, vocabulary, 2, 4);
        Tags = Distinct(random, hashtags, 2, 3);
        _wordCdf = ZipfCdf(Words.Length);
        _tagCdf = ZipfCdf(Tags.Length);
        Users = [.. Enumerable.Range(0, users).Select(i => (Id: $"user{i}", Handle: $"{Words[random.Next(Words.Length)]}_{i}", Name: $"{Capital(Words[random.Next(Words.Length)])} {Capital(Words[random.Next(Words.Length)])}"))];
    }

    public string[] Words { get; }

    public string[] Tags { get; }

    public (string Id, string Handle, string Name)[] Users { get; }

    /// <summary>A word drawn Zipf-like.</summary>
    public string Word(Random random) => Words[Draw(_wordCdf, random)];

    /// <summary>A hashtag drawn Zipf-like.</summary>
    public string Tag(Random random) => Tags[Draw(_tagCdf, random)];

    /// <summary>A caption: 4 to 14 words, then 0 to 3 hashtags.</summary>
    public string Caption(Random random)
    {
        var caption = new StringBuilder();
        var words = random.Next(4, 15);
        for (var i = 0; i < words; i++)
        {
            caption.Append(i == 0 ? Capital(Word(random)) : Word(random)).Append(' ');
        }

        var tags = random.Next(0, 4);
        for (var i = 0; i < tags; i++)
        {
            caption.Append('#').Append(Tag(random)).Append(' ');
        }

        return caption.ToString().TrimEnd();
    }

    private static string[] Distinct(Random random, int count, int minSyllables, int maxSyllables)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        while (words.Count < count)
        {
            builder.Clear();
            var syllables = random.Next(minSyllables, maxSyllables + 1);
            for (var s = 0; s < syllables; s++)
            {
                builder.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
            }

            builder.Append(Codas[random.Next(Codas.Length)]);
            words.Add(builder.ToString());
        }

        return [.. words];
    }

    private static double[] ZipfCdf(int count)
    {
        var cdf = new double[count];
        var sum = 0.0;
        for (var r = 0; r < count; r++)
        {
            sum += 1.0 / (r + 1);
            cdf[r] = sum;
        }

        for (var r = 0; r < count; r++)
        {
            cdf[r] /= sum;
        }

        return cdf;
    }

    private static int Draw(double[] cdf, Random random)
    {
        var index = Array.BinarySearch(cdf, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cdf.Length - 1);
    }

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
