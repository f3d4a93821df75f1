using Microsoft.ML.OnnxRuntime;

namespace ShortVideo.Gpu.Tests.Onnx;

/// <summary>Runs a model the way a serving system would: every input by name, the first output read back as floats.</summary>
internal static class ModelRuns
{
    public static OrtValue Int64(long[] values, params long[] shape) => OrtValue.CreateTensorValueFromMemory(values, shape);

    public static OrtValue Float(float[] values, params long[] shape) => OrtValue.CreateTensorValueFromMemory(values, shape);

    /// <summary>Runs <paramref name="session"/> on <paramref name="inputs"/> (in the model's input order, disposed here) and returns its first output.</summary>
    public static float[] FirstOutput(InferenceSession session, params OrtValue[] inputs) => FirstOutput(session, out _, inputs);

    /// <inheritdoc cref="FirstOutput(InferenceSession, OrtValue[])"/>
    public static float[] FirstOutput(InferenceSession session, out long[] shape, params OrtValue[] inputs)
    {
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, session.InputNames, inputs, [session.OutputNames[0]]);
            shape = outputs[0].GetTensorTypeAndShape().Shape;
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    /// <summary>The value of <paramref name="key"/> in the model's metadata_props, or null.</summary>
    public static string? Metadata(InferenceSession session, string key) =>
        session.ModelMetadata.CustomMetadataMap.TryGetValue(key, out var value) ? value : null;
}
