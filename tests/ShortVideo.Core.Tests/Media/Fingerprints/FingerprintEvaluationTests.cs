using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Options;
using ShortVideo.Core.Tests.Media.Transcoding;
using ShortVideo.Media.Fingerprints;
using ShortVideo.Media.Transcoding;
using ShortVideo.Storage.Sqlite;
using Xunit.Abstractions;

namespace ShortVideo.Core.Tests.Media.Fingerprints;

/// <summary>
/// Precision and recall of near-duplicate detection on real ffmpeg output: copies of each base clip must be
/// found (recall), and different clips must not be taken for one another (precision), both by the pairwise
/// score and through the SQLite index as the media pipeline uses it.
/// </summary>
public sealed class FingerprintEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Copies_are_found_and_different_clips_are_told_apart()
    {
        using var temp = new TempDirectory("sv-fingerprint-");
        var clock = Stopwatch.StartNew();
        var n = FingerprintCorpus.Bases.Length;
        var bases = new string[n];
        await Parallel.ForAsync(0, n, Parallel2, (i, _) =>
        {
            bases[i] = FingerprintCorpus.MakeBase(temp.Path, i);
            return ValueTask.CompletedTask;
        });

        // Each base gets two kinds of copy, rotating through all kinds so each is tried on several bases.
        var copies = new (int Base, int Kind, string Path)[n * 2];
        await Parallel.ForAsync(0, copies.Length, Parallel2, (c, _) =>
        {
            var b = c / 2;
            var kind = (b + (c % 2 * 3)) % FingerprintCorpus.Copies.Length;
            copies[c] = (b, kind, FingerprintCorpus.MakeCopy(temp.Path, bases[b], b, kind));
            return ValueTask.CompletedTask;
        });
        var made = clock.Elapsed;

        var fingerprinter = new VideoFingerprinter(Options.Create(new FingerprintOptions()), Options.Create(new TranscoderOptions()));
        var baseFingerprints = new VideoFingerprint[n];
        var copyFingerprints = new VideoFingerprint[copies.Length];
        await Parallel.ForAsync(0, n + copies.Length, Parallel2, async (i, ct) =>
        {
            if (i < n)
            {
                baseFingerprints[i] = await fingerprinter.FingerprintAsync(bases[i], ct);
            }
            else
            {
                copyFingerprints[i - n] = await fingerprinter.FingerprintAsync(copies[i - n].Path, ct);
            }
        });
        var fingerprinted = clock.Elapsed;

        // Pairwise: every copy against its base (positives), every two different bases and every copy against
        // the other bases (negatives).
        var pairwise = new Counts();
        for (var c = 0; c < copies.Length; c++)
        {
            var (b, kind, _) = copies[c];
            // Both ways round: the copy uploaded after the original, and the original after the copy.
            var later = FingerprintMatcher.Similarity(copyFingerprints[c], baseFingerprints[b].Span);
            var earlier = FingerprintMatcher.Similarity(baseFingerprints[b], copyFingerprints[c].Span);
            pairwise.Positive(later >= FingerprintMatcher.NearDuplicateSimilarity);
            pairwise.Positive(earlier >= FingerprintMatcher.NearDuplicateSimilarity);
            output.WriteLine(Invariant($"+ base {b:D2} / {FingerprintCorpus.Copies[kind].Name,-32} similarity {later:F2} / {earlier:F2}, median frame distance {MedianDistance(baseFingerprints[b], copyFingerprints[c])}"));
        }

        var worstNegative = 0.0;
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var pairs = new List<VideoFingerprint>();
                if (a < b)
                {
                    pairs.Add(baseFingerprints[b]);
                }

                pairs.AddRange(copies.Select((c, i) => (c, i)).Where(x => x.c.Base == b).Select(x => copyFingerprints[x.i]));
                foreach (var other in pairs)
                {
                    var similarity = FingerprintMatcher.Similarity(baseFingerprints[a], other.Span);
                    pairwise.Negative(similarity >= FingerprintMatcher.NearDuplicateSimilarity);
                    if (similarity > worstNegative)
                    {
                        worstNegative = similarity;
                        output.WriteLine(Invariant($"- base {a:D2} vs clip of base {b:D2}: similarity {similarity:F2}"));
                    }
                }
            }
        }

        // Through the index: bases indexed, each copy must find its base; each base, excluding itself, nothing.
        var index = new SqliteFingerprintIndex(new SqliteDatabase(Options.Create(new DataDirectoryOptions { Path = Path.Combine(temp.Path, "db") })));
        for (var b = 0; b < n; b++)
        {
            await index.AddAsync(Id(b), baseFingerprints[b], CancellationToken.None);
        }

        var indexed = new Counts();
        for (var c = 0; c < copies.Length; c++)
        {
            var match = await index.FindNearDuplicateAsync(copyFingerprints[c], null, CancellationToken.None);
            indexed.Found(match?.VideoId, Id(copies[c].Base));
        }

        for (var b = 0; b < n; b++)
        {
            var match = await index.FindNearDuplicateAsync(baseFingerprints[b], Id(b), CancellationToken.None);
            indexed.Negative(match is not null);
        }

        output.WriteLine(Invariant($"{n} bases, {copies.Length} copies; made in {made.TotalSeconds:F1} s, fingerprinted in {(fingerprinted - made).TotalSeconds:F1} s, total {clock.Elapsed.TotalSeconds:F1} s"));
        output.WriteLine($"pairwise: {pairwise}; highest similarity of a negative pair {worstNegative.ToString("F2", CultureInfo.InvariantCulture)}");
        output.WriteLine($"index:    {indexed}");
        Assert.True(pairwise.Precision >= 0.95 && pairwise.Recall >= 0.9, pairwise.ToString());
        Assert.True(indexed.Precision >= 0.95 && indexed.Recall >= 0.9, indexed.ToString());
    }

    private static readonly ParallelOptions Parallel2 = new() { MaxDegreeOfParallelism = 2 };

    private static string Id(int b) => string.Create(CultureInfo.InvariantCulture, $"base-{b:D2}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int MedianDistance(VideoFingerprint a, VideoFingerprint b)
    {
        var distances = a.FrameHashes.Zip(b.FrameHashes, (x, y) => BitOperations.PopCount(x ^ y)).Order().ToList();
        return distances.Count == 0 ? -1 : distances[distances.Count / 2];
    }

    /// <summary>Detector outcomes: true/false positives and negatives.</summary>
    private sealed class Counts
    {
        private int _truePositives;
        private int _falsePositives;
        private int _falseNegatives;
        private int _trueNegatives;

        public double Precision => _truePositives + _falsePositives == 0 ? 1 : (double)_truePositives / (_truePositives + _falsePositives);

        public double Recall => _truePositives + _falseNegatives == 0 ? 1 : (double)_truePositives / (_truePositives + _falseNegatives);

        public void Positive(bool detected)
        {
            if (detected)
            {
                _truePositives++;
            }
            else
            {
                _falseNegatives++;
            }
        }

        public void Negative(bool detected)
        {
            if (detected)
            {
                _falsePositives++;
            }
            else
            {
                _trueNegatives++;
            }
        }

        /// <summary>A copy's lookup: its original is a true positive, another video a false one, nothing a miss.</summary>
        public void Found(string? found, string expected)
        {
            if (found == expected)
            {
                _truePositives++;
            }
            else
            {
                _falseNegatives++;
                if (found is not null)
                {
                    _falsePositives++;
                }
            }
        }

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"precision {Precision:F3}, recall {Recall:F3} (TP {_truePositives}, FP {_falsePositives}, FN {_falseNegatives}, TN {_trueNegatives})");
    }
}
