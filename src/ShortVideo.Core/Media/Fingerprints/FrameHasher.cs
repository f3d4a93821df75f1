using System.Numerics.Tensors;

namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// 64-bit DCT perceptual hashes (pHash) of sampled frames. Each frame arrives as a 64×64 grayscale picture
/// (ffmpeg scaled it, so source size and aspect are gone). Borders that are black through the whole clip
/// (letterbox, pillarbox) are cut first, then only a centre region of what is left is hashed: the reference
/// framing keeps the centre <see cref="ReferenceShare"/> (a 5–10% crop a side leaves that region in the
/// picture), and <see cref="Reframings"/> hash the same frames zoomed in and out, because a crop that is
/// rescaled to the old size is a zoom: its reference centre is the original's centre at another scale. The
/// centre is averaged down to 32×32, and the 8×8 lowest DCT frequencies give the bits
/// (coefficient above their median = 1): low frequencies are what re-encoding, rescaling and bitrate changes
/// leave alone.
/// </summary>
internal static class FrameHasher
{
    /// <summary>Side of the grayscale frames ffmpeg delivers.</summary>
    public const int FrameSide = 64;

    public const int FrameBytes = FrameSide * FrameSide;

    private const int HashSide = 32;
    private const int Frequencies = 8;

    /// <summary>
    /// 80% of width and height: the 5-10% border crops of the evaluation keep this region whole, and it still
    /// holds 64% of the picture, enough to tell different clips apart (see FingerprintEvaluationTests).
    /// </summary>
    public const double ReferenceShare = 0.8;

    /// <summary>
    /// Other centre shares hashed for lookups, steps of ~11% in scale. A copy cropped by 5% a side and rescaled
    /// shows the original's centre 80% as its own centre 89%; looked up the other way round (copy indexed
    /// first), the original's 72% is the copy's 80%. 64% and 100% cover crops of up to ~10% a side. Measured
    /// without them, crop-and-rescale copies matched their original on 4 of 10 clips (median distance 18 bits).
    /// </summary>
    public static readonly double[] Reframings = [0.72, 0.89, 0.64, 1.0];

    // Limited-range black is 16; encoders wobble a few levels around it. A border row brighter than this in
    // any sampled frame is picture, not letterbox.
    private const byte BorderLuma = 32;

    // Never cut more than a quarter a side: a dark scene is not a letterbox.
    private const int MaxBorder = FrameSide / 4;

    // Standard deviation (luma levels) under which a 32×32 centre is flat: its DCT is noise, its bits random.
    private const double FlatDeviation = 2.0;

    private static readonly double[] Cosines = BuildCosines();

    /// <summary>Hashes <paramref name="count"/> frames of <see cref="FrameBytes"/> each, keeping the given share of the centre.</summary>
    public static ulong[] Hash(ReadOnlySpan<byte> frames, int count, double share)
    {
        var (left, top, right, bottom) = PictureBox(frames, count);
        var width = right - left;
        var height = bottom - top;
        var columns = AreaWeights(left + (width * (1 - share) / 2), width * share);
        var rows = AreaWeights(top + (height * (1 - share) / 2), height * share);
        var hashes = new ulong[count];
        var pixels = new double[HashSide * HashSide];
        var rowsFirst = new double[FrameSide * HashSide];
        for (var i = 0; i < count; i++)
        {
            Resample(frames.Slice(i * FrameBytes, FrameBytes), columns, rows, rowsFirst, pixels);
            hashes[i] = HashPixels(pixels);
        }

        return hashes;
    }

    /// <summary>The picture inside borders that stay black in every frame: [left, right) × [top, bottom).</summary>
    private static (int Left, int Top, int Right, int Bottom) PictureBox(ReadOnlySpan<byte> frames, int count)
    {
        Span<byte> rowMax = stackalloc byte[FrameSide];
        Span<byte> columnMax = stackalloc byte[FrameSide];
        rowMax.Clear();
        columnMax.Clear();
        for (var i = 0; i < count; i++)
        {
            var frame = frames.Slice(i * FrameBytes, FrameBytes);
            for (var y = 0; y < FrameSide; y++)
            {
                for (var x = 0; x < FrameSide; x++)
                {
                    var luma = frame[(y * FrameSide) + x];
                    rowMax[y] = Math.Max(rowMax[y], luma);
                    columnMax[x] = Math.Max(columnMax[x], luma);
                }
            }
        }

        var top = DarkRun(rowMax, fromEnd: false);
        var bottom = FrameSide - DarkRun(rowMax, fromEnd: true);
        var left = DarkRun(columnMax, fromEnd: false);
        var right = FrameSide - DarkRun(columnMax, fromEnd: true);
        return (left, top, right, bottom);
    }

