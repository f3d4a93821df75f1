using System.Buffers;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Onnx;

/// <summary>
/// A re-ranker that runs an ONNX model through ONNX Runtime: the model reads the feature matrix
/// [N, 2 x dimension + 3] (<see cref="RerankFeatures"/>) and gives one score per row, [N] or [N, 1].
/// </summary>
/// <remarks>
/// The model's shapes are checked when it loads, so a model trained for another embedding dimension or
/// feature layout fails at startup with a sentence rather than on the first feed request. Scores that are
/// not finite are rejected, never used. Safe for concurrent <see cref="Score"/> calls; dispose it once none
/// is running (the host disposes it after it stopped serving), as ONNX Runtime frees the session at once.
/// </remarks>
internal sealed class OnnxReranker : IReranker, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly string _modelPath;
    private readonly int _dimension;
    private readonly int _columns;

    private OnnxReranker(InferenceSession session, string modelPath, int dimension)
    {
        _session = session;
        _inputNames = [session.InputNames[0]];
        _outputNames = [session.OutputNames[0]];
        _modelPath = modelPath;
        _dimension = dimension;
        _columns = RerankFeatures.FeatureCount(dimension);
        Name = "Onnx:" + Path.GetFileName(modelPath);
    }

    public string Name { get; }

    /// <summary>Loads the model at <paramref name="modelPath"/> on the CPU and checks its shapes against <paramref name="dimension"/>.</summary>
    public static OnnxReranker Load(string modelPath, int dimension, int intraOpThreads = 1)
    {
        using var options = OnnxRuntimeEnvironment.CreateSessionOptions(intraOpThreads, RerankerExecutionProvider.Cpu, out _);
        return Load(modelPath, dimension, options);
    }

    /// <summary>
    /// Loads the model at <paramref name="modelPath"/> with <paramref name="sessionOptions"/> (which the caller
    /// still owns) and checks its shapes against <paramref name="dimension"/>; any failure is a
    /// <see cref="RerankerException"/>, one wrapping ONNX Runtime's exception where the runtime refused the model.
    /// </summary>
    public static OnnxReranker Load(string modelPath, int dimension, SessionOptions sessionOptions)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(sessionOptions);
        byte[] model;
        try
        {
            model = File.ReadAllBytes(modelPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RerankerException($"The re-ranker model {modelPath} cannot be read: {e.Message}", e);
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new RerankerException($"The re-ranker model {modelPath} could not be loaded by ONNX Runtime {OnnxRuntimeEnvironment.Version}: {e.Message}", e);
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

            // The runtime reads the pooled array in place (pinned while the value lives): no copy of the features.
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, features.AsMemory(0, length), [batch.Count, _columns]);
            using var outputs = _session.Run(_runOptions, _inputNames, [input], _outputNames);
            CopyScores(batch, outputs[0], scores);
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

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>What makes the model unusable for dimension <paramref name="dimension"/>, or null when it fits.</summary>
    private static string? Misfit(InferenceSession session, int dimension)
    {
        var columns = RerankFeatures.FeatureCount(dimension);
        if (session.InputNames.Count != 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it has {session.InputNames.Count} inputs; the re-ranker feeds exactly one, a float matrix [N, {RerankFeatures.Explain(dimension)}]");
        }

        var inputName = session.InputNames[0];
        var input = session.InputMetadata[inputName];
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float)
        {
            return $"model input '{inputName}' holds {NodeMetadataText.ElementType(input)}; the re-ranker feeds float";
        }

        if (input.Dimensions.Length != 2)
        {
            return $"model input '{inputName}' has shape {NodeMetadataText.Shape(input)}; the re-ranker feeds a matrix [N, {RerankFeatures.Explain(dimension)}]";
        }

        if (!NodeMetadataText.IsDynamic(input, 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"model input '{inputName}' has a fixed batch of {input.Dimensions[0]} rows; its first dimension must be chosen per run (a name such as N, or -1), as the number of candidates changes with every request");
        }

        if (input.Dimensions[1] != columns)
        {
            return string.Create(CultureInfo.InvariantCulture, $"model input '{inputName}' has {(NodeMetadataText.IsDynamic(input, 1) ? "a dynamic number of" : input.Dimensions[1].ToString(CultureInfo.InvariantCulture))} columns; the re-ranker feeds {RerankFeatures.Explain(dimension)}");
        }

        if (session.OutputNames.Count != 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it has {session.OutputNames.Count} outputs; the re-ranker reads exactly one, a float score per candidate: [N] or [N, 1]");
        }

        var outputName = session.OutputNames[0];
        var output = session.OutputMetadata[outputName];
        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float)
        {
            return $"model output '{outputName}' holds {NodeMetadataText.ElementType(output)}; the re-ranker reads float scores";
        }

        var rank = output.Dimensions.Length;
        var oneScorePerRow = rank is 1 or 2 && NodeMetadataText.IsDynamic(output, 0) && (rank == 1 || output.Dimensions[1] == 1);
        return oneScorePerRow
            ? null
            : $"model output '{outputName}' has shape {NodeMetadataText.Shape(output)}; the re-ranker reads one score per candidate: [N] or [N, 1]";
    }

    /// <summary>
    /// Copies one score per candidate into <paramref name="scores"/>. The shapes were checked at load, but a
    /// model that declared [N] may still give something else at run time; that is refused, never truncated.
    /// </summary>
    private void CopyScores(RerankBatch batch, OrtValue output, Span<float> scores)
    {
        var info = output.GetTensorTypeAndShape();
        if (info.ElementDataType != TensorElementType.Float || info.ElementCount != scores.Length)
        {
            scores.Clear();
            throw new RerankerException(string.Create(
                CultureInfo.InvariantCulture,
                $"The re-ranker model {_modelPath} failed on {batch.Count} candidates: its output holds {NodeMetadataText.ElementType(info.ElementDataType)} of shape [{string.Join(", ", info.Shape)}] ({info.ElementCount} values) where {scores.Length} floats were expected."));
        }

        output.GetTensorDataAsSpan<float>().CopyTo(scores);
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
