using System.Buffers;
using System.Globalization;
using ShortVideo.Ranking.Onnx;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Onnx;

/// <summary>
/// A re-ranker that runs an ONNX model through ONNX Runtime: the model reads the feature matrix
/// [N, 2 x dimension + 3] (<see cref="RerankFeatures"/>) and gives one score per row, [N] or [N, 1].
/// </summary>
/// <remarks>
/// The model's shapes are checked when it loads, so a model trained for another embedding dimension or
/// feature layout fails at startup with a sentence rather than on the first feed request. Scores that are
/// not finite are rejected, never used. Safe for concurrent <see cref="Score"/> calls.
/// </remarks>
internal sealed class OnnxReranker : IReranker, IDisposable
{
    private readonly OnnxSession _session;
    private readonly string _modelPath;
    private readonly int _dimension;
    private readonly int _columns;

    private OnnxReranker(OnnxSession session, string modelPath, int dimension)
    {
        _session = session;
        _modelPath = modelPath;
        _dimension = dimension;
        _columns = RerankFeatures.FeatureCount(dimension);
        Name = "Onnx:" + Path.GetFileName(modelPath);
    }

    public string Name { get; }

    /// <summary>Loads the library named in <paramref name="options"/>, then the model; either failing is a <see cref="RerankerException"/>.</summary>
    public static OnnxReranker Load(RerankerOptions options, int dimension)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var library = options.OnnxRuntimeLibraryPath ?? OnnxRuntime.DefaultLibrary;
        var runtime = OnnxRuntime.TryLoad(library, out var problem) ?? throw new RerankerException(problem!);
        return Load(runtime, options.ModelPath!, dimension, options.IntraOpThreads);
    }

    /// <summary>Loads the model at <paramref name="modelPath"/> and checks its shapes against <paramref name="dimension"/>.</summary>
    public static OnnxReranker Load(OnnxRuntime runtime, string modelPath, int dimension, int intraOpThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        byte[] model;
        try
        {
            model = File.ReadAllBytes(modelPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RerankerException($"The re-ranker model {modelPath} cannot be read: {e.Message}", e);
        }

        OnnxSession session;
        try
        {
            session = OnnxSession.Create(runtime, model, intraOpThreads);
        }
        catch (OnnxRuntimeException e)
        {
            throw new RerankerException($"The re-ranker model {modelPath} could not be loaded by ONNX Runtime {runtime.Version}: {e.Message}", e);
        }

        var misfit = Misfit(session, dimension);
        if (misfit is not null)
        {
            session.Dispose();
            throw new RerankerException($"The re-ranker model {modelPath} does not fit: {misfit}.");
        }

        return new OnnxReranker(session, modelPath, dimension);
    }

    public void Score(RerankBatch batch, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Dimension != _dimension)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The batch's vectors have dimension {batch.Dimension}; the model {Name} was loaded for dimension {_dimension}."),
                nameof(batch));
        }

        batch.RequireScoreSpan(scores.Length);
        if (batch.Count == 0)
        {
            return;
        }

        var length = checked(batch.Count * _columns);
        var features = ArrayPool<float>.Shared.Rent(length);
        try
        {
            RerankFeatures.Write(batch, features.AsSpan(0, length));
            _session.Run([OnnxTensor.Float(features.AsMemory(0, length), batch.Count, _columns)], 0, scores);
        }
        catch (OnnxRuntimeException e)
        {
            scores.Clear();
            throw new RerankerException(
                string.Create(CultureInfo.InvariantCulture, $"The re-ranker model {_modelPath} failed on {batch.Count} candidates: {e.Message}"), e);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(features);
        }

        RejectNonFinite(batch, scores);
    }

    public void Dispose() => _session.Dispose();

    /// <summary>What makes the model unusable for dimension <paramref name="dimension"/>, or null when it fits.</summary>
    private static string? Misfit(OnnxSession session, int dimension)
    {
        var columns = RerankFeatures.FeatureCount(dimension);
        if (session.Inputs.Count != 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it has {session.Inputs.Count} inputs; the re-ranker feeds exactly one, a float matrix [N, {RerankFeatures.Explain(dimension)}]");
        }

        var input = session.Inputs[0];
        if (input.ElementType != OnnxElementType.Float)
        {
            return $"model input '{input.Name}' holds {OnnxTensorInfo.TypeText(input.ElementType)}; the re-ranker feeds float";
        }

        if (input.Shape.Length != 2)
        {
            return $"model input '{input.Name}' has shape {input.ShapeText()}; the re-ranker feeds a matrix [N, {RerankFeatures.Explain(dimension)}]";
        }

        if (!input.IsDynamic(0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"model input '{input.Name}' has a fixed batch of {input.Shape[0]} rows; its first dimension must be chosen per run (a name such as N, or -1), as the number of candidates changes with every request");
        }

        if (input.Shape[1] != columns)
        {
            return string.Create(CultureInfo.InvariantCulture, $"model input '{input.Name}' has {(input.IsDynamic(1) ? "a dynamic number of" : input.Shape[1].ToString(CultureInfo.InvariantCulture))} columns; the re-ranker feeds {RerankFeatures.Explain(dimension)}");
        }

        if (session.Outputs.Count != 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it has {session.Outputs.Count} outputs; the re-ranker reads exactly one, a float score per candidate: [N] or [N, 1]");
        }

        var output = session.Outputs[0];
        if (output.ElementType != OnnxElementType.Float)
        {
            return $"model output '{output.Name}' holds {OnnxTensorInfo.TypeText(output.ElementType)}; the re-ranker reads float scores";
        }

        var oneScorePerRow = output.Shape.Length is 1 or 2 && output.IsDynamic(0) && (output.Shape.Length == 1 || output.Shape[1] == 1);
        return oneScorePerRow
            ? null
            : $"model output '{output.Name}' has shape {output.ShapeText()}; the re-ranker reads one score per candidate: [N] or [N, 1]";
    }

    private void RejectNonFinite(RerankBatch batch, Span<float> scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (!float.IsFinite(scores[i]))
            {
                var value = scores[i];
                scores.Clear();
                throw new RerankerException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The re-ranker model {_modelPath} scored candidate {batch.CandidateIds.Span[i]} (row {i}) as {value}; scores that are not finite numbers are rejected, never used."));
            }
        }
    }
}