    /// <summary>How many lines from one edge stay at most <see cref="BorderLuma"/> in every frame, up to <see cref="MaxBorder"/>.</summary>
    private static int DarkRun(ReadOnlySpan<byte> lineMax, bool fromEnd)
    {
        var run = 0;
        while (run < MaxBorder && lineMax[fromEnd ? FrameSide - 1 - run : run] <= BorderLuma)
        {
            run++;
        }

        return run;
    }

    /// <summary>Box-filter weights [output × source] averaging the span [start, start + length) into 32 cells.</summary>
    private static double[] AreaWeights(double start, double length)
    {
        var weights = new double[HashSide * FrameSide];
        var cell = length / HashSide;
        for (var o = 0; o < HashSide; o++)
        {
            var from = start + (o * cell);
            var to = from + cell;
            for (var s = (int)Math.Floor(from); s < Math.Ceiling(to) && s < FrameSide; s++)
            {
                var overlap = Math.Min(to, s + 1) - Math.Max(from, s);
                if (overlap > 0)
                {
                    weights[(o * FrameSide) + s] = overlap / cell;
                }
            }
        }

        return weights;
    }

    private static void Resample(ReadOnlySpan<byte> frame, double[] columns, double[] rows, double[] rowsFirst, double[] pixels)
    {
        for (var y = 0; y < FrameSide; y++)
        {
            var line = frame.Slice(y * FrameSide, FrameSide);
            for (var o = 0; o < HashSide; o++)
            {
                var weights = columns.AsSpan(o * FrameSide, FrameSide);
                var sum = 0.0;
                for (var x = 0; x < FrameSide; x++)
                {
                    sum += weights[x] * line[x];
                }

                rowsFirst[(y * HashSide) + o] = sum;
            }
        }

        for (var o = 0; o < HashSide; o++)
        {
            var weights = rows.AsSpan(o * FrameSide, FrameSide);
            for (var x = 0; x < HashSide; x++)
            {
                var sum = 0.0;
                for (var y = 0; y < FrameSide; y++)
                {
                    sum += weights[y] * rowsFirst[(y * HashSide) + x];
                }

                pixels[(o * HashSide) + x] = sum;
            }
        }
    }

    private static ulong HashPixels(double[] pixels)
    {
        if (Deviation(pixels) < FlatDeviation)
        {
            return VideoFingerprint.FlatFrame;
        }

        // Separable DCT-II, only the 8 lowest frequencies each way: along each row, then along each column of
        // those results; both passes are dot products of a contiguous run with a row of the cosine table.
        Span<double> partial = stackalloc double[Frequencies * HashSide];
        for (var y = 0; y < HashSide; y++)
        {
            for (var u = 0; u < Frequencies; u++)
            {
                partial[(u * HashSide) + y] = TensorPrimitives.Dot(pixels.AsSpan(y * HashSide, HashSide), Cosines.AsSpan(u * HashSide, HashSide));
            }
        }

        // The DC term (index 0) is the mean brightness: left out, as in pHash, so 63 AC bits and a zero top bit.
        Span<double> coefficients = stackalloc double[Frequencies * Frequencies];
        for (var v = 0; v < Frequencies; v++)
        {
            for (var u = 0; u < Frequencies; u++)
            {
                coefficients[(v * Frequencies) + u] = TensorPrimitives.Dot(partial.Slice(u * HashSide, HashSide), Cosines.AsSpan(v * HashSide, HashSide));
            }
        }

        Span<double> sorted = stackalloc double[(Frequencies * Frequencies) - 1];
        coefficients[1..].CopyTo(sorted);
        sorted.Sort();
        var median = sorted[sorted.Length / 2];
        ulong hash = 0;
        for (var i = 1; i < coefficients.Length; i++)
        {
            if (coefficients[i] > median)
            {
                hash |= 1UL << (i - 1);
            }
        }

        // Only an all-zero AC pattern could collide with FlatFrame, and the median split makes that impossible.
        return hash;
    }

    private static double Deviation(double[] pixels)
    {
        var sum = 0.0;
        var squares = 0.0;
        foreach (var p in pixels)
        {
            sum += p;
            squares += p * p;
        }

        var mean = sum / pixels.Length;
        return Math.Sqrt(Math.Max(0, (squares / pixels.Length) - (mean * mean)));
    }

    private static double[] BuildCosines()
    {
        var table = new double[Frequencies * HashSide];
        for (var u = 0; u < Frequencies; u++)
        {
            for (var x = 0; x < HashSide; x++)
            {
                table[(u * HashSide) + x] = Math.Cos(((2 * x) + 1) * u * Math.PI / (2 * HashSide));
            }
        }

        return table;
    }
}
